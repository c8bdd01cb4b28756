import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/cross-region-split';

describe(RULE, () => {
  it('fires for a service across regions behind a regional load balancer', async () => {
    const [finding] = await findingsOf(RULE, {
      'deploy-topology.yml':
        'version: 1\nservices:\n  - name: s\n    load-balancer: regional\n    placements:\n      - { zone: us-east-1a, count: 3 }\n      - { zone: us-west-1a, count: 1 }\n',
    });
    expect(finding.message).toContain(
      'spans us-east-1 and us-west-1 behind a regional load balancer in us-east-1',
    );
    expect(finding.message).toContain('1 of 4 (1 in us-west-1a) take none of its traffic');
  });

  it('honours an explicit load-balancer-region', async () => {
    const [finding] = await findingsOf(RULE, {
      'deploy-topology.yml':
        'version: 1\nservices:\n  - name: s\n    load-balancer: regional\n    load-balancer-region: us-west-1\n    placements:\n      - { zone: us-east-1a, count: 3 }\n      - { zone: us-west-1a, count: 1 }\n',
    });
    expect(finding.message).toContain('regional load balancer in us-west-1: 3 of 4 (3 in us-east-1a)');
  });

  it('stays quiet behind a global load balancer and within one region', async () => {
    expect(
      await findingsOf(RULE, {
        'deploy-topology.yml':
          'version: 1\nservices:\n  - name: s\n    load-balancer: global\n    placements:\n      - { zone: us-east-1a, count: 2 }\n      - { zone: eu-west-1a, count: 2 }\n',
      }),
    ).toEqual([]);
    expect(
      await findingsOf(RULE, {
        'deploy-topology.yml':
          'version: 1\nservices:\n  - name: s\n    load-balancer: regional\n    placements:\n      - { zone: us-east-1a, count: 2 }\n      - { zone: us-east-1b, count: 2 }\n',
      }),
    ).toEqual([]);
  });
});
