import type { Rule } from '../../../engine/rule';
import { formatNumber, type TopologyModel } from '../model';
import { percent } from '../availability';
import { recommendationText, serviceLabel, unitNoun, zoneLabel } from '../describe';

export const azCapacityLoss: Rule<TopologyModel> = {
  id: 'topology/az-capacity-loss',
  severity: 'warning',
  title: 'Losing the largest AZ removes more than half the capacity',
  help:
    'When most replicas share one Availability Zone, its outage leaves the rest to carry the whole ' +
    'load: they overload and fail in turn unless they were sized for it. Losing a zone should cost at ' +
    'most 1/Z of the capacity: spread the replicas evenly over the zones (the message gives the ' +
    'smallest even layout).',
  example: {
    file: 'deploy-topology.yml',
    bad: [
      'version: 1',
      'services:',
      '  - name: checkout',
      '    placements:',
      '      - { zone: us-east-1a, count: 3 }',
      '      - { zone: us-east-1b, count: 1 }',
      '',
    ].join('\n'),
    good: [
      'version: 1',
      'services:',
      '  - name: checkout',
      '    placements:',
      '      - { zone: us-east-1a, count: 2 }',
      '      - { zone: us-east-1b, count: 1 }',
      '      - { zone: us-east-1c, count: 1 }',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const analysis of model.analyses) {
      const { service, loss } = analysis;
      if (!service.spreadRulesApply || !loss || analysis.perZone.size < 2 || loss.fractionLost <= 0.5)
        continue;
      const noun = unitNoun(analysis);
      report({
        file: service.file,
        line: service.line,
        subject: service.name,
        message:
          `Losing ${zoneLabel(analysis, loss.zone)} removes ${percent(loss.fractionLost)} of ${serviceLabel(service)} ` +
          `(${formatNumber(loss.lost)} of ${formatNumber(loss.total)} ${noun}s); ${formatNumber(loss.remaining)} would carry the whole load. ` +
          `An even spread loses at most 1/Z: ${recommendationText(analysis)}.`,
      });
    }
  },
};
