// Everyday use of the built CLI and action, as a new user meets them: each point runs
// dist/cli/index.js or dist/index.js the way a terminal or the runner does.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding';
import { baseEnv, PROJECT_ROOT, requireBundle, runAction, tempDir, workflowCommands } from './run-dist';

const CLI = () => requireBundle('dist/cli/index.js');
const ESC = '\u001b[';

function run(args: string[], cwd: string, options: { input?: string; env?: Record<string, string> } = {}) {
  const child = spawnSync(process.execPath, [CLI(), ...args], {
    cwd,
    env: { ...baseEnv(), ...options.env },
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: 60_000,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Runs the CLI on a pseudo-terminal of the given width (util-linux `script`), as a person would. */
function runOnTerminal(args: string[], cwd: string, columns: number, env: Record<string, string> = {}) {
  const quoted = [process.execPath, CLI(), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawnSync('script', ['-qec', `stty cols ${columns}; ${quoted}`, '/dev/null'], {
    cwd,
    env: { ...baseEnv(), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: child.status, stdout: child.stdout.replace(/\r\n/g, '\n') };
}
const hasScript = spawnSync('script', ['--version']).status === 0;

function write(root: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

/** A git repository with two services: a Dockerfile and a Terraform root module with local state. */
function repository(): string {
  const root = write(tempDir('everyday'), {
    'services/api/Dockerfile': 'FROM node:22\nCOPY . /app\nCMD ["node", "/app/$ENTRY"]\n',
    'services/api/.dockerignore': 'node_modules\n',
    'infra/main.tf':
      'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n',
    '.gitignore': '*.tfstate\n*.tfstate.*\n.terraform/\n',
    'docs/notes.md': '# notes\n',
  });
  execFileSync('git', ['init', '-q'], { cwd: root });
  return root;
}

const findingKeys = (json: string) =>
  (JSON.parse(json).findings as Finding[]).map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort();

describe('the text output of the built CLI', () => {
  it('groups findings under their file, ends with the docs pointer and the count line, and is plain when piped', () => {
    const out = run([], repository());
    expect(out.code).toBe(1);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines).toContain('services/api/Dockerfile');
    expect(lines).toContain('infra/main.tf');
    expect(out.stdout).toMatch(
      /^services\/api\/Dockerfile\n(?: .*\n)*? +3:\d+ +error +.*dockerfile\/exec-form-variable$/m,
    );
    expect(lines.at(-2)).toMatch(
      /^Why and how to fix: deploy-lint --explain <rule-id> or https:\/\/github\.com\/.*\/docs\/rules\.md$/,
    );
    expect(lines.at(-1)).toMatch(
      /^\d+ errors?, .* in 2 files checked \(dockerfile 1, [^)]*terraform 1[^)]*\)$/,
    );
    expect(out.stdout).not.toContain(ESC);
    // No wrapping when piped: each finding is one line, however long.
    expect(lines.filter((l) => /^ {3,}\S/.test(l) && !/^ +\d+:\d+ /.test(l))).toEqual([]);
  });

  it.skipIf(!hasScript)('wraps to the terminal width and colours on a terminal, not with NO_COLOR', () => {
    const root = repository();
    const tty = runOnTerminal([], root, 80);
    expect(tty.stdout).toContain(`${ESC}31merror`);
    const plain = runOnTerminal([], root, 80, { NO_COLOR: '1' });
    expect(plain.stdout).not.toContain(ESC);
    const findingLines = plain.stdout.split('\n').filter((l) => /^ {3}/.test(l));
    expect(findingLines.some((l) => /^ {10,}\S/.test(l))).toBe(true); // continuation lines
    for (const line of findingLines) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(runOnTerminal(['--no-color'], root, 80).stdout).not.toContain(ESC);
  });

  it('colours a pipe only with --color', () => {
    expect(run(['--color'], repository()).stdout).toContain(`${ESC}31merror`);
  });

  it('says so, and exits 0, when no checker read any file', () => {
    const out = run(['docs'], repository());
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('No files checked: none of the 1 file found is one a checker reads.\n');
    expect(out.stdout).not.toContain('No findings');
  });

  it('counts the files each checker read in JSON, apart from the files found', () => {
    const stats = JSON.parse(run(['-f', 'json'], repository()).stdout).stats;
    expect(stats).toMatchObject({ filesChecked: 2, filesByChecker: { dockerfile: 1, terraform: 1 } });
    expect(stats.files).toBeGreaterThan(stats.filesChecked);
  });
});

describe('the built CLI, everyday options', () => {
  it('explains a rule, lists the rules, in text and JSON', () => {
    const cwd = tempDir('explain');
    const text = run(['--explain', 'dockerfile/exec-form-variable'], cwd);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^dockerfile\/exec-form-variable \(error\)\n.+\n\n/);
    expect(text.stdout).toMatch(/\nFails \(Dockerfile\):\n\n {4}FROM/);
    expect(text.stdout).toMatch(/\nDocs: https:\/\/\S+#dockerfileexec-form-variable\n$/);
    const json = JSON.parse(run(['--explain', 'dockerfile/exec-form-variable', '-f', 'json'], cwd).stdout);
    expect(json).toMatchObject({
      id: 'dockerfile/exec-form-variable',
      severity: 'error',
      enabledByDefault: true,
    });
    expect(json.example.bad).toBeTruthy();
    const unknown = run(['--explain', 'dockerfile/exec-form-variabel'], cwd);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /no rule dockerfile\/exec-form-variabel\. Did you mean dockerfile\/exec-form-variable\?/,
    );

    const list = run(['--list-rules'], cwd).stdout.split('\n');
    expect(list[0]).toMatch(/^rule +severity +on\? +title$/);
    expect(list.find((l) => l.startsWith('dockerfile/healthcheck-missing '))).toMatch(/ notice +off +\S/);
    const rules = JSON.parse(run(['--list-rules', '--format', 'json'], cwd).stdout);
    expect(rules.find((r: { id: string }) => r.id === 'terraform/state-committed')).toMatchObject({
      checker: 'terraform',
      severity: 'error',
      enabledByDefault: true,
    });
  });

  it('reads one file from stdin with --stdin-filename, and asks for the name without it', () => {
    const cwd = tempDir('stdin');
    const dockerfile = 'FROM alpine:3.20\nUSER 1000\nCMD ["sh", "-c", "echo $HOME"]\nRUN apk add curl\n';
    const out = run(['-', '--stdin-filename', 'build/Dockerfile', '-f', 'json'], cwd, { input: dockerfile });
    expect(out.stderr).toBe('');
    const findings = JSON.parse(out.stdout).findings as Finding[];
    expect(findings.map((f) => `${f.file} ${f.ruleId}`)).toContain(
      'build/Dockerfile dockerfile/apk-no-cache',
    );
    const nameless = run(['-'], cwd, { input: dockerfile });
    expect(nameless.code).toBe(2);
    expect(nameless.stderr).toMatch(/needs --stdin-filename NAME/);
  });

  it('takes -f, -c, -v, -h and comma-separated --exclude', () => {
    const root = repository();
    write(root, { 'strict.yml': 'rules:\n  terraform/no-remote-backend: error\n' });
    expect(run(['-v'], root).stdout).toBe(
      `${JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version}\n`,
    );
    expect(run(['-h'], root).stdout).toMatch(/^Usage: deploy-lint/);
    const strict = JSON.parse(run(['-f', 'json', '-c', 'strict.yml'], root).stdout).findings as Finding[];
    expect(strict.find((f) => f.ruleId === 'terraform/no-remote-backend')?.severity).toBe('error');
    const excluded = run(['-f', 'json', '--exclude', 'infra/**,services/api/Dockerfile'], root);
    expect(findingKeys(excluded.stdout)).toEqual([]);
  });

  it('gives the same findings however the scan is started', () => {
    const root = repository();
    // A nested config applies in neither front; the one at the top does.
    write(root, {
      '.deploy-lint.yml': 'rules:\n  dockerfile/healthcheck-missing: notice\n',
      'services/.deploy-lint.yml': 'rules:\n  dockerfile/exec-form-variable: off\n',
    });
    const fromTop = findingKeys(run(['-f', 'json', 'services'], root).stdout);
    expect(fromTop).toContain('services/api/Dockerfile:1 dockerfile/healthcheck-missing');
    expect(fromTop).toContain('services/api/Dockerfile:3 dockerfile/exec-form-variable');
    expect(findingKeys(run(['-f', 'json'], path.join(root, 'services')).stdout)).toEqual(fromTop);
    expect(findingKeys(run(['-f', 'json', 'api'], path.join(root, 'services')).stdout)).toEqual(fromTop);
    expect(findingKeys(run(['-f', 'json', '.'], path.join(root, 'services/api')).stdout)).toEqual(fromTop);
    const all = findingKeys(run(['-f', 'json'], root).stdout);
    expect(all.filter((k) => k.startsWith('services/'))).toEqual(fromTop);
  });

  it('exits 2 with one line when stdout cannot be written', () => {
    const out = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI()}" > /dev/full`], {
      cwd: repository(),
      env: baseEnv(),
      encoding: 'utf8',
    });
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/^deploy-lint: cannot write the output: .*no space left on device.*\n$/i);
  });

  it('gives a reproduce command in markdown that repeats the scan where it is shown', () => {
    const root = repository();
    const cwd = path.join(root, 'services');
    const markdown = run(['api', '--fail-on', 'warning', '-f', 'markdown'], cwd).stdout;
    const block = /From `([^`]+)`:\n\n```sh\n(.+)\n```/.exec(markdown);
    expect(block?.[1]).toBe('services');
    expect(block?.[2]).toBe('deploy-lint api --fail-on warning');
    const [, ...args] = block![2].split(' ');
    const again = run([...args, '-f', 'json'], path.join(root, block![1]));
    expect(again.code).toBe(1);
    expect(findingKeys(again.stdout)).toEqual(
      findingKeys(run(['api', '--fail-on', 'warning', '-f', 'json'], cwd).stdout),
    );
  });

  it('merges shard reports into exactly what one full scan gives', () => {
    const root = repository();
    const reports = path.join(tempDir('reports'), 'r');
    mkdirSync(reports);
    writeFileSync(path.join(reports, 'a.json'), run(['-f', 'json', 'services'], root).stdout);
    writeFileSync(
      path.join(reports, 'b.json'),
      run(['-f', 'json', 'infra', 'docs', '.gitignore'], root).stdout,
    );
    const merged = run(['merge', `${reports}/*.json`, '-f', 'json'], root);
    const full = run(['-f', 'json'], root);
    expect(merged.code).toBe(full.code);
    const comparable = (json: string) => {
      const { stats, ...rest } = JSON.parse(json);
      return { ...rest, stats: { ...stats, durationMs: 0 } };
    };
    expect(comparable(merged.stdout)).toEqual(comparable(full.stdout));
    const text = run(['merge', `${reports}/*.json`], root);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(run([], root).stdout.trimEnd().split('\n').at(-1));
  });
});

describe('the built action, everyday', () => {
  const inputs = {
    paths: '.',
    exclude: '',
    config: '',
    checkers: 'all',
    'fail-on': 'error',
    annotations: 'true',
    summary: 'true',
    'sarif-file': '',
  };

  it('annotates with one line: the message and the rule id, titled with the rule title', () => {
    const workspace = repository();
    const out = runAction(workspace, inputs);
    const annotations = [
      ...workflowCommands(out.stdout, 'error'),
      ...workflowCommands(out.stdout, 'warning'),
    ].filter((a) => a.properties.file);
    expect(annotations.length).toBeGreaterThan(1);
    for (const a of annotations) {
      expect(a.message).not.toContain('\n');
      expect(a.message).toMatch(/ \([a-z]+\/[a-z0-9-]+\)$/);
      expect(a.properties.title).not.toMatch(/\//);
    }
  });

  it('accepts comma-separated exclude globs, and shows the clone-at-ref reproduce command', () => {
    const workspace = repository();
    const out = runAction(workspace, { ...inputs, exclude: 'infra/**, services/api/Dockerfile' });
    expect(out.outputs.findings).toBe('0');
    expect(out.summary).toContain(
      'git clone --depth 1 --branch v1 https://github.com/acme/deploy-lint /tmp/deploy-lint',
    );
    expect(out.summary).toMatch(
      /node \/tmp\/deploy-lint\/dist\/cli\/index\.js \. --exclude 'infra\/\*\*' --exclude services\/api\/Dockerfile/,
    );
  });

  it('links the repository files when actions/checkout put the repository in a subdirectory', () => {
    const workspace = tempDir('workspace');
    const checkout = repository();
    execFileSync('cp', ['-r', checkout, path.join(workspace, 'app')]);
    const out = runAction(workspace, { ...inputs, 'sarif-file': 'deploy-lint.sarif' });
    expect(out.summary).toContain(
      '/acme/seed-service/blob/0123456789abcdef0123456789abcdef01234567/infra/main.tf#L',
    );
    expect(out.summary).not.toContain('/app/infra/main.tf');
    const sarif = JSON.parse(readFileSync(path.join(workspace, 'deploy-lint.sarif'), 'utf8'));
    const uris = sarif.runs[0].results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        r.locations[0].physicalLocation.artifactLocation.uri,
    );
    expect(uris).toContain('infra/main.tf');
    const selected = runAction(workspace, { ...inputs, paths: 'app/infra' });
    expect(
      JSON.parse(readFileSync(selected.outputs['report-json'], 'utf8')).findings.map((f: Finding) => f.file),
    ).toContain('infra/main.tf');
    expect(existsSync(path.join(workspace, 'app/.git'))).toBe(true);
  });
});
