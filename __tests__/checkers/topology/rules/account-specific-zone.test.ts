import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/account-specific-zone';

describe(RULE, () => {
  it('fires for us-west-1 letters and ap-northeast-1b', async () => {
    const findings = await findingsOf(RULE, {
      'deploy-topology.yml':
        'version: 1\nservices:\n  - name: s\n    placements:\n      - { zone: us-west-1a, count: 1 }\n      - { zone: ap-northeast-1b, count: 1 }\n',
    });
    expect(findings.map((f) => f.line)).toEqual([5, 6]);
    expect(findings[0].message).toContain('each account sees only 2 of them');
    expect(findings[1].message).toContain('ap-northeast-1b exists only in older accounts');
  });

  it('stays quiet for the lettered zones of an old region and for AZ ids', async () => {
    const findings = await findingsOf(RULE, {
      'deploy-topology.yml':
        'version: 1\nservices:\n  - name: s\n    placements:\n      - { zone: us-east-1a, count: 1 }\n      - { zone: ap-northeast-1c, count: 1 }\n      - { zone: usw1-az1, count: 1 }\n',
    });
    expect(findings).toEqual([]);
  });
});
