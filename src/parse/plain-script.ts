// Reads the shell scripts most RUN lines are, without the full shell parser: plain words, quotes,
// `$NAME` and `${NAME}`, `VAR=value` prefixes, simple redirections, comments, and the `&&`, `||`, `|`,
// `;` and newline operators. Anything else (another expansion, an extended glob, a backslash, a
// heredoc, a compound command, a reserved word, a syntax error) returns undefined, and the caller
// parses the script with mvdan-sh.
// So this reader never has to be right about hard cases; on the cases it accepts, shell.ts builds the
// same commands from its output as from mvdan-sh's tree (a test compares the two on every script of the
// fixtures). It exists because most scripts are this simple, and loading mvdan-sh costs more than a
// small repository's whole scan.

export interface PlainWord {
  start: number;
  end: number;
  /** The word with its quotes removed; parameter expansions kept as written (`$HOME`, `${APP}`). */
  value: string;
  /** True when the word holds a parameter expansion: its runtime value is unknown. */
  dynamic: boolean;
}

export interface PlainRedirect {
  start: number;
  end: number;
  op: '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>';
  /** The file descriptor written before the operator (`2` in `2>/dev/null`). */
  fd?: string;
  target: PlainWord;
}

export interface PlainCommand {
  start: number;
  end: number;
  /** `NAME=value` words in front of the command name. */
  assignments: { name: string; value: string; dynamic: boolean }[];
  words: PlainWord[];
  redirects: PlainRedirect[];
}

/** One and-or list: pipelines joined by `&&` / `||`; each pipeline is commands joined by `|`. */
export interface PlainStatement {
  pipelines: PlainCommand[][];
  operators: ('&&' | '||')[];
}

type Token =
  | { kind: 'word'; word: PlainWord; fdCandidate: boolean }
  | { kind: 'redirect'; redirect: PlainRedirect }
  | { kind: 'op'; op: '&&' | '||' | '|' | ';' | '\n'; start: number };

/** Characters of an unquoted word that the shell takes literally, wherever they stand in the word. */
const LITERAL = /[A-Za-z0-9_./:@+,%=^-]/;
/** Characters that end a word. */
const BREAK = /[ \t\n;&|<>]/;
/** Words the shell reads as syntax in command position, and the declaration builtins mvdan-sh parses apart. */
const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'case',
  'esac',
  'while',
  'until',
  'for',
  'in',
  'function',
  'select',
  'time',
  'coproc',
  'declare',
  'local',
  'export',
  'readonly',
  'typeset',
  'nameref',
  'let',
]);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** The script's statements, or undefined when it is not plain (see the top of this file). */
export function readPlainScript(script: string): PlainStatement[] | undefined {
  const tokens = tokenize(script);
  return tokens && statements(tokens, script);
}

