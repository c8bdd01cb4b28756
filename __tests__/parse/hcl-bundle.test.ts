import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The action and the CLI run from ncc bundles with no node_modules beside them. This bundles a tiny
// entry that imports the HCL parser, moves it where no node_modules can be reached, and runs it.
const require = createRequire(import.meta.url);
const repo = path.resolve(import.meta.dirname, '../..');
const ncc = path.join(path.dirname(require.resolve('@vercel/ncc/package.json')), 'dist/ncc/cli.js');
const runtimeWasm = require.resolve('web-tree-sitter/web-tree-sitter.wasm');
const grammarWasm = path.join(
  path.dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')),
  'tree-sitter-terraform.wasm',
);

const work = mkdtempSync(path.join(tmpdir(), 'deploy-lint-hcl-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function hasNodeModulesAbove(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, 'node_modules'))) return true;
    if (path.dirname(current) === current) return false;
  }
}

describe('HCL parser inside an ncc bundle', () => {
  it('parses from a directory with no node_modules, with the .wasm files beside the bundle or one level up', () => {
    expect(hasNodeModulesAbove(work)).toBe(false);
    const built = path.join(work, 'built');
    // Transpile only: the bundle is about loading the parser, not about type errors elsewhere.
    execFileSync(
      process.execPath,
      [
        ncc,
        'build',
        path.join(repo, '__tests__/fixtures/terraform/bundle-entry.ts'),
        '-o',
        built,
        '-t',
        '--quiet',
      ],
      { cwd: repo, stdio: 'pipe' },
    );

    // The action layout: dist/index.js with the .wasm files beside it.
    const action = path.join(work, 'dist');
    // The CLI layout: dist/cli/index.js, the .wasm files in dist/.
    const cli = path.join(action, 'cli');
    mkdirSync(cli, { recursive: true });
    // The entry and the chunks it loads on first need (the tree-sitter runtime is one).
    const bundleFiles = readdirSync(built).filter((name) => name.endsWith('.js') || name === 'package.json');
    for (const dir of [action, cli]) {
      for (const name of bundleFiles) copyFileSync(path.join(built, name), path.join(dir, name));
    }
    copyFileSync(runtimeWasm, path.join(action, 'web-tree-sitter.wasm'));
    copyFileSync(grammarWasm, path.join(action, 'tree-sitter-terraform.wasm'));

    const input = path.join(work, 'main.tf');
    writeFileSync(input, '# state\n\nterraform {\n  backend "s3" {\n    bucket = "acme-state"\n  }\n}\n');
    for (const bundle of [path.join(action, 'index.js'), path.join(cli, 'index.js')]) {
      const out = execFileSync(process.execPath, [bundle, input], { cwd: work, encoding: 'utf8' });
      expect(JSON.parse(out)).toEqual({ type: 'terraform', labels: [], line: 3, errors: [] });
    }
  }, 120_000);
});
