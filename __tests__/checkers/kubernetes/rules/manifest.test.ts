import { describe, expect, it } from 'vitest';
import { applySuggestion, findingsOf, lineWith, runKubernetes, workload } from '../helpers';

describe('k8s/invalid-syntax', () => {
  it('says why `image: {registry}/app` breaks the file, and how to write it', async () => {
    const text = workload({ image: '{username}/web:1.0' });
    const [f] = await findingsOf('k8s/invalid-syntax', text);
    expect(f.line).toBe(lineWith(text, '{username}'));
    expect(f.message).toContain(
      '`{username}/web:1.0` cannot be read as text: quote it (`"{username}/web:1.0"`)',
    );
    // A flow mapping that is the whole value parses; a broken line without one gets no such hint.
    expect(await findingsOf('k8s/invalid-syntax', workload({ image: '{a: b}' }))).toEqual([]);
    const [other] = await findingsOf(
      'k8s/invalid-syntax',
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "open\n',
    );
    expect(other.message).not.toContain('flow mapping');
  });
  it('reports one error at the broken line and still checks the other documents and files', async () => {
    const text =
      workload({ name: 'a', image: 'nginx' }) +
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "open\n';
    const findings = await runKubernetes({
      'deploy.yaml': text,
      'other.yaml': workload({ name: 'b', image: 'redis' }),
    });
    const syntax = findings.filter((f) => f.ruleId === 'k8s/invalid-syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0].line).toBe(lineWith(text, 'a: "open'));
    expect(findings.filter((f) => f.ruleId === 'k8s/mutable-image-tag')).toHaveLength(2);
  });
  it('reports a document that is a list or a scalar', async () => {
    const [f] = await findingsOf('k8s/invalid-syntax', workload() + '---\n- just\n- a list\n');
    expect(f.message).toContain('is a list');
  });
  it('is a notice for continuation lines that only js-yaml rejects, and for templates', async () => {
    const flow = workload({ container: ['          args: [', '            "--port=8080",', '        ]'] });
    const [indent] = await findingsOf('k8s/invalid-syntax', flow);
    expect(indent?.severity ?? 'notice').toBe('notice');
    const template =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: bind\nspec:\n  clusterIP: {SERVICE_IP}.16\n  ports: [{port: 53}\n';
    const [t] = await findingsOf('k8s/invalid-syntax', template);
    expect(t.severity).toBe('notice');
  });
  it('survives an alias bomb and deep nesting without expanding them', async () => {
    const bomb = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: bomb',
      'data:',
      '  a: &a ["x","x","x","x","x","x","x","x","x"]',
    ];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `  ${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`,
      );
    const deep =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ' +
      '['.repeat(500) +
      ']'.repeat(500) +
      '\n';
    const started = Date.now();
    const findings = await runKubernetes({ 'bomb.yaml': bomb.join('\n') + '\n', 'deep.yaml': deep });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(findings.filter((f) => f.ruleId === 'k8s/invalid-syntax').map((f) => f.file)).toEqual([
      'deep.yaml',
    ]);
  });
});

describe('k8s/helm-template-unrendered', () => {
  it('reports a chart template once and skips it', async () => {
    const text = workload().replace('replicas', 'x') + '  replicas: {{ .Values.replicas }}\n';
    const findings = await runKubernetes({ 'chart/templates/deploy.yaml': text });
    expect(findings.map((f) => f.ruleId)).toEqual(['k8s/helm-template-unrendered']);
  });
  it("is quiet on Argo Workflows' own {{inputs.x}} expressions", async () => {
    const argo =
      'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: hello\nspec:\n  arguments:\n    parameters:\n      - name: msg\n        value: "{{workflow.name}}"\n';
    expect(await findingsOf('k8s/helm-template-unrendered', argo)).toEqual([]);
  });
  it('reads nothing from unrelated YAML: workflows, compose, OpenAPI, values files, kustomizations', async () => {
    const findings = await runKubernetes({
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.sha }}\n',
      'docker-compose.yml': 'services:\n  web:\n    image: nginx:latest\n',
      'openapi.yaml': 'openapi: 3.0.0\ninfo:\n  title: x\n  version: "1"\npaths: {}\n',
      'chart/values.yaml': 'replicaCount: 1\nimage:\n  tag: latest\n',
      'kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n',
      'broken.yml': 'a: [\n',
    });
    expect(findings).toEqual([]);
  });
});

