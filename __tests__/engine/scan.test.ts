import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scan, type ScanOptions } from '../../src/engine/scan';
import { ConfigError } from '../../src/engine/config-file';
import type { RawFinding } from '../../src/engine/finding';
import type { Checker, RuleMeta, RunContext } from '../../src/engine/rule';
import type { SourceFile } from '../../src/engine/workspace';

const UNTAGGED: RuleMeta = {
  id: 'dockerfile/from-missing-tag',
  severity: 'warning',
  title: 'Base image has no tag',
  help: 'Pin the base image.',
  aliases: ['DL3006'],
};
const ROOT_USER: RuleMeta = {
  id: 'dockerfile/user-root',
  severity: 'error',
  title: 'Runs as root',
  help: 'Add USER.',
};

/** A small checker that flags `FROM` lines without a tag and `USER root`, and records what it was given. */
function fakeDockerfileChecker(seen: { files: string[]; ctx?: RunContext } = { files: [] }): Checker {
  return {
    id: 'dockerfile',
    rules: [UNTAGGED, ROOT_USER],
    claims: (file: SourceFile) => file.name === 'Dockerfile',
    async run(files, ctx) {
      seen.files.push(...files.map((f) => f.path));
      seen.ctx = ctx;
      const out: RawFinding[] = [];
      for (const file of files) {
        file.lines.forEach((text, index) => {
          const from = /^FROM\s+([^\s:@]+)\s*$/.exec(text);
          if (from) {
            out.push({
              ruleId: UNTAGGED.id,
              file: file.path,
              line: index + 1,
              subject: `FROM ${from[1]}`,
              message: `${from[1]} has no tag.`,
            });
          }
          if (/^USER\s+root\b/.test(text)) {
            out.push({
              ruleId: ROOT_USER.id,
              file: file.path,
              line: index + 1,
              subject: 'USER root',
              message: 'Runs as root.',
            });
          }
        });
      }
      return out;
    },
  };
}

function failingChecker(): Checker {
  return {
    id: 'terraform',
    rules: [],
    claims: (file) => file.name.endsWith('.tf'),
    run: async () => {
      throw new Error('boom');
    },
  };
}

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-scan-'));
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function write(relPath: string, content: string | Buffer): void {
  const abs = path.join(root, relPath);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
}

function run(options: Partial<ScanOptions> = {}, checkers: readonly Checker[] = [fakeDockerfileChecker()]) {
  return scan({ root, checkers, ...options });
}

