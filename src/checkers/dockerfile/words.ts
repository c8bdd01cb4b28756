// Docker's own word processing for instruction arguments (not the shell's): quotes, the escape
// character, and `$VAR` / `${VAR}` / `${VAR:-default}` substitution, as the builder applies it to FROM,
// ENV, ARG, LABEL, COPY, ADD, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL and flag values.

export interface VariableUse {
  name: string;
  /** Offset of the `$` in the text given. */
  offset: number;
  /** Length of the whole reference (`${X:-y}` counts 7). */
  length: number;
  braced: boolean;
  /** `:-`, `-`, `:+`, `+`, `:?`, `?`, or another operator (`#`, `%`, `/`...) when present. */
  modifier?: string;
  /** The text after the modifier, as written. */
  word?: string;
}

/** A value that may depend on build args whose value is not known. */
export type Lookup = (name: string) => { known: true; value: string } | { known: false };

export interface Expanded {
  value: string;
  /** False when some variable's value is unknown (then `value` uses its default or stays `$X`). */
  exact: boolean;
  /** Variables whose value is unknown here. */
  unknown: string[];
}

export interface Word {
  /** As written, quotes included. */
  raw: string;
  offset: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * `$X` and `${X...}` references Docker substitutes in `text`: not escaped with the escape character and
 * not inside single quotes.
 */
export function findVariables(text: string, escapeChar = '\\'): VariableUse[] {
  const out: VariableUse[] = [];
  let inSingle = false;
  let inDouble = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === escapeChar && !inSingle) {
      i++;
      continue;
    }
    if (c === "'" && !inDouble) inSingle = !inSingle;
    else if (c === '"' && !inSingle) inDouble = !inDouble;
    else if (c === '$' && !inSingle) {
      const use = readVariable(text, i);
      if (use) {
        out.push(use);
        // Nested references in the default word (`${A:-$B}`) are uses too.
        if (use.word) {
          const wordStart = i + use.length - 1 - use.word.length;
          for (const inner of findVariables(use.word, escapeChar))
            out.push({ ...inner, offset: wordStart + inner.offset });
        }
        i += use.length - 1;
      }
    }
  }
  return out;
}

function readVariable(text: string, at: number): VariableUse | undefined {
  const rest = text.slice(at + 1);
  if (rest.startsWith('{')) {
    const name = NAME.exec(rest.slice(1))?.[0];
    if (!name) return undefined;
    const close = matchingBrace(rest, 0);
    if (close < 0) return undefined;
    const inner = rest.slice(1 + name.length, close);
    const use: VariableUse = { name, offset: at, length: close + 2, braced: true };
    if (inner) {
      const mod = /^(:[-+?]|[-+?]|##?|%%?|\/\/?|:)/.exec(inner)?.[0] ?? inner[0];
      use.modifier = mod;
      use.word = inner.slice(mod.length);
    }
    return use;
  }
  const name = NAME.exec(rest)?.[0];
  if (!name) return undefined;
  return { name, offset: at, length: name.length + 1, braced: false };
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * One Docker word: quotes removed, escapes applied, variables substituted (not inside single quotes).
 * Whitespace is kept; use splitWords first for instructions that take several words.
 */
export function expandWord(text: string, lookup: Lookup, escapeChar = '\\'): Expanded {
  let value = '';
  let exact = true;
  const unknown: string[] = [];
  let inSingle = false;
  let inDouble = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === escapeChar && !inSingle && i + 1 < text.length) {
      value += text[i + 1];
      i++;
      continue;
    }
    if (c === "'" && !inDouble) {
      inSingle = !inSingle;
      continue;
    }
    if (c === '"' && !inSingle) {
      inDouble = !inDouble;
      continue;
    }
    if (c === '$' && !inSingle) {
      const use = readVariable(text, i);
      if (use) {
        const resolved = resolveUse(use, lookup, escapeChar);
        value += resolved.value;
        if (!resolved.exact) {
          exact = false;
          for (const name of resolved.unknown) if (!unknown.includes(name)) unknown.push(name);
        }
        i += use.length - 1;
        continue;
      }
    }
    value += c;
  }
  return { value, exact, unknown };
}

function resolveUse(use: VariableUse, lookup: Lookup, escapeChar: string): Expanded {
  const found = lookup(use.name);
  const word = (): Expanded => expandWord(use.word ?? '', lookup, escapeChar);
  switch (use.modifier) {
    case undefined:
      return found.known ? { value: found.value, exact: true, unknown: [] } : unknownUse(use, undefined);
    case ':-':
    case '-':
      if (found.known) {
        const unset = use.modifier === ':-' ? found.value === '' : false;
        return unset ? word() : { value: found.value, exact: true, unknown: [] };
      }
      // Unknown build arg: most builds do not pass it, so the default is the likely value.
      return unknownUse(use, word().value);
    case ':+':
    case '+':
      if (found.known)
        return found.value !== '' || use.modifier === '+' ? word() : { value: '', exact: true, unknown: [] };
      return unknownUse(use, '');
    case ':?':
    case '?':
      return found.known ? { value: found.value, exact: true, unknown: [] } : unknownUse(use, undefined);
    default:
      return unknownUse(use, undefined);
  }
}

