import { execFileSync } from 'node:child_process';

/**
 * Paths tracked by git below `root`, relative to it with forward slashes; undefined when `root`
 * is not inside a git work tree or git is not installed.
 */
export function gitTrackedFiles(root: string): string[] | undefined {
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
