import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The end-to-end tests run the committed bundles, as the runner and a fresh clone do. CI rebuilds
 * dist/ and fails when it differs from what is committed, so these bundles are the current code.
 */
export function requireBundle(relative: string): string {
  const file = path.join(PROJECT_ROOT, relative);
  if (!existsSync(file)) throw new Error(`${relative} is missing: run 'npm run build' first.`);
  return file;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `deploy-lint-${prefix}-`));
}

/** A copy of a directory of the project (an example repository) in a fresh temp directory. */
export function copyOfProjectDir(relative: string): string {
  const target = tempDir('workspace');
  cpSync(path.join(PROJECT_ROOT, relative), target, { recursive: true });
  return target;
}

/** Only what a process needs to run; nothing of the GitHub Actions run the tests may be inside. */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.homedir() };
  if (process.env.SYSTEMROOT) env.SYSTEMROOT = process.env.SYSTEMROOT;
  return env;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
  runnerTemp: string;
}

export interface ActionRunOptions {
  event?: { name: string; payload: object };
  summaryFile?: string;
  /** More environment, e.g. GITHUB_API_URL for a local stand-in of the API. */
  env?: Record<string, string>;
}

/**
 * Runs dist/index.js with node the way the runner does: inputs as `INPUT_<NAME>` variables (upper
 * case, dashes kept), a workspace, an event payload, and files for outputs and the job summary.
 */
export function runAction(
  workspace: string,
  inputs: Record<string, string>,
  options: ActionRunOptions = {},
): ActionRun {
  const run = prepareRun(workspace, inputs, options);
  const child = spawnSync(process.execPath, [requireBundle('dist/index.js')], {
    cwd: workspace,
    env: run.env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return run.finish(child.status, child.stdout, child.stderr);
}

/**
 * runAction without blocking this process, for runs that talk to a server the test itself serves
 * (a stand-in for the GitHub API).
 */
export async function runActionAsync(
  workspace: string,
  inputs: Record<string, string>,
  options: ActionRunOptions = {},
): Promise<ActionRun> {
  const run = prepareRun(workspace, inputs, options);
  const child = spawn(process.execPath, [requireBundle('dist/index.js')], { cwd: workspace, env: run.env });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill(), 120_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return run.finish(code, stdout, stderr);
}

function prepareRun(workspace: string, inputs: Record<string, string>, options: ActionRunOptions) {
  const runner = tempDir('runner');
  const runnerTemp = path.join(runner, 'temp');
  mkdirSync(runnerTemp);
  const outputFile = path.join(runner, 'output');
  const summaryFile = options.summaryFile ?? path.join(runner, 'step-summary.md');
  const eventFile = path.join(runner, 'event.json');
  writeFileSync(outputFile, '');
  if (!options.summaryFile) writeFileSync(summaryFile, '');
  const event = options.event ?? { name: 'push', payload: pushEvent() };
  writeFileSync(eventFile, JSON.stringify(event.payload));

  const env: Record<string, string> = {
    ...baseEnv(),
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'acme/seed-service',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_ACTION_REPOSITORY: 'acme/deploy-lint',
    GITHUB_ACTION_REF: 'v1',
    RUNNER_TEMP: runnerTemp,
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;

  const finish = (code: number | null, stdout: string, stderr: string): ActionRun => ({
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: existsSync(summaryFile) && !options.summaryFile ? readFileSync(summaryFile, 'utf8') : '',
    workspace,
    runnerTemp,
  });
  return { env, finish };
}

/** The GITHUB_OUTPUT file: `name<<DELIMITER`, value lines, `DELIMITER`, as @actions/core writes it. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
      if (i >= lines.length) throw new Error(`output ${name}: no closing delimiter`);
      outputs[name] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const eq = lines[i].indexOf('=');
      outputs[lines[i].slice(0, eq)] = lines[i].slice(eq + 1);
    }
  }
  return outputs;
}

export function pushEvent(): object {
  return {
    ref: 'refs/heads/main',
    before: '1111111111111111111111111111111111111111',
    after: '0123456789abcdef0123456789abcdef01234567',
    repository: { full_name: 'acme/seed-service', name: 'seed-service', owner: { login: 'acme' } },
    pusher: { name: 'octocat' },
    head_commit: { id: '0123456789abcdef0123456789abcdef01234567', message: 'Add the seed service' },
  };
}

/** Workflow commands of one kind (`error`, `warning`, `notice`) printed on stdout, with their properties. */
export function workflowCommands(
  stdout: string,
  kind: string,
): { properties: Record<string, string>; message: string }[] {
  const out: { properties: Record<string, string>; message: string }[] = [];
  for (const line of stdout.split('\n')) {
    const match = new RegExp(`^::${kind}(?: ([^:]*))?::(.*)$`).exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[1] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
    }
    out.push({ properties, message: decodeURIComponent(match[2]) });
  }
  return out;
}
