import { describe, expect, it } from 'vitest';
import { findingsOf, runTopology } from '../helpers';

const RULE = 'topology/invalid-file';

async function problem(text: string) {
  const findings = await findingsOf(RULE, { 'deploy-topology.yml': text });
  expect(findings).toHaveLength(1);
  return findings[0];
}

describe(RULE, () => {
  it('a wrong type, with the line', async () => {
    const f = await problem(
      'version: 1\nservices:\n  - name: s\n    placements:\n      - { zone: us-east-1a, count: three }\n',
    );
    expect(f.line).toBe(5);
    expect(f.message).toContain('services[0].placements[0].count must be a whole number, not "three"');
  });

  it('an unknown key, with the allowed ones', async () => {
    const f = await problem('version: 1\nservices:\n  - name: s\n    replicas: 3\n    placements: []\n');
    expect(f.line).toBe(4);
    expect(f.message).toContain(
      'services[0].replicas is not a known setting; allowed: name, slo, min-healthy',
    );
  });

  it('a negative count', async () => {
    const f = await problem(
      'version: 1\nservices:\n  - name: s\n    placements:\n      - { zone: us-east-1a, count: -2 }\n',
    );
    expect(f.message).toContain('count must be a number at least 0, not -2');
  });

  it('an SLO above 1', async () => {
    const f = await problem('version: 1\nservices:\n  - name: s\n    slo: 99.9\n    placements: []\n');
    expect(f.line).toBe(4);
    expect(f.message).toContain('slo must be a number greater than 0 and at most 1, not 99.9');
  });

  it('a load balancer scope outside the allowed values, and YAML that does not parse', async () => {
    const f = await problem(
      'version: 1\nservices:\n  - name: s\n    load-balancer: zonal\n    placements: []\n',
    );
    expect(f.message).toContain('must be one of regional, global, none, not "zonal"');
    const broken = await problem('version: 1\nservices:\n  - name: "s\n');
    expect(broken.message).toContain('not valid YAML');
  });

  it('leaves the broken file’s services out, and does not hide other files', async () => {
    const findings = await runTopology({
      'deploy-topology.yml':
        'version: 1\nservices:\n  - name: s\n    slo: 2\n    placements:\n      - { zone: us-east-1a, count: 3 }\n',
      'other.topology.yaml':
        'version: 1\nservices:\n  - name: t\n    placements:\n      - { zone: us-east-1a, count: 3 }\n',
    });
    expect(findings.map((f) => `${f.ruleId} ${f.file}`).sort()).toEqual([
      'topology/invalid-file deploy-topology.yml',
      'topology/single-az other.topology.yaml',
    ]);
  });

  it('stays quiet for a valid file with every key', async () => {
    expect(
      await findingsOf(RULE, {
        'deploy-topology.yml': [
          'version: 1',
          'defaults: { replica-availability: 0.99, zone-availability: 0.9995, load-balancer-availability: 0.9999 }',
          'services:',
          '  - name: s',
          '    slo: 0.999',
          '    min-healthy: 2',
          '    load-balancer: regional',
          '    load-balancer-region: eu-west-1',
          '    tier: prod',
          '    replica-availability: 0.98',
          '    zone-availability: 0.999',
          '    placements:',
          '      - { zone: eu-west-1a, count: 2, capacity: 1.5, region: eu-west-1 }',
        ].join('\n'),
      }),
    ).toEqual([]);
  });
});
