import type { Rule } from '../../../engine/rule';
import { meets } from '../availability';
import { layoutText, type ServiceAnalysis, type TopologyModel } from '../model';
import { availabilityText, serviceLabel, zoneBreakdown } from '../describe';

export const sloUnreachable: Rule<TopologyModel> = {
  id: 'topology/slo-unreachable',
  severity: 'warning',
  title: 'Layout cannot meet the service’s SLO',
  help:
    'The availability of the layout is computed, not guessed: each replica is up with probability p ' +
    '(`replica-availability`), each zone with a (`zone-availability`), at least `min-healthy` ' +
    'replicas must be up, and a load balancer in front multiplies in its own availability. When the ' +
    'result is below `slo`, the target is a wish: add replicas or zones as the message says, or lower ' +
    'the target to what the layout gives.',
  example: {
    file: 'deploy-topology.yml',
    bad: [
      'version: 1',
      'services:',
      '  - name: checkout',
      '    slo: 0.999',
      '    placements:',
      '      - { zone: us-east-1a, count: 1 }',
      '      - { zone: us-east-1b, count: 1 }',
      '',
    ].join('\n'),
    good: [
      'version: 1',
      'services:',
      '  - name: checkout',
      '    slo: 0.999',
      '    placements:',
      '      - { zone: us-east-1a, count: 1 }',
      '      - { zone: us-east-1b, count: 1 }',
      '      - { zone: us-east-1c, count: 1 }',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const analysis of model.analyses) {
      const { service } = analysis;
      if (service.slo === undefined || meets(analysis.systemAvailability, service.slo)) continue;
      report({
        file: service.file,
        line: service.line,
        subject: service.name,
        message: `${computation(analysis)} That is below the SLO of ${availabilityText({ up: service.slo, down: 1 - service.slo })}. ${remedy(analysis)}`,
      });
    }
  },
};

/** `p = 0.95, a = 0.999, k = 1; 3 in us-east-1a: 99.9%; with the load balancer (99.99%): 99.89%.` */
export function computation(analysis: ServiceAnalysis): string {
  const { service } = analysis;
  const layout = analysis.serving.size ? zoneBreakdown(analysis, analysis.serving) : 'no replica';
  const lb =
    service.loadBalancer && service.loadBalancer !== 'none'
      ? `; with the load balancer (${availabilityText({ up: service.loadBalancerAvailability, down: 1 - service.loadBalancerAvailability })}) in series: ${availabilityText(analysis.systemAvailability)}`
      : '';
  const region = analysis.trafficRegion ? ` that its load balancer in ${analysis.trafficRegion} reaches` : '';
  return (
    `${serviceLabel(service)} with p = ${service.replicaAvailability} per replica, a = ${service.zoneAvailability} per zone and ${analysis.k} needed, ` +
    `replicas${region}: ${layout}: ${availabilityText(analysis.serviceAvailability)}${lb}.`
  );
}

function remedy(analysis: ServiceAnalysis): string {
  const r = analysis.recommended;
  const where = r.region ? ` of ${r.region}` : '';
  const layout = layoutText(new Array<number>(r.zones).fill(r.perZone));
  if (r.meetsSlo) return `${layout} over ${r.zones} AZs${where} gives ${availabilityText(r.availability)}.`;
  return `Even ${layout} over ${r.zones} AZs${where} gives only ${availabilityText(r.availability)}: the zones and the load balancer cap it, so the SLO needs another region behind global routing, or a lower target.`;
}
