// Which lines of a change can carry a review comment: the files of a pull request (from the API) or
// of a local `git diff`, each parsed into hunks of RIGHT-side (new file) lines.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import parseDiff from 'parse-diff';
import type { GithubClient } from './octokit';

/** One `@@` hunk, on the new side of the file: lines start..end, some of them added. */
export interface Hunk {
  start: number;
  end: number;
  /** Added lines; the others in start..end are unchanged context. */
  added: ReadonlySet<number>;
}

export type ChangeStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface ChangedFile {
  /** Repository-relative path on the new side (the new name of a rename). */
  path: string;
  /** The old name of a renamed file. */
  previousPath?: string;
  status: ChangeStatus;
  /** Undefined when the patch is withheld: a binary file, or a diff too large for GitHub to show. */
  hunks?: Hunk[];
}

/** GitHub's pull request files API lists at most this many files. */
export const MAX_PULL_REQUEST_FILES = 3000;

/** The hunks of one file's patch (a PR file's `patch` or one file of a `git diff`). */
export function parsePatch(patch: string): Hunk[] {
  const text = patch.startsWith('@@') ? `--- a\n+++ b\n${patch}` : patch;
  return parseDiff(text).flatMap((file) => file.chunks.map(hunkOf));
}

function hunkOf(chunk: parseDiff.Chunk): Hunk {
  const added = new Set<number>();
  for (const change of chunk.changes) {
    // parse-diff reads "\ No newline at end of file" as a change; it is no line of the file.
    if (change.type === 'add' && !change.content.startsWith('\\')) added.add(change.ln);
  }
  return { start: chunk.newStart, end: chunk.newStart + Math.max(chunk.newLines, 1) - 1, added };
}

/** Where a span of lines sits in the change. */
export type DiffPlacement =
  /** Some line of the span was added or changed. */
  | 'added'
  /** Inside a hunk, on unchanged context lines only. */
  | 'context'
  /** In a changed file, outside every hunk. */
  | 'file'
  /** In a changed file whose patch is withheld (binary, too large). */
  | 'withheld'
  /** In a file the change does not touch. */
  | 'outside'
  /** The file list was cut at GitHub's limit: whether this file changed is unknown. */
  | 'unknown';

/** A place a review comment can go: a RIGHT-side line, or lines start..line of one hunk. */
export interface Anchor {
  path: string;
  line: number;
  startLine?: number;
}

/** The changed files of a pull request or a local diff, looked up by repository path. */
export class DiffIndex {
  private readonly byPath = new Map<string, ChangedFile>();

  constructor(
    readonly files: readonly ChangedFile[],
    /** True when the listing stopped at GitHub's limit, so files past it are unknown. */
    readonly truncated = false,
  ) {
    for (const file of files) if (file.status !== 'removed') this.byPath.set(file.path, file);
  }

  file(repoPath: string): ChangedFile | undefined {
    return this.byPath.get(repoPath);
  }

  placement(repoPath: string, line: number, endLine = line): DiffPlacement {
    const file = this.byPath.get(repoPath);
    if (!file) return this.truncated ? 'unknown' : 'outside';
    if (!file.hunks) return 'withheld';
    let inHunk = false;
    for (const hunk of file.hunks) {
      if (hunk.end < line || hunk.start > endLine) continue;
      inHunk = true;
      for (let l = Math.max(line, hunk.start); l <= Math.min(endLine, hunk.end); l++) {
        if (hunk.added.has(l)) return 'added';
      }
    }
    return inHunk ? 'context' : 'file';
  }

  /**
   * The anchor for lines line..endLine: the whole span when one hunk holds it (multi-line), else
   * its first line inside a hunk, preferring an added one. Undefined when no line is commentable.
   */
  anchor(repoPath: string, line: number, endLine = line): Anchor | undefined {
    const hunks = this.byPath.get(repoPath)?.hunks ?? [];
    const whole = hunks.find((h) => h.start <= line && endLine <= h.end);
    if (whole)
      return endLine > line ? { path: repoPath, startLine: line, line: endLine } : { path: repoPath, line };
    let firstContext: number | undefined;
    for (let l = line; l <= endLine; l++) {
      const hunk = hunks.find((h) => h.start <= l && l <= h.end);
      if (!hunk) continue;
      if (hunk.added.has(l)) return { path: repoPath, line: l };
      firstContext ??= l;
    }
    return firstContext === undefined ? undefined : { path: repoPath, line: firstContext };
  }

  /** Whether lines line..endLine all sit in one hunk (a comment may span them). */
  inOneHunk(repoPath: string, line: number, endLine: number): boolean {
    return (this.byPath.get(repoPath)?.hunks ?? []).some((h) => h.start <= line && endLine <= h.end);
  }
}

/** The bits of a PR file the API returns that the index needs. */
export interface PullRequestFile {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
}

export function changedFileOf(file: PullRequestFile): ChangedFile {
  const changed: ChangedFile = { path: file.filename, status: file.status as ChangeStatus };
  if (file.previous_filename) changed.previousPath = file.previous_filename;
  if (typeof file.patch === 'string') changed.hunks = parsePatch(file.patch);
  return changed;
}

/** The files of a pull request, page by page, up to GitHub's limit of 3000. */
export async function listPullRequestFiles(
  client: GithubClient,
  pull: { owner: string; repo: string; number: number },
): Promise<DiffIndex> {
  const files: ChangedFile[] = [];
  const pages = client.paginate.iterator(client.rest.pulls.listFiles, {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.number,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const file of page.data) files.push(changedFileOf(file));
    if (files.length >= MAX_PULL_REQUEST_FILES) break;
  }
  return new DiffIndex(files, files.length >= MAX_PULL_REQUEST_FILES);
}

/**
 * The local change against REF, as a PR would show it: `git diff --merge-base REF` (the working tree
 * against the point where it left REF), run in `root` with paths relative to it, plus untracked
 * files, which are all added. Throws when git fails (an unknown REF, not a work tree).
 */
export function gitDiffIndex(root: string, ref: string): DiffIndex {
  const git = (args: string[]) =>
    execFileSync('git', ['-c', 'core.quotepath=off', ...args], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 512 * 1024 * 1024,
    });
  const diff = git(['diff', '--no-color', '--no-ext-diff', '-M', '--relative', '--merge-base', ref, '--']);
  const files: ChangedFile[] = parseDiff(diff).map((file) => {
    const deleted = file.deleted || file.to === '/dev/null';
    const newPath = (deleted ? file.from : file.to) ?? '';
    const changed: ChangedFile = {
      path: newPath,
      status: deleted ? 'removed' : file.new ? 'added' : file.from !== file.to ? 'renamed' : 'modified',
    };
    if (changed.status === 'renamed' && file.from) changed.previousPath = file.from;
    // A binary file has no hunks; a pure rename or mode change has none either, and nothing to comment on.
    if (file.chunks.length || file.from !== file.to) changed.hunks = file.chunks.map(hunkOf);
    return changed;
  });
  const untracked = git(['ls-files', '-z', '--others', '--exclude-standard', '--', '.'])
    .split('\0')
    .filter(Boolean);
  for (const file of untracked) {
    let lines = 0;
    try {
      const text = readFileSync(path.join(root, file), 'utf8');
      lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    } catch {
      // Unreadable: listed with no lines to comment on.
    }
    const added = new Set(Array.from({ length: lines }, (_, i) => i + 1));
    files.push({ path: file, status: 'added', hunks: lines ? [{ start: 1, end: lines, added }] : [] });
  }
  return new DiffIndex(files);
}
