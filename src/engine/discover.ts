import type { Dirent } from 'node:fs';
import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import ignore, { type Ignore } from 'ignore';
import { SourceFile } from './workspace';
import { gitWorkTreeRoot } from './git';
import { isSameOrBelow, normalizePattern, pathMatcher, staticBase } from './glob';

export interface SkippedFile {
  /** Scan-root relative, forward slashes. */
  path: string;
  reason: 'binary' | 'too-large' | 'not-utf8' | 'symlink-escape' | 'unreadable';
  /** A complete sentence for the user, naming the file and why it was not checked. */
  detail: string;
}

export interface DiscoverOptions {
  root: string;
  /** Globs or plain paths relative to root; a pattern selects a path and everything below it. */
  include: string[];
  /** Globs or plain paths relative to root, applied like .gitignore lines. */
  exclude: string[];
  /** Files larger than this are skipped without being read. */
  maxFileBytes: number;
  /**
   * Whether the scan needs a file's text past discovery (some checker claims it). The others let go
   * of their text as soon as they are read, so memory does not grow with unrelated files.
   */
  retain?: (file: SourceFile) => boolean;
  /**
   * Paths git tracks below the root. They are committed, so .gitignore does not apply to them, as
   * in git: a manifest tracked before its directory was ignored still deploys.
   */
  tracked?: readonly string[];
}

/** A .gitignore between the top of the git work tree and the scan root, which git applies to the scan. */
export interface GitignoreAbove {
  /** Its directory relative to the top of the work tree ('' at the top). */
  repoDir: string;
  text: string;
}

export interface Discovered {
  files: SourceFile[];
  skipped: SkippedFile[];
  /** The .gitignore files above the scan root, as the walk read them (none outside git). */
  gitignoresAbove: GitignoreAbove[];
}

/** Directories no deployment config lives in, and that are huge. */
const NEVER_WALKED = new Set(['.git', 'node_modules']);

/** How much of a file is searched for a NUL byte to call it binary (what git looks at). */
const BINARY_SNIFF_BYTES = 8000;

/**
 * Every text file under root that the include, exclude and .gitignore rules select, each read once,
 * sorted by path. Files that cannot be checked (binary, too large, not UTF-8, links out of the root,
 * unreadable) come back as `skipped` with a sentence saying why.
 *
 * The I/O is synchronous: the scan has nothing else to do meanwhile, and a sequence of awaited
 * readdir/stat/read calls spends more time in the event loop and the thread pool than in the kernel.
 */
export async function discover(options: DiscoverOptions): Promise<Discovered> {
  const root = path.resolve(options.root);
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    throw new Error(`The scan root ${root} does not exist or cannot be read.`);
  }
  const walker = new Walker(root, realRoot, options);
  walker.walkTree();

  const files: SourceFile[] = [];
  const skipped = [...walker.skipped];
  for (const candidate of walker.candidates) {
    const result = walker.load(candidate);
    if (result instanceof SourceFile) {
      if (options.retain && !options.retain(result)) result.release();
      files.push(result);
    } else {
      skipped.push(result);
    }
  }
  files.sort((a, b) => compareText(a.path, b.path));
  skipped.sort((a, b) => compareText(a.path, b.path));
  return { files, skipped, gitignoresAbove: walker.gitignoresAboveRoot };
}

/**
 * Whether a scan-root relative path is one the include and exclude patterns select, before
 * .gitignore: what the walk applies to each file, for lists of paths that do not come from the walk.
 */
export function selectsPath(options: Pick<DiscoverOptions, 'root' | 'include' | 'exclude'>) {
  const root = path.resolve(options.root);
  const isIncluded = pathMatcher(options.include.map((p) => normalizePattern(p, root)));
  const isExcluded = pathMatcher(options.exclude.map((p) => normalizePattern(p, root)));
  return (filePath: string): boolean => isIncluded(filePath) && !isExcluded(filePath);
}

/** A file chosen by the walk, not yet read. */
interface Candidate {
  path: string;
  absPath: string;
  /** Identity on disk: two paths to one file (through a link) are read once. */
  realPath: string;
}

