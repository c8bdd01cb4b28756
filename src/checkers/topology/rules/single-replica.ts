import type { Rule } from '../../../engine/rule';
import type { TopologyModel } from '../model';
import { availabilityText, serviceLabel, zoneLabel } from '../describe';

export const singleReplica: Rule<TopologyModel> = {
  id: 'topology/single-replica',
  severity: 'warning',
  title: 'Service with one instance',
  help:
    'One instance is down whenever it is replaced, patched or its host fails, and with it the ' +
    'service: its availability is at best the instance’s own. Run at least two, in different ' +
    'Availability Zones.',
  example: {
    file: 'deploy-topology.yml',
    bad: [
      'version: 1',
      'services:',
      '  - name: billing',
      '    placements:',
      '      - { zone: eu-central-1a, count: 1 }',
      '',
    ].join('\n'),
    good: [
      'version: 1',
      'services:',
      '  - name: billing',
      '    placements:',
      '      - { zone: eu-central-1a, count: 1 }',
      '      - { zone: eu-central-1b, count: 1 }',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const analysis of model.analyses) {
      const { service } = analysis;
      const instances = service.placements.reduce((s, p) => s + p.count, 0);
      if (!service.singleReplicaMatters || instances !== 1) continue;
      const [zone] = analysis.perZone.keys();
      report({
        file: service.file,
        line: service.line,
        subject: service.name,
        message: `${serviceLabel(service)} runs 1 instance (in ${zoneLabel(analysis, zone)}): every replacement, patch or host failure takes it down, at best ${availabilityText({ up: service.replicaAvailability, down: 1 - service.replicaAvailability })} available. Run at least 2, in different AZs.`,
      });
    }
  },
};
