import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../../src/engine/workspace';
import { parseYamlFile, YAML_PARSE_KIND } from '../../../src/parse/yaml';
import { kubernetesChecker } from '../../../src/checkers';
import { lineOf, onlySleeps } from '../../../src/checkers/kubernetes/model';
import {
  formatIntOrPercent,
  parseQuantity,
  readIntOrPercent,
  resolveIntOrPercent,
} from '../../../src/checkers/kubernetes/quantity';
import { readLabelSelector, selectorMatches } from '../../../src/checkers/kubernetes/selector';
import { parseYaml } from '../../../src/parse/yaml';
import { hpa, modelOf, pdb, service, workload } from './helpers';

describe('quantities', () => {
  it('parses decimal, binary, exponent and fractional forms', () => {
    expect(parseQuantity('500m')).toBeCloseTo(0.5);
    expect(parseQuantity('1Gi')).toBe(2 ** 30);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('0.5')).toBe(0.5);
    expect(parseQuantity('128974848')).toBe(128974848);
    expect(parseQuantity('129M')).toBe(129e6);
    expect(parseQuantity('123Mi')).toBe(123 * 2 ** 20);
    expect(parseQuantity(2)).toBe(2);
    expect(parseQuantity('1Gi') ?? 0).toBeGreaterThan(parseQuantity('1000M') ?? 0);
  });
  it('rejects what is not a quantity', () => {
    for (const text of ['', 'lots', '1 Gi', '${MEM}', '1GB']) expect(parseQuantity(text)).toBeUndefined();
  });
});

describe('int-or-percent', () => {
  it('reads ints and percentages', () => {
    expect(readIntOrPercent(1)).toEqual({ kind: 'int', value: 1 });
    expect(readIntOrPercent('25%')).toEqual({ kind: 'percent', value: 25 });
    expect(readIntOrPercent('half')).toBeUndefined();
    expect(formatIntOrPercent({ kind: 'percent', value: 50 })).toBe('50%');
  });
  it('rounds like Kubernetes: PDB percentages and maxSurge up, maxUnavailable down', () => {
    const quarter = { kind: 'percent', value: 25 } as const;
    expect(resolveIntOrPercent(quarter, 3, 'up')).toBe(1);
    expect(resolveIntOrPercent(quarter, 3, 'down')).toBe(0);
    expect(resolveIntOrPercent({ kind: 'percent', value: 50 }, 3, 'up')).toBe(2);
    expect(resolveIntOrPercent({ kind: 'int', value: 2 }, 10, 'down')).toBe(2);
  });
});

describe('selectors', () => {
  const selector = (yaml: string) => readLabelSelector(parseYaml(yaml).documents[0].root)!;
  it('matches matchLabels and every matchExpressions operator', () => {
    const s = selector(
      'matchLabels: {app: web}\nmatchExpressions:\n  - {key: tier, operator: In, values: [front, edge]}\n  - {key: canary, operator: DoesNotExist}\n  - {key: team, operator: Exists}\n  - {key: env, operator: NotIn, values: [dev]}\n',
    );
    expect(selectorMatches(s, { app: 'web', tier: 'front', team: 'a', env: 'prod' })).toBe(true);
    expect(selectorMatches(s, { app: 'web', tier: 'front', team: 'a' })).toBe(true);
    expect(selectorMatches(s, { app: 'web', tier: 'back', team: 'a' })).toBe(false);
    expect(selectorMatches(s, { app: 'web', tier: 'front', team: 'a', canary: 'x' })).toBe(false);
    expect(selectorMatches(s, { app: 'web', tier: 'front' })).toBe(false);
    expect(selectorMatches(s, { app: 'web', tier: 'front', team: 'a', env: 'dev' })).toBe(false);
    expect(selectorMatches(s, { app: 'api', tier: 'front', team: 'a' })).toBe(false);
  });
  it('marks a selector with an unknown operator unreadable', () => {
    expect(selector('matchExpressions:\n  - {key: a, operator: Like, values: [x]}\n').unreadable).toBe(true);
  });
});

