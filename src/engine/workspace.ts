import { LineIndex } from '../parse/tree';

/** One file of the scan: read once, its parses cached on it until the scan lets go of it. */
export class SourceFile {
  private readonly parses = new Map<string, unknown>();
  private textCache: string | undefined;
  private linesCache?: string[];
  private lineIndex?: LineIndex;

  constructor(
    /** Scan-root relative, forward slashes. */
    readonly path: string,
    /** Absolute path on disk. */
    readonly absPath: string,
    text: string,
    /** Reads the text again after `release()` dropped it; without it the text is kept for good. */
    private readonly reread?: () => string,
  ) {
    this.textCache = text;
  }

  get text(): string {
    this.textCache ??= this.reread?.() ?? '';
    return this.textCache;
  }

  /** File name without directories. */
  get name(): string {
    const slash = this.path.lastIndexOf('/');
    return slash < 0 ? this.path : this.path.slice(slash + 1);
  }

  /** Directory part of the path ('' at the root). */
  get dir(): string {
    const slash = this.path.lastIndexOf('/');
    return slash < 0 ? '' : this.path.slice(0, slash);
  }

  get lines(): string[] {
    this.linesCache ??= this.text.split(/\r?\n/);
    return this.linesCache;
  }

  /** 1-based line and column of a 0-based character offset (clamped to the text). */
  position(offset: number): { line: number; column: number } {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex.position(Math.max(0, Math.min(offset, this.text.length)));
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    return this.lines[line - 1] ?? '';
  }

  /** Computes a parse once per file and kind; later calls get the cached value. */
  parsed<T>(kind: string, parse: (file: SourceFile) => T): T {
    if (!this.parses.has(kind)) this.parses.set(kind, parse(this));
    return this.parses.get(kind) as T;
  }

  /** Drops one cached parse: its checker is done with the file and no other reads that kind. */
  forget(kind: string): void {
    this.parses.delete(kind);
  }

  /**
   * Lets go of what the file holds once no checker needs it any more: its parses (but the `keep`
   * kinds), its line tables, and its text when it can be read again. Asking for any of them later
   * computes them again.
   */
  release(keep: readonly string[] = []): void {
    for (const kind of [...this.parses.keys()]) if (!keep.includes(kind)) this.parses.delete(kind);
    this.linesCache = undefined;
    this.lineIndex = undefined;
    if (this.reread) this.textCache = undefined;
  }
}
