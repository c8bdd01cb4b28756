// Bundles the action and the CLI with ncc, copies the tree-sitter .wasm files and mvdan-sh beside
// them, and writes each bundle's licenses.txt from the packages webpack actually put in it.
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);
const ncc = path.join(path.dirname(require.resolve('@vercel/ncc/package.json')), 'dist/ncc/cli.js');

rmSync('dist', { recursive: true, force: true });
const statsDir = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-build-'));
const BUNDLES = [
  { entry: 'src/main.ts', out: 'dist' },
  { entry: 'src/cli.ts', out: 'dist/cli' },
];
// The two bundles are independent: building them side by side uses both cores of a runner.
const run = promisify(execFile);
const bundled = await Promise.all(
  BUNDLES.map(async ({ entry, out }, i) => {
    const stats = path.join(statsDir, `${i}.json`);
    const args = ['build', entry, '-o', out, '--quiet', '--no-source-map-register', '--stats-out', stats];
    const { stderr } = await run(process.execPath, [ncc, ...args]);
    if (stderr) process.stderr.write(stderr);
    return bundledPackageDirs(JSON.parse(readFileSync(stats, 'utf8')));
  }),
);
rmSync(statsDir, { recursive: true, force: true });

// Both bundles load the grammars and mvdan-sh from dist/ (the CLI looks one directory up). mvdan-sh stays
// out of the bundles so that a scan whose shell scripts are all plain never compiles its 1.5 MB.
mkdirSync('dist', { recursive: true });
const mvdanDir = path.dirname(require.resolve('mvdan-sh/package.json'));
copyFileSync(path.join(mvdanDir, 'index.js'), 'dist/mvdan-sh.cjs');
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), 'dist/web-tree-sitter.wasm');
const hclDir = path.dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json'));
copyFileSync(path.join(hclDir, 'tree-sitter-terraform.wasm'), 'dist/tree-sitter-terraform.wasm');

// ncc's --license writes one file per chunk to the same name, so a bundle split into chunks kept only
// the last chunk's notices. Each bundle's list is made here instead: every package in its webpack
// stats, plus the files copied beside it (mvdan-sh, and the grammar in the .wasm files).
const besideBundles = [
  mvdanDir,
  hclDir,
  path.dirname(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
];
BUNDLES.forEach(({ out }, i) => {
  writeFileSync(path.join(out, 'licenses.txt'), licenseNotices(new Set([...bundled[i], ...besideBundles])));
});

/** The node_modules package directories whose modules webpack bundled, nested packages included. */
function bundledPackageDirs(stats) {
  const dirs = new Set();
  const visit = (modules) => {
    for (const module of modules ?? []) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec((module.name ?? '').replace(/^\.\//, ''));
      if (match) dirs.add(path.resolve(match[1]));
      visit(module.modules);
    }
  };
  visit(stats.modules);
  for (const child of stats.children ?? []) visit(child.modules);
  return dirs;
}

/** `name`, license id and license text of each package, by name: the format ncc's --license wrote. */
function licenseNotices(packageDirs) {
  const notices = [...packageDirs].map((dir) => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const files = readdirSync(dir).sort();
    const license = files.find((name) => /^(licen[cs]e|copying)([.-]|$)/i.test(name));
    // An Apache-2.0 NOTICE file travels with the work.
    const notice = files.find((name) => /^notice(\.|$)/i.test(name));
    const text = [license, notice]
      .filter(Boolean)
      .map((name) => readFileSync(path.join(dir, name), 'utf8').trim())
      .join('\n\n');
    return { name: manifest.name, body: `${manifest.name}\n${manifest.license ?? 'UNKNOWN'}\n${text}` };
  });
  const unique = new Map(notices.map((n) => [n.name, n.body]));
  return `${[...unique.keys()]
    .sort()
    .map((name) => unique.get(name))
    .join('\n\n')}\n`;
}

if (!existsSync('dist/index.js') || !existsSync('dist/cli/index.js')) throw new Error('ncc wrote no bundle');