describe('objects', () => {
  it('reads every document, flattens kind: List, defaults the namespace and keeps custom kinds', () => {
    const model = modelOf(
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: a\n  - apiVersion: v1\n    kind: List\n    items:\n      - apiVersion: v1\n        kind: Secret\n        metadata:\n          name: b\n          namespace: shop\n---\napiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata:\n  name: k8s\n',
    );
    expect(model.objects.map((o) => [o.ref, o.namespace, o.builtin])).toEqual([
      ['ConfigMap/a', 'default', true],
      ['Secret/b', 'shop', true],
      ['Prometheus/k8s', 'default', false],
    ]);
    expect(model.objects[1].kindLine).toBe(12);
    expect(model.hasCustomResources('default')).toBe(true);
    expect(model.hasCustomResources('shop')).toBe(false);
  });

  it('points at a field, or at the kind line when the field is missing', () => {
    const model = modelOf(workload({ replicas: 3 }));
    const object = model.workloads[0].object;
    expect(lineOf(object, ['spec', 'replicas'])).toBe(6);
    expect(lineOf(object, ['spec', 'strategy'])).toBe(2);
  });

  it('reads the pod template of every workload kind', () => {
    const cron =
      'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          labels: {job: c}\n        spec:\n          containers:\n            - name: c\n              image: busybox:1.36\n';
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: p}\nspec:\n  containers:\n    - name: p\n      image: busybox:1.36\n';
    const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];
    const model = modelOf(
      [...kinds.map((kind) => workload({ kind, name: kind.toLowerCase() })), cron, pod].join('---\n'),
    );
    expect(
      model.workloads.map((w) => [
        w.kind,
        w.podSpecPath.join('.'),
        w.containers[0].name,
        w.replicated,
        w.batch,
      ]),
    ).toEqual([
      ['Deployment', 'spec.template.spec', 'deployment', true, false],
      ['StatefulSet', 'spec.template.spec', 'statefulset', true, false],
      ['DaemonSet', 'spec.template.spec', 'daemonset', false, false],
      ['ReplicaSet', 'spec.template.spec', 'replicaset', true, false],
      ['Job', 'spec.template.spec', 'job', false, true],
      ['CronJob', 'spec.jobTemplate.spec.template.spec', 'c', false, true],
      ['Pod', 'spec', 'p', false, false],
    ]);
    expect(model.workloads[5].podLabels).toEqual({ job: 'c' });
    expect(model.workloads[6].podLabels).toEqual({ app: 'p' });
  });

  it('tells init containers from native sidecars', () => {
    const model = modelOf(
      workload({
        pod: [
          '      initContainers:',
          '        - name: migrate',
          '          image: m:1',
          '        - name: proxy',
          '          image: p:1',
          '          restartPolicy: Always',
        ],
      }),
    );
    expect(model.workloads[0].containers.map((c) => [c.name, c.role])).toEqual([
      ['migrate', 'init'],
      ['proxy', 'sidecar'],
      ['web', 'main'],
    ]);
  });
});

