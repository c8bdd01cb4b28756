import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/not-statically-stable';

function file(minHealthy: number, counts: number[]): Record<string, string> {
  const zones = ['a', 'b', 'c'];
  return {
    'deploy-topology.yml': [
      'version: 1',
      'services:',
      '  - name: checkout',
      `    min-healthy: ${minHealthy}`,
      '    placements:',
      ...counts.map((n, i) => `      - { zone: us-east-1${zones[i]}, count: ${n} }`),
    ].join('\n'),
  };
}

describe(RULE, () => {
  it('fires for 3+1 with min-healthy 2 and gives the smallest stable layout', async () => {
    const [finding] = await findingsOf(RULE, file(2, [3, 1]));
    expect(finding.message).toContain('Losing us-east-1a removes 3 of the 4 replicas');
    expect(finding.message).toContain('1 replica remains, and min-healthy is 2');
    expect(finding.message).toContain('3 (1+1+1) over 3 AZs of us-east-1');
  });

  it('asks for 2 per zone when min-healthy 3 is spread over three zones', async () => {
    const [finding] = await findingsOf(RULE, file(3, [1, 1, 1]));
    expect(finding.message).toContain('6 (2+2+2) over 3 AZs of us-east-1');
  });

  it('stays quiet for 2+2+2 over three AZs with min-healthy 2', async () => {
    expect(await findingsOf(RULE, file(2, [2, 2, 2]))).toEqual([]);
  });

  it('stays quiet for one zone without min-healthy (single-az covers it)', async () => {
    expect(
      await findingsOf(RULE, {
        'deploy-topology.yml':
          'version: 1\nservices:\n  - name: api\n    placements:\n      - { zone: eu-west-1a, count: 3 }\n',
      }),
    ).toEqual([]);
  });
});
