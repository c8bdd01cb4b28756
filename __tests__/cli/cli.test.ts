import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import type { Finding } from '../../src/engine/finding';
import {
  cli,
  FAKE_STATE,
  LOCAL_STATE_TF,
  makeRepo,
  REMOTE_STATE_TF,
  sarifSchemaErrors,
  TERRAFORM_GITIGNORE,
} from './helpers';

const ANSI_ESCAPE = '\u001b[';

/** A repository with a root module that keeps local state (a warning) and nothing else. */
const localStateRepo = () => makeRepo({ 'infra/main.tf': LOCAL_STATE_TF, '.gitignore': TERRAFORM_GITIGNORE });
const cleanRepo = () => makeRepo({ 'infra/main.tf': REMOTE_STATE_TF, '.gitignore': TERRAFORM_GITIGNORE });

describe('deploy-lint usage', () => {
  it('prints the usage with --help and exits 0', async () => {
    const run = await cli(['--help'], { cwd: cleanRepo() });
    expect(run.code).toBe(0);
    for (const option of ['--format', '--config', '--fail-on', '--checkers', '--exclude', '--version']) {
      expect(run.stdout).toContain(option);
    }
  });

  it('prints the package version', async () => {
    const run = await cli(['--version'], { cwd: cleanRepo() });
    expect(run).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it.each([
    [['--bogus'], /Unknown option --bogus/],
    [['--format', 'xml'], /--format.*'xml'.*text, json, sarif, markdown, github/],
    [['--fail-on', 'critical'], /--fail-on.*'critical'.*error, warning, notice, never/],
    [
      ['--checkers', 'terraform,helm'],
      /--checkers.*'helm'.*dockerfile, kubernetes, iam, topology, terraform/,
    ],
    [['--format'], /--format/],
    [['no-such-dir'], /No such file or directory: no-such-dir/],
    [['--config', 'missing.yml'], /missing\.yml does not exist/],
  ])('exits 2 on %j and names the problem', async (argv, message) => {
    const run = await cli(argv, { cwd: cleanRepo() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('exits 2 on an invalid config file, naming the file and line', async () => {
    const root = makeRepo({
      'main.tf': REMOTE_STATE_TF,
      '.deploy-lint.yml': 'checkers: [terraform]\nrules:\n  deploy-lint/skipped-file: loud\n',
    });
    const run = await cli([root], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.deploy-lint\.yml:3/);
    expect(run.stderr).toMatch(/loud/);
  });
});

describe('deploy-lint exit status', () => {
  it('exits 0 on a clean repository', async () => {
    const run = await cli([], { cwd: cleanRepo() });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/No findings in \d+ files?/);
    expect(run.code).toBe(0);
  });

  it('reports a warning but exits 0 under the default --fail-on error', async () => {
    const run = await cli([], { cwd: localStateRepo() });
    expect(run.stdout).toMatch(/^infra\/main\.tf\n +\d+:\d+ +warning .*terraform\/no-remote-backend$/m);
    expect(run.code).toBe(0);
  });

  it('exits 1 when a finding at or above --fail-on remains', async () => {
    expect((await cli(['--fail-on', 'warning'], { cwd: localStateRepo() })).code).toBe(1);
    expect((await cli(['--fail-on', 'notice'], { cwd: localStateRepo() })).code).toBe(1);
  });

  it('exits 1 on an error finding, and 0 with --fail-on never', async () => {
    const root = makeRepo({ 'main.tf': REMOTE_STATE_TF, 'terraform.tfstate': FAKE_STATE });
    const run = await cli([], { cwd: root });
    expect(run.stdout).toMatch(/^terraform\.tfstate\n +1:1 +error .*terraform\/state-committed$/m);
    expect(run.code).toBe(1);
    expect((await cli(['--fail-on', 'never'], { cwd: root })).code).toBe(0);
  });

  it('runs only the checkers named with --checkers', async () => {
    const run = await cli(['--checkers', 'dockerfile', '--fail-on', 'notice', '--format', 'json'], {
      cwd: localStateRepo(),
    });
    expect(JSON.parse(run.stdout).findings).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('skips what --exclude matches, repeatably', async () => {
    const root = makeRepo({
      'a/main.tf': LOCAL_STATE_TF,
      'b/main.tf': LOCAL_STATE_TF,
      '.gitignore': TERRAFORM_GITIGNORE,
    });
    const all = await cli(['--format', 'json'], { cwd: root });
    expect(files(all.stdout)).toEqual(['a/main.tf', 'b/main.tf']);
    const one = await cli(['--format', 'json', '--exclude', 'a/**'], { cwd: root });
    expect(files(one.stdout)).toEqual(['b/main.tf']);
    const none = await cli(['--format', 'json', '--exclude', 'a/**', '--exclude', 'b/*.tf'], { cwd: root });
    expect(files(none.stdout)).toEqual([]);
  });
});

/** Files with findings, from a JSON report. */
function files(json: string): string[] {
  return [...new Set((JSON.parse(json) as { findings: Finding[] }).findings.map((f) => f.file))].sort();
}

describe('deploy-lint scan root', () => {
  it('makes a single directory argument the root: paths are relative to it', async () => {
    const root = localStateRepo();
    const run = await cli(['infra', '--format', 'json'], { cwd: root });
    expect(files(run.stdout)).toEqual(['main.tf']);
  });

  it('keeps the current directory as root when given several paths or a file', async () => {
    const root = makeRepo({
      'a/main.tf': LOCAL_STATE_TF,
      'b/main.tf': LOCAL_STATE_TF,
      'c/main.tf': LOCAL_STATE_TF,
    });
    const two = await cli(['a', 'b/main.tf', '--format', 'json'], { cwd: root });
    expect(files(two.stdout)).toEqual(['a/main.tf', 'b/main.tf']);
    const file = await cli(['c/main.tf', '--format', 'json'], { cwd: root });
    expect(files(file.stdout)).toEqual(['c/main.tf']);
  });

  it('takes a glob argument as a pattern over the current directory', async () => {
    const root = makeRepo({
      'a/main.tf': LOCAL_STATE_TF,
      'a/b/main.tf': LOCAL_STATE_TF,
      'c/main.tf': LOCAL_STATE_TF,
    });
    const run = await cli(['a/**/*.tf', '--format', 'json'], { cwd: root });
    expect(files(run.stdout)).toEqual(['a/b/main.tf', 'a/main.tf']);
    expect((await cli(['../*.tf'], { cwd: path.join(root, 'a') })).code).toBe(2);
  });

  it('warns on stderr when the paths match no file', async () => {
    const run = await cli(['infra/*.json', '--format', 'json'], { cwd: localStateRepo() });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('deploy-lint: infra/*.json matches no file; nothing was checked.\n');
    expect(JSON.parse(run.stdout).stats.files).toBe(0);
  });

  it('reads the config at the scan root', async () => {
    const root = makeRepo({
      'svc/main.tf': LOCAL_STATE_TF,
      'svc/.deploy-lint.yml': 'rules:\n  terraform/no-remote-backend: error\n',
    });
    expect((await cli(['svc'], { cwd: root })).code).toBe(1);
    expect((await cli(['svc', '--config', 'svc/.deploy-lint.yml'], { cwd: root })).code).toBe(1);
  });
});

describe('deploy-lint in a subdirectory of a git work tree', () => {
  /** A repository whose top .gitignore leaves out generated code below the service directory. */
  const monorepo = () => {
    const root = makeRepo({
      '.gitignore': `generated/\n${TERRAFORM_GITIGNORE}`,
      'services/api/infra/main.tf': LOCAL_STATE_TF,
      'services/api/generated/main.tf': LOCAL_STATE_TF,
    });
    mkdirSync(path.join(root, '.git'));
    return root;
  };

  it("applies the repository's .gitignore above the current directory", async () => {
    const run = await cli(['--format', 'json'], { cwd: path.join(monorepo(), 'services/api') });
    const files = JSON.parse(run.stdout).findings.map((f: Finding) => f.file);
    expect(files).toContain('services/api/infra/main.tf');
    expect(files.filter((f: string) => f.includes('generated/'))).toEqual([]);
  });

  it('gives the same findings whichever directory is named or the command runs in', async () => {
    const root = monorepo();
    writeFileSync(path.join(root, '.deploy-lint.yml'), 'rules:\n  terraform/no-remote-backend: error\n');
    // A nested config applies in neither front: the one at the top of the work tree does.
    writeFileSync(
      path.join(root, 'services/api/.deploy-lint.yml'),
      'rules:\n  terraform/no-remote-backend: off\n',
    );
    const json = async (argv: string[], cwd: string) => {
      const run = await cli([...argv, '--format', 'json'], { cwd });
      return JSON.parse(run.stdout).findings.map((f: Finding) => `${f.file} ${f.ruleId} ${f.severity}`);
    };
    const fromTop = await json(['services/api'], root);
    expect(fromTop).toContain('services/api/infra/main.tf terraform/no-remote-backend error');
    expect(await json([], path.join(root, 'services/api'))).toEqual(fromTop);
    expect(await json(['.'], path.join(root, 'services/api'))).toEqual(fromTop);
    expect(await json(['api'], path.join(root, 'services'))).toEqual(fromTop);
    expect(await json(['infra'], path.join(root, 'services/api'))).toEqual(
      fromTop.filter((f: string) => f.startsWith('services/api/infra/')),
    );
  });

  it('names files from the top of the repository in SARIF and workflow commands', async () => {
    const cwd = path.join(monorepo(), 'services/api');
    const sarif = JSON.parse((await cli(['--format', 'sarif'], { cwd })).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'services/api/infra/main.tf',
    );
    expect((await cli(['infra', '--format', 'github'], { cwd })).stdout).toMatch(
      /^::warning file=services\/api\/infra\/main\.tf,line=\d+/m,
    );
  });
});

describe('deploy-lint formats', () => {
  it('prints the JSON contract', async () => {
    const run = await cli(['--format', 'json'], { cwd: localStateRepo() });
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['tool', 'version', 'findings', 'suppressed', 'stats']);
    expect(report.tool).toBe('deploy-lint');
    expect(report.version).toBe(packageJson.version);
    expect(report.suppressed).toEqual([]);
    expect(report.stats).toMatchObject({ files: 2, filesByChecker: { terraform: 1 } });
    expect(report.stats.durationMs).toBeTypeOf('number');
    const finding = report.findings.find((f: Finding) => f.ruleId === 'terraform/no-remote-backend');
    expect(finding).toMatchObject({ severity: 'warning', file: 'infra/main.tf' });
    for (const f of report.findings as Finding[]) {
      expect(f.ruleId).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
      expect(['error', 'warning', 'notice']).toContain(f.severity);
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.message).toBeTruthy();
      expect(f.help).toBeTruthy();
      expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('lists suppressed findings apart, with the reason', async () => {
    const root = makeRepo({
      'main.tf': `# deploy-lint ignore-file=terraform/no-remote-backend -- state is imported by the platform team\n${LOCAL_STATE_TF}`,
      '.gitignore': TERRAFORM_GITIGNORE,
    });
    const report = JSON.parse((await cli(['--format', 'json'], { cwd: root })).stdout);
    expect(report.findings.map((f: Finding) => f.ruleId)).not.toContain('terraform/no-remote-backend');
    expect(report.suppressed).toEqual([
      expect.objectContaining({
        ruleId: 'terraform/no-remote-backend',
        suppression: expect.objectContaining({ kind: 'pragma' }),
      }),
    ]);
  });

  it('prints SARIF 2.1.0 with paths relative to the current directory', async () => {
    const root = localStateRepo();
    const log = JSON.parse((await cli(['infra', '--format', 'sarif'], { cwd: root })).stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    const uris = log.runs[0].results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        r.locations[0].physicalLocation.artifactLocation.uri,
    );
    expect(uris).toContain('infra/main.tf');
  });

  it('prints workflow commands with --format github', async () => {
    const run = await cli(['--format', 'github'], { cwd: localStateRepo() });
    expect(run.stdout).toMatch(/^::warning file=infra\/main\.tf,line=\d+.*::/m);
  });

  it('gives the command that was run as the reproduce command in --format markdown, from where it ran', async () => {
    const root = makeRepo({ 'svc/infra/main.tf': LOCAL_STATE_TF, 'svc/.gitignore': TERRAFORM_GITIGNORE });
    mkdirSync(path.join(root, '.git'));
    const run = await cli(['infra', '-f', 'markdown', '--exclude', 'old/**'], {
      cwd: path.join(root, 'svc'),
    });
    expect(run.stdout).toContain("From `svc`:\n\n```sh\ndeploy-lint infra --exclude 'old/**'\n```");
    const top = await cli(['--format=markdown'], { cwd: root });
    expect(top.stdout).toContain('From the repository root:\n\n```sh\ndeploy-lint\n```');
  });

  it('prints the job summary with --format markdown', async () => {
    const run = await cli(['--format', 'markdown'], { cwd: localStateRepo() });
    expect(run.stdout).toContain('terraform/no-remote-backend');
    expect(run.stdout).toMatch(/^#/m);
  });

  it('colours text only for a terminal without NO_COLOR', async () => {
    const root = localStateRepo();
    expect((await cli([], { cwd: root, tty: true })).stdout).toContain(ANSI_ESCAPE);
    expect((await cli([], { cwd: root, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(
      ANSI_ESCAPE,
    );
    expect((await cli([], { cwd: root, tty: false })).stdout).not.toContain(ANSI_ESCAPE);
    expect((await cli(['--format', 'json'], { cwd: root, tty: true })).stdout).not.toContain(ANSI_ESCAPE);
  });
});

describe('deploy-lint on broken input', () => {
  /** Each case adds one broken file beside a module that must still be checked. */
  const brokenInputs: [string, (root: string) => void][] = [
    [
      'a .tf file with a missing brace',
      // A variable block, so the module manages nothing and only the syntax error is left to report.
      (root) =>
        writeFileSync(path.join(root, 'broken/variables.tf'), 'variable "region" {\n  type = string\n'),
    ],
    [
      'a .tf file that is not UTF-8',
      (root) =>
        writeFileSync(path.join(root, 'broken/main.tf'), Buffer.from([0x72, 0x65, 0x73, 0xff, 0xfe, 0x0a])),
    ],
    [
      'a binary file named main.tf',
      (root) =>
        writeFileSync(
          path.join(root, 'broken/main.tf'),
          Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]),
        ),
    ],
    ['a symlink out of the repository', (root) => symlinkSync('/etc', path.join(root, 'broken/etc'))],
    ['a 50 MB .tf file', (root) => sparseFile(path.join(root, 'broken/main.tf'), 50 * 1024 * 1024)],
  ];

  it.each(brokenInputs)(
    '%s gives at most one finding and the rest is still checked',
    async (_name, breakIt) => {
      const root = makeRepo({ 'good/main.tf': LOCAL_STATE_TF, '.gitignore': TERRAFORM_GITIGNORE });
      mkdirSync(path.join(root, 'broken'));
      breakIt(root);
      const run = await cli(['--format', 'json', '--fail-on', 'never'], { cwd: root });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
      expect(findings.filter((f) => f.file.startsWith('broken/')).length).toBeLessThanOrEqual(1);
      expect(findings.map((f) => f.ruleId)).not.toContain('deploy-lint/internal-error');
      expect(findings).toContainEqual(
        expect.objectContaining({ ruleId: 'terraform/no-remote-backend', file: 'good/main.tf' }),
      );
    },
  );

  it('reports the syntax error with its line', async () => {
    const root = makeRepo({ 'main.tf': 'resource "aws_s3_bucket" "x" {\n  bucket = "a"\n' });
    const findings = JSON.parse((await cli(['--format', 'json'], { cwd: root })).stdout)
      .findings as Finding[];
    expect(findings).toContainEqual(
      expect.objectContaining({ ruleId: 'terraform/invalid-syntax', file: 'main.tf' }),
    );
  });

  it.each([
    ['main.tf', 'terraform/invalid-syntax'],
    ['Dockerfile', 'dockerfile/invalid-syntax'],
  ])('reports a binary %s as invalid input of its checker, once', async (name, ruleId) => {
    const root = makeRepo({
      [name]: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]),
      'other/main.tf': 'resource "aws_s3_bucket" "x" {}\n',
    });
    const findings = JSON.parse((await cli(['--format', 'json'], { cwd: root })).stdout)
      .findings as Finding[];
    expect(findings.filter((f) => f.file === name)).toEqual([
      expect.objectContaining({
        ruleId,
        line: 1,
        severity: 'error',
        message: `${name} is binary (it contains NUL bytes), so it was not checked.`,
      }),
    ]);
    expect(findings).toContainEqual(
      expect.objectContaining({ ruleId: 'terraform/no-remote-backend', file: 'other/main.tf' }),
    );
  });

  it('gives a notice, not a syntax error, for a claimed file over the size cap', async () => {
    const root = makeRepo({ 'ok/main.tf': 'resource "aws_s3_bucket" "x" {}\n' });
    sparseFile(path.join(root, 'main.tf'), 6 * 1024 * 1024);
    const findings = JSON.parse((await cli(['--format', 'json'], { cwd: root })).stdout)
      .findings as Finding[];
    expect(findings.filter((f) => f.file === 'main.tf')).toEqual([
      expect.objectContaining({ ruleId: 'deploy-lint/skipped-file', severity: 'notice' }),
    ]);
  });
});

/** A file of `size` bytes that takes no disk space: truncate extends it with a hole. */
function sparseFile(file: string, size: number): void {
  writeFileSync(file, 'resource "aws_s3_bucket" "big" {}\n');
  truncateSync(file, size);
}
