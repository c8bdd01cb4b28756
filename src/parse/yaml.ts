import type { SourceFile } from '../engine/workspace';
import {
  boolCoreTag,
  COLLECTION_STYLE,
  EVENT_ID,
  floatCoreTag,
  getScalarValue,
  intCoreTag,
  NOT_RESOLVED,
  nullCoreTag,
  parseEvents,
  SCALAR_STYLE,
  type Event,
  type ScalarEvent,
  type ScalarTagDefinition,
} from 'js-yaml';
import {
  LineIndex,
  scalarNode,
  type AliasNode,
  type DataNode,
  type ParseError,
  type MapNode,
  type ScalarNode,
  type ScalarStyle,
  type SeqNode,
  type Span,
} from './tree';

/**
 * YAML with positions: js-yaml's event stream (which carries source offsets) turned into the
 * shared DataNode tree. Aliases stay references and unknown tags (CloudFormation's `!Ref`,
 * `!Sub`...) stay on their nodes, so nothing is expanded and nothing is rejected for its tag.
 */

export type YamlError = ParseError;

export interface YamlDocument {
  /** 0-based position in the stream. */
  index: number;
  /** null for an empty document and for one that failed to parse. */
  root: DataNode | null;
  /** Offsets of the whole document, `---` and `...` markers included. */
  start: number;
  end: number;
  line: number;
  endLine: number;
  /** Why this document failed to parse (root is then null), or an alias to an undefined anchor. */
  error?: YamlError;
}

export interface YamlParseResult {
  documents: YamlDocument[];
  /** The first error of the stream. Documents before it are complete; parsing resumes at the next `---`. */
  error?: YamlError;
}

