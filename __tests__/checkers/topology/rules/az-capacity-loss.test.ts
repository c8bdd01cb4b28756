import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/az-capacity-loss';

describe(RULE, () => {
  it('names the worst AZ and the share: us-east-1a, 75% (3 of 4)', async () => {
    const [finding] = await findingsOf(RULE, {
      'deploy-topology.yml': [
        'version: 1',
        'services:',
        '  - name: seed',
        '    placements:',
        '      - { zone: us-west-1a, count: 1 }',
        '      - { zone: us-east-1a, count: 3 }',
      ].join('\n'),
    });
    expect(finding.message).toContain('Losing us-east-1a removes 75% of service `seed` (3 of 4 replicas)');
  });

  it('weights replicas by capacity', async () => {
    const [finding] = await findingsOf(RULE, {
      'deploy-topology.yml': [
        'version: 1',
        'services:',
        '  - name: db',
        '    placements:',
        '      - { zone: eu-west-1a, count: 1, capacity: 4 }',
        '      - { zone: eu-west-1b, count: 2, capacity: 1 }',
      ].join('\n'),
    });
    expect(finding.message).toContain('removes 66.67% of service `db` (4 of 6 capacity units)');
  });

  it('stays quiet at exactly half (2+2) and for 2+1+1', async () => {
    for (const counts of [
      [2, 2],
      [2, 1, 1],
    ]) {
      const zones = ['a', 'b', 'c'];
      const findings = await findingsOf(RULE, {
        'deploy-topology.yml': [
          'version: 1',
          'services:',
          '  - name: api',
          '    placements:',
          ...counts.map((n, i) => `      - { zone: eu-west-1${zones[i]}, count: ${n} }`),
        ].join('\n'),
      });
      expect(findings).toEqual([]);
    }
  });
});
