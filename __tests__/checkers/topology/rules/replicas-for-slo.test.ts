import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/replicas-for-slo';

function service(minHealthy: number, zones: string[]): Record<string, string> {
  return {
    'deploy-topology.yml': [
      'version: 1',
      'defaults:',
      '  replica-availability: 0.95',
      'services:',
      '  - name: s',
      '    slo: 0.99',
      `    min-healthy: ${minHealthy}`,
      '    placements:',
      ...zones.map((z) => `      - { zone: ${z}, count: 1 }`),
    ].join('\n'),
  };
}

describe(RULE, () => {
  it('section 7 of the review: one replica at 95% misses 99%; 2 are needed (99.75%)', async () => {
    const [finding] = await findingsOf(RULE, service(1, ['us-east-1a']));
    expect(finding.message).toContain('needs 2 replicas for 99% at p = 0.95 with 1 needed');
    expect(finding.message).toContain('ceil(ln(1 - 0.99) / ln(1 - 0.95)) = 2; 2 give 99.75%');
  });

  it('with min-healthy 2, two replicas miss it and 3 are needed (99.275%)', async () => {
    const [finding] = await findingsOf(RULE, service(2, ['us-east-1a', 'us-east-1b']));
    expect(finding.message).toContain('needs 3 replicas for 99%');
    expect(finding.message).toContain('3 give 99.275%');
    expect(finding.message).toContain('has 2, which give 90.25%');
  });

  it('stays quiet at 2 replicas with one needed and at 3 with two needed', async () => {
    expect(await findingsOf(RULE, service(1, ['us-east-1a', 'us-east-1b']))).toEqual([]);
    expect(await findingsOf(RULE, service(2, ['us-east-1a', 'us-east-1b', 'us-east-1c']))).toEqual([]);
  });
});
