import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Paths tracked by git below `root`, relative to it with forward slashes; undefined when `root`
 * is not inside a git work tree or git is not installed.
 */
export function gitTrackedFiles(root: string): string[] | undefined {
  // Outside a work tree git can only fail; finding that out on disk costs no process.
  if (!gitWorkTreeRoot(root)) return undefined;
  try {
    const out = execFileSync('git', ['-c', 'core.quotepath=off', 'ls-files', '-z', '--', '.'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
    return out.split('\u0000').filter(Boolean);
  } catch {
    return undefined;
  }
}

/**
 * The top directory of the git work tree that holds `dir` (the nearest directory, `dir` itself
 * included, with a `.git` entry: a directory, or a file in a worktree or submodule); undefined
 * outside a work tree. Found on disk, so it works where git is not installed.
 */
export function gitWorkTreeRoot(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}
