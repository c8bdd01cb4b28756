import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubContext, reportJsonName, runAction, type ActionRuntime } from '../../src/action/run';
import { CHECKERS } from '../../src/checkers';
import { FAKE_STATE, LOCAL_STATE_TF, makeRepo, REMOTE_STATE_TF, TERRAFORM_GITIGNORE } from '../cli/helpers';

interface Recorded {
  outputs: Record<string, string>;
  failed: string[];
  warnings: string[];
  stdout: string;
}

/** Runs the action in-process against a workspace, recording what it tells the runner. */
async function run(workspace: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}) {
  const runner = makeRepo({ 'summary.md': '' });
  const recorded: Recorded = { outputs: {}, failed: [], warnings: [], stdout: '' };
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
      ...env,
    },
    cwd: '/',
  };
  const result = await runAction(rt);
  return { result, ...recorded, summary: readFileSync(path.join(runner, 'summary.md'), 'utf8') };
}

describe('runAction', () => {
  it('passes on a clean workspace and reports zero counts', async () => {
    const workspace = makeRepo({ 'main.tf': REMOTE_STATE_TF, '.gitignore': TERRAFORM_GITIGNORE });
    const out = await run(workspace);
    expect(out.result).toBe('pass');
    expect(out.failed).toEqual([]);
    expect(out.outputs).toMatchObject({
      result: 'pass',
      findings: '0',
      errors: '0',
      warnings: '0',
      notices: '0',
    });
    expect(out.outputs['sarif-file']).toBe('');
    expect(JSON.parse(readFileSync(out.outputs['report-json'], 'utf8')).findings).toEqual([]);
    expect(out.summary).toContain('deploy-lint');
  });

  it('fails the step when a finding at or above fail-on remains, naming the count', async () => {
    const workspace = makeRepo({ 'main.tf': LOCAL_STATE_TF, '.gitignore': TERRAFORM_GITIGNORE });
    expect((await run(workspace)).result).toBe('pass');
    const out = await run(workspace, { 'fail-on': 'warning' });
    expect(out.result).toBe('fail');
    expect(out.outputs.result).toBe('fail');
    expect(out.failed).toEqual([
      expect.stringMatching(/^deploy-lint: 1 finding at warning or above \(fail-on: warning\)/),
    ]);
  });

  it('writes SARIF where asked, relative to the workspace', async () => {
    const workspace = makeRepo({ 'main.tf': REMOTE_STATE_TF, 'terraform.tfstate': FAKE_STATE });
    const out = await run(workspace, { 'sarif-file': 'reports/out.sarif' });
    expect(out.outputs['sarif-file']).toBe(path.join(workspace, 'reports/out.sarif'));
    const log = JSON.parse(readFileSync(out.outputs['sarif-file'], 'utf8'));
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain(
      'terraform/state-committed',
    );
  });

  it('gives a reproduce command that selects the same files from the repository root', async () => {
    const workspace = makeRepo({ 'infra/main.tf': LOCAL_STATE_TF, '.gitignore': TERRAFORM_GITIGNORE });
    const out = await run(workspace, { paths: 'infra', exclude: 'infra/legacy/**', 'fail-on': 'warning' });
    expect(out.summary).toContain(
      "node /tmp/deploy-lint/dist/cli/index.js 'infra/**' --exclude 'infra/legacy/**' --fail-on warning",
    );
  });

  it('names the JSON report after the step, so two steps in one job keep their own', async () => {
    const workspace = makeRepo({ 'main.tf': REMOTE_STATE_TF, '.gitignore': TERRAFORM_GITIGNORE });
    const first = await run(workspace, {}, { GITHUB_ACTION: '__acme_deploy-lint' });
    const second = await run(workspace, {}, { GITHUB_ACTION: '__acme_deploy-lint_2' });
    expect(path.basename(first.outputs['report-json'])).toBe('deploy-lint-report-acme_deploy-lint.json');
    expect(path.basename(second.outputs['report-json'])).toBe('deploy-lint-report-acme_deploy-lint_2.json');
    expect(reportJsonName({ GITHUB_ACTION: 'lint/../api' })).toBe('deploy-lint-report-lint_.._api.json');
    expect(reportJsonName({})).toBe('deploy-lint-report.json');
  });

  it('turns a bad input into result=error without scanning', async () => {
    const out = await run(makeRepo({}), { summary: 'maybe' });
    expect(out.result).toBe('error');
    expect(out.outputs).toEqual({ result: 'error' });
    expect(out.failed).toEqual([
      "deploy-lint: Invalid input 'summary' value 'maybe'; allowed values: true, false.",
    ]);
  });

  it('says why in the job summary when it cannot scan, unless the summary is off', async () => {
    const out = await run(makeRepo({}), { 'fail-on': 'fatal' });
    expect(out.summary).toBe(
      "## deploy-lint\n\n⚠️ **Error**: Invalid input 'fail-on' value 'fatal'; allowed values: error, warning, notice, never.\n\nNothing was checked; the step failed with `result=error`.\n",
    );
    const off = await run(makeRepo({}), { 'fail-on': 'fatal', summary: 'false' });
    expect(off.summary).toBe('');
    const config = await run(makeRepo({ 'lint.yml': 'checkers: [helm]\n' }), { config: 'lint.yml' });
    expect(config.summary).toMatch(/⚠️ \*\*Error\*\*: invalid config file \(input 'config'\): lint\.yml:1/);
  });

  it('turns an invalid config into result=error with its own message', async () => {
    const workspace = makeRepo({ 'ci/lint.yml': 'checkers: [helm]\n' });
    const out = await run(workspace, { config: 'ci/lint.yml' });
    expect(out.result).toBe('error');
    expect(out.failed).toEqual([
      expect.stringMatching(/^deploy-lint: invalid config file \(input 'config'\): ci\/lint\.yml:1: .*helm/),
    ]);
  });

  it('warns about a failed sink and still writes the others', async () => {
    const workspace = makeRepo({ 'main.tf': REMOTE_STATE_TF, 'terraform.tfstate': FAKE_STATE });
    const blocked = path.join(workspace, 'summary-dir');
    mkdirSync(blocked);
    const out = await run(workspace, { 'sarif-file': 'out.sarif' }, { GITHUB_STEP_SUMMARY: blocked });
    expect(out.warnings).toEqual([expect.stringMatching(/the summary output failed/)]);
    expect(out.result).toBe('fail');
    expect(out.outputs['sarif-file']).toBe(path.join(workspace, 'out.sarif'));
    expect(out.stdout).toMatch(/^::error file=terraform\.tfstate,line=1/m);
  });

  it('keeps file content from acting as a workflow command in the log', async () => {
    const workspace = makeRepo({ 'main.tf': LOCAL_STATE_TF, '::add-mask::x/main.tf': LOCAL_STATE_TF });
    const out = await run(workspace, { annotations: 'false' });
    const stop = /^::stop-commands::(\S+)$/m.exec(out.stdout);
    expect(stop).not.toBeNull();
    const token = stop?.[1] ?? '';
    const inside = out.stdout.slice(out.stdout.indexOf(token), out.stdout.lastIndexOf(`::${token}::`));
    expect(inside).toContain('::add-mask::x/main.tf');
  });
  it('warns when paths match nothing or a checker is not available', async () => {
    const workspace = makeRepo({ 'main.tf': REMOTE_STATE_TF });
    const none = await run(workspace, { paths: 'servics/api' });
    expect(none.result).toBe('pass');
    expect(none.warnings).toEqual([expect.stringMatching(/input 'paths' \(servics\/api\) matches no file/)]);
    const planned = ['dockerfile', 'kubernetes', 'iam', 'topology', 'terraform'].filter(
      (id) => !CHECKERS.some((c) => c.id === id),
    );
    if (planned.length) {
      const out = await run(workspace, { checkers: planned[0] });
      expect(out.warnings).toEqual([expect.stringContaining(`the ${planned[0]} checker is not available`)]);
    }
  });
});

describe('githubContext', () => {
  it('links to the pull request head, not the merge commit', () => {
    const event = makeRepo({
      'event.json': JSON.stringify({ pull_request: { number: 7, head: { sha: 'abc123' } } }),
    });
    expect(
      githubContext({
        GITHUB_REPOSITORY: 'acme/app',
        GITHUB_SHA: 'merge-sha',
        GITHUB_EVENT_PATH: path.join(event, 'event.json'),
        GITHUB_ACTION_REPOSITORY: 'acme/deploy-lint',
        GITHUB_ACTION_REF: 'v1',
      }),
    ).toEqual({
      serverUrl: 'https://github.com',
      repository: 'acme/app',
      headSha: 'abc123',
      actionRepository: 'acme/deploy-lint',
      actionRef: 'v1',
      pullRequest: 7,
    });
  });

  it('uses GITHUB_SHA on a push and survives a missing or broken event file', () => {
    const dir = makeRepo({ 'event.json': '{not json' });
    expect(
      githubContext({
        GITHUB_REPOSITORY: 'acme/app',
        GITHUB_SHA: 'push-sha',
        GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
      }),
    ).toMatchObject({ headSha: 'push-sha' });
    expect(githubContext({})).toBeUndefined();
  });
});