export interface YamlOptions {
  /** Deepest collection nesting accepted; deeper input is an error. Default 200. */
  maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 200;

/** The parse cache key every reader of YAML files shares, so a file is parsed once per scan. */
export const YAML_PARSE_KIND = 'yaml';

/**
 * The file's YAML documents, parsed once per scan and shared by every checker that reads YAML
 * (Kubernetes manifests, CloudFormation templates, topology files). Never throws.
 */
export function parseYamlFile(file: SourceFile): YamlParseResult {
  return file.parsed(YAML_PARSE_KIND, (f) => parseYaml(f.text));
}

/** A stream that keeps failing is not worth more attempts to salvage documents around its errors. */
const MAX_RECOVERIES = 50;
/** Attempts to find where the documents before an error end cleanly. */
const MAX_CUTS = 5;

/** Never throws: every failure becomes `error` with a line and column. */
export function parseYaml(text: string, options: YamlOptions = {}): YamlParseResult {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const lines = new LineIndex(text);
  const documents: YamlDocument[] = [];
  let firstError: YamlError | undefined;
  let markers: DocumentMarkers | undefined;

  let from = 0;
  for (let attempt = 0; from <= text.length; attempt++) {
    const chunk = from === 0 ? text : text.slice(from);
    const outcome = parseChunk(chunk, from, text, lines, maxDepth);
    if (outcome.kind === 'ok') {
      appendDocuments(documents, outcome.documents);
      break;
    }
    markers ??= new DocumentMarkers(text);
    const failure = outcome.error;
    // The broken document starts at the last document start before the error (an error at a
    // `---` belongs to the document it ends). What precedes it parses on its own, unless the
    // cut left an earlier document open (an unclosed quote): then cut before that one too.
    let brokenStart = markers.startBefore(failure.offset, from);
    for (let cuts = 0; brokenStart > from; cuts++) {
      const before = parseChunk(text.slice(from, brokenStart), from, text, lines, maxDepth);
      if (before.kind === 'ok') {
        appendDocuments(documents, before.documents);
        break;
      }
      brokenStart = cuts < MAX_CUTS ? markers.startBefore(before.error.offset, from) : from;
    }

    const resume =
      attempt < MAX_RECOVERIES ? markers.startAfter(brokenStart, lines.lineStart(failure.offset)) : -1;
    const brokenEnd = resume < 0 ? text.length : resume;
    documents.push({
      index: documents.length,
      root: null,
      start: brokenStart,
      end: brokenEnd,
      line: lines.lineOf(brokenStart),
      endLine: lines.lineOf(Math.max(brokenStart, brokenEnd - 1)),
      error: pointAtUnclosedQuote(text, failure, brokenStart, lines),
    });
    if (resume < 0) break;
    from = resume;
  }

  for (const document of documents) {
    if (document.error && !firstError) firstError = document.error;
  }
  return firstError ? { documents, error: firstError } : { documents };
}

function appendDocuments(target: YamlDocument[], found: YamlDocument[]): void {
  for (const document of found) target.push({ ...document, index: target.length });
}

type ChunkOutcome = { kind: 'ok'; documents: YamlDocument[] } | { kind: 'failed'; error: YamlError };

/** Parses text.slice(base) (passed as chunk) and positions everything against the full text. */
function parseChunk(
  chunk: string,
  base: number,
  text: string,
  lines: LineIndex,
  maxDepth: number,
): ChunkOutcome {
  let events: Event[];
  try {
    events = parseEvents(chunk, { maxDepth });
  } catch (error) {
    return { kind: 'failed', error: errorFrom(error, base, text, lines) };
  }
  try {
    return { kind: 'ok', documents: new TreeBuilder(chunk, base, text, lines, maxDepth).build(events) };
  } catch (error) {
    return { kind: 'failed', error: errorFrom(error, base, text, lines) };
  }
}

interface MarkedError {
  reason?: unknown;
  message?: unknown;
  mark?: { position?: unknown };
}

function errorFrom(error: unknown, base: number, text: string, lines: LineIndex): YamlError {
  const marked = (typeof error === 'object' && error !== null ? error : {}) as MarkedError;
  const reason =
    typeof marked.reason === 'string' && marked.reason
      ? marked.reason
      : typeof marked.message === 'string'
        ? marked.message
        : String(error);
  const position = marked.mark && typeof marked.mark.position === 'number' ? marked.mark.position : 0;
  const offset = Math.min(text.length, base + Math.max(0, position));
  return { message: reason, offset, ...lines.position(offset) };
}

/** What js-yaml says when a quoted string runs on past its line (or to the end of the text). */
const UNCLOSED_QUOTE_ERRORS =
  /^(deficient indentation|unexpected end of the (stream|document) within a (single|double) quoted scalar)$/;
/** How far back from the error an unclosed quote is looked for. */
const UNCLOSED_QUOTE_LINES = 20;

/**
 * js-yaml reports an unclosed quote where the string stops making sense (often the next line,
 * "deficient indentation"). When a line above the error opens a quoted scalar it never closes,
 * point there instead: that is the line to fix.
 */
function pointAtUnclosedQuote(text: string, error: YamlError, floor: number, lines: LineIndex): YamlError {
  const match = UNCLOSED_QUOTE_ERRORS.exec(error.message);
  if (!match) return error;
  const wanted = match[3] === 'single' ? "'" : match[3] === 'double' ? '"' : undefined;
  let lineEnd = error.offset;
  for (let scanned = 0; scanned < UNCLOSED_QUOTE_LINES && lineEnd >= floor; scanned++) {
    const lineStart = Math.max(floor, lines.lineStart(lineEnd));
    const opener = unclosedQuoteIn(text.slice(lineStart, lineEnd), wanted);
    if (opener >= 0) {
      const offset = lineStart + opener;
      const kind = text.charAt(offset) === '"' ? 'double' : 'single';
      return {
        message: `unclosed ${kind}-quoted string (${error.message} at line ${error.line})`,
        offset,
        ...lines.position(offset),
      };
    }
    if (lineStart === 0) break;
    lineEnd = lineStart - 1;
  }
  return error;
}

/**
 * Index of a quote on this line that opens a scalar and is not closed on the line, or -1.
 * Quotes count only where a scalar can start: after indentation, `- `, `? `, `: `, a flow
 * indicator, a tag or an anchor; inside plain text (`it's`) they are literal.
 */
function unclosedQuoteIn(line: string, wanted: string | undefined): number {
  let at = 0;
  let scalarCanStart = true;
  while (at < line.length) {
    const c = line.charAt(at);
    if (c === ' ' || c === '\t' || c === '\r') {
      at++;
      continue;
    }
    if (c === '#' && (at === 0 || line.charAt(at - 1) === ' ' || line.charAt(at - 1) === '\t')) return -1;
    if (scalarCanStart && (c === '"' || c === "'")) {
      const close = closingQuote(line, at);
      if (close < 0) return wanted === undefined || wanted === c ? at : -1;
      at = close + 1;
      scalarCanStart = false;
      continue;
    }
    if (scalarCanStart && (c === '!' || c === '&')) {
      while (at < line.length && line.charAt(at) !== ' ') at++;
      continue;
    }
    const next = line.charAt(at + 1);
    const indicator = c === '-' || c === '?' || c === ':';
    if ((indicator && (next === ' ' || next === '')) || c === '[' || c === '{' || c === ',') {
      scalarCanStart = true;
      at++;
      continue;
    }
    scalarCanStart = false;
    at++;
  }
  return -1;
}

function closingQuote(line: string, open: number): number {
  const quote = line.charAt(open);
  for (let at = open + 1; at < line.length; at++) {
    const c = line.charAt(at);
    if (quote === '"' && c === '\\') at++;
    else if (c === quote) {
      if (quote === "'" && line.charAt(at + 1) === "'") at++;
      else return at;
    }
  }
  return -1;
}

/** Thrown by the builder for problems the event parser does not check; becomes a YamlError. */
class BuildError extends Error {
  constructor(
    readonly reason: string,
    readonly mark: { position: number },
  ) {
    super(reason);
  }
}

interface OpenDocument {
  explicitStart: boolean;
  explicitEnd: boolean;
  root: DataNode | null;
  anchors: Map<string, DataNode>;
  error?: YamlError;
}

type Collection = MapNode | SeqNode;

class TreeBuilder {
  private readonly documents: YamlDocument[] = [];
  private readonly stack: Collection[] = [];
  /** A map's key waiting for its value, one slot per open collection. */
  private readonly pendingKeys: (DataNode | undefined)[] = [];
  private document: OpenDocument | undefined;
  /** End (chunk offset) of the last thing read: where a node without text of its own sits. */
  private lastEnd = 0;
  private markers: DocumentMarkers | undefined;