describe('effective replicas and links', () => {
  it('uses spec.replicas, 1 when unset, and the HPA minimum when an HPA targets the workload', () => {
    expect(modelOf(workload({ replicas: 3 })).workloads[0].effectiveReplicas).toBe(3);
    expect(modelOf(workload()).workloads[0].effectiveReplicas).toBe(1);
    const scaled = modelOf(workload({ replicas: 5 }) + hpa('web', 2)).workloads[0];
    expect(scaled.effectiveReplicas).toBe(2);
    expect(scaled.autoscalers.map((a) => a.object.ref)).toEqual(['HorizontalPodAutoscaler/web']);
    expect(modelOf(workload({ replicas: 5 }) + hpa('web')).workloads[0].effectiveReplicas).toBe(1);
    expect(modelOf(workload({ kind: 'DaemonSet' })).workloads[0].effectiveReplicas).toBeUndefined();
  });

  it('links Services and PDBs across files within a namespace only', () => {
    const model = modelOf({
      'app/deploy.yaml': workload({ replicas: 2 }),
      'app/svc.yaml': service(),
      'app/pdb.yaml': pdb('maxUnavailable: 1'),
      'other/svc.yaml': service({ name: 'web', namespace: 'other' }),
    });
    const [web] = model.workloads;
    expect(web.services.map((s) => s.object.namespace)).toEqual(['default']);
    expect(web.pdbs).toHaveLength(1);
    expect(web.serving).toBe('service');
  });

  it('shares one list among objects with one selector, and keeps the links of each workload in file order', () => {
    const model = modelOf(
      workload({ name: 'web', labels: { app: 'web', tier: 'front' } }) +
        '---\n' +
        workload({ name: 'api', labels: { app: 'api', tier: 'front' } }) +
        service({ name: 'a', selector: { app: 'web' } }) +
        service({ name: 'b', selector: { tier: 'front' } }) +
        service({ name: 'c', selector: { app: 'web' } }),
    );
    const [web, api] = model.workloads;
    const [a, b, c] = model.services;
    expect(a.backends).toBe(c.backends);
    expect(a.backends.map((w) => w.object.name)).toEqual(['web']);
    expect(b.backends.map((w) => w.object.name)).toEqual(['web', 'api']);
    // web is selected by both groups: its list is merged in file order, not group by group.
    expect(web.services.map((s) => s.object.name)).toEqual(['a', 'b', 'c']);
    expect(api.services.map((s) => s.object.name)).toEqual(['b']);
  });

  it('prefers the nearest match when independent examples reuse labels', () => {
    const model = modelOf({
      'a/deploy.yaml': workload({ replicas: 2 }),
      'b/deploy.yaml': workload({ replicas: 2 }),
      'a/svc.yaml': service(),
    });
    expect(model.services[0].backends.map((w) => w.object.file.path)).toEqual(['a/deploy.yaml']);
  });

  it('counts a declared port as serving only when the scan has no Service at all', () => {
    const withPort = workload({ container: ['          ports:', '            - containerPort: 80'] });
    expect(modelOf(withPort).workloads[0].serving).toBe('ports');
    expect(modelOf(withPort + service({ name: 'x' })).workloads[0].serving).toBeUndefined();
  });

  it('applies kustomize namespaces, patches and image overrides', () => {
    const model = modelOf({
      'base/kustomization.yaml':
        'namespace: shop\nresources:\n  - deploy.yaml\npatches:\n  - path: replicas.yaml\nimages:\n  - name: acme/web\n    newTag: 1.2.3\n',
      'base/deploy.yaml': workload({ replicas: 1 }),
      'base/replicas.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
    });
    expect(model.workloads).toHaveLength(1);
    expect(model.workloads[0].object.namespace).toBe('shop');
    expect(model.retaggedImages.has('acme/web')).toBe(true);
  });
});

describe('parse sharing and claims', () => {
  it('parses each file once through the shared YAML parse kind', () => {
    const file = new SourceFile('a.yaml', '/repo/a.yaml', workload());
    const first = parseYamlFile(file);
    expect(file.parsed(YAML_PARSE_KIND, () => undefined)).toBe(first);
    expect(parseYamlFile(file)).toBe(first);
  });

  it('claims manifests only', () => {
    const claims = (path: string, text: string) =>
      kubernetesChecker.claims(new SourceFile(path, `/r/${path}`, text));
    expect(claims('deploy.yaml', workload())).toBe(true);
    expect(
      claims('kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n'),
    ).toBe(false);
    expect(claims('chart/Chart.yaml', 'apiVersion: v2\nname: x\n')).toBe(false);
    expect(claims('.github/workflows/ci.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n')).toBe(
      false,
    );
    expect(claims('docker-compose.yml', 'services:\n  web:\n    image: nginx\n')).toBe(false);
    expect(claims('values.yaml', 'replicaCount: 1\nimage:\n  tag: latest\n')).toBe(false);
  });
});

describe('containers that only sleep', () => {
  it('are the ones whose command waits and does nothing a client could reach', () => {
    expect(onlySleeps(['sleep', 'infinity'])).toBe(true);
    expect(onlySleeps(['/bin/sleep', '3650d'])).toBe(true);
    expect(onlySleeps(['tail', '-f', '/dev/null'])).toBe(true);
    expect(onlySleeps(['/bin/sh', '-c', 'touch /tmp/healthy; sleep 3600'])).toBe(true);
    expect(onlySleeps(['sh', '-ec', 'while true; do sleep 30; done'])).toBe(true);
  });
  it('are not the ones that start anything else', () => {
    expect(onlySleeps([])).toBe(false);
    expect(onlySleeps(['tail', '-f', '/var/log/app.log'])).toBe(false);
    expect(onlySleeps(['sh', '-c', 'python -m http.server 8080; sleep 10'])).toBe(false);
    expect(onlySleeps(['sh', '-c', 'echo starting'])).toBe(false);
    expect(onlySleeps(['nginx', '-g', 'daemon off;'])).toBe(false);
  });
});
