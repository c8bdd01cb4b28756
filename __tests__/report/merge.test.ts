import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction, type ActionRuntime } from '../../src/action/run';
import { allRules, scan } from '../../src/engine/scan';
import { CHECKERS } from '../../src/checkers';
import { toJsonReport, renderJson } from '../../src/report/json';
import { MergeError, expandReportPatterns, mergeReportFiles } from '../../src/report/merge';
import { renderMarkdown } from '../../src/report/summary';
import { FAKE_STATE, LOCAL_STATE_TF, makeRepo, REMOTE_STATE_TF } from '../cli/helpers';

/** A monorepo of two parts; each shard holds the files its cross-file rules relate. */
function monorepo(): string {
  const root = makeRepo({
    'services/api/Dockerfile': 'FROM node\nCOPY . /app\nCMD ["node", "$ENTRY"]\n',
    'services/api/.dockerignore': 'node_modules\n',
    'services/web/Dockerfile':
      '# deploy-lint ignore=dockerfile/from-missing-tag -- pinned by the base image bot\nFROM nginx\nRUN apt-get install curl\n',
    'infra/main.tf': LOCAL_STATE_TF,
    'infra/state/main.tf': REMOTE_STATE_TF,
    'infra/terraform.tfstate': FAKE_STATE,
  });
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '-A'], { cwd: root });
  return root;
}

/** What must be the same: everything but the time it took. */
function comparable(report: ReturnType<typeof toJsonReport>) {
  const { durationMs: _duration, ...stats } = report.stats;
  return { ...report, stats };
}

const VERSION = '0.0.0-test';

describe('merging the reports of shard runs', () => {
  it('gives exactly what one full scan gives', async () => {
    const root = monorepo();
    const full = await scan({ root, checkers: CHECKERS });
    const shards = [['services/**'], ['infra/**']];
    const files: string[] = [];
    for (const [i, paths] of shards.entries()) {
      const file = path.join(root, 'reports', `shard-${i}.json`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, renderJson(await scan({ root, checkers: CHECKERS, paths }), VERSION));
      files.push(file);
    }
    const merged = mergeReportFiles(
      expandReportPatterns(['reports/*.json'], root),
      root,
      VERSION,
      allRules(CHECKERS),
    );
    expect(merged.files).toEqual(files);
    expect(merged.warnings).toEqual([]);
    expect(full.findings.length).toBeGreaterThan(3);
    expect(full.suppressed.length).toBe(1);
    expect(comparable(toJsonReport(merged.result, VERSION))).toEqual(comparable(toJsonReport(full, VERSION)));
    // The reports people read are the same too.
    const markdown = (result: typeof full) =>
      renderMarkdown(result, { failOn: 'warning', version: VERSION }).replace(/\d+ ms/g, '');
    expect(markdown(merged.result)).toEqual(markdown(full));
  });

  it('keeps a finding that two overlapping shards both report once', async () => {
    const root = monorepo();
    const both = renderJson(await scan({ root, checkers: CHECKERS, paths: ['infra/**'] }), VERSION);
    writeFileSync(path.join(root, 'a.json'), both);
    writeFileSync(path.join(root, 'b.json'), both);
    const merged = mergeReportFiles(
      [path.join(root, 'a.json'), path.join(root, 'b.json')],
      root,
      VERSION,
      allRules(CHECKERS),
    );
    const once = JSON.parse(both).findings.map((f: { fingerprint: string }) => f.fingerprint);
    expect(merged.result.findings.map((f) => f.fingerprint).sort()).toEqual([...once].sort());
  });

  it('treats a report as untrusted data: wrong types are an error naming the field, extra fields are dropped', () => {
    const root = makeRepo({
      'bad.json': JSON.stringify({ tool: 'deploy-lint', findings: [{ ruleId: 'x', severity: 'fatal' }] }),
      'other.json': JSON.stringify({ name: 'not a report' }),
      'extra.json': JSON.stringify({
        tool: 'deploy-lint',
        version: '9.9.9',
        findings: [
          {
            ruleId: 'terraform/state-committed',
            severity: 'error',
            file: 'a.tfstate',
            line: 1,
            title: 'forged title',
            message: 'm',
            help: 'forged help',
            fingerprint: 'f1',
            __proto__: { polluted: true },
            script: '<script>',
          },
        ],
        suppressed: [],
        stats: { files: 1, filesChecked: 1, filesByChecker: { terraform: 1 }, durationMs: 3 },
      }),
    });
    expect(() => mergeReportFiles([path.join(root, 'bad.json')], root, VERSION, allRules(CHECKERS))).toThrow(
      /bad\.json: findings\[0\]\.severity is 'fatal'/,
    );
    expect(() =>
      mergeReportFiles([path.join(root, 'other.json')], root, VERSION, allRules(CHECKERS)),
    ).toThrow(MergeError);
    expect(() => expandReportPatterns(['missing/*.json'], root)).toThrow(
      /no report matches missing\/\*\.json/,
    );
    const merged = mergeReportFiles([path.join(root, 'extra.json')], root, VERSION, allRules(CHECKERS));
    expect(Object.keys(merged.result.findings[0]).sort()).toEqual(
      ['ruleId', 'severity', 'file', 'line', 'title', 'message', 'help', 'fingerprint'].sort(),
    );
    // Rule metadata comes from this version, not from the report.
    expect(merged.result.findings[0].title).not.toBe('forged title');
    expect(merged.warnings).toEqual([expect.stringMatching(/deploy-lint 9\.9\.9, not 0\.0\.0-test/)]);
  });
});