describe('k8s/non-string-metadata-value', () => {
  it('fires on a numeric label in the pod template and suggests quoting it', async () => {
    const text = workload({ labels: { app: 'web', version: '2' } });
    const findings = await findingsOf('k8s/non-string-metadata-value', text);
    expect(findings).toHaveLength(1); // the template's label; a selector's matchLabels is not metadata
    const fixed = applySuggestion(text, findings[0].suggestion!);
    expect(fixed).toContain('version: "2"');
  });
  it('is quiet on quoted values and on custom resources', async () => {
    expect(
      await findingsOf('k8s/non-string-metadata-value', workload({ labels: { app: 'web', version: '"2"' } })),
    ).toEqual([]);
    const cr =
      'apiVersion: acme.io/v1\nkind: Constraint\nmetadata:\n  name: c\n  annotations:\n    cis: 6.01\n';
    expect(await findingsOf('k8s/non-string-metadata-value', cr)).toEqual([]);
  });
});

describe('k8s/deprecated-api-version', () => {
  it('suggests the replacement where the schema is the same', async () => {
    const cron = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c\n';
    const [f] = await findingsOf('k8s/deprecated-api-version', cron);
    expect(f.suggestion?.replacement).toBe('apiVersion: batch/v1');
  });
  it('offers no suggestion where the schema changed, and is quiet on current versions', async () => {
    const ingress = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: i\n';
    const [f] = await findingsOf('k8s/deprecated-api-version', ingress);
    expect(f.suggestion).toBeUndefined();
    expect(await findingsOf('k8s/deprecated-api-version', workload())).toEqual([]);
  });
  it('names the release that stopped serving each PodSecurityPolicy version', async () => {
    const psp = (apiVersion: string) =>
      `apiVersion: ${apiVersion}\nkind: PodSecurityPolicy\nmetadata:\n  name: p\n`;
    const [old] = await findingsOf('k8s/deprecated-api-version', psp('extensions/v1beta1'));
    expect(old.message).toContain('Kubernetes 1.16 no longer serves');
    const [late] = await findingsOf('k8s/deprecated-api-version', psp('policy/v1beta1'));
    expect(late.message).toContain('Kubernetes 1.25 no longer serves');
  });
});

describe('k8s/selector-template-mismatch', () => {
  it('fires when matchExpressions exclude the template', async () => {
    const text = workload().replace(
      '    matchLabels:\n      app: web\n',
      '    matchLabels:\n      app: web\n    matchExpressions:\n      - {key: tier, operator: Exists}\n',
    );
    expect(await findingsOf('k8s/selector-template-mismatch', text)).toHaveLength(1);
  });
  it('is quiet when the template carries more labels than the selector', async () => {
    expect(
      await findingsOf(
        'k8s/selector-template-mismatch',
        workload({ labels: { app: 'web', tier: 'front' } }).replace(
          '      tier: front\n  template',
          '  template',
        ),
      ),
    ).toEqual([]);
  });
});

describe('k8s/duplicate-env-var', () => {
  it('fires on the second entry and is quiet on distinct names', async () => {
    const env = (b: string) => [
      '          env:',
      '            - name: A',
      '              value: "1"',
      `            - name: ${b}`,
      '              value: "2"',
    ];
    const text = workload({ container: env('A') });
    expect((await findingsOf('k8s/duplicate-env-var', text))[0].line).toBe(
      lineWith(text, '- name: A', lineWith(text, 'value: "1"')),
    );
    expect(await findingsOf('k8s/duplicate-env-var', workload({ container: env('B') }))).toEqual([]);
  });
});

describe('k8s/job-hygiene', () => {
  it('fires on a Job without ttlSecondsAfterFinished, quiet on a Helm hook Job', async () => {
    const job =
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: m\n          image: acme/m:1\n';
    expect(await findingsOf('k8s/job-hygiene', job)).toHaveLength(1);
    const hook = job.replace(
      '  name: migrate\n',
      '  name: migrate\n  annotations:\n    argocd.argoproj.io/hook: PreSync\n',
    );
    expect(await findingsOf('k8s/job-hygiene', hook)).toEqual([]);
  });
});
