import { describe, expect, it } from 'vitest';
import { applySuggestion, findingsOf, lineWith, service, workload } from '../helpers';

const PORT = ['          ports:', '            - name: http', '              containerPort: 8080'];
const probe = (kind: string, port: string | number = 'http', failureThreshold?: number) => [
  `          ${kind}:`,
  '            httpGet:',
  '              path: /healthz',
  `              port: ${port}`,
  ...(failureThreshold ? [`            failureThreshold: ${failureThreshold}`] : []),
];
const CRON = (container: string[] = []) =>
  [
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata:',
    '  name: report',
    'spec:',
    '  schedule: "0 3 * * *"',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec:',
    '          containers:',
    '            - name: report',
    '              image: acme/report:2.0.1',
    ...container,
    '',
  ].join('\n');

describe('k8s/missing-prestop', () => {
  it('fires on the serving container only', async () => {
    const text =
      workload({
        replicas: 2,
        container: PORT,
        pod: ['      initContainers:', '        - name: migrate', '          image: acme/migrate:1'],
      }) + service({ ports: ['    - port: 80', '      targetPort: http'] });
    const findings = await findingsOf('k8s/missing-prestop', text);
    expect(findings.map((f) => f.message.split(',')[1].trim().split(' ')[1])).toEqual(['`web`']);
  });
  it('is quiet with a preStop hook and for unserved workloads', async () => {
    const hook = [
      ...PORT,
      '          lifecycle:',
      '            preStop:',
      '              sleep:',
      '                seconds: 5',
    ];
    expect(await findingsOf('k8s/missing-prestop', workload({ container: hook }) + service())).toEqual([]);
    expect(await findingsOf('k8s/missing-prestop', workload({ container: PORT }))).toEqual([]);
  });
});

describe('k8s/prestop-exceeds-grace', () => {
  const hook = (command: string) => [
    '          lifecycle:',
    '            preStop:',
    '              exec:',
    `                command: ${command}`,
  ];
  it('fires when sh -c sleeps as long as the grace period', async () => {
    const text = workload({
      pod: ['      terminationGracePeriodSeconds: 20'],
      container: hook('["/bin/sh", "-c", "sleep 20 && nginx -s quit"]'),
    });
    expect(await findingsOf('k8s/prestop-exceeds-grace', text)).toHaveLength(1);
  });
  it('is quiet when the grace period is longer', async () => {
    const text = workload({
      pod: ['      terminationGracePeriodSeconds: 60'],
      container: hook('["sleep", "30"]'),
    });
    expect(await findingsOf('k8s/prestop-exceeds-grace', text)).toEqual([]);
  });
});

describe('k8s/zero-grace-period', () => {
  it('fires on 0 and is quiet for pause placeholder pods', async () => {
    expect(
      await findingsOf(
        'k8s/zero-grace-period',
        workload({ pod: ['      terminationGracePeriodSeconds: 0'] }),
      ),
    ).toHaveLength(1);
    const pause = workload({
      image: 'registry.k8s.io/pause:3.9',
      pod: ['      terminationGracePeriodSeconds: 0'],
    });
    expect(await findingsOf('k8s/zero-grace-period', pause)).toEqual([]);
  });
});

describe('k8s/missing-readiness-probe', () => {
  it('fires on the container behind the Service, not on a sidecar on another port', async () => {
    const text = [
      workload({ container: PORT }).replace(
        '      containers:\n',
        '      containers:\n        - name: exporter\n          image: acme/exporter:1\n          ports:\n            - containerPort: 9100\n',
      ),
      service({ ports: ['    - port: 80', '      targetPort: http'] }),
    ].join('');
    const findings = await findingsOf('k8s/missing-readiness-probe', text);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('container `web`')]);
  });
  it('is quiet with a probe on a named port that exists, and for CronJobs', async () => {
    expect(
      await findingsOf(
        'k8s/missing-readiness-probe',
        workload({ container: [...PORT, ...probe('readinessProbe')] }) + service(),
      ),
    ).toEqual([]);
    expect(await findingsOf('k8s/missing-readiness-probe', CRON() + service({ name: 'report' }))).toEqual([]);
  });
});

describe('k8s/missing-liveness-probe', () => {
  it('fires on long-running containers, native sidecars included, never on init containers or CronJobs', async () => {
    const pod = [
      '      initContainers:',
      '        - name: migrate',
      '          image: m:1',
      '        - name: proxy',
      '          image: p:1',
      '          restartPolicy: Always',
    ];
    const findings = await findingsOf('k8s/missing-liveness-probe', workload({ pod }));
    expect(findings.map((f) => /container `(\w+)`/.exec(f.message)![1])).toEqual(['proxy', 'web']);
    expect(await findingsOf('k8s/missing-liveness-probe', CRON())).toEqual([]);
  });
});

