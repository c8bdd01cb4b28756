import { LineIndex } from '../parse/tree';

/** One file of the scan: read once, its parses cached on it. */
export class SourceFile {
  private readonly parses = new Map<string, unknown>();
  private linesCache?: string[];
  private lineIndex?: LineIndex;

  constructor(
    /** Scan-root relative, forward slashes. */
    readonly path: string,
    /** Absolute path on disk. */
    readonly absPath: string,
    readonly text: string,
  ) {}

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
}
