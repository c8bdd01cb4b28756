import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKERS } from '../../../src/checkers';
import { scan } from '../../../src/engine/scan';

const FIXTURES = path.join(__dirname, '../../fixtures/kubernetes/review');
const SEED = path.join(__dirname, '../../../examples/seed-service');

async function kubernetesFindings(root: string, paths?: string[]) {
  const result = await scan({ root, checkers: CHECKERS, only: ['kubernetes'], ...(paths && { paths }) });
  return result.findings.filter((f) => f.severity !== 'notice' || f.ruleId.startsWith('k8s/'));
}

const at = (findings: Awaited<ReturnType<typeof kubernetesFindings>>, file: string) =>
  findings.filter((f) => f.file === file).map((f) => `${f.line} ${f.ruleId}`);

describe("the review's scenarios (sections 4 and 5)", () => {
  it('a Deployment behind a Local load balancer with no spreading: skew at the policy line, spreading at replicas', async () => {
    const findings = at(await kubernetesFindings(FIXTURES), 'checkout.yaml');
    expect(findings).toEqual(
      expect.arrayContaining([
        '9 k8s/no-node-spreading',
        '9 k8s/no-zone-spreading',
        '42 k8s/external-traffic-local-skew',
      ]),
    );
    expect(findings.some((f) => f.endsWith('k8s/missing-pdb'))).toBe(false);
  });
  it('a ClientIP-affinity Service', async () => {
    expect(at(await kubernetesFindings(FIXTURES), 'sessions.yaml')).toEqual([
      '8 k8s/session-affinity-clientip',
    ]);
  });
  it('a Deployment with no PDB, probes or requests', async () => {
    expect(at(await kubernetesFindings(FIXTURES), 'catalog.yaml')).toEqual(
      expect.arrayContaining([
        '3 k8s/missing-pdb',
        '18 k8s/missing-readiness-probe',
        '18 k8s/missing-liveness-probe',
        '18 k8s/missing-resource-requests',
        '18 k8s/missing-memory-limit',
        '18 k8s/missing-prestop',
      ]),
    );
  });
  it('a PDB with minAvailable equal to the replicas blocks every drain', async () => {
    const findings = (await kubernetesFindings(FIXTURES)).filter(
      (f) => f.ruleId === 'k8s/pdb-blocks-eviction',
    );
    expect(findings.map((f) => [f.file, f.line, f.severity])).toEqual([['payments.yaml', 27, 'error']]);
  });
  it('examples/seed-service/k8s reports them too', async () => {
    const findings = await kubernetesFindings(SEED);
    const ids = findings
      .filter((f) => f.file.startsWith('k8s/'))
      .map((f) => `${f.file}:${f.line} ${f.ruleId}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        'k8s/service.yaml:10 k8s/external-traffic-local-skew',
        'k8s/service.yaml:11 k8s/session-affinity-clientip',
        'k8s/deployment.yaml:2 k8s/missing-pdb',
        'k8s/deployment.yaml:9 k8s/no-node-spreading',
        'k8s/deployment.yaml:19 k8s/missing-readiness-probe',
        'k8s/deployment.yaml:19 k8s/missing-resource-requests',
        'k8s/deployment.yaml:20 k8s/mutable-image-tag',
      ]),
    );
  });
});

describe('suppressions', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-k8s-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let counter = 0;
  async function scanText(text: string) {
    const root = path.join(scratch, String(counter++));
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, 'deploy.yaml'), text);
    return scan({ root, checkers: CHECKERS, only: ['kubernetes'] });
  }
  const deployment = (annotations: string, templateAnnotations = '') =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n${annotations}spec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n${templateAnnotations}      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:latest\n`;

  it('honours ignore-check.deploy-lint.io/<slug> with a reason, on the object', async () => {
    const result = await scanText(
      deployment('  annotations:\n    ignore-check.deploy-lint.io/missing-pdb: "drained by hand"\n'),
    );
    expect(result.findings.map((f) => f.ruleId)).not.toContain('k8s/missing-pdb');
    expect(result.suppressed.find((f) => f.ruleId === 'k8s/missing-pdb')?.suppression?.reason).toContain(
      'drained by hand',
    );
  });
  it('honours deploy-lint.io/ignore lists on the pod template', async () => {
    const result = await scanText(
      deployment(
        '',
        '      annotations:\n        deploy-lint.io/ignore: "k8s/mutable-image-tag, no-node-spreading"\n',
      ),
    );
    const ids = result.findings.map((f) => f.ruleId);
    expect(ids).not.toContain('k8s/mutable-image-tag');
    expect(ids).not.toContain('k8s/no-node-spreading');
    expect(ids).toContain('k8s/missing-pdb');
  });
  it("honours kube-linter's annotation for rules that alias its check", async () => {
    const result = await scanText(
      deployment('  annotations:\n    ignore-check.kube-linter.io/latest-tag: "pinned by the deploy job"\n'),
    );
    expect(result.findings.map((f) => f.ruleId)).not.toContain('k8s/mutable-image-tag');
  });
  it('honours an inline YAML pragma above the flagged line', async () => {
    const text = deployment('').replace(
      '          image: nginx:latest',
      '          # deploy-lint ignore=k8s/mutable-image-tag -- CI pins it\n          image: nginx:latest',
    );
    const result = await scanText(text);
    expect(result.findings.map((f) => f.ruleId)).not.toContain('k8s/mutable-image-tag');
  });
  it('a 5 MB manifest gets a size notice and the other files are still checked', async () => {
    const big =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n' +
      '  k: "' +
      'x'.repeat(5 * 1024 * 1024) +
      '"\n';
    const root = path.join(scratch, String(counter++));
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, 'big.yaml'), big);
    writeFileSync(path.join(root, 'deploy.yaml'), deployment(''));
    const result = await scan({ root, checkers: CHECKERS, only: ['kubernetes'] });
    expect(result.findings.find((f) => f.file === 'big.yaml')?.ruleId).toBe('deploy-lint/skipped-file');
    expect(
      result.findings.some((f) => f.file === 'deploy.yaml' && f.ruleId === 'k8s/mutable-image-tag'),
    ).toBe(true);
  });
  it('a cross-object finding is waived from either side', async () => {
    const text =
      deployment('') +
      '---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n  annotations:\n    ignore-check.deploy-lint.io/pdb-blocks-eviction: "migration window"\nspec:\n  minAvailable: 3\n  selector:\n    matchLabels:\n      app: web\n';
    const result = await scanText(text);
    expect(result.findings.map((f) => f.ruleId)).not.toContain('k8s/pdb-blocks-eviction');
  });
});
