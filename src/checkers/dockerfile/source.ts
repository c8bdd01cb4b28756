// Splits a Dockerfile into instructions with their exact source extent.
//
// dockerfile-ast finds where instructions start and what the escape character is; everything after that
// (continuation lines, comment lines inside them, heredoc bodies, flags, JSON arrays) is read here from
// the source, because dockerfile-ast 0.7.1 gets those wrong in known ways: `RUN cat << 'EOF'` is split
// into bogus instructions, a comment inside a continued instruction stays in its argument text, a
// comment inside a JSON array truncates getJSONStrings() (and it drops spaces inside strings),
// resolveVariable() can recurse forever, and getExpandedArguments() substitutes into exec form.
// None of those APIs is called.
import { DockerfileParser } from 'dockerfile-ast';
import type { SourceFile } from '../../engine/workspace';

/** One character of an instruction's argument text, traced back to the file. */
export interface CharPosition {
  line: number;
  column: number;
}

/**
 * Where the characters of a traced text come from: each run is a stretch of consecutive characters of one
 * source line (`start` is its first offset in the text). One run per line, rather than one position per
 * character, keeps a long RUN cheap to read.
 */
export interface PositionRun {
  start: number;
  line: number;
  column: number;
}

/** Text assembled from several source lines, with the file position of each character. */
export class TracedText {
  /**
   * @param runs sorted by `start`, covering offsets `base` to `base + text.length` of the text they were
   *   made for; shared by slices.
   * @param base offset of this text's first character in the runs' coordinates.
   */
  constructor(
    readonly text: string,
    private readonly runs: readonly PositionRun[],
    private readonly fallback: CharPosition,
    private readonly base = 0,
  ) {}

  /** 1-based file line and column of a character offset (the end maps to the last character). */
  at(offset: number): CharPosition {
    if (this.text.length === 0 || this.runs.length === 0) return this.fallback;
    const target = this.base + Math.max(0, Math.min(offset, this.text.length - 1));
    let low = 0;
    let high = this.runs.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.runs[mid].start <= target) low = mid;
      else high = mid - 1;
    }
    const run = this.runs[low];
    return { line: run.line, column: run.column + target - run.start };
  }

  slice(start: number, end?: number): TracedText {
    const from = Math.max(0, Math.min(start, this.text.length));
    const stop = Math.max(from, Math.min(end ?? this.text.length, this.text.length));
    return new TracedText(this.text.slice(from, stop), this.runs, this.at(start), this.base + from);
  }

  /** Drops leading and trailing whitespace, keeping positions. */
  trim(): TracedText {
    const start = this.text.length - this.text.trimStart().length;
    const end = this.text.trimEnd().length;
    return start >= end ? this.slice(start, start) : this.slice(start, end);
  }
}

export interface RawHeredoc {
  /** The delimiter word, without quotes. */
  delimiter: string;
  /** `<<-`: leading tabs are stripped from the body and the closing line. */
  stripTabs: boolean;
  /** `<<'EOF'` / `<<"EOF"`: the body is not expanded. */
  quoted: boolean;
  /** Body text (without the closing delimiter line); tabs already stripped for `<<-`. */
  body: string;
  /** Offset of the `<<` marker in the instruction's header text. */
  markerOffset: number;
  /** 1-based first body line; equals `closingLine` for an empty body. */
  line: number;
  /** 1-based line of the closing delimiter (or the last line of the file when it is missing). */
  closingLine: number;
  terminated: boolean;
}

export interface RawInstruction {
  /** As written (`run`), and upper-cased. */
  written: string;
  keyword: string;
  /** 1-based first line and last line, heredoc bodies included. */
  line: number;
  endLine: number;
  /** 1-based column of the keyword. */
  column: number;
  /** Last line of the instruction itself, before any heredoc body. */
  headerEndLine: number;
  /**
   * Everything after the keyword on the header lines: continuation escapes and the line breaks after them
   * removed, comment and empty lines inside the continuation dropped, as Docker reads it.
   */
  args: TracedText;
  heredocs: RawHeredoc[];
}

export interface Directive {
  name: string;
  value: string;
  line: number;
}

export interface SplitProblem {
  line: number;
  column?: number;
  message: string;
}

export interface SplitResult {
  directives: Directive[];
  escapeChar: string;
  instructions: RawInstruction[];
  problems: SplitProblem[];
  /** Instruction starts dockerfile-ast reported inside a heredoc body; they were dropped. */
  repairedLines: number[];
}

/** Instructions that accept heredocs (BuildKit). */
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

