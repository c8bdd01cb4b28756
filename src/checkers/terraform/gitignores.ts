/**
 * The .gitignore files that decide whether Terraform's state and .terraform/ would be committed,
 * wherever they are: the ones the scan discovered, the ones it left out (a scan of `infra/**` does
 * not read the top-level .gitignore), and the ones above the scan root up to the top of the git
 * work tree (a scan rooted at `infra/`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gitWorkTreeRoot } from '../../engine/git';
import type { RunContext } from '../../engine/rule';
import { SourceFile } from '../../engine/workspace';

export interface GitignoreFile {
  /** Directory relative to the top of the work tree (to the scan root outside git); '' at the top. */
  repoDir: string;
  /** For messages: relative to the scan root, e.g. `infra/.gitignore` or `../.gitignore` above it. */
  displayPath: string;
  /** The file when it lies inside the scan root, so a suggestion can edit it. */
  file?: SourceFile;
  text: string;
}

export interface RepoGitignores {
  /** The scan root relative to the top of the work tree; '' when they are the same. */
  rootPrefix: string;
  files: GitignoreFile[];
}

/** The .gitignore files the scan discovered, with nothing read from disk (tests, and outside git). */
export function discoveredGitignores(allFiles: readonly SourceFile[]): RepoGitignores {
  return {
    rootPrefix: '',
    files: allFiles
      .filter((f) => f.name === '.gitignore')
      .map((file) => ({ repoDir: file.dir, displayPath: file.path, file, text: file.text })),
  };
}

/**
 * Every .gitignore on the way from the top of the work tree down to each of `dirs` (scan-root
 * relative): discovered files as they are, the others read from disk. Unreadable ones are skipped.
 */
export function loadGitignores(ctx: RunContext, dirs: readonly string[]): RepoGitignores {
  const discovered = discoveredGitignores(ctx.allFiles);
  const top = gitWorkTreeRoot(ctx.root);
  const rootPrefix = top ? path.relative(top, ctx.root).split(path.sep).join('/') : '';
  if (rootPrefix.startsWith('..')) return discovered;
  const files = discovered.files.map((g) => ({ ...g, repoDir: joinPath(rootPrefix, g.repoDir) }));
  const known = new Map(files.map((g) => [g.repoDir, g]));
  const visit = (repoDir: string) => {
    if (known.has(repoDir)) return;
    const inRoot = rootPrefix === '' || repoDir === rootPrefix || repoDir.startsWith(`${rootPrefix}/`);
    const rootRelativeDir = inRoot ? repoDir.slice(rootPrefix.length).replace(/^\//, '') : undefined;
    const absPath = path.join(top ?? ctx.root, ...(repoDir ? repoDir.split('/') : []), '.gitignore');
    // Discovery already read the ones above the root; only those the scan's paths left out are read here.
    const text =
      rootRelativeDir === undefined && ctx.gitignoresAbove
        ? ctx.gitignoresAbove.find((g) => g.repoDir === repoDir)?.text
        : readText(absPath);
    if (text === undefined) {
      // Remembered so the directory is read once; an empty file changes nothing.
      known.set(repoDir, { repoDir, displayPath: '', text: '' });
      return;
    }
    const displayPath =
      rootRelativeDir !== undefined
        ? joinPath(rootRelativeDir, '.gitignore')
        : path.relative(ctx.root, absPath).split(path.sep).join('/');
    const gitignore: GitignoreFile = {
      repoDir,
      displayPath,
      file: rootRelativeDir !== undefined ? new SourceFile(displayPath, absPath, text) : undefined,
      text,
    };
    known.set(repoDir, gitignore);
    files.push(gitignore);
  };
  for (const dir of new Set(dirs)) {
    const segments = joinPath(rootPrefix, dir).split('/').filter(Boolean);
    for (let depth = 0; depth <= segments.length; depth++) visit(segments.slice(0, depth).join('/'));
  }
  return { rootPrefix, files };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function joinPath(dir: string, name: string): string {
  return dir && name ? `${dir}/${name}` : dir || name;
}
