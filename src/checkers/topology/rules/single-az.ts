import type { Rule } from '../../../engine/rule';
import { count, formatNumber, type ServiceAnalysis, type TopologyModel } from '../model';
import { recommendationText, serviceLabel, unitNoun, zoneBreakdown, zoneLabel } from '../describe';

export const singleAz: Rule<TopologyModel> = {
  id: 'topology/single-az',
  severity: 'warning',
  title: 'All replicas in one Availability Zone',
  help:
    'An Availability Zone fails as a unit (power, network, a bad deployment of the zone), so replicas ' +
    'that share one zone go down together and the service is never more available than that zone. ' +
    'Behind a regional load balancer only the replicas in its region count: the others take none of ' +
    'its traffic. Spread the replicas over at least two, better three, AZs of the serving region. ' +
    'An error for services marked `tier: prod`.',
  example: {
    file: 'deploy-topology.yml',
    bad: [
      'version: 1',
      'services:',
      '  - name: checkout',
      '    load-balancer: regional',
      '    placements:',
      '      - { zone: eu-west-1a, count: 3 }',
      '',
    ].join('\n'),
    good: [
      'version: 1',
      'services:',
      '  - name: checkout',
      '    load-balancer: regional',
      '    placements:',
      '      - { zone: eu-west-1a, count: 1 }',
      '      - { zone: eu-west-1b, count: 1 }',
      '      - { zone: eu-west-1c, count: 1 }',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const analysis of model.analyses) {
      const { service } = analysis;
      if (!service.spreadRulesApply || analysis.serving.size !== 1 || analysis.servingTotal <= 1) continue;
      const [zoneKey] = analysis.serving.keys();
      const zone = zoneLabel(analysis, zoneKey);
      report({
        file: service.file,
        line: service.line,
        subject: `${service.name}`,
        severity: service.tier === 'prod' ? 'error' : undefined,
        message: `${message(analysis, zone)} An outage of ${zone} takes ${serviceLabel(service)} down; spread it: ${recommendationText(analysis)}.`,
      });
    }
  },
};

function message(analysis: ServiceAnalysis, zone: string): string {
  const { service } = analysis;
  const noun = unitNoun(analysis);
  const serving = count(analysis.servingTotal, noun);
  if (analysis.trafficRegion && analysis.serving.size < analysis.perZone.size) {
    const elsewhere = new Map([...analysis.perZone].filter(([key]) => !analysis.serving.has(key)));
    const rest = [...elsewhere.values()].reduce((s, n) => s + n, 0);
    return (
      `All ${serving} of ${serviceLabel(service)} that its regional load balancer in ${analysis.trafficRegion} reaches run in ${zone}; ` +
      `the other ${formatNumber(rest)} (${zoneBreakdown(analysis, elsewhere)}) sit in another region and take none of its traffic.`
    );
  }
  return `All ${serving} of ${serviceLabel(service)} run in one Availability Zone, ${zone}.`;
}
