import type { Rule } from '../../../engine/rule';
import type { TopologyModel } from '../model';

export const invalidFile: Rule<TopologyModel> = {
  id: 'topology/invalid-file',
  severity: 'error',
  title: 'Topology file does not parse or breaks its schema',
  help:
    'A topology file that does not match its schema says nothing reliable about where the service ' +
    'runs, so none of it is used and every availability figure for its services is missing. Fix the ' +
    'key or value named in the message: `version: 1`, `services` with `name` and `placements` ' +
    '(`zone`, `count` >= 0, optional `region` and `capacity`), probabilities between 0 and 1, ' +
    '`load-balancer` one of regional, global, none.',
  example: {
    file: 'deploy-topology.yml',
    bad: [
      'version: 1',
      'services:',
      '  - name: checkout',
      '    slo: 1.5',
      '    placements:',
      '      - { zone: us-east-1a, count: 2 }',
      '',
    ].join('\n'),
    good: [
      'version: 1',
      'services:',
      '  - name: checkout',
      '    slo: 0.995',
      '    placements:',
      '      - { zone: us-east-1a, count: 2 }',
      '      - { zone: us-east-1b, count: 2 }',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const invalid of model.invalidFiles) {
      report({
        file: invalid.file,
        line: invalid.line,
        column: invalid.column,
        subject: invalid.message,
        message: `${invalid.file}: ${invalid.message} The file's services are left out until it is fixed.`,
      });
    }
  },
};