describe('the action with merge-reports', () => {
  async function run(workspace: string, inputs: Record<string, string>) {
    const runner = makeRepo({ 'summary.md': '' });
    const outputs: Record<string, string> = {};
    const failed: string[] = [];
    const rt: ActionRuntime = {
      getInput: (name) => inputs[name] ?? '',
      setOutput: (name, value) => void (outputs[name] = String(value)),
      setFailed: (message) => void failed.push(message),
      warning: () => undefined,
      info: () => undefined,
      writeStdout: () => undefined,
      env: {
        GITHUB_WORKSPACE: workspace,
        RUNNER_TEMP: runner,
        GITHUB_STEP_SUMMARY: path.join(runner, 'summary.md'),
        GITHUB_ACTION: `step${Math.random().toString(36).slice(2)}`,
      },
      cwd: '/',
    };
    const result = await runAction(rt);
    const summary = readFileSync(path.join(runner, 'summary.md'), 'utf8').replace(/\d+ ms/g, '');
    return { result, outputs, failed, summary };
  }

  it('gates and summarises the merged shards as the full scan does', async () => {
    const root = monorepo();
    const full = await run(root, { 'fail-on': 'error' });
    mkdirSync(path.join(root, 'reports'));
    for (const [i, paths] of ['services', 'infra'].entries()) {
      const shard = await run(root, { paths, 'fail-on': 'never', summary: 'false' });
      expect(shard.result).toBe('pass');
      writeFileSync(path.join(root, 'reports', `${i}.json`), readFileSync(shard.outputs['report-json']));
    }
    const merged = await run(root, { 'merge-reports': 'reports/*.json', 'fail-on': 'error' });
    expect(merged.result).toBe('fail');
    expect(merged.failed).toEqual(full.failed);
    const { 'report-json': _a, ...mergedOutputs } = merged.outputs;
    const { 'report-json': _b, ...fullOutputs } = full.outputs;
    expect(mergedOutputs).toEqual(fullOutputs);
    expect(merged.summary).toEqual(full.summary);
  });

  it('fails with result=error when no report matches', async () => {
    const out = await run(makeRepo({ 'main.tf': REMOTE_STATE_TF }), { 'merge-reports': 'reports/*.json' });
    expect(out.result).toBe('error');
    expect(out.failed).toEqual([
      expect.stringMatching(/input 'merge-reports': no report matches reports\/\*\.json/),
    ]);
  });
});
