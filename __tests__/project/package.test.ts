// What `npm publish` would ship: the bundles, the action metadata, the README and the license.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the npm package', () => {
  it('lists only what ships in npm pack', () => {
    const [pack] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
    ) as { files: { path: string }[] }[];
    const files = pack.files.map((f) => f.path).sort();
    for (const required of [
      'LICENSE',
      'README.md',
      'action.yml',
      'package.json',
      'dist/index.js',
      'dist/cli/index.js',
    ]) {
      expect(files).toContain(required);
    }
    expect(files).toEqual(
      expect.arrayContaining(['dist/tree-sitter-terraform.wasm', 'dist/web-tree-sitter.wasm']),
    );
    const unexpected = files.filter(
      (f) => !f.startsWith('dist/') && !['LICENSE', 'README.md', 'action.yml', 'package.json'].includes(f),
    );
    expect(unexpected).toEqual([]);
    expect(files.filter((f) => /__tests__|fixtures|examples\//.test(f))).toEqual([]);
  }, 60_000);

  it('is publishable as the deploy-lint command', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.private).toBeUndefined();
    expect(pkg.bin).toEqual({ 'deploy-lint': 'dist/cli/index.js' });
    expect(pkg.engines.node).toBe('>=20');
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(pkg.license).toBe('MIT');
    expect(readFileSync('dist/cli/index.js', 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });
});
