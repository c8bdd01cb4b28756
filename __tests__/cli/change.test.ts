import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKERS } from '../../src/checkers';
import { CHECKER_IDS } from '../../src/engine/rule';
import { gitDiffIndex } from '../../src/report/diff';
import { cli, makeRepo } from './helpers';

/** `$PORT` in an exec-form CMD is never expanded: dockerfile/exec-form-variable, an error. */
const BROKEN = 'FROM alpine:3.20\nUSER 10001\nENV PORT=8080\nCMD ["app", "--port=$PORT"]\n';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

/** A repository whose main branch already has the error, on a feature branch. */
function repoWithHistory(): string {
  const root = makeRepo({ Dockerfile: BROKEN });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '.');
  git(root, 'commit', '-qm', 'base');
  git(root, 'checkout', '-qb', 'feature');
  return root;
}

describe('deploy-lint --diff-base', () => {
  it('gates only the findings on lines changed since the base, like filter-mode added on a PR', async () => {
    const root = repoWithHistory();
    writeFileSync(path.join(root, 'Dockerfile'), `# syntax=docker/dockerfile:1\n${BROKEN}`);
    git(root, 'commit', '-qam', 'a comment above');
    expect((await cli([], { cwd: root })).code).toBe(1);
    const moved = await cli(['--diff-base', 'main'], { cwd: root });
    expect(moved.code).toBe(0);
    expect(moved.stderr).toContain('1 outside the change since main (filter-mode added)');
    // The text output still lists it.
    expect(moved.stdout).toContain('dockerfile/exec-form-variable');

    expect((await cli(['--diff-base', 'main', '--filter-mode', 'file'], { cwd: root })).code).toBe(1);
    expect((await cli(['--diff-base', 'main', '--filter-mode', 'nofilter'], { cwd: root })).code).toBe(1);
  });

  it('counts uncommitted edits and untracked files as changed', async () => {
    const root = repoWithHistory();
    writeFileSync(path.join(root, 'Dockerfile'), BROKEN.replace('--port=$PORT', '--listen=$PORT'));
    const edited = await cli(['--diff-base', 'main'], { cwd: root });
    expect(edited.code).toBe(1);
    git(root, 'checkout', '--', 'Dockerfile');
    writeFileSync(path.join(root, 'api.Dockerfile'), BROKEN);
    const untracked = await cli(['--diff-base', 'main', '--format', 'github'], { cwd: root });
    expect(untracked.code).toBe(1);
    // Only the finding of the change is annotated.
    expect(untracked.stdout).toContain('file=api.Dockerfile');
    expect(untracked.stdout).not.toMatch(/file=Dockerfile,/);
  });

  it('follows a renamed file to its new path', async () => {
    const root = repoWithHistory();
    git(root, 'mv', 'Dockerfile', 'web.Dockerfile');
    git(root, 'commit', '-qm', 'rename');
    const diff = gitDiffIndex(root, 'main');
    expect(diff.files).toEqual([
      expect.objectContaining({ path: 'web.Dockerfile', previousPath: 'Dockerfile', status: 'renamed' }),
    ]);
    // Renamed as is: nothing changed on its lines, so nothing of it gates.
    expect((await cli(['--diff-base', 'main'], { cwd: root })).code).toBe(0);
  });

  it('exits 2 on a ref git does not know, and on --filter-mode without --diff-base', async () => {
    const root = repoWithHistory();
    const unknown = await cli(['--diff-base', 'no-such-branch'], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--diff-base no-such-branch');
    const alone = await cli(['--filter-mode', 'file'], { cwd: root });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--filter-mode needs --diff-base');
    expect((await cli(['--diff-base', 'main', '--filter-mode', 'lines'], { cwd: root })).stderr).toContain(
      'added, diff_context, file, nofilter',
    );
  });
});

describe('deploy-lint --write-baseline and --baseline', () => {
  it('accepts what is there today, and gates only what comes after', async () => {
    const root = makeRepo({ Dockerfile: BROKEN });
    const written = await cli(['--write-baseline', 'baseline.json'], { cwd: root });
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('wrote 1 finding to the baseline baseline.json');
    const baseline = JSON.parse(readFileSync(path.join(root, 'baseline.json'), 'utf8'));
    expect(baseline.findings).toEqual([
      {
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        ruleId: 'dockerfile/exec-form-variable',
        file: 'Dockerfile',
      },
    ]);

    const known = await cli(['--baseline', 'baseline.json'], { cwd: root });
    expect(known.code).toBe(0);
    expect(known.stderr).toContain('1 in the baseline');

    writeFileSync(path.join(root, 'worker.Dockerfile'), BROKEN);
    const markdown = await cli(['--baseline', 'baseline.json', '--format', 'markdown'], { cwd: root });
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain('🆕 new');
    expect(markdown.stdout).toContain('❌ **Failed**: 1 finding');
  });

  it('exits 2 on a baseline file that is missing or not one', async () => {
    const root = makeRepo({ Dockerfile: BROKEN, 'bad.json': '{"fingerprints": 3}' });
    expect((await cli(['--baseline', 'nope.json'], { cwd: root })).stderr).toContain(
      'nope.json: it does not exist',
    );
    const bad = await cli(['--baseline', 'bad.json'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--write-baseline');
  });
});

describe('deploy-lint and the config file', () => {
  it('warns when the config names a checker this version does not have', async () => {
    const planned = CHECKER_IDS.filter((id) => !CHECKERS.some((c) => c.id === id));
    if (!planned.length) return;
    const root = makeRepo({
      Dockerfile: BROKEN,
      '.deploy-lint.yml': `checkers: [dockerfile, ${planned[0]}]\n`,
    });
    const out = await cli([], { cwd: root });
    expect(out.stderr).toContain(
      `the ${planned[0]} checker is not available in this version (checkers in .deploy-lint.yml)`,
    );
  });
});