/** The rules of one .gitignore, which apply to paths below its directory. */
interface IgnoreLevel {
  rules: Ignore;
  /** A scan-root relative path as the .gitignore's lines see it: relative to the .gitignore's directory. */
  relative(entryPath: string): string;
}

/** A symbolic link inside the root, followed after the plain tree so real paths win over link paths. */
interface DeferredLink extends Candidate {
  isDirectory: boolean;
  levels: readonly IgnoreLevel[];
}

class Walker {
  readonly candidates: Candidate[] = [];
  readonly skipped: SkippedFile[] = [];
  readonly gitignoresAboveRoot: GitignoreAbove[] = [];
  private readonly walkedDirs = new Set<string>();
  private readonly chosenFiles = new Set<string>();
  private readonly deferredLinks: DeferredLink[] = [];
  private readonly reads = new Map<string, SourceFile | SkippedFile>();
  private readonly isIncluded: (p: string) => boolean;
  private readonly isExcluded: (p: string) => boolean;
  private readonly includeBases: string[];
  private readonly trackedFiles: ReadonlySet<string>;
  /** Directories holding a tracked file: walked even when ignored. */
  private readonly trackedDirs = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly realRoot: string,
    private readonly options: DiscoverOptions,
  ) {
    const include = options.include.map((p) => normalizePattern(p, root));
    this.isIncluded = pathMatcher(include);
    this.isExcluded = pathMatcher(options.exclude.map((p) => normalizePattern(p, root)));
    this.includeBases = include.map(staticBase);
    this.trackedFiles = new Set(options.tracked);
    for (const file of this.trackedFiles) {
      for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
        const dir = file.slice(0, slash);
        if (this.trackedDirs.has(dir)) break;
        this.trackedDirs.add(dir);
      }
    }
  }

  walkTree(): void {
    this.walkDirectory('', this.root, this.realRoot, this.gitignoresAbove());
    // Links are followed last, so a file reachable both directly and through a link keeps its real path.
    for (let link = this.deferredLinks.shift(); link; link = this.deferredLinks.shift()) {
      if (link.isDirectory) {
        if (!this.walkedDirs.has(link.realPath)) {
          this.walkDirectory(link.path, link.absPath, link.realPath, link.levels);
        }
      } else {
        this.choose(link);
      }
    }
  }

  /** Reads a file once, however many times it is asked for (.gitignore files are read during the walk). */
  load(candidate: Candidate): SourceFile | SkippedFile {
    let read = this.reads.get(candidate.realPath);
    if (!read) {
      read = readSourceFile(candidate, this.options.maxFileBytes);
      this.reads.set(candidate.realPath, read);
    }
    return read;
  }

  private walkDirectory(
    dirPath: string,
    absDir: string,
    realDir: string,
    parentLevels: readonly IgnoreLevel[],
  ): void {
    this.walkedDirs.add(realDir);
    let entries: Dirent[];
    try {
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch (error) {
      this.skip(
        dirPath || '.',
        'unreadable',
        `The directory ${dirPath || '.'} could not be read (${errorText(error)}), so nothing in it was checked.`,
      );
      return;
    }
    entries.sort((a, b) => compareText(a.name, b.name));

    const levels = this.withGitignore(dirPath, absDir, realDir, entries, parentLevels);
    for (const entry of entries) {
      const entryPath = dirPath ? `${dirPath}/${entry.name}` : entry.name;
      // Paths on disk only for entries the scan wants: most of a monorepo is ignored or unclaimed.
      const candidate = () => ({
        path: entryPath,
        absPath: childPath(absDir, entry.name),
        realPath: childPath(realDir, entry.name),
      });
      if (entry.isDirectory()) {
        if (this.wantsDirectory(entryPath, levels)) {
          const dir = candidate();
          this.walkDirectory(entryPath, dir.absPath, dir.realPath, levels);
        }
      } else if (entry.isFile()) {
        if (this.wantsFile(entryPath, levels)) this.choose(candidate());
      } else if (entry.isSymbolicLink()) {
        this.considerLink(candidate(), levels);
      }
      // Sockets, FIFOs and devices are never configuration; reading a FIFO would block.
    }
  }

  /** Adds the directory's .gitignore (read through `load`, so it is read once) to the rules in force. */
  private withGitignore(
    dirPath: string,
    absDir: string,
    realDir: string,
    entries: readonly { name: string; isFile(): boolean }[],
    parentLevels: readonly IgnoreLevel[],
  ): readonly IgnoreLevel[] {
    if (!entries.some((e) => e.name === '.gitignore' && e.isFile())) return parentLevels;
    const gitignore = this.load({
      path: dirPath ? `${dirPath}/.gitignore` : '.gitignore',
      absPath: path.join(absDir, '.gitignore'),
      realPath: path.join(realDir, '.gitignore'),
    });
    if (!(gitignore instanceof SourceFile)) return parentLevels;
    const level: IgnoreLevel = {
      rules: ignore().add(gitignore.text),
      relative: (entryPath) => (dirPath ? entryPath.slice(dirPath.length + 1) : entryPath),
    };
    return [...parentLevels, level];
  }

  /**
   * The .gitignore files between the top of the git work tree and the scan root, as git applies
   * them to a scan of a subdirectory. When they ignore the scan root itself, the root was asked
   * for by name, so they are left out.
   */
  private gitignoresAbove(): IgnoreLevel[] {
    const top = gitWorkTreeRoot(this.realRoot);
    if (!top || top === this.realRoot) return [];
    const segments = path.relative(top, this.realRoot).split(path.sep);
    const levels: IgnoreLevel[] = [];
    for (let depth = 0; depth < segments.length; depth++) {
      const file = path.join(top, ...segments.slice(0, depth), '.gitignore');
      const text = readTextOrUndefined(file);
      if (text === undefined) continue;
      this.gitignoresAboveRoot.push({ repoDir: segments.slice(0, depth).join('/'), text });
      const rootFromHere = segments.slice(depth).join('/');
      levels.push({ rules: ignore().add(text), relative: (entryPath) => `${rootFromHere}/${entryPath}` });
    }
    return isGitignored('', levels) ? [] : levels;
  }

  private considerLink(link: Candidate, levels: readonly IgnoreLevel[]): void {
    let target: string;
    let isDirectory: boolean;
    try {
      target = realpathSync(link.absPath);
      const targetStat = statSync(target);
      // A link to a FIFO, socket or device is skipped like one: reading a FIFO would block forever.
      if (!targetStat.isDirectory() && !targetStat.isFile()) return;
      isDirectory = targetStat.isDirectory();
    } catch (error) {
      if (this.wantsFile(link.path, levels)) {
        this.skip(
          link.path,
          'unreadable',
          `${link.path} is a symbolic link that cannot be followed (${errorText(error)}), so it was not checked.`,
        );
      }
      return;
    }
    const wanted = isDirectory ? this.wantsDirectory(link.path, levels) : this.wantsFile(link.path, levels);
    if (!wanted) return;
    if (!isInside(this.realRoot, target)) {
      this.skip(
        link.path,
        'symlink-escape',
        `${link.path} is a symbolic link to ${target}, outside the scan root, so it was not followed.`,
      );
      return;
    }
    this.deferredLinks.push({ ...link, realPath: target, isDirectory, levels });
  }

  private wantsDirectory(dirPath: string, levels: readonly IgnoreLevel[]): boolean {
    const name = dirPath.slice(dirPath.lastIndexOf('/') + 1);
    return (
      !NEVER_WALKED.has(name) &&
      !this.isExcluded(dirPath) &&
      (!isGitignored(`${dirPath}/`, levels) || this.trackedDirs.has(dirPath)) &&
      this.includeBases.some((base) => isSameOrBelow(dirPath, base) || isSameOrBelow(base, dirPath))
    );
  }

  private wantsFile(filePath: string, levels: readonly IgnoreLevel[]): boolean {
    return (
      this.isIncluded(filePath) &&
      !this.isExcluded(filePath) &&
      (!isGitignored(filePath, levels) || this.trackedFiles.has(filePath))
    );
  }

  /** Takes a file into the scan, unless the same file on disk was taken through another path. */
  private choose(candidate: Candidate): void {
    if (this.chosenFiles.has(candidate.realPath)) return;
    this.chosenFiles.add(candidate.realPath);
    this.candidates.push({ path: candidate.path, absPath: candidate.absPath, realPath: candidate.realPath });
  }

  private skip(filePath: string, reason: SkippedFile['reason'], detail: string): void {
    this.skipped.push({ path: filePath, reason, detail });
  }
}

