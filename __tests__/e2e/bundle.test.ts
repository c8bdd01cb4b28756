import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { baseEnv, PROJECT_ROOT, requireBundle, tempDir } from './run-dist';

/**
 * What a user or the runner has: the repository with its committed dist/ and no node_modules. The
 * CLI must find its tree-sitter .wasm files beside the bundle.
 */
function installWithoutNodeModules(): string {
  requireBundle('dist/cli/index.js');
  const dir = tempDir('install');
  cpSync(path.join(PROJECT_ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
  cpSync(path.join(PROJECT_ROOT, 'package.json'), path.join(dir, 'package.json'));
  return dir;
}

function runBundledCli(install: string, args: string[], cwd: string) {
  return spawnSync(process.execPath, [path.join(install, 'dist/cli/index.js'), ...args], {
    cwd,
    env: baseEnv(),
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('the bundled CLI', () => {
  it('runs from a copy of dist/ with no node_modules and loads mvdan-sh for a script that needs it', () => {
    const install = installWithoutNodeModules();
    const repo = tempDir('shell');
    writeFileSync(
      path.join(repo, 'Dockerfile'),
      'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN curl -fsSL https://get.example.com/install.sh | sh -s -- "$VERSION"\nUSER 1000\n',
    );
    const run = runBundledCli(install, ['--format', 'json', '.'], repo);
    expect(run.stderr).toBe('');
    const findings: { ruleId: string; line: number }[] = JSON.parse(run.stdout).findings;
    // Only the full parser reads the second RUN (it expands a variable); the rule needs its commands.
    expect(findings).toContainEqual(
      expect.objectContaining({ ruleId: 'dockerfile/remote-script-exec', line: 3 }),
    );
    expect(findings.map((f) => f.ruleId)).not.toContain('deploy-lint/internal-error');
    expect(findings.map((f) => f.ruleId)).not.toContain('dockerfile/invalid-syntax');
  });

  it('runs from a copy of dist/ with no node_modules and parses Terraform', () => {
    const install = installWithoutNodeModules();
    expect(existsSync(path.join(install, 'node_modules'))).toBe(false);
    const repo = tempDir('tf');
    writeFileSync(
      path.join(repo, 'main.tf'),
      'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n',
    );
    writeFileSync(path.join(repo, 'broken.tf'), 'resource "aws_s3_bucket" "x" {\n');
    const run = runBundledCli(install, ['--format', 'json', '.'], repo);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    const ids = report.findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ids).toContain('terraform/no-remote-backend');
    expect(ids).toContain('terraform/invalid-syntax');
    expect(ids).not.toContain('deploy-lint/internal-error');
    expect(run.status).toBe(1);
  });

  it('prints its version and starts with a shebang so `bin` can run it', () => {
    const install = installWithoutNodeModules();
    const run = runBundledCli(install, ['--version'], install);
    expect(run.stdout).toBe(`${packageJson.version}\n`);
    expect(run.status).toBe(0);
    const entry = readFileSync(path.join(install, 'dist/cli/index.js'), 'utf8');
    expect(entry.startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('reports the seed-service example, as the README promises, and exits 1', () => {
    const run = spawnSync(process.execPath, [requireBundle('dist/cli/index.js'), 'examples/seed-service'], {
      cwd: PROJECT_ROOT,
      env: baseEnv(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stdout).toMatch(
      /^examples\/seed-service\/terraform\/main\.tf\n(?: .*\n)*? +\d+:\d+ +warning .*terraform\/no-remote-backend$/m,
    );
    expect(run.stdout).toMatch(
      /^examples\/seed-service\/terraform\/terraform\.tfstate\n +1:1 +error .*terraform\/state-committed$/m,
    );
    expect(run.status).toBe(1);
  });

  it('stops quietly when the reader closes the pipe early, as `| head` does', () => {
    // Output far larger than a pipe holds (64 KiB), so writes go on after `head` has gone.
    const repo = tempDir('pipe');
    for (let i = 0; i < 12; i++) {
      cpSync(
        path.join(PROJECT_ROOT, 'examples/seed-service/Dockerfile'),
        path.join(repo, `svc${i}/Dockerfile`),
      );
    }
    const cli = requireBundle('dist/cli/index.js');
    const run = spawnSync(
      '/bin/sh',
      ['-c', `"${process.execPath}" "${cli}" --format sarif | head -n 1 >/dev/null`],
      { cwd: repo, env: baseEnv(), encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('carries the license notice of every runtime dependency it bundles or ships beside itself', () => {
    requireBundle('dist/cli/index.js');
    const noticed = (file: string) =>
      new Set(
        readFileSync(path.join(PROJECT_ROOT, file), 'utf8')
          .split('\n\n')
          .map((notice) => notice.split('\n')[0]),
      );
    const action = noticed('dist/licenses.txt');
    const cli = noticed('dist/cli/licenses.txt');
    const dependencies = Object.keys(packageJson.dependencies);
    expect(dependencies.filter((name) => !action.has(name))).toEqual([]);
    // The CLI talks to no GitHub API: only the action bundles the toolkit and Octokit.
    const githubOnly = (name: string) => name.startsWith('@actions/') || name.startsWith('@octokit/');
    expect(dependencies.filter((name) => !githubOnly(name) && !cli.has(name))).toEqual([]);
    expect([...cli].filter(githubOnly)).toEqual([]);
  });
});
