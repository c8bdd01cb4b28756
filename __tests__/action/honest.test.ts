// A run says what it did not check, and where a problem in its input is.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction, type ActionRuntime } from '../../src/action/run';
import { CHECKERS } from '../../src/checkers';
import { CHECKER_IDS } from '../../src/engine/rule';
import { LOCAL_STATE_TF, makeRepo, TERRAFORM_GITIGNORE } from '../cli/helpers';

async function run(workspace: string, inputs: Record<string, string> = {}) {
  const runner = makeRepo({ 'summary.md': '' });
  const recorded = {
    outputs: {} as Record<string, string>,
    failed: [] as string[],
    warnings: [] as string[],
    stdout: '',
  };
  const rt: ActionRuntime = {
    getInput: (name) => inputs[name] ?? '',
    setOutput: (name, value) => void (recorded.outputs[name] = String(value)),
    setFailed: (message) => void recorded.failed.push(message),
    warning: (message) => void recorded.warnings.push(message),
    info: (message) => void (recorded.stdout += `${message}\n`),
    writeStdout: (text) => void (recorded.stdout += text),
    env: {
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runner,
      GITHUB_STEP_SUMMARY: path.join(runner, 'summary.md'),
    },
    cwd: '/',
  };
  const result = await runAction(rt);
  return { result, ...recorded, summary: readFileSync(path.join(runner, 'summary.md'), 'utf8') };
}

/** The summary up to its findings: what a reader sees first. */
const top = (summary: string) => summary.split('| Checker |')[0];

describe('a run that checked nothing says so at the top of the summary', () => {
  it('when paths match no file', async () => {
    const out = await run(makeRepo({ 'main.tf': LOCAL_STATE_TF }), { paths: 'servics/api' });
    expect(top(out.summary)).toContain("Nothing was checked: input 'paths' (servics/api) matches no file");
  });

  it('when no file is of a kind a checker reads', async () => {
    const out = await run(makeRepo({ 'README.md': '# hello\n', 'src/app.py': 'print(1)\n' }));
    expect(top(out.summary)).toContain('Nothing was checked: none of the 2 files is of a kind');
  });

  it('when the workspace is empty (no checkout)', async () => {
    const out = await run(makeRepo({}));
    expect(top(out.summary)).toContain('the workspace has no files');
  });

  it('when the config file names a checker this version does not have', async () => {
    const planned = CHECKER_IDS.filter((id) => !CHECKERS.some((c) => c.id === id));
    if (!planned.length) return;
    const workspace = makeRepo({
      'main.tf': LOCAL_STATE_TF,
      '.deploy-lint.yml': `checkers: [${planned[0]}]\n`,
    });
    const out = await run(workspace);
    expect(top(out.summary)).toContain(
      `the ${planned[0]} checker is not available in this version (checkers in .deploy-lint.yml)`,
    );
  });

  it('not when something was checked', async () => {
    const out = await run(makeRepo({ 'main.tf': LOCAL_STATE_TF, '.gitignore': TERRAFORM_GITIGNORE }));
    expect(out.summary).not.toContain('Nothing was checked');
    expect(out.warnings).toEqual([]);
  });
});

describe('a config error', () => {
  it('is an error annotation on the config file at its line', async () => {
    const workspace = makeRepo({
      'main.tf': LOCAL_STATE_TF,
      '.deploy-lint.yml': 'checkers: [terraform]\nfail-on: soon\n',
    });
    const out = await run(workspace);
    expect(out.result).toBe('error');
    expect(out.stdout).toMatch(
      /^::error file=\.deploy-lint\.yml,line=2(,col=\d+)?,title=deploy-lint%3A invalid config::/m,
    );
  });
});

describe('the baseline input', () => {
  it('keeps known findings from gating, counts the new ones, and rejects a missing file', async () => {
    const workspace = makeRepo({ 'main.tf': LOCAL_STATE_TF, '.gitignore': TERRAFORM_GITIGNORE });
    const before = await run(workspace, { 'fail-on': 'warning' });
    expect(before.result).toBe('fail');
    const report = JSON.parse(readFileSync(before.outputs['report-json'], 'utf8'));
    writeFileSync(
      path.join(workspace, 'baseline.json'),
      JSON.stringify({
        tool: 'deploy-lint',
        findings: report.findings.map((f: { fingerprint: string }) => ({ fingerprint: f.fingerprint })),
      }),
    );
    const known = await run(workspace, { 'fail-on': 'warning', baseline: 'baseline.json' });
    expect(known.result).toBe('pass');
    expect(known.outputs.findings).toBe(before.outputs.findings);
    expect(known.outputs['new-findings']).toBe('0');
    expect(known.stdout).not.toMatch(/^::warning file=main\.tf/m);

    const missing = await run(workspace, { baseline: 'nope.json' });
    expect(missing.result).toBe('error');
    expect(missing.failed[0]).toContain("Invalid input 'baseline'");
  });
});
