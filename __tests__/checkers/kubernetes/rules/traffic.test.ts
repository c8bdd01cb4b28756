import { describe, expect, it } from 'vitest';
import { findingsOf, lineWith, service, workload } from '../helpers';

const HOSTNAME_SPREAD = (skew: number, when: string, app = 'web') => [
  '      topologySpreadConstraints:',
  `        - maxSkew: ${skew}`,
  '          topologyKey: kubernetes.io/hostname',
  `          whenUnsatisfiable: ${when}`,
  '          labelSelector:',
  '            matchLabels:',
  `              app: ${app}`,
];
const ZONE_SPREAD = HOSTNAME_SPREAD(1, 'ScheduleAnyway').map((l) =>
  l.replace('kubernetes.io/hostname', 'topology.kubernetes.io/zone'),
);
const REQUIRED_ANTI = (app = 'web', key = 'kubernetes.io/hostname') => [
  '      affinity:',
  '        podAntiAffinity:',
  '          requiredDuringSchedulingIgnoredDuringExecution:',
  `            - topologyKey: ${key}`,
  '              labelSelector:',
  '                matchLabels:',
  `                  app: ${app}`,
];
const LOCAL_LB = service({ spec: ['  type: LoadBalancer', '  externalTrafficPolicy: Local'] });

describe('k8s/no-node-spreading', () => {
  it('fires for replicas without hostname spreading', async () => {
    expect(await findingsOf('k8s/no-node-spreading', workload({ replicas: 3 }))).toHaveLength(1);
  });
  it('is quiet with a hostname anti-affinity on its own pods (preferred counts too)', async () => {
    expect(
      await findingsOf('k8s/no-node-spreading', workload({ replicas: 3, pod: REQUIRED_ANTI() })),
    ).toEqual([]);
    const preferred = [
      '      affinity:',
      '        podAntiAffinity:',
      '          preferredDuringSchedulingIgnoredDuringExecution:',
      '            - weight: 100',
      '              podAffinityTerm:',
      '                topologyKey: kubernetes.io/hostname',
      '                labelSelector:',
      '                  matchExpressions:',
      '                    - {key: app, operator: In, values: [web]}',
    ];
    expect(await findingsOf('k8s/no-node-spreading', workload({ replicas: 3, pod: preferred }))).toEqual([]);
  });
  it('is quiet with a required zone anti-affinity (one pod per zone is one per node), not a preferred one', async () => {
    const zone = 'topology.kubernetes.io/zone';
    expect(
      await findingsOf('k8s/no-node-spreading', workload({ replicas: 3, pod: REQUIRED_ANTI('web', zone) })),
    ).toEqual([]);
    expect(
      await findingsOf('k8s/no-node-spreading', workload({ replicas: 3, pod: REQUIRED_ANTI('other', zone) })),
    ).toHaveLength(1);
  });
});

describe('k8s/no-zone-spreading', () => {
  it('is a notice for replicas without zone spreading', async () => {
    const [f] = await findingsOf('k8s/no-zone-spreading', workload({ replicas: 3 }));
    expect(f.severity ?? 'notice').toBe('notice');
  });
  it('is quiet with a zone constraint', async () => {
    expect(await findingsOf('k8s/no-zone-spreading', workload({ replicas: 3, pod: ZONE_SPREAD }))).toEqual(
      [],
    );
  });
  it("is a warning when the repository's topology places services in several zones", async () => {
    const topology = [
      'version: 1',
      'services:',
      '  - name: web',
      '    placements:',
      '      - { zone: eu-west-1a, count: 2 }',
      '      - { zone: eu-west-1b, count: 2 }',
      '',
    ].join('\n');
    const [f] = await findingsOf('k8s/no-zone-spreading', {
      'deploy.yaml': workload({ replicas: 3 }),
      'deploy-topology.yml': topology,
    });
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('in 2 zones');
    const oneZone = topology.replace('eu-west-1b', 'eu-west-1a');
    const [quiet] = await findingsOf('k8s/no-zone-spreading', {
      'deploy.yaml': workload({ replicas: 3 }),
      'deploy-topology.yml': oneZone,
    });
    expect(quiet.severity ?? 'notice').toBe('notice');
  });
});

