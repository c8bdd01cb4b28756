import type { Rule } from '../../../engine/rule';
import { count, formatNumber, type TopologyModel } from '../model';
import { recommendationText, serviceLabel, unitNoun, zoneLabel } from '../describe';

export const notStaticallyStable: Rule<TopologyModel> = {
  id: 'topology/not-statically-stable',
  severity: 'warning',
  title: 'Losing one AZ leaves fewer replicas than the service needs',
  help:
    'A statically stable service carries its load after losing any one Availability Zone without ' +
    'launching anything: during a zone outage the control planes that would scale it up are the ' +
    'busiest and least reliable. That needs the replicas outside the largest zone to number at least ' +
    '`min-healthy` (behind a regional load balancer, only those in its region count). The smallest ' +
    'such fleet over Z zones has ceil(min-healthy / (Z - 1)) replicas in each.',
  example: {
    file: 'deploy-topology.yml',
    bad: [
      'version: 1',
      'services:',
      '  - name: checkout',
      '    min-healthy: 2',
      '    placements:',
      '      - { zone: us-east-1a, count: 2 }',
      '      - { zone: us-east-1b, count: 1 }',
      '',
    ].join('\n'),
    good: [
      'version: 1',
      'services:',
      '  - name: checkout',
      '    min-healthy: 2',
      '    placements:',
      '      - { zone: us-east-1a, count: 1 }',
      '      - { zone: us-east-1b, count: 1 }',
      '      - { zone: us-east-1c, count: 1 }',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const analysis of model.analyses) {
      const { service, servingLoss } = analysis;
      if (!service.spreadRulesApply || !servingLoss || analysis.staticallyStable) continue;
      // One zone in all, with nobody saying how many must be up: single-az says it already.
      const explicit = service.minHealthy !== undefined;
      const splitByRegion = analysis.serving.size < analysis.perZone.size;
      if (!explicit && !splitByRegion && analysis.serving.size < 2) continue;
      const noun = unitNoun(analysis);
      const worst = zoneLabel(analysis, servingLoss.zone);
      const scope = analysis.trafficRegion
        ? ` in ${analysis.trafficRegion}, where its regional load balancer sends traffic`
        : '';
      const remaining =
        servingLoss.remaining === 0
          ? `no ${noun} remains that can take its traffic`
          : `${count(servingLoss.remaining, noun)} remain${servingLoss.remaining === 1 ? 's' : ''}`;
      report({
        file: service.file,
        line: service.line,
        subject: service.name,
        message:
          `Losing ${worst} removes ${formatNumber(servingLoss.lost)} of the ${formatNumber(servingLoss.total)} ${noun}s of ${serviceLabel(service)}${scope}: ` +
          `${remaining}, and min-healthy is ${analysis.k}${explicit ? '' : ' (the default)'}, so it is not statically stable. ` +
          `Smallest stable layout: ${recommendationText(analysis)}.`,
      });
    }
  },
};