/** Git's rule: the deepest .gitignore that has an opinion about the path decides. */
function isGitignored(entryPath: string, levels: readonly IgnoreLevel[]): boolean {
  let ignored = false;
  for (const { rules, relative } of levels) {
    const result = rules.test(relative(entryPath));
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

function readTextOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function readSourceFile(c: Candidate, maxFileBytes: number): SourceFile | SkippedFile {
  const skipped = (reason: SkippedFile['reason'], detail: string): SkippedFile => ({
    path: c.path,
    reason,
    detail,
  });
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // One open, then questions to the descriptor: a path looked up once per file, not twice. The walk
    // chose a regular file, but it may have been replaced since by a FIFO, whose open would block
    // without O_NONBLOCK (absent on Windows, which has no FIFOs in the file system).
    fd = openSync(c.absPath, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    const info = fstatSync(fd);
    if (!info.isFile()) {
      return skipped('unreadable', `${c.path} is no longer a regular file, so it was not checked.`);
    }
    const size = info.size;
    if (size > maxFileBytes) {
      return skipped(
        'too-large',
        `${c.path} is ${formatBytes(size)}, over the ${formatBytes(maxFileBytes)} size cap, so it was not checked.`,
      );
    }
    bytes = readAll(fd, size);
  } catch (error) {
    return skipped('unreadable', `${c.path} could not be read (${errorText(error)}), so it was not checked.`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const encoding = encodingOf(bytes);
  // Every other character of UTF-16 text is a NUL, so only a file without its byte order mark is binary.
  if (encoding === UTF8 && bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return skipped('binary', `${c.path} is binary (it contains NUL bytes), so it was not checked.`);
  }
  let text: string;
  try {
    text = encoding.decode(bytes);
  } catch {
    return skipped(
      'not-utf8',
      `${c.path} is not valid ${encodingName(encoding)} text, so it was not checked.`,
    );
  }
  return rereadable(c.path, c.absPath, text);
}

/**
 * Built outside the reading function so the closure holds the path alone: a closure keeps its
 * function's whole context, and there the candidate (its real path too) for the rest of the scan.
 */
function rereadable(path: string, absPath: string, text: string): SourceFile {
  return new SourceFile(path, absPath, text, () => readAgain(absPath));
}

/**
 * A directory entry's path: the directory is already normal and a name from readdir has no
 * separator, so path.join's normalizing, once per entry of the tree, is not needed.
 */
function childPath(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

/** The file's bytes, `size` as fstat gave it (readFileSync would ask fstat a second time). */
function readAll(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const n = readSync(fd, bytes, read, size - read, null);
    if (n === 0) break; // shorter than it was a moment ago
    read += n;
  }
  return read === size ? bytes : bytes.subarray(0, read);
}

/**
 * Fatal: invalid text is an error, not U+FFFD; a leading byte order mark is dropped. Not streaming,
 * so one decoder per encoding serves every file.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF16LE = new TextDecoder('utf-16le', { fatal: true });
const UTF16BE = new TextDecoder('utf-16be', { fatal: true });

/**
 * UTF-16 when the file starts with its byte order mark (editors on Windows write YAML so, and
 * kubectl reads it), else UTF-8: text without a mark is UTF-8, as YAML, HCL and JSON expect.
 */
function encodingOf(bytes: Uint8Array): TextDecoder {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return UTF16LE;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return UTF16BE;
  return UTF8;
}

function encodingName(decoder: TextDecoder): string {
  return decoder === UTF8 ? 'UTF-8' : 'UTF-16';
}

function decodeText(bytes: Uint8Array): string {
  return encodingOf(bytes).decode(bytes);
}

/** The text of a file discovery read and let go of; empty if it changed into something unreadable since. */
function readAgain(absPath: string): string {
  try {
    return decodeText(readFileSync(absPath));
  } catch {
    return '';
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return error instanceof Error ? error.message : String(error);
}

function isInside(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