describe('k8s/spread-selector-not-self', () => {
  it('fires on a spread constraint selecting another app', async () => {
    expect(
      await findingsOf(
        'k8s/spread-selector-not-self',
        workload({ replicas: 3, pod: HOSTNAME_SPREAD(1, 'DoNotSchedule', 'api') }),
      ),
    ).toHaveLength(1);
  });
  it('fires on a required anti-affinity whose selector matches no pod at all', async () => {
    expect(
      await findingsOf(
        'k8s/spread-selector-not-self',
        workload({ replicas: 3, pod: REQUIRED_ANTI('webapp') }),
      ),
    ).toHaveLength(1);
  });
  it('never reports anti-affinity against another app that exists', async () => {
    const text =
      workload({ replicas: 3, pod: REQUIRED_ANTI('cache') }) + '---\n' + workload({ name: 'cache' });
    expect(await findingsOf('k8s/spread-selector-not-self', text)).toEqual([]);
  });
});

describe('k8s/invalid-topology-spread', () => {
  it('fires on maxSkew 0 and a bad whenUnsatisfiable', async () => {
    expect(
      await findingsOf(
        'k8s/invalid-topology-spread',
        workload({ replicas: 2, pod: HOSTNAME_SPREAD(0, 'DoNotSchedule') }),
      ),
    ).toHaveLength(1);
    const [f] = await findingsOf(
      'k8s/invalid-topology-spread',
      workload({ replicas: 2, pod: HOSTNAME_SPREAD(1, 'Never') }),
    );
    expect(f.message).toContain('whenUnsatisfiable: Never');
  });
  it('is a warning, not an error, without a labelSelector (the API accepts it)', async () => {
    const pod = HOSTNAME_SPREAD(1, 'DoNotSchedule').slice(0, 4);
    const [f] = await findingsOf('k8s/invalid-topology-spread', workload({ replicas: 2, pod }));
    expect(f.severity).toBe('warning');
  });
  it('is quiet on a valid constraint', async () => {
    expect(
      await findingsOf(
        'k8s/invalid-topology-spread',
        workload({ replicas: 2, pod: HOSTNAME_SPREAD(1, 'DoNotSchedule') }),
      ),
    ).toEqual([]);
  });
});

describe('k8s/external-traffic-local-skew', () => {
  it('fires at the externalTrafficPolicy line for an unspread Deployment', async () => {
    const text = workload({ replicas: 3 }) + LOCAL_LB;
    const [f] = await findingsOf('k8s/external-traffic-local-skew', text);
    expect(f.line).toBe(lineWith(text, 'externalTrafficPolicy: Local'));
  });
  it('is quiet for a DaemonSet, a strict hostname spread, a required anti-affinity, and a single pod', async () => {
    expect(
      await findingsOf('k8s/external-traffic-local-skew', workload({ kind: 'DaemonSet' }) + LOCAL_LB),
    ).toEqual([]);
    expect(
      await findingsOf(
        'k8s/external-traffic-local-skew',
        workload({ replicas: 3, pod: HOSTNAME_SPREAD(1, 'DoNotSchedule') }) + LOCAL_LB,
      ),
    ).toEqual([]);
    expect(
      await findingsOf(
        'k8s/external-traffic-local-skew',
        workload({ replicas: 3, pod: REQUIRED_ANTI() }) + LOCAL_LB,
      ),
    ).toEqual([]);
    expect(await findingsOf('k8s/external-traffic-local-skew', workload({ replicas: 1 }) + LOCAL_LB)).toEqual(
      [],
    );
  });
  it('still fires for a soft spread (ScheduleAnyway allows stacking)', async () => {
    expect(
      await findingsOf(
        'k8s/external-traffic-local-skew',
        workload({ replicas: 3, pod: HOSTNAME_SPREAD(1, 'ScheduleAnyway') }) + LOCAL_LB,
      ),
    ).toHaveLength(1);
  });
});