describe('k8s/identical-probes', () => {
  it('fires on identical probes', async () => {
    expect(
      await findingsOf(
        'k8s/identical-probes',
        workload({ container: [...PORT, ...probe('readinessProbe'), ...probe('livenessProbe')] }),
      ),
    ).toHaveLength(1);
  });
  it('compares what the API server fills in: a default written out is still the default', async () => {
    const liveness = [...probe('livenessProbe', 'http', 3), '            periodSeconds: 10'];
    expect(
      await findingsOf(
        'k8s/identical-probes',
        workload({ container: [...PORT, ...probe('readinessProbe'), ...liveness] }),
      ),
    ).toHaveLength(1);
  });
  it('is quiet for the same endpoint with a higher liveness failureThreshold', async () => {
    expect(
      await findingsOf(
        'k8s/identical-probes',
        workload({ container: [...PORT, ...probe('readinessProbe'), ...probe('livenessProbe', 'http', 6)] }),
      ),
    ).toEqual([]);
  });
});

describe('k8s/probe-port-undeclared', () => {
  it('is an error for a named port the container does not declare', async () => {
    const text = workload({ container: [...PORT, ...probe('livenessProbe', 'metrics')] });
    const [f] = await findingsOf('k8s/probe-port-undeclared', text);
    expect(f.line).toBe(lineWith(text, 'port: metrics'));
    expect(f.severity ?? 'error').toBe('error');
  });
  it('is quiet for named ports that exist, for a native sidecar with its own ports, and for placeholders', async () => {
    expect(
      await findingsOf(
        'k8s/probe-port-undeclared',
        workload({ container: [...PORT, ...probe('livenessProbe')] }),
      ),
    ).toEqual([]);
    expect(
      await findingsOf(
        'k8s/probe-port-undeclared',
        workload({ container: [...PORT, ...probe('livenessProbe', '${HEALTH_PORT}')] }),
      ),
    ).toEqual([]);
  });
  it('is only a notice for an undeclared number (health ports are often left undeclared)', async () => {
    const [f] = await findingsOf(
      'k8s/probe-port-undeclared',
      workload({ container: [...PORT, ...probe('livenessProbe', 8081)] }),
    );
    expect(f.severity).toBe('notice');
  });
});

describe('k8s/probe-on-init-container', () => {
  const init = (sidecar: boolean) => [
    '      initContainers:',
    '        - name: proxy',
    '          image: p:1',
    ...(sidecar ? ['          restartPolicy: Always'] : []),
    ...probe('startupProbe').map((l) => l),
  ];
  it('fires on a plain init container and is quiet on a native sidecar', async () => {
    expect(await findingsOf('k8s/probe-on-init-container', workload({ pod: init(false) }))).toHaveLength(1);
    expect(await findingsOf('k8s/probe-on-init-container', workload({ pod: init(true) }))).toEqual([]);
  });
});

describe('k8s/missing-resource-requests', () => {
  it('names the missing resources', async () => {
    const [f] = await findingsOf(
      'k8s/missing-resource-requests',
      workload({ container: ['          resources:', '            requests:', '              cpu: 100m'] }),
    );
    expect(f.message).toContain('requests no memory');
  });
  it('counts a limit as the request, and skips init containers', async () => {
    const limits = [
      '          resources:',
      '            limits:',
      '              cpu: 500m',
      '              memory: 256Mi',
    ];
    const init = ['      initContainers:', '        - name: migrate', '          image: m:1'];
    expect(
      await findingsOf('k8s/missing-resource-requests', workload({ container: limits, pod: init })),
    ).toEqual([]);
  });
});

describe('k8s/missing-memory-limit', () => {
  it('is a notice, as missing requests are, for a container that only sleeps (a client to exec into)', async () => {
    const client = workload({ container: ['          command: ["sleep", "infinity"]'] });
    expect((await findingsOf('k8s/missing-memory-limit', client))[0].severity).toBe('notice');
    expect((await findingsOf('k8s/missing-resource-requests', client))[0].severity).toBe('notice');
    expect((await findingsOf('k8s/missing-memory-limit', workload()))[0].severity).toBeUndefined();
  });
  it('is quiet on a stub whose containers name no image (it scales an old controller to zero)', async () => {
    const stub = [
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata:',
      '  name: controller',
      'spec:',
      '  replicas: 0',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: controller',
      '',
    ].join('\n');
    expect(await findingsOf('k8s/missing-memory-limit', stub)).toEqual([]);
    expect(await findingsOf('k8s/missing-resource-requests', stub)).toEqual([]);
  });
  it('fires without a memory limit and is quiet with one (no CPU limit needed)', async () => {
    expect(await findingsOf('k8s/missing-memory-limit', workload())).toHaveLength(1);
    expect(
      await findingsOf(
        'k8s/missing-memory-limit',
        workload({ container: ['          resources:', '            limits:', '              memory: 1Gi'] }),
      ),
    ).toEqual([]);
  });
});