const HEREDOC_MARKER = /<<(-?)[ \t]*(["']?)([A-Za-z0-9_][A-Za-z0-9_.-]*)\2/g;

export function splitDockerfile(file: SourceFile): SplitResult {
  const problems: SplitProblem[] = [];
  const lines = file.lines;
  let escapeChar = '\\';
  let directives: Directive[] = [];
  let starts: { line: number; column: number }[] = [];
  try {
    const ast = DockerfileParser.parse(file.text);
    escapeChar = ast.getEscapeCharacter() || '\\';
    directives = ast.getDirectives().map((d) => ({
      name: d.getName().toLowerCase(),
      value: d.getValue(),
      line: d.getRange().start.line + 1,
    }));
    starts = ast.getInstructions().map((i) => {
      const r = i.getInstructionRange();
      return { line: r.start.line + 1, column: r.start.character + 1 };
    });
  } catch (error) {
    // dockerfile-ast failing outright: fall back to "every non-comment line that starts a word".
    problems.push({
      line: 1,
      message: `The Dockerfile parser failed: ${error instanceof Error ? error.message : String(error)}`,
    });
    starts = fallbackStarts(lines);
  }

  const instructions: RawInstruction[] = [];
  const repairedLines: number[] = [];
  let consumedThrough = 0;
  for (const start of starts) {
    if (start.line <= consumedThrough) {
      repairedLines.push(start.line);
      continue;
    }
    const instruction = readInstruction(lines, start.line, start.column, escapeChar);
    instructions.push(instruction);
    consumedThrough = instruction.endLine;
    for (const heredoc of instruction.heredocs) {
      if (!heredoc.terminated) {
        problems.push({
          line: instruction.line,
          message: `The heredoc \`<<${heredoc.delimiter}\` of this ${instruction.keyword} is never closed: no line reads \`${heredoc.delimiter}\`, so it swallows the rest of the file.`,
        });
      }
    }
  }
  return { directives, escapeChar, instructions, problems, repairedLines };
}

function fallbackStarts(lines: readonly string[]): { line: number; column: number }[] {
  const out: { line: number; column: number }[] = [];
  let continued = false;
  lines.forEach((text, i) => {
    const trimmed = text.trim();
    if (!continued && trimmed && !trimmed.startsWith('#'))
      out.push({ line: i + 1, column: text.indexOf(trimmed[0]) + 1 });
    if (trimmed && !trimmed.startsWith('#')) continued = trimmed.endsWith('\\');
  });
  return out;
}

function readInstruction(
  lines: readonly string[],
  line: number,
  column: number,
  escapeChar: string,
): RawInstruction {
  const first = lines[line - 1] ?? '';
  const keywordMatch = /^\S+/.exec(first.slice(column - 1));
  const written = keywordMatch ? keywordMatch[0] : '';
  const keyword = written.toUpperCase();

  // Header: the keyword line plus continuation lines.
  let text = '';
  const runs: PositionRun[] = [];
  const append = (lineNo: number, from: number, to: number): void => {
    const source = lines[lineNo - 1] ?? '';
    const piece = source.slice(Math.max(0, from), Math.max(0, to));
    if (!piece) return;
    runs.push({ start: text.length, line: lineNo, column: Math.max(0, from) + 1 });
    text += piece;
  };
  let current = line;
  let from = column - 1 + written.length;
  let headerEndLine = line;
  for (;;) {
    const source = lines[current - 1] ?? '';
    const body = source.replace(/\s+$/, '');
    headerEndLine = current;
    if (body.endsWith(escapeChar) && current < lines.length) {
      append(current, from, body.length - 1);
      current++;
      // Docker drops comment lines and empty lines inside a continuation.
      while (current <= lines.length && /^\s*(#.*)?$/.test(lines[current - 1]) && current < lines.length)
        current++;
      from = 0;
      continue;
    }
    if (body.endsWith(escapeChar) && current >= lines.length) {
      append(current, from, body.length - 1);
      break;
    }
    append(current, from, source.length);
    break;
  }
  const args = new TracedText(text, runs, { line, column: column + written.length });

  const heredocs: RawHeredoc[] = [];
  let endLine = headerEndLine;
  if (HEREDOC_KEYWORDS.has(keyword)) {
    let next = headerEndLine + 1;
    for (const marker of heredocMarkers(text)) {
      const bodyLines: string[] = [];
      let closing = -1;
      for (let n = next; n <= lines.length; n++) {
        const raw = lines[n - 1];
        const candidate = marker.stripTabs ? raw.replace(/^\t+/, '') : raw;
        if (candidate === marker.delimiter) {
          closing = n;
          break;
        }
        bodyLines.push(candidate);
      }
      const terminated = closing > 0;
      const closingLine = terminated ? closing : lines.length;
      heredocs.push({
        delimiter: marker.delimiter,
        stripTabs: marker.stripTabs,
        quoted: marker.quoted,
        body: bodyLines.length ? bodyLines.join('\n') + '\n' : '',
        markerOffset: marker.offset,
        line: next,
        closingLine,
        terminated,
      });
      endLine = closingLine;
      next = closingLine + 1;
      if (!terminated) break;
    }
  }
  return { written, keyword, line, endLine, column, headerEndLine, args, heredocs };
}

/** `<<EOF`, `<<-EOF`, `<<'EOF'`, `<< "EOF"` in an instruction header, outside quotes, in order. */
export function heredocMarkers(
  text: string,
): { delimiter: string; stripTabs: boolean; quoted: boolean; offset: number }[] {
  const out: { delimiter: string; stripTabs: boolean; quoted: boolean; offset: number }[] = [];
  const quotedRanges = quotedSpans(text);
  HEREDOC_MARKER.lastIndex = 0;
  for (let m = HEREDOC_MARKER.exec(text); m; m = HEREDOC_MARKER.exec(text)) {
    const offset = m.index;
    if (text[offset - 1] === '<' || text[offset + 2] === '<') continue; // `<<<` is a here-string
    if (quotedRanges.some(([s, e]) => offset > s && offset < e)) continue;
    out.push({ delimiter: m[3], stripTabs: m[1] === '-', quoted: m[2] !== '', offset });
  }
  return out;
}

function quotedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) {
        spans.push([start, i]);
        quote = '';
      }
    } else if (c === '\\') i++;
    else if (c === '"' || c === "'") {
      quote = c;
      start = i;
    }
  }
  if (quote) spans.push([start, text.length]);
  return spans;
}

/** Heuristic for "this is not a text Dockerfile at all". */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 4096);
  if (!sample) return false;
  const control = sample.match(/[\x01-\x08\x0e-\x1f\ufffd]/g)?.length ?? 0;
  return control / sample.length > 0.1;
}
