// Hostile input: every file in __tests__/fixtures/hostile/ gives its one expected finding (or, where
// no registered checker reads that kind of file yet, exactly what the engine gives today) and never
// crashes or stalls the scan.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKERS } from '../../src/checkers';
import type { Checker } from '../../src/engine/rule';
import { scan } from '../../src/engine/scan';
import { parseJson } from '../../src/parse/json';
import type { DataNode } from '../../src/parse/tree';
import { parseYaml } from '../../src/parse/yaml';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'hostile');
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A repository holding one fixture at `as`, with a .gitignore that keeps Terraform's state out. */
function repoWith(fixture: string, as: string, extra: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-hostile-'));
  roots.push(root);
  mkdirSync(path.dirname(path.join(root, as)), { recursive: true });
  copyFileSync(path.join(FIXTURES, fixture), path.join(root, as));
  writeFileSync(path.join(root, '.gitignore'), '*.tfstate\n*.tfstate.*\n.terraform/\n');
  for (const [file, text] of Object.entries(extra)) writeFileSync(path.join(root, file), text);
  return root;
}

const findingsOf = async (root: string, checkers: readonly Checker[] = CHECKERS) =>
  (await scan({ root, checkers })).findings.map((f) => [f.ruleId, f.file, f.line]);

const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

describe('hostile input to the registered checkers', () => {
  it.each([
    ['broken-heredoc.Dockerfile', 'Dockerfile', 'dockerfile/invalid-syntax', 3],
    ['binary.Dockerfile', 'Dockerfile', 'dockerfile/invalid-syntax', 1],
    ['latin1.Dockerfile', 'Dockerfile', 'dockerfile/invalid-syntax', 1],
    ['missing-brace.tf', 'main.tf', 'terraform/invalid-syntax', 12],
  ])('%s gives one %s', async (name, as, ruleId, line) => {
    expect(await findingsOf(repoWith(name, as))).toEqual([[ruleId, as, line]]);
  });

  it('reads a Dockerfile with a byte order mark and CRLF line ends like any other', async () => {
    expect(await findingsOf(repoWith('bom-crlf.Dockerfile', 'Dockerfile'))).toEqual([]);
  });

  it('does not follow a link to / and says so once', async () => {
    const root = repoWith('bom-crlf.Dockerfile', 'Dockerfile');
    symlinkSync('/', path.join(root, 'escape'));
    expect(await findingsOf(root)).toEqual([['deploy-lint/skipped-file', 'escape', 1]]);
  });

  it('stops reading a file over its time budget and names it in one notice', async () => {
    const runs = Array.from({ length: 3000 }, (_, i) => `RUN echo ${i} > /tmp/f${i}`).join('\n');
    const root = repoWith('commented-policy.json', 'policy.json', {
      'slow.Dockerfile': `FROM alpine:3.20\nUSER 1000\n${runs}\n`,
      '.deploy-lint.yml': 'limits:\n  file-time-budget-ms: 1\n',
    });
    const result = await scan({ root, checkers: CHECKERS });
    const budget = result.findings.filter((f) => f.ruleId === 'deploy-lint/time-budget');
    expect(budget).toHaveLength(1);
    expect(budget[0].file).toBe('slow.Dockerfile');
    expect(budget[0].message).toMatch(/^slow\.Dockerfile took the dockerfile checker longer than the 1 ms/);
  });
});

