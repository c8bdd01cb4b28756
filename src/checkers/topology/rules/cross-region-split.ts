import type { Rule } from '../../../engine/rule';
import { formatNumber, type TopologyModel } from '../model';
import { serviceLabel, zoneBreakdown } from '../describe';

export const crossRegionSplit: Rule<TopologyModel> = {
  id: 'topology/cross-region-split',
  severity: 'warning',
  title: 'One service split across regions behind a regional load balancer',
  help:
    'A regional load balancer sends traffic only to targets in its own region: replicas in another ' +
    'region take none of it, yet add cross-region latency and data-transfer cost to anything they ' +
    'call. Spread the replicas over the AZs of one region; to survive a region outage, run a full ' +
    'separate stack in the second region behind global routing (Route 53 failover or latency records, ' +
    'Global Accelerator).',
  example: {
    file: 'deploy-topology.yml',
    bad: [
      'version: 1',
      'services:',
      '  - name: checkout',
      '    load-balancer: regional',
      '    placements:',
      '      - { zone: us-east-1a, count: 2 }',
      '      - { zone: us-east-1b, count: 2 }',
      '      - { zone: us-east-2a, count: 1 }',
      '',
    ].join('\n'),
    good: [
      'version: 1',
      'services:',
      '  - name: checkout',
      '    load-balancer: regional',
      '    placements:',
      '      - { zone: us-east-1a, count: 2 }',
      '      - { zone: us-east-1b, count: 2 }',
      '      - { zone: us-east-1c, count: 1 }',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const analysis of model.analyses) {
      const { service } = analysis;
      if (service.loadBalancer !== 'regional' || analysis.regions.length < 2) continue;
      const outside = new Map(
        [...analysis.perZone].filter(([key]) => analysis.zones.get(key)?.region !== analysis.trafficRegion),
      );
      const stranded = [...outside.values()].reduce((s, n) => s + n, 0);
      report({
        file: service.file,
        line: service.line,
        subject: service.name,
        message:
          `${serviceLabel(service)} spans ${analysis.regions.join(' and ')} behind a regional load balancer in ${analysis.trafficRegion}: ` +
          `${formatNumber(stranded)} of ${formatNumber(analysis.total)} (${zoneBreakdown(analysis, outside)}) take none of its traffic and add cross-region latency and transfer cost. ` +
          `Spread over AZs of ${analysis.trafficRegion}; for another region, deploy a separate stack behind global routing.`,
      });
    }
  },
};