describe('k8s/requests-exceed-limits', () => {
  const res = (req: string, lim: string) => [
    '          resources:',
    '            requests:',
    `              cpu: ${req}`,
    '            limits:',
    `              cpu: ${lim}`,
  ];
  it('compares parsed quantities', async () => {
    expect(
      await findingsOf('k8s/requests-exceed-limits', workload({ container: res('1500m', '1') })),
    ).toHaveLength(1);
    expect(
      await findingsOf('k8s/requests-exceed-limits', workload({ container: res('500m', '0.5') })),
    ).toEqual([]);
    expect(await findingsOf('k8s/requests-exceed-limits', workload({ container: res('1', '1e3m') }))).toEqual(
      [],
    );
  });
});

describe('k8s/mutable-image-tag', () => {
  it('fires on a missing tag at the image line', async () => {
    const text = workload({ image: 'nginx' });
    expect((await findingsOf('k8s/mutable-image-tag', text))[0].line).toBe(lineWith(text, 'image: nginx'));
  });
  it('is quiet for digests, registry ports, placeholders and images a kustomization retags', async () => {
    for (const image of [
      'nginx@sha256:' + 'a'.repeat(64),
      'registry:5000/team/web:2.1',
      '$(IMAGE)',
      'gcr.io/PROJECT_ID/web',
    ]) {
      expect(await findingsOf('k8s/mutable-image-tag', workload({ image }))).toEqual([]);
    }
    const repo = {
      'kustomization.yaml': 'resources: [deploy.yaml]\nimages:\n  - name: acme/web\n    newTag: 1.2.3\n',
      'deploy.yaml': workload({ image: 'acme/web' }),
    };
    expect(await findingsOf('k8s/mutable-image-tag', repo)).toEqual([]);
  });
  it('is quiet for a variable name in place of the image', async () => {
    expect(await findingsOf('k8s/mutable-image-tag', workload({ image: 'CONTAINER_IMAGE' }))).toEqual([]);
  });
  it('is quiet for images skaffold or Tilt builds and tags at deploy time, and fires for the others', async () => {
    const skaffold = {
      'skaffold.yaml': [
        'apiVersion: skaffold/v4beta6',
        'kind: Config',
        'build:',
        '  artifacts:',
        '    - image: frontend',
        '      context: src/frontend',
        'profiles:',
        '  - name: gcb',
        '    build:',
        '      artifacts:',
        '        - image: loadgenerator',
        '',
      ].join('\n'),
      'k8s/frontend.yaml': workload({ name: 'frontend', image: 'frontend' }),
      'k8s/loadgenerator.yaml': workload({ name: 'loadgenerator', image: 'loadgenerator' }),
      'k8s/redis.yaml': workload({ name: 'redis', image: 'redis' }),
    };
    const found = await findingsOf('k8s/mutable-image-tag', skaffold);
    expect(found.map((f) => f.file)).toEqual(['k8s/redis.yaml']);
    const tilt = {
      Tiltfile: "docker_build('argocd-ui', 'ui', dockerfile='ui/Dockerfile')\nk8s_yaml('ui.yaml')\n",
      'ui.yaml': workload({ name: 'ui', image: 'argocd-ui' }),
    };
    expect(await findingsOf('k8s/mutable-image-tag', tilt)).toEqual([]);
  });
});

describe('k8s/image-pull-policy-latest', () => {
  it('suggests Always for :latest with IfNotPresent', async () => {
    const text = workload({
      image: 'acme/web:latest',
      container: ['          imagePullPolicy: IfNotPresent'],
    });
    const [f] = await findingsOf('k8s/image-pull-policy-latest', text);
    expect(applySuggestion(text, f.suggestion!)).toContain('          imagePullPolicy: Always');
  });
  it('is quiet when the policy is left to its default', async () => {
    expect(await findingsOf('k8s/image-pull-policy-latest', workload({ image: 'acme/web:latest' }))).toEqual(
      [],
    );
  });
});
