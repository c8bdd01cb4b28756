import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/slo-unreachable';

describe(RULE, () => {
  it('fires with the computation and a layout that meets the SLO', async () => {
    const [finding] = await findingsOf(RULE, {
      'deploy-topology.yml': [
        'version: 1',
        'services:',
        '  - name: s',
        '    slo: 0.9999',
        '    min-healthy: 2',
        '    placements:',
        '      - { zone: eu-west-1a, count: 2 }',
        '      - { zone: eu-west-1b, count: 1 }',
      ].join('\n'),
    });
    expect(finding.message).toContain('p = 0.95 per replica, a = 0.999 per zone and 2 needed');
    expect(finding.message).toContain('below the SLO of 99.99%');
    expect(finding.message).toMatch(/over 3 AZs of eu-west-1 gives 99\.99\d*%/);
  });

  it('says when zones and the load balancer cap the result', async () => {
    const [finding] = await findingsOf(RULE, {
      'deploy-topology.yml': [
        'version: 1',
        'defaults:',
        '  load-balancer-availability: 0.999',
        'services:',
        '  - name: s',
        '    slo: 0.9999',
        '    load-balancer: regional',
        '    placements:',
        '      - { zone: eu-west-1a, count: 2 }',
        '      - { zone: eu-west-1b, count: 2 }',
      ].join('\n'),
    });
    expect(finding.message).toContain('the zones and the load balancer cap it');
  });

  it('stays quiet for 2+2+2 over three AZs with min-healthy 2 and a 99.9% SLO', async () => {
    expect(
      await findingsOf(RULE, {
        'deploy-topology.yml': [
          'version: 1',
          'services:',
          '  - name: s',
          '    slo: 0.999',
          '    min-healthy: 2',
          '    load-balancer: regional',
          '    placements:',
          '      - { zone: eu-west-1a, count: 2 }',
          '      - { zone: eu-west-1b, count: 2 }',
          '      - { zone: eu-west-1c, count: 2 }',
        ].join('\n'),
      }),
    ).toEqual([]);
  });
});