function unknownUse(use: VariableUse, likely: string | undefined): Expanded {
  return {
    value: likely ?? (use.braced ? `\${${use.name}}` : `$${use.name}`),
    exact: false,
    unknown: [use.name],
  };
}

/** Splits on whitespace outside quotes (and not escaped), keeping each word as written. */
export function splitWords(text: string, escapeChar = '\\'): Word[] {
  const words: Word[] = [];
  let start = -1;
  let quote = '';
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (i === text.length || (!quote && /\s/.test(c))) {
      if (start >= 0) words.push({ raw: text.slice(start, i), offset: start });
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    if (c === escapeChar && quote !== "'") {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
  }
  return words;
}

export interface KeyValue {
  key: string;
  /** The value as written (quotes included). */
  rawValue: string;
  /** Offset of the key in the text, and of the value. */
  offset: number;
  valueOffset: number;
  /** `ARG NAME` without `=`. */
  hasValue: boolean;
}

/**
 * `KEY=value KEY2="a b"` pairs (ENV, ARG, LABEL). The legacy `ENV KEY value with spaces` form (no `=`
 * in the first word) is one pair whose value is the rest of the line.
 */
export function keyValuePairs(text: string, escapeChar = '\\', allowLegacy = true): KeyValue[] {
  const words = splitWords(text, escapeChar);
  if (words.length === 0) return [];
  if (allowLegacy && !words[0].raw.includes('=') && words.length > 1) {
    const valueOffset = words[1].offset;
    return [
      {
        key: words[0].raw,
        rawValue: text.slice(valueOffset).trimEnd(),
        offset: words[0].offset,
        valueOffset,
        hasValue: true,
      },
    ];
  }
  return words.map((w) => {
    const eq = w.raw.indexOf('=');
    if (eq < 0)
      return {
        key: w.raw,
        rawValue: '',
        offset: w.offset,
        valueOffset: w.offset + w.raw.length,
        hasValue: false,
      };
    return {
      key: w.raw.slice(0, eq),
      rawValue: w.raw.slice(eq + 1),
      offset: w.offset,
      valueOffset: w.offset + eq + 1,
      hasValue: true,
    };
  });
}

/** Parses a JSON array of strings the way Docker accepts exec form; undefined when it is not one. */
export function parseJsonArray(text: string): { values: string[] } | { error: string } | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (!Array.isArray(parsed)) return { error: 'not an array' };
    if (!parsed.every((v) => typeof v === 'string'))
      return { error: 'every element must be a string in double quotes' };
    return { values: parsed as string[] };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const QUOTES = '"\'\u2018\u2019\u201c\u201d';

/**
 * Whether text that is no valid JSON array was still meant as exec form: quoted items in brackets, such as
 * `['sh', '-c', 'x']`, `["a", "b",]` or an unclosed `["a", "b"`. A shell test (`[ -f x ] && ...`, `[[ ... ]]`,
 * `[ "$A" = b ]`) or a glob (`[abc]*.txt`) is not. A lone quoted item (`['app']`) counts only where a shell test
 * would make no sense (`loneItemIsExec`: CMD, ENTRYPOINT, SHELL, HEALTHCHECK).
 */
export function looksLikeExecForm(text: string, loneItemIsExec: boolean): boolean {
  const s = text.trim();
  if (!s.startsWith('[')) return false;
  let items = 0;
  let commas = 0;
  const attempt = (): boolean => items >= 2 || commas > 0 || (items === 1 && loneItemIsExec);
  for (let i = 1; i < s.length;) {
    const c = s[i];
    if (/\s/.test(c)) i++;
    else if (c === ',') {
      commas++;
      i++;
    } else if (c === ']') return s.slice(i + 1).trim() === '' && attempt();
    else if (QUOTES.includes(c)) {
      items++;
      // Straight quotes close with the same character, typographic ones with any typographic quote.
      const closes = c === '"' || c === "'" ? c : QUOTES.slice(2);
      let close = i + 1;
      while (close < s.length && !(closes.includes(s[close]) && s[close - 1] !== '\\')) close++;
      if (close >= s.length) return attempt() || items === 1;
      i = close + 1;
    } else return false;
  }
  return attempt();
}