// Manifests and policies: one finding at the line where the file stops making sense, and the
// parsers under them held to the same bar. The engine's own handling of a claimed file (size cap) is
// shown with a checker that claims every YAML file.
describe('hostile manifests and policies', () => {
  it.each([
    ['deep.yaml', 'k8s/deep.yaml', 'k8s/invalid-syntax', 6],
    ['conflict-manifest.yaml', 'k8s/app.yaml', 'k8s/invalid-syntax', 7],
    ['commented-policy.json', 'iam/policy.json', 'iam/invalid-json', 2],
    ['conflict-policy.json', 'iam/policy.json', 'iam/invalid-json', 4],
  ])('%s gives one %s', async (name, as, ruleId, line) => {
    expect(await findingsOf(repoWith(name, as))).toEqual([[ruleId, as, line]]);
  });

  it('reads an alias bomb without expanding it: the scan finishes and reports nothing of it', async () => {
    expect(await findingsOf(repoWith('alias-bomb.yaml', 'k8s/bomb.yaml'))).toEqual([]);
  });

  it('keeps an alias bomb as aliases: nothing is expanded, the parse is quick', () => {
    const started = performance.now();
    const { documents } = parseYaml(fixture('alias-bomb.yaml'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(documents).toHaveLength(1);
    expect(documents[0].error).toBeUndefined();
    // Nodes as parsed, not following aliases: what a reader of the tree holds without expanding it.
    const count = (node: DataNode | null | undefined): number => {
      if (!node || node.kind === 'alias' || node.kind === 'scalar') return 1;
      if (node.kind === 'seq') return 1 + node.items.reduce((n, item) => n + count(item), 0);
      return 1 + node.pairs.reduce((n, pair) => n + count(pair.key) + count(pair.value), 0);
    };
    expect(count(documents[0].root)).toBeLessThan(200);
  });

  it('refuses YAML nested deeper than its guard, with a line', () => {
    const result = parseYaml(fixture('deep.yaml'));
    const error = result.error ?? result.documents[0]?.error;
    expect(error?.message).toMatch(/maxDepth/);
    expect(error?.line).toBe(6);
  });

  it('reports merge-conflict markers in a manifest and a policy as syntax errors on their line', () => {
    const manifest = parseYaml(fixture('conflict-manifest.yaml'));
    // The markers span lines 6-10; the parser stops where the YAML stops making sense.
    const line = (manifest.error ?? manifest.documents.find((d) => d.error)?.error)?.line;
    expect(line).toBeGreaterThanOrEqual(6);
    expect(line).toBeLessThanOrEqual(10);
    expect(parseJson(fixture('conflict-policy.json')).error?.line).toBe(4);
  });

  it('reports the first comment of JSON with comments and trailing commas', () => {
    expect(parseJson(fixture('commented-policy.json')).error?.line).toBe(2);
  });

  it('skips a 5 MB manifest over the size cap with one notice when a checker claims it', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-hostile-'));
    roots.push(root);
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n';
    const lines = Array.from(
      { length: (5 * 1024 * 1024) / 32 },
      (_, i) => `  key${String(i).padStart(8, '0')}: value-xxxxxx\n`,
    );
    writeFileSync(path.join(root, 'big.yaml'), doc + lines.join(''));
    const yamlReader: Checker = {
      id: 'kubernetes',
      rules: [],
      claims: (file) => file.name.endsWith('.yaml'),
      run: async () => [],
    };
    const result = await scan({ root, checkers: [yamlReader] });
    expect(result.findings.map((f) => [f.ruleId, f.file])).toEqual([
      ['deploy-lint/skipped-file', 'big.yaml'],
    ]);
    expect(result.findings[0].message).toMatch(/over the 2\.0 MiB size cap/);
  });

  it('keeps messages short when every Service and budget of a manifest selects every workload', async () => {
    // Each finding used to name every other object it relates to: at 3,000 of each kind the
    // messages added up to more than a string can hold, and the JSON report crashed the CLI.
    const root = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-hostile-'));
    roots.push(root);
    const count = 150;
    const objects = Array.from({ length: count }, (_, i) =>
      [
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app${i}\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: c\n          image: nginx:1.27\n`,
        `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: pdb${i}\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: web\n`,
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc${i}\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n`,
      ].join('---\n'),
    );
    writeFileSync(path.join(root, 'all.yaml'), objects.join('---\n'));
    const { findings } = await scan({ root, checkers: CHECKERS });
    const overlap = findings.filter((f) => f.ruleId === 'k8s/pdb-overlap');
    expect(overlap).toHaveLength(count);
    expect(overlap[0].message).toContain(`PodDisruptionBudget/pdb4 and ${count - 5} more:`);
    const prestop = findings.find((f) => f.ruleId === 'k8s/missing-prestop');
    expect(prestop?.message).toContain(`Service/svc4 and ${count - 5} more without a preStop hook`);
    expect(Math.max(...findings.map((f) => f.message.length))).toBeLessThan(600);
  });
});