  constructor(
    private readonly src: string,
    private readonly base: number,
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly maxDepth: number,
  ) {}

  build(events: Event[]): YamlDocument[] {
    for (const event of events) {
      switch (event.type) {
        case EVENT_ID.DOCUMENT:
          this.document = {
            explicitStart: event.explicitStart,
            explicitEnd: event.explicitEnd,
            root: null,
            anchors: new Map(),
          };
          break;
        case EVENT_ID.MAPPING:
        case EVENT_ID.SEQUENCE: {
          if (this.stack.length >= this.maxDepth) {
            throw new BuildError(`nesting exceeded maxDepth (${this.maxDepth})`, { position: event.start });
          }
          const start = this.base + event.start;
          const { line, column } = this.lines.position(start);
          // end and endLine are known when the collection closes
          const node: Collection =
            event.type === EVENT_ID.MAPPING
              ? { kind: 'map', start, end: start, line, column, endLine: line, pairs: [] }
              : { kind: 'seq', start, end: start, line, column, endLine: line, items: [] };
          if (event.style === COLLECTION_STYLE.FLOW) node.flow = true;
          this.addProperties(node, event);
          this.attach(node);
          this.stack.push(node);
          this.pendingKeys.push(undefined);
          this.lastEnd = Math.max(this.lastEnd, event.start);
          break;
        }
        case EVENT_ID.SCALAR:
          this.scalar(event);
          break;
        case EVENT_ID.ALIAS: {
          const name = this.src.slice(event.anchorStart, event.anchorEnd);
          const target = this.document?.anchors.get(name);
          const node = this.span(event.anchorStart - 1, event.anchorEnd) as AliasNode;
          node.kind = 'alias';
          node.name = name;
          if (target) node.target = target;
          if (!target && this.document && !this.document.error) {
            const offset = this.base + event.anchorStart - 1;
            this.document.error = {
              message: `unknown anchor '${name}' referenced by alias`,
              offset,
              ...this.lines.position(offset),
            };
          }
          this.lastEnd = event.anchorEnd;
          this.attach(node);
          break;
        }
        case EVENT_ID.POP:
          if (this.stack.length > 0) this.close();
          else this.finishDocument();
          break;
      }
    }
    return this.documents;
  }