describe('k8s/internal-traffic-local', () => {
  it('fires for a Deployment backend and is quiet for a DaemonSet', async () => {
    const svc = service({ spec: ['  internalTrafficPolicy: Local'] });
    expect(await findingsOf('k8s/internal-traffic-local', workload({ replicas: 2 }) + svc)).toHaveLength(1);
    expect(await findingsOf('k8s/internal-traffic-local', workload({ kind: 'DaemonSet' }) + svc)).toEqual([]);
  });
});

describe('k8s/session-affinity-clientip', () => {
  it('fires on ClientIP and is quiet on None', async () => {
    expect(
      await findingsOf('k8s/session-affinity-clientip', service({ spec: ['  sessionAffinity: ClientIP'] })),
    ).toHaveLength(1);
    expect(
      await findingsOf('k8s/session-affinity-clientip', service({ spec: ['  sessionAffinity: None'] })),
    ).toEqual([]);
  });
});

describe('k8s/zone-routing-without-zone-spread', () => {
  it('fires for topology-mode Auto with unspread backends, quiet with a zone spread', async () => {
    const svc = service().replace(
      '  name: web\n',
      '  name: web\n  annotations:\n    service.kubernetes.io/topology-mode: Auto\n',
    );
    expect(
      await findingsOf('k8s/zone-routing-without-zone-spread', workload({ replicas: 3 }) + svc),
    ).toHaveLength(1);
    expect(
      await findingsOf(
        'k8s/zone-routing-without-zone-spread',
        workload({ replicas: 3, pod: ZONE_SPREAD }) + svc,
      ),
    ).toEqual([]);
  });
});

describe('k8s/long-lived-connections', () => {
  it('fires on a gRPC appProtocol and is quiet on plain HTTP or a headless Service', async () => {
    const grpc = ['    - port: 50051', '      appProtocol: kubernetes.io/h2c'];
    expect(await findingsOf('k8s/long-lived-connections', service({ ports: grpc }))).toHaveLength(1);
    expect(
      await findingsOf(
        'k8s/long-lived-connections',
        service({ ports: ['    - name: http', '      port: 80'] }),
      ),
    ).toEqual([]);
    expect(
      await findingsOf('k8s/long-lived-connections', service({ ports: grpc, spec: ['  clusterIP: None'] })),
    ).toEqual([]);
  });
});

describe('k8s/ingress-sticky-balancing', () => {
  const ingress = (annotation: string) =>
    `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    ${annotation}\nspec:\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n`;
  it('fires on upstream-hash-by and service-upstream, quiet on unrelated annotations', async () => {
    expect(
      await findingsOf(
        'k8s/ingress-sticky-balancing',
        ingress('nginx.ingress.kubernetes.io/upstream-hash-by: "$remote_addr"'),
      ),
    ).toHaveLength(1);
    expect(
      await findingsOf(
        'k8s/ingress-sticky-balancing',
        ingress('nginx.ingress.kubernetes.io/service-upstream: "true"'),
      ),
    ).toHaveLength(1);
    expect(
      await findingsOf(
        'k8s/ingress-sticky-balancing',
        ingress('nginx.ingress.kubernetes.io/proxy-body-size: 8m'),
      ),
    ).toEqual([]);
  });
});

describe('k8s/service-selects-nothing', () => {
  it('fires on a renamed label beside the workload', async () => {
    expect(
      await findingsOf('k8s/service-selects-nothing', workload() + service({ selector: { app: 'webapp' } })),
    ).toHaveLength(1);
  });
  it('is quiet for control-plane pods, pods of a custom resource, or workloads elsewhere', async () => {
    expect(
      await findingsOf(
        'k8s/service-selects-nothing',
        workload() + service({ selector: { component: 'kube-scheduler' } }),
      ),
    ).toEqual([]);
    const cr = '---\napiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata:\n  name: k8s\n';
    expect(
      await findingsOf(
        'k8s/service-selects-nothing',
        workload() + cr + service({ selector: { app: 'prometheus' } }),
      ),
    ).toEqual([]);
    expect(await findingsOf('k8s/service-selects-nothing', service({ selector: { app: 'webapp' } }))).toEqual(
      [],
    );
  });
});

