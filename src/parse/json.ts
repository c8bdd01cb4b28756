import type { SourceFile } from '../engine/workspace';
import {
  LineIndex,
  mapNode,
  scalarNode,
  seqNode,
  type DataNode,
  type ParseError,
  type MapNode,
  type MapPair,
  type ScalarNode,
  type SeqNode,
  type Span,
} from './tree';

/**
 * Strict JSON (RFC 8259) into the shared DataNode tree, with exact positions. Hand-written
 * because JSON.parse gives neither positions nor duplicate keys (which IAM rules flag), and its
 * error positions vary between Node versions.
 */

export type JsonError = ParseError;

export interface JsonParseResult {
  /** null when the text does not parse. */
  root: DataNode | null;
  error?: JsonError;
}

export interface JsonOptions {
  /** Deepest nesting of objects and arrays accepted. Default 200. */
  maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 200;

/** The JSON of a scanned file, parsed once per scan whichever checker asks first. */
export function parseJsonFile(file: SourceFile): JsonParseResult {
  return file.parsed('json', (f) => parseJson(f.text));
}

/** Never throws: every failure becomes `error` with a line and column. */
export function parseJson(text: string, options: JsonOptions = {}): JsonParseResult {
  const lines = new LineIndex(text);
  try {
    return { root: new JsonParser(text, lines, options.maxDepth ?? DEFAULT_MAX_DEPTH).parseDocument() };
  } catch (error) {
    const offset = error instanceof JsonSyntaxError ? Math.min(error.offset, text.length) : 0;
    const message = error instanceof Error ? error.message : String(error);
    return { root: null, error: { message, offset, ...lines.position(offset) } };
  }
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const enum Char {
  Tab = 0x09,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Apostrophe = 0x27,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Slash = 0x2f,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
  Hash = 0x23,
  Bom = 0xfeff,
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class JsonParser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly maxDepth: number,
  ) {}

  parseDocument(): DataNode {
    // A byte order mark is not JSON, but editors write one; it carries no meaning.
    if (this.text.charCodeAt(0) === Char.Bom) this.pos = 1;
    this.skipWhitespace();
    if (this.pos >= this.text.length) this.fail('empty document: expected a JSON value', this.pos);
    const root = this.parseValue();
    this.skipWhitespace();
    if (this.pos < this.text.length) {
      this.failOnNoise();
      this.fail(`unexpected ${this.describe(this.pos)} after the end of the JSON value`, this.pos);
    }
    return root;
  }

  private parseValue(): DataNode {
    const c = this.text.charCodeAt(this.pos);
    if (c === Char.OpenBrace) return this.parseObject();
    if (c === Char.OpenBracket) return this.parseArray();
    if (c === Char.Quote) return this.parseString();
    if (c === Char.Minus || (c >= Char.Zero && c <= Char.Nine)) return this.parseNumber();
    if (this.text.startsWith('true', this.pos)) return this.literal(4, true);
    if (this.text.startsWith('false', this.pos)) return this.literal(5, false);
    if (this.text.startsWith('null', this.pos)) return this.literal(4, null);
    if (this.pos >= this.text.length) this.fail('unexpected end of input: expected a value', this.pos);
    this.failOnNoise();
    if (c === Char.Plus || c === Char.Dot)
      this.fail('invalid number: JSON numbers start with a digit or -', this.pos);
    const word = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.pos, this.pos + 40))?.[0];
    if (word) this.fail(`unexpected '${word}': expected a value (strings need double quotes)`, this.pos);
    this.fail(`unexpected ${this.describe(this.pos)}: expected a value`, this.pos);
  }

  private parseObject(): MapNode {
    const start = this.pos;
    this.enter(start);
    const pairs: MapPair[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) !== Char.CloseBrace) {
      for (;;) {
        const c = this.text.charCodeAt(this.pos);
        if (c !== Char.Quote) {
          this.failOnNoise();
          if (c === Char.CloseBrace && pairs.length > 0) this.failTrailingComma('}');
          this.fail(
            this.pos >= this.text.length
              ? "unexpected end of input: expected a property name or '}'"
              : `unexpected ${this.describe(this.pos)}: expected a property name in double quotes`,
            this.pos,
          );
        }
        const key = this.parseString();
        this.skipWhitespace();
        if (this.text.charCodeAt(this.pos) !== Char.Colon) {
          this.failOnNoise();
          this.fail(`expected ':' after property name, found ${this.describe(this.pos)}`, this.pos);
        }
        this.pos++;
        this.skipWhitespace();
        const value = this.parseValue();
        pairs.push({ key, value });
        this.skipWhitespace();
        const next = this.text.charCodeAt(this.pos);
        if (next === Char.Comma) {
          this.pos++;
          this.skipWhitespace();
          continue;
        }
        if (next === Char.CloseBrace) break;
        this.failOnNoise();
        this.fail(`expected ',' or '}' after a property value, found ${this.describe(this.pos)}`, this.pos);
      }
    }
    this.pos++;
    this.depth--;
    return mapNode(this.span(start, this.pos), pairs);
  }

  private parseArray(): SeqNode {
    const start = this.pos;
    this.enter(start);
    const items: DataNode[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) !== Char.CloseBracket) {
      for (;;) {
        if (this.text.charCodeAt(this.pos) === Char.CloseBracket && items.length > 0) {
          this.failTrailingComma(']');
        }
        items.push(this.parseValue());
        this.skipWhitespace();
        const next = this.text.charCodeAt(this.pos);
        if (next === Char.Comma) {
          this.pos++;
          this.skipWhitespace();
          continue;
        }
        if (next === Char.CloseBracket) break;
        this.failOnNoise();
        this.fail(`expected ',' or ']' after an array element, found ${this.describe(this.pos)}`, this.pos);
      }
    }
    this.pos++;
    this.depth--;
    return seqNode(this.span(start, this.pos), items);
  }

  private parseString(): ScalarNode {
    const text = this.text;
    const start = this.pos;
    let at = start + 1;
    let value = '';
    let runStart = at;
    for (;;) {
      if (at >= text.length) this.fail('unterminated string', start);
      const c = text.charCodeAt(at);
      if (c === Char.Quote) break;
      if (c < Char.Space) {
        this.fail(
          c === Char.LineFeed || c === Char.CarriageReturn
            ? 'unterminated string: line break inside a string (escape it as \\n)'
            : 'control character inside a string must be escaped',
          at,
        );
      }
      if (c !== Char.Backslash) {
        at++;
        continue;
      }
      value += text.slice(runStart, at);
      const escape = text.charAt(at + 1);
      if (escape === 'u') {
        const hex = text.slice(at + 2, at + 6);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) this.fail('invalid \\u escape: expected 4 hex digits', at);
        value += String.fromCharCode(parseInt(hex, 16));
        at += 6;
      } else if (escape in ESCAPES) {
        value += ESCAPES[escape];
        at += 2;
      } else {
        this.fail(`invalid escape '\\${escape}' in string`, at);
      }
      runStart = at;
    }
    value += text.slice(runStart, at);
    this.pos = at + 1;
    return this.scalar(start, this.pos, value);
  }

  private parseNumber(): ScalarNode {
    const text = this.text;
    const start = this.pos;
    let at = start;
    if (text.charCodeAt(at) === Char.Minus) at++;
    const firstDigit = at;
    at = this.digits(at);
    if (at === firstDigit) this.fail('invalid number: expected a digit after -', at);
    if (text.charCodeAt(firstDigit) === Char.Zero && at - firstDigit > 1) {
      this.fail('invalid number: leading zeros are not allowed', start);
    }
    if (text.charCodeAt(at) === Char.Dot) {
      const fraction = ++at;
      at = this.digits(at);
      if (at === fraction) this.fail('invalid number: expected a digit after the decimal point', at);
    }
    const e = text.charCodeAt(at);
    if (e === 0x65 || e === 0x45) {
      at++;
      const sign = text.charCodeAt(at);
      if (sign === Char.Plus || sign === Char.Minus) at++;
      const exponent = at;
      at = this.digits(at);
      if (at === exponent) this.fail('invalid number: expected a digit in the exponent', at);
    }
    this.pos = at;
    return this.scalar(start, at, Number(text.slice(start, at)));
  }

  private digits(from: number): number {
    let at = from;
    for (let c = this.text.charCodeAt(at); c >= Char.Zero && c <= Char.Nine; c = this.text.charCodeAt(at))
      at++;
    return at;
  }

  private literal(length: number, value: boolean | null): ScalarNode {
    const start = this.pos;
    this.pos += length;
    // `nullable` or `trueish` is one bad word, not `null` followed by noise
    if (/[\w$]/.test(this.text.charAt(this.pos))) {
      this.fail(
        `unexpected '${/^[\w$]+/.exec(this.text.slice(start, start + 40))![0]}': expected a value`,
        start,
      );
    }
    return this.scalar(start, this.pos, value);
  }

  private scalar(start: number, end: number, value: string | number | boolean | null): ScalarNode {
    const line = this.lines.lineOf(start);
    const column = start - this.lines.lineStart(start) + 1;
    const span = { start, end, line, column, endLine: this.lines.lineOf(end - 1) };
    return scalarNode(span, value, this.text.slice(start, end), 'json');
  }

  /** Position fields for a collection; its kind and children are set by the caller. */
  private span(start: number, end: number): Span {
    const { line, column } = this.lines.position(start);
    return { start, end, line, column, endLine: this.lines.lineOf(end - 1) };
  }

  private enter(at: number): void {
    if (++this.depth > this.maxDepth) this.fail(`nesting exceeded maxDepth (${this.maxDepth})`, at);
  }

  private skipWhitespace(): void {
    const text = this.text;
    let at = this.pos;
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === Char.Space || c === Char.LineFeed || c === Char.CarriageReturn || c === Char.Tab) at++;
      else break;
    }
    this.pos = at;
  }

  /** Names the usual non-JSON habits (comments, single quotes) instead of a bare "unexpected". */
  private failOnNoise(): void {
    const c = this.text.charCodeAt(this.pos);
    const next = this.text.charCodeAt(this.pos + 1);
    if ((c === Char.Slash && (next === Char.Slash || next === 0x2a)) || c === Char.Hash) {
      this.fail('comments are not allowed in JSON', this.pos);
    }
    if (c === Char.Apostrophe) this.fail('strings must use double quotes in JSON', this.pos);
  }

  /** At a closing bracket right after a comma: points at the comma, which is the mistake. */
  private failTrailingComma(closer: string): never {
    let at = this.pos - 1;
    while (at > 0 && this.text.charCodeAt(at) !== Char.Comma) at--;
    this.fail(`trailing comma before '${closer}'`, at);
  }

  private describe(at: number): string {
    if (at >= this.text.length) return 'end of input';
    const char = String.fromCodePoint(this.text.codePointAt(at)!);
    // whitespace JSON does not allow, or control characters: name them, they are invisible
    return /[\s\p{C}]/u.test(char)
      ? `character U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
      : `'${char}'`;
  }

  private fail(message: string, at: number): never {
    throw new JsonSyntaxError(message, at);
  }
}