  private scalar(event: ScalarEvent): void {
    const tag = event.tagStart >= 0 ? this.src.slice(event.tagStart, event.tagEnd) : undefined;

    if (event.valueStart < 0) {
      // Nothing written: `key:` with no value, `- ` with no item, an empty document.
      const propsEnd = Math.max(event.tagEnd, event.anchorEnd);
      const parent = this.stack[this.stack.length - 1];
      const isMapValue =
        parent?.kind === 'map' && this.pendingKeys[this.pendingKeys.length - 1] !== undefined;
      if (propsEnd < 0 && (isMapValue || !parent)) {
        this.attach(null);
        return;
      }
      const at = propsEnd >= 0 ? propsEnd : skipTrivia(this.src, this.lastEnd);
      const node = scalarNode(
        this.span(at, at),
        tag === undefined ? null : resolveTagged(tag, ''),
        '',
        'plain',
      );
      if (propsEnd >= 0) this.lastEnd = propsEnd;
      this.addProperties(node, event);
      this.attach(node);
      return;
    }

    const style = SCALAR_STYLES[event.style] ?? 'plain';
    let start = event.valueStart;
    let end = event.valueEnd;
    if (style === 'single' || style === 'double') {
      start -= 1;
      end += 1;
    } else if (style === 'literal' || style === 'folded') {
      start = this.blockHeaderStart(event);
      end = trimTrailingSpace(this.src, end, start + 1);
    }
    const text = event.fast
      ? this.src.slice(event.valueStart, event.valueEnd)
      : getScalarValue(this.src, event);
    const value =
      tag !== undefined ? resolveTagged(tag, text) : style === 'plain' ? resolvePlain(text) : text;
    const node = scalarNode(this.span(start, end), value, this.src.slice(start, end), style);
    this.lastEnd = Math.max(this.lastEnd, end);
    this.addProperties(node, event);
    this.attach(node);
  }

  /** The `|` or `>` of a block scalar: on the line before its content, after whatever precedes it. */
  private blockHeaderStart(event: ScalarEvent): number {
    let lineEnd = event.valueStart;
    if (lineEnd > 0 && this.src.charCodeAt(lineEnd - 1) === 10) lineEnd -= 1;
    const lineStart = this.src.lastIndexOf('\n', lineEnd - 1) + 1;
    let from = Math.max(lineStart, this.lastEnd, event.tagEnd, event.anchorEnd);
    for (; from < lineEnd; from++) {
      const c = this.src.charCodeAt(from);
      if (c === 0x7c /* | */ || c === 0x3e /* > */) return from;
      if (c === 0x23 /* # */) break;
    }
    return event.valueStart;
  }

  private close(): void {
    const node = this.stack.pop()!;
    this.pendingKeys.pop();
    let end = this.lastEnd;
    if (node.flow) {
      const closer = node.kind === 'map' ? 0x7d /* } */ : 0x5d; /* ] */
      const at = skipTrivia(this.src, Math.max(end, node.start - this.base + 1), true);
      if (this.src.charCodeAt(at) === closer) end = at + 1;
    }
    const chunkStart = node.start - this.base;
    end = Math.max(end, chunkStart);
    node.end = this.base + end;
    node.endLine = this.lines.lineOf(Math.max(node.start, node.end - 1));
    this.lastEnd = end;
  }

