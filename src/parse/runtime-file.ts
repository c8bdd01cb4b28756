// Files a parser loads at run time rather than through the bundle: the tree-sitter .wasm files, and
// mvdan-sh, which is large and only some scans need.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds such a file: beside the running bundle or one directory up (the CLI bundle lives in dist/cli/,
 * the files in dist/), else in the installed package (tests, `tsx`).
 */
export function locateRuntimeFile(
  fileName: string,
  inPackage: (resolve: (specifier: string) => string) => string,
): string {
  const bundleDirs = [moduleDirectory(), process.argv[1] ? path.dirname(process.argv[1]) : undefined];
  const candidates = [
    ...new Set(
      bundleDirs.flatMap((dir) => (dir ? [path.join(dir, fileName), path.join(dir, '..', fileName)] : [])),
    ),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found) return found;
  try {
    const installed = inPackage((specifier) => requireHere.resolve(specifier));
    if (existsSync(installed)) return installed;
    candidates.push(installed);
  } catch {
    // Not installed: only the bundle locations remain.
  }
  throw new Error(`${fileName} was not found; looked in ${candidates.join(', ')}.`);
}

/** Loads a CommonJS file found by `locateRuntimeFile`, synchronously. */
export function requireRuntimeFile<T>(file: string): T {
  return requireHere(file) as T;
}

const requireHere = createRequire(import.meta.url);

function moduleDirectory(): string | undefined {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
}
