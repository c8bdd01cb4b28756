import type { Rule } from '../../../engine/rule';
import { formatNumber, type TopologyModel } from '../model';
import { serviceLabel, zoneBreakdown } from '../describe';

export const unevenSpread: Rule<TopologyModel> = {
  id: 'topology/uneven-spread',
  severity: 'notice',
  title: 'Replicas spread unevenly over AZs',
  help:
    'With replicas per zone differing by more than one, the fullest zone takes a larger share of the ' +
    'capacity down when it fails, and zonal load balancing sends each zone an equal share of traffic ' +
    'whatever it holds. Balance the counts so they differ by at most one.',
  example: {
    file: 'deploy-topology.yml',
    bad: [
      'version: 1',
      'services:',
      '  - name: search',
      '    placements:',
      '      - { zone: eu-west-1a, count: 4 }',
      '      - { zone: eu-west-1b, count: 2 }',
      '      - { zone: eu-west-1c, count: 2 }',
      '',
    ].join('\n'),
    good: [
      'version: 1',
      'services:',
      '  - name: search',
      '    placements:',
      '      - { zone: eu-west-1a, count: 3 }',
      '      - { zone: eu-west-1b, count: 3 }',
      '      - { zone: eu-west-1c, count: 2 }',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const analysis of model.analyses) {
      const { service } = analysis;
      if (!service.spreadRulesApply || analysis.perZone.size < 2) continue;
      const counts = [...analysis.perZone.values()];
      const most = Math.max(...counts);
      const fewest = Math.min(...counts);
      if (most - fewest <= 1) continue;
      report({
        file: service.file,
        line: service.line,
        subject: service.name,
        message: `${serviceLabel(service)} has ${zoneBreakdown(analysis, analysis.perZone)}: the zones differ by ${formatNumber(most - fewest)} (more than 1). Balance them so no zone holds more than one extra.`,
      });
    }
  },
};
