// Bundles the action and the CLI with ncc and copies the tree-sitter .wasm files beside them.
import { execFile } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);
const ncc = path.join(path.dirname(require.resolve('@vercel/ncc/package.json')), 'dist/ncc/cli.js');

rmSync('dist', { recursive: true, force: true });
// The two bundles are independent: building them side by side uses both cores of a runner.
const run = promisify(execFile);
await Promise.all(
  [
    ['src/main.ts', 'dist'],
    ['src/cli.ts', 'dist/cli'],
  ].map(async ([entry, out]) => {
    const { stderr } = await run(process.execPath, [
      ncc,
      'build',
      entry,
      '-o',
      out,
      '--quiet',
      '--no-source-map-register',
      '--license',
      'licenses.txt',
    ]);
    if (stderr) process.stderr.write(stderr);
  }),
);

// ncc writes one licenses.txt per chunk to the same name, so a bundle split into chunks keeps only
// the last chunk's notices. The action's bundle holds every dependency the CLI bundles (and more):
// its list covers the CLI's chunks too.
copyFileSync('dist/licenses.txt', 'dist/cli/licenses.txt');

// Both bundles load the grammars and mvdan-sh from dist/ (the CLI looks one directory up). mvdan-sh stays
// out of the bundles so that a scan whose shell scripts are all plain never compiles its 1.5 MB.
mkdirSync('dist', { recursive: true });
const mvdanDir = path.dirname(require.resolve('mvdan-sh/package.json'));
copyFileSync(path.join(mvdanDir, 'index.js'), 'dist/mvdan-sh.cjs');
const mvdanNotice = `\nmvdan-sh\n${require('mvdan-sh/package.json').license}\n${readFileSync(path.join(mvdanDir, 'LICENSE'), 'utf8')}`;
for (const licenses of ['dist/licenses.txt', 'dist/cli/licenses.txt']) appendFileSync(licenses, mvdanNotice);
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), 'dist/web-tree-sitter.wasm');
copyFileSync(
  path.join(
    path.dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')),
    'tree-sitter-terraform.wasm',
  ),
  'dist/tree-sitter-terraform.wasm',
);