function tokenize(script: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  /** Where the last word ended, to tell `2>` (a descriptor) from `2 >` (an argument). */
  let wordEnd = -1;
  while (i < script.length) {
    const c = script[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (
      c === '\\' &&
      script[i + 1] === '\n' &&
      (i === 0 || script[i - 1] === ' ' || script[i - 1] === '\t')
    ) {
      // A line continuation between two words, or before `&&`, `||` or `|` (`apt-get update \` then
      // `&& apt-get install`). Anywhere else it is left to the parser, which reads some of those its
      // own way (before `;` it counts the backslash into the command's extent).
      let j = i + 2;
      while (script[j] === ' ' || script[j] === '\t') j++;
      const next = script[j];
      const operator = (next === '&' && script[j + 1] === '&') || next === '|';
      if (!operator && (next === undefined || /[;&|<>\n#\\]/.test(next))) return undefined;
      i += 2;
      continue;
    }
    if (c === '#') {
      const end = script.indexOf('\n', i);
      // mvdan-sh continues a comment over a backslash-newline: left to it.
      if (script.slice(i, end < 0 ? script.length : end).includes('\\')) return undefined;
      i = end < 0 ? script.length : end;
      continue;
    }
    if (c === '\n' || c === ';') {
      if (c === ';' && (script[i + 1] === ';' || script[i + 1] === '&')) return undefined;
      tokens.push({ kind: 'op', op: c, start: i });
      i++;
      continue;
    }
    if (c === '&' || c === '|') {
      const two = script.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        tokens.push({ kind: 'op', op: two, start: i });
        i += 2;
        continue;
      }
      if (c === '|' && two !== '|&') {
        tokens.push({ kind: 'op', op: '|', start: i });
        i++;
        continue;
      }
      if (two !== '&>') return undefined; // `&` alone runs in the background; `|&` pipes stderr too
    }
    if (c === '&' || c === '>' || c === '<') {
      const redirect = readRedirect(script, i, tokens, wordEnd);
      if (!redirect) return undefined;
      tokens.push({ kind: 'redirect', redirect });
      // A target glued to the next operator (`>out>x`, `> 2>&1`) is read differently by the parser.
      i = wordEnd = redirect.end;
      continue;
    }
    const word = readWord(script, i);
    if (!word) return undefined;
    tokens.push({ kind: 'word', word, fdCandidate: /^[0-9]+$/.test(script.slice(i, word.end)) });
    i = wordEnd = word.end;
  }
  return tokens;
}

function readRedirect(
  script: string,
  at: number,
  tokens: Token[],
  wordEnd: number,
): PlainRedirect | undefined {
  const op = /^(?:&>>|&>|>>|>&|<&|>|<)/.exec(script.slice(at, at + 3))?.[0] as PlainRedirect['op'];
  const next = script[at + op.length];
  // `>|`, `<>`, `<<`, `>(`, `<(`: forms this reader leaves to the parser.
  if (next === '|' || next === '>' || next === '<' || next === '(') return undefined;
  let start = at;
  let fd: string | undefined;
  if (wordEnd === at && op[0] !== '&') {
    // Glued to the word before it: a descriptor when that word is only digits, else not plain.
    const previous = tokens[tokens.length - 1];
    if (previous?.kind !== 'word' || !previous.fdCandidate) return undefined;
    tokens.pop();
    fd = previous.word.value;
    start = previous.word.start;
  }
  let i = at + op.length;
  while (script[i] === ' ' || script[i] === '\t') i++;
  const target = readWord(script, i);
  if (!target) return undefined;
  return { start, end: target.end, op, ...(fd === undefined ? {} : { fd }), target };
}

/** `$NAME` or `${NAME}` at `at`: the end of the expansion, or -1 for any other use of `$`. */
function parameterEnd(script: string, at: number): number {
  const match = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})/.exec(script.slice(at, at + 256));
  return match ? at + match[0].length : -1;
}

function readWord(script: string, start: number): PlainWord | undefined {
  let value = '';
  let dynamic = false;
  /** Whether the character before is a literal one: after a quote or an expansion, `#` starts a comment. */
  let afterLiteral = false;
  let i = start;
  while (i < script.length) {
    const c = script[i];
    if (c === "'" || c === '"') {
      const close = script.indexOf(c, i + 1);
      if (close < 0) return undefined;
      const inner = script.slice(i + 1, close);
      if (c === '"') {
        if (/[\\`]/.test(inner)) return undefined;
        // Between double quotes only plain parameter expansions (no `$(`, `$1`, `${X:-y}`...).
        for (let at = inner.indexOf('$'); at >= 0; at = inner.indexOf('$', at + 1)) {
          const end = parameterEnd(inner, at);
          if (end < 0) return undefined;
          dynamic = true;
          at = end - 1;
        }
      }
      value += inner;
      i = close + 1;
      afterLiteral = false;
      continue;
    }
    if (c === '$') {
      const end = parameterEnd(script, i);
      if (end < 0) return undefined;
      value += script.slice(i, end);
      dynamic = true;
      i = end;
      afterLiteral = false;
      continue;
    }
    if (BREAK.test(c)) break;
    // A glob character is a literal to the parser (the shell expands it when it runs); only `*(` and
    // `?(` open bash's extended globs.
    const glob = (c === '*' || c === '?') && script[i + 1] !== '(';
    const literal = LITERAL.test(c);
    if (!literal && !glob && !(c === '#' && afterLiteral)) return undefined;
    value += c;
    afterLiteral = literal;
    i++;
  }
  if (i === start) return undefined;
  return { start, end: i, value, dynamic };
}

/** statement := and-or (terminator and-or)*; the grammar is strict, so a syntax error is never accepted. */
function statements(tokens: Token[], script: string): PlainStatement[] | undefined {
  const out: PlainStatement[] = [];
  let i = 0;
  const isOp = (k: number, ...ops: string[]) => {
    const t = tokens[k];
    return t?.kind === 'op' && ops.includes(t.op);
  };
  const skipNewlines = () => {
    while (isOp(i, '\n')) i++;
  };
  const command = (): PlainCommand | undefined => {
    const words: PlainWord[] = [];
    const redirects: PlainRedirect[] = [];
    const assignments: PlainCommand['assignments'] = [];
    let start = -1;
    let end = -1;
    for (; i < tokens.length && tokens[i].kind !== 'op'; i++) {
      const token = tokens[i];
      if (token.kind === 'redirect') {
        redirects.push(token.redirect);
        if (start < 0) start = token.redirect.start;
        end = token.redirect.end;
        continue;
      }
      if (token.kind !== 'word') continue;
      const { word } = token;
      if (start < 0) start = word.start;
      end = word.end;
      if (words.length === 0) {
        const assignment = ASSIGNMENT.exec(word.value);
        // The name must be written bare: `"A"=b` is a command word, not an assignment.
        if (assignment && script.startsWith(assignment[0], word.start)) {
          assignments.push({
            name: assignment[1],
            value: word.value.slice(assignment[0].length),
            dynamic: word.dynamic,
          });
          continue;
        }
        if (/^[A-Za-z_][A-Za-z0-9_]*\+=/.test(word.value) || RESERVED.has(word.value)) return undefined;
      }
      words.push(word);
    }
    if (words.length === 0 && assignments.length === 0) return undefined;
    return { start, end, assignments, words, redirects };
  };
  const pipeline = (): PlainCommand[] | undefined => {
    const commands: PlainCommand[] = [];
    for (;;) {
      const next = command();
      if (!next) return undefined;
      commands.push(next);
      if (!isOp(i, '|')) return commands;
      i++;
      skipNewlines();
    }
  };
  skipNewlines();
  while (i < tokens.length) {
    const statement: PlainStatement = { pipelines: [], operators: [] };
    for (;;) {
      const next = pipeline();
      if (!next) return undefined;
      statement.pipelines.push(next);
      const t = tokens[i];
      if (t?.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      statement.operators.push(t.op);
      i++;
      skipNewlines();
    }
    out.push(statement);
    if (i >= tokens.length) break;
    if (isOp(i, ';')) {
      i++;
      skipNewlines();
    } else if (isOp(i, '\n')) {
      skipNewlines();
      if (isOp(i, ';')) return undefined;
    } else {
      return undefined;
    }
  }
  return out;
}