  private finishDocument(): void {
    const open = this.document;
    if (!open) return;
    this.document = undefined;
    this.markers ??= new DocumentMarkers(this.src);
    const root = open.root;
    const searchFrom = this.documents.length ? this.documents[this.documents.length - 1].end - this.base : 0;
    let start = root
      ? Math.min(root.start - this.base, this.propsStart(root))
      : skipTrivia(this.src, searchFrom);
    if (open.explicitStart) {
      const marker = this.markers.nextStart(searchFrom);
      if (marker >= 0) start = marker;
    }
    let end = root ? root.end - this.base : start + (open.explicitStart ? 3 : 0);
    if (open.explicitEnd) {
      const marker = this.markers.nextEnd(Math.max(end, start));
      if (marker >= 0) end = marker + 3;
    }
    this.lastEnd = Math.max(this.lastEnd, end);
    this.documents.push({
      index: this.documents.length,
      root,
      start: this.base + start,
      end: this.base + end,
      line: this.lines.lineOf(this.base + start),
      endLine: this.lines.lineOf(this.base + Math.max(start, end - 1)),
      ...(open.error ? { error: open.error } : {}),
    });
  }

  /** Where a node's tag or anchor starts, if written before it (chunk offset). */
  private propsStart(node: DataNode): number {
    let start = node.start - this.base;
    if (node.tag !== undefined) start = Math.min(start, this.src.lastIndexOf(node.tag, start));
    if (node.anchor !== undefined) start = Math.min(start, this.src.lastIndexOf(`&${node.anchor}`, start));
    return Math.max(0, start);
  }

  private attach(node: DataNode | null): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      if (this.document) this.document.root = node;
      return;
    }
    if (parent.kind === 'seq') {
      if (node) parent.items.push(node);
      return;
    }
    const slot = this.pendingKeys.length - 1;
    const key = this.pendingKeys[slot];
    if (key === undefined) {
      // Keys always have a node (an empty key is a null scalar), so null never lands here.
      if (node) this.pendingKeys[slot] = node;
    } else {
      parent.pairs.push({ key, value: node });
      this.pendingKeys[slot] = undefined;
    }
  }

  /** Copies the tag and anchor onto the node and registers the anchor for later aliases. */
  private addProperties(
    node: ScalarNode | Collection,
    event: { tagStart: number; tagEnd: number; anchorStart: number; anchorEnd: number },
  ): void {
    if (event.tagStart >= 0) node.tag = this.src.slice(event.tagStart, event.tagEnd);
    if (event.anchorStart >= 0) {
      node.anchor = this.src.slice(event.anchorStart, event.anchorEnd);
      this.document?.anchors.set(node.anchor, node);
    }
  }

  /** A span from chunk offsets. */
  private span(start: number, end: number): Span {
    const absStart = this.base + Math.max(0, start);
    const absEnd = this.base + Math.max(start, end);
    const { line, column } = this.lines.position(absStart);
    return {
      start: absStart,
      end: absEnd,
      line,
      column,
      endLine: this.lines.lineOf(Math.max(absStart, absEnd - 1)),
    };
  }
}

const SCALAR_STYLES: Record<number, ScalarStyle> = {
  [SCALAR_STYLE.PLAIN]: 'plain',
  [SCALAR_STYLE.SINGLE_QUOTED]: 'single',
  [SCALAR_STYLE.DOUBLE_QUOTED]: 'double',
  [SCALAR_STYLE.LITERAL_BLOCK]: 'literal',
  [SCALAR_STYLE.FOLDED_BLOCK]: 'folded',
};