describe('k8s/service-port-mismatch', () => {
  const named = ['    - port: 80', '      targetPort: web'];
  const PORT = ['          ports:', '            - name: http', '              containerPort: 8080'];
  it('is an error for a named targetPort no container declares', async () => {
    const [f] = await findingsOf(
      'k8s/service-port-mismatch',
      workload({ container: PORT }) + service({ ports: named }),
    );
    expect(f.severity ?? 'error').toBe('error');
  });
  it('is a notice for an undeclared numeric targetPort, and quiet for a declared name', async () => {
    const [f] = await findingsOf(
      'k8s/service-port-mismatch',
      workload({ container: PORT }) + service({ ports: ['    - port: 80', '      targetPort: 9090'] }),
    );
    expect(f.severity).toBe('notice');
    expect(
      await findingsOf(
        'k8s/service-port-mismatch',
        workload({ container: PORT }) + service({ ports: ['    - port: 80', '      targetPort: http'] }),
      ),
    ).toEqual([]);
  });
  it('is quiet when a kustomize patch adds containers to the workload', async () => {
    const repo = {
      'manager/deploy.yaml':
        workload({ container: PORT }) + service({ ports: ['    - port: 8443', '      targetPort: https'] }),
      'default/auth_proxy_patch.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: proxy\n          ports:\n            - name: https\n              containerPort: 8443\n',
    };
    expect(await findingsOf('k8s/service-port-mismatch', repo)).toEqual([]);
  });
  it('is quiet for a placeholder a script fills in, which is no port name', async () => {
    // `sed s/PORT/9999/` before the apply: the same word stands in the pod and in the Service.
    const placeholder = [
      '          ports:',
      '            - containerPort: PORT',
      '              protocol: SCTP',
    ];
    const ports = ['    - protocol: SCTP', '      port: PORT', '      targetPort: PORT'];
    expect(
      await findingsOf(
        'k8s/service-port-mismatch',
        workload({ container: placeholder }) + service({ ports }),
      ),
    ).toEqual([]);
    // A name Kubernetes accepts is still looked for, however it is spelled.
    const [f] = await findingsOf(
      'k8s/service-port-mismatch',
      workload({ container: placeholder }) +
        service({ ports: ['    - port: 80', '      targetPort: metrics-2'] }),
    );
    expect(f.message).toContain('the port named `metrics-2`');
  });
});

describe('k8s/ingress-backend-missing', () => {
  const ingress = (name: string, port: string) =>
    `---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: ${name}\n                port:\n                  ${port}\n`;
  it('fires on an unknown port of an existing Service', async () => {
    expect(
      await findingsOf('k8s/ingress-backend-missing', service() + ingress('web', 'number: 8080')),
    ).toHaveLength(1);
  });
  it("is quiet for ALB's use-annotation actions and for Services installed elsewhere", async () => {
    expect(
      await findingsOf(
        'k8s/ingress-backend-missing',
        service() + ingress('ssl-redirect', 'name: use-annotation'),
      ),
    ).toEqual([]);
    expect(
      await findingsOf('k8s/ingress-backend-missing', {
        'svc.yaml': service(),
        'ing.yaml': ingress('dashboard', 'number: 443'),
      }),
    ).toEqual([]);
  });
  it('is quiet on a missing Service in kube-system, where the cluster installs its add-ons', async () => {
    const inNamespace = (text: string, namespace: string) =>
      text.replace(/metadata:\n  name: (\S+)\n/g, `metadata:\n  name: $1\n  namespace: ${namespace}\n`);
    const proxyAndRoute = service() + ingress('kubernetes-dashboard', 'number: 443');
    expect(
      await findingsOf('k8s/ingress-backend-missing', inNamespace(proxyAndRoute, 'kube-system')),
    ).toEqual([]);
    // The same file in the application's namespace: the Service it names is missing there.
    expect(await findingsOf('k8s/ingress-backend-missing', inNamespace(proxyAndRoute, 'shop'))).toHaveLength(
      1,
    );
  });
});