describe('scan', () => {
  it('runs the checkers over the files they claim and fills findings from rule metadata', async () => {
    write('api/Dockerfile', 'FROM node\nUSER root\n');
    write('web/Dockerfile', 'FROM nginx:1.27\n');
    write('README.md', '# docs\n');
    const seen = { files: [] as string[], ctx: undefined as RunContext | undefined };
    const result = await run({}, [fakeDockerfileChecker(seen)]);

    expect(seen.files).toEqual(['api/Dockerfile', 'web/Dockerfile']);
    expect(seen.ctx?.allFiles.map((f) => f.path)).toEqual(['README.md', 'api/Dockerfile', 'web/Dockerfile']);
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.file, f.line, f.title, f.help])).toEqual([
      [
        'dockerfile/from-missing-tag',
        'warning',
        'api/Dockerfile',
        1,
        'Base image has no tag',
        'Pin the base image.',
      ],
      ['dockerfile/user-root', 'error', 'api/Dockerfile', 2, 'Runs as root', 'Add USER.'],
    ]);
    expect(result.findings.every((f) => /^[0-9a-f]{32}$/.test(f.fingerprint))).toBe(true);
    expect(result.stats).toMatchObject({ files: 3, filesByChecker: { dockerfile: 2 } });
    expect(result.rules.map((r) => r.id)).toContain('deploy-lint/unknown-rule');
  });

  it('keeps fingerprints when lines move', async () => {
    write('Dockerfile', 'FROM node\n');
    const before = (await run()).findings[0];
    write('Dockerfile', '# a comment\n\nFROM node\n');
    const after = (await run()).findings[0];
    expect(after.line).toBe(3);
    expect(after.fingerprint).toBe(before.fingerprint);
  });

  it('applies the config: rule levels, excludes, ignore entries, enabled checkers', async () => {
    write('a/Dockerfile', 'FROM node\nUSER root\n');
    write('vendor/Dockerfile', 'FROM node\n');
    write('legacy/Dockerfile', 'FROM node\nUSER root\n');
    write(
      '.deploy-lint.yml',
      [
        'exclude: [vendor]',
        'rules:',
        '  dockerfile/from-missing-tag: error',
        '  dockerfile/user-root: off',
        'ignore:',
        '  - rule: dockerfile/*',
        '    paths: [legacy/**]',
        '    reason: legacy image, retired soon',
      ].join('\n'),
    );
    const result = await run();
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.file])).toEqual([
      ['dockerfile/from-missing-tag', 'error', 'a/Dockerfile'],
    ]);
    expect(result.suppressed.map((f) => [f.ruleId, f.file, f.suppression])).toEqual([
      [
        'dockerfile/from-missing-tag',
        'legacy/Dockerfile',
        { kind: 'config', reason: 'legacy image, retired soon' },
      ],
    ]);

    write('.deploy-lint.yml', 'checkers: [kubernetes]\n');
    expect((await run()).findings).toEqual([]);
  });

  it('lists suppressed findings separately, and reports pragmas naming unknown rules', async () => {
    write(
      'Dockerfile',
      [
        '# hadolint ignore=DL3006',
        'FROM node',
        '# deploy-lint ignore=dockerfile/user-rot -- typo',
        'USER root',
      ].join('\n'),
    );
    write('docs/README.md', '# deploy-lint ignore=not/a-rule -- quoted in documentation\n');
    const result = await run();
    expect(result.suppressed.map((f) => [f.ruleId, f.suppression?.kind])).toEqual([
      ['dockerfile/from-missing-tag', 'pragma'],
    ]);
    expect(result.findings.map((f) => [f.ruleId, f.line, f.message])).toEqual([
      [
        'deploy-lint/unknown-rule',
        3,
        'The pragma names dockerfile/user-rot, which is not a deploy-lint rule, so it suppresses nothing. Did you mean dockerfile/user-root?',
      ],
      ['dockerfile/user-root', 4, 'Runs as root.'],
    ]);
  });

  it('gives a notice for a skipped file a checker would have read, not for other binaries', async () => {
    write('Dockerfile', Buffer.from([0x46, 0x52, 0x00, 0x4d]));
    write('logo.png', Buffer.from([0x89, 0x50, 0x00, 0x47]));
    const result = await run();
    expect(result.findings.map((f) => [f.ruleId, f.file, f.severity, f.message])).toEqual([
      [
        'deploy-lint/skipped-file',
        'Dockerfile',
        'notice',
        'Dockerfile is binary (it contains NUL bytes), so it was not checked.',
      ],
    ]);
  });

  it('always reports a link that leaves the root', async () => {
    fs.symlinkSync('/etc', path.join(root, 'etc'));
    const result = await run();
    expect(result.findings.map((f) => [f.ruleId, f.file])).toEqual([['deploy-lint/skipped-file', 'etc']]);
  });

  it('turns a checker that throws into one finding and runs the others', async () => {
    write('main.tf', 'resource "x" "y" {}\n');
    write('Dockerfile', 'FROM node\n');
    const result = await run({}, [failingChecker(), fakeDockerfileChecker()]);
    expect(result.findings.map((f) => [f.ruleId, f.file])).toEqual([
      ['dockerfile/from-missing-tag', 'Dockerfile'],
      ['deploy-lint/internal-error', 'main.tf'],
    ]);
    expect(result.findings[1].message).toBe('The terraform checker failed: boom. Other checkers still ran.');
  });

  it('takes a checker with more findings than a call can spread (250,000)', async () => {
    write('Dockerfile', 'FROM node\n');
    const flood: Checker = {
      ...fakeDockerfileChecker(),
      run: async (files) =>
        Array.from({ length: 250_000 }, (_, i) => ({
          ruleId: UNTAGGED.id,
          file: files[0].path,
          line: 1,
          subject: `FROM ${i}`,
          message: `finding ${i}`,
        })),
    };
    const result = await run({}, [flood]);
    expect(result.findings).toHaveLength(250_000);
  }, 60_000);

  it('honours paths, exclude and checkers from the options', async () => {
    write('a/Dockerfile', 'FROM node\n');
    write('b/Dockerfile', 'FROM node\n');
    write('c/Dockerfile', 'FROM node\n');
    const result = await run({ paths: ['a', 'b/'], exclude: ['b/**'] });
    expect(result.findings.map((f) => f.file)).toEqual(['a/Dockerfile']);
    expect((await run({ only: ['iam'] })).findings).toEqual([]);
  });

  it('gives checkers only the tracked files the paths and excludes select, ignored or not', async () => {
    write('.gitignore', '*.tfstate\n');
    write('a/Dockerfile', 'FROM node:20\n');
    write('a/terraform.tfstate', '{}\n');
    write('vendor/terraform.tfstate', '{}\n');
    write('b/terraform.tfstate', '{}\n');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-f', '.');
    const seen: { files: string[]; ctx?: RunContext } = { files: [] };
    await run({ paths: ['a', 'vendor'], exclude: ['vendor/**'] }, [fakeDockerfileChecker(seen)]);
    expect(seen.ctx?.gitTrackedFiles).toEqual(['a/Dockerfile', 'a/terraform.tfstate']);
  });

  it('checks a tracked file that .gitignore matches, and leaves the untracked ones beside it alone', async () => {
    write('.gitignore', 'kustomize\n');
    write('kustomize/base/Dockerfile', 'FROM node\n');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-f', '.');
    write('kustomize/base/local/Dockerfile', 'FROM node\n');
    const files = (await run()).findings.map((f) => f.file);
    expect(files).toContain('kustomize/base/Dockerfile');
    expect(files).not.toContain('kustomize/base/local/Dockerfile');
  });

  it('throws ConfigError for an invalid config', async () => {
    write('.deploy-lint.yml', 'rules:\n  dockerfile/nope: off\n');
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({
      message: '.deploy-lint.yml:2: rules."dockerfile/nope" is not a known rule id.',
      file: '.deploy-lint.yml',
      line: 2,
    });
  });
});