/** The YAML 1.2 core schema's implicit types, in the order `load` tries them. */
const CORE_SCALAR_TAGS: ScalarTagDefinition<string | number | boolean | null>[] = [
  nullCoreTag,
  boolCoreTag,
  intCoreTag,
  floatCoreTag,
];
/** First characters that can start a non-string core scalar; anything else is a string at once. */
const NON_STRING_FIRST_CHARS = new Set(CORE_SCALAR_TAGS.flatMap((tag) => tag.implicitFirstChars ?? []));

function resolvePlain(text: string): string | number | boolean | null {
  if (!NON_STRING_FIRST_CHARS.has(text.charAt(0))) return text;
  for (const tag of CORE_SCALAR_TAGS) {
    const value = tag.resolve(text, false, tag.tagName);
    if (value !== NOT_RESOLVED) return value;
  }
  return text;
}

const CORE_TAG_NAMES: Record<string, ScalarTagDefinition<string | number | boolean | null> | 'str'> = {
  str: 'str',
  null: nullCoreTag,
  bool: boolCoreTag,
  int: intCoreTag,
  float: floatCoreTag,
};

/**
 * An explicitly tagged scalar: the core tags (`!!str`, `!!int`...) convert as YAML says; any
 * other tag (`!Ref`, `!Sub`, the non-specific `!`) keeps the text as a string.
 */
function resolveTagged(tag: string, text: string): string | number | boolean | null {
  const name = tag.startsWith('!!')
    ? tag.slice(2)
    : tag.startsWith('!<tag:yaml.org,2002:') && tag.endsWith('>')
      ? tag.slice('!<tag:yaml.org,2002:'.length, -1)
      : undefined;
  const core = name !== undefined ? CORE_TAG_NAMES[name] : undefined;
  if (!core || core === 'str') return text;
  const value = core.resolve(text, true, core.tagName);
  return value === NOT_RESOLVED ? text : value;
}

/** Skips spaces, line breaks and comments (and commas inside flow collections). */
function skipTrivia(src: string, from: number, commas = false): number {
  let at = from;
  while (at < src.length) {
    const c = src.charCodeAt(at);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || (commas && c === 0x2c)) at++;
    else if (c === 0x23 /* # */) {
      const lineEnd = src.indexOf('\n', at);
      at = lineEnd < 0 ? src.length : lineEnd;
    } else break;
  }
  return at;
}

function trimTrailingSpace(src: string, end: number, floor: number): number {
  let at = end;
  while (at > floor) {
    const c = src.charCodeAt(at - 1);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) at--;
    else break;
  }
  return at;
}

/** `---` and `...` lines: a marker at the start of a line always ends the document before it. */
class DocumentMarkers {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(text: string) {
    const pattern = /^\uFEFF?(---|\.\.\.)(?=[ \t\r\n]|$)/gm;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const offset = match.index + (match[0].length - 3);
      if (match[1] === '---') this.starts.push(offset);
      else this.ends.push(offset);
    }
  }

  /** The last `---` before offset, not before floor; floor when there is none. */
  startBefore(offset: number, floor: number): number {
    let found = floor;
    for (const start of this.starts) {
      if (start >= offset) break;
      if (start >= floor) found = start;
    }
    return found;
  }

  /** The first document start after `after` and at or after `notBefore`, or -1. */
  startAfter(after: number, notBefore: number): number {
    const candidates = [
      ...this.starts,
      // after `...` a document may begin without `---`
      ...this.ends.map((end) => end + 3),
    ];
    let best = -1;
    for (const start of candidates) {
      if (start > after && start >= notBefore && (best < 0 || start < best)) best = start;
    }
    return best;
  }

  nextStart(from: number): number {
    return firstAtOrAfter(this.starts, from);
  }

  nextEnd(from: number): number {
    return firstAtOrAfter(this.ends, from);
  }
}

/** The first value >= from in an ascending list, or -1 (binary search: streams can hold thousands of documents). */
function firstAtOrAfter(sorted: number[], from: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? sorted[lo] : -1;
}
