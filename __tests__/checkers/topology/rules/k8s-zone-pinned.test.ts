import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/k8s-zone-pinned';

const deployment = (podSpec: string[]) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  replicas: 3',
    '  template:',
    '    spec:',
    ...podSpec.map((l) => `      ${l}`),
    '      containers: [{ name: web, image: "nginx:1.27" }]',
  ].join('\n');

describe(RULE, () => {
  it('fires for a nodeSelector on the zone label, at the value', async () => {
    const [finding] = await findingsOf(RULE, {
      'k8s/web.yaml': deployment(['nodeSelector:', '  topology.kubernetes.io/zone: eu-west-1a']),
    });
    expect(finding.line).toBe(10);
    expect(finding.message).toContain('Deployment web (3 replicas) is pinned to eu-west-1a by nodeSelector');
  });

  it('fires for required node affinity with one zone (deprecated label too)', async () => {
    const [finding] = await findingsOf(RULE, {
      'k8s/web.yaml': deployment([
        'affinity:',
        '  nodeAffinity:',
        '    requiredDuringSchedulingIgnoredDuringExecution:',
        '      nodeSelectorTerms:',
        '        - matchExpressions:',
        '            - key: failure-domain.beta.kubernetes.io/zone',
        '              operator: In',
        '              values: [us-east-1b]',
      ]),
    });
    expect(finding.message).toContain('pinned to us-east-1b by required node affinity');
  });

  it('stays quiet for affinity allowing several zones and for spread constraints', async () => {
    expect(
      await findingsOf(RULE, {
        'k8s/web.yaml': deployment([
          'affinity:',
          '  nodeAffinity:',
          '    requiredDuringSchedulingIgnoredDuringExecution:',
          '      nodeSelectorTerms:',
          '        - matchExpressions:',
          '            - key: topology.kubernetes.io/zone',
          '              operator: In',
          '              values: [us-east-1a, us-east-1b]',
        ]),
      }),
    ).toEqual([]);
    expect(
      await findingsOf(RULE, {
        'k8s/web.yaml': deployment([
          'topologySpreadConstraints:',
          '  - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule }',
        ]),
      }),
    ).toEqual([]);
  });
});
