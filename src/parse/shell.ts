// Shell parsing for RUN instructions (and any other shell script, e.g. a container `command:`).
//
// Parser: mvdan-sh (mvdan/sh compiled to JS with GopherJS). Chosen over sh-syntax (the same Go parser as
// WebAssembly) because mvdan-sh is synchronous, so models and rules stay plain functions; it parses
// 1000 typical RUN lines in ~0.2 s where sh-syntax needed ~3.6 s (every call crosses into wasm and back
// as JSON); its full AST (commands, words, operators, heredocs) is reachable, whereas sh-syntax 0.7's
// JSON tree drops the contents of commands; and it is one plain JS file (1.5 MB), which the build copies
// beside the bundles and `require`s synchronously, while sh-syntax loads `main.wasm` asynchronously.
// Errors carry line/column in both. The parser reports byte offsets: they are mapped back to string
// indexes here, so callers only ever see character offsets.
//
// The exported model is independent of mvdan-sh: nothing outside this file sees its nodes. Most scripts
// never reach it: `readPlainScript` reads the plain ones, and mvdan-sh is loaded on the first script that
// needs it (it is 1.5 MB of JavaScript whose loading costs more than a small repository's scan).
import type { GoNode, GoParser, GoPos } from 'mvdan-sh';
import type MvdanSh from 'mvdan-sh';
import { readPlainScript, type PlainCommand, type PlainStatement, type PlainWord } from './plain-script';
import { locateRuntimeFile, requireRuntimeFile } from './runtime-file';
import { LineIndex } from './tree';

/** How two commands are joined: and-or lists, pipes, and plain sequencing (`;`, newline, `&`). */
export type Connector = '&&' | '||' | '|' | '|&' | ';' | '&';

/** Compound constructs a command can sit inside, outermost first. `sh-c` is a script run by `sh -c '...'`. */
export type ShellContext =
  | 'subshell'
  | 'block'
  | 'function'
  | 'if-condition'
  | 'if-body'
  | 'loop-condition'
  | 'loop-body'
  | 'case'
  | 'command-substitution'
  | 'process-substitution'
  | 'sh-c';

export interface ShellOptions {
  /** `set -e`: a failing command stops the script. */
  errexit: boolean;
  /** `set -o pipefail`: a pipeline fails when any of its commands fails, not only the last. */
  pipefail: boolean;
  /** `set -u`. */
  nounset: boolean;
  /** `set -x`. */
  xtrace: boolean;
}

export interface ShellWord {
  /** The word with quotes removed; expansions keep their source text (`$HOME`, `${X:-y}`, `$(cmd)`). */
  value: string;
  /** The word as written. */
  raw: string;
  /** True when the word contains a parameter, command or arithmetic expansion: its runtime value is unknown. */
  dynamic: boolean;
  /** Character offset of the word in the script. */
  offset: number;
}

export interface ShellAssignment {
  name: string;
  /** Quotes removed; expansions kept as written. */
  value: string;
  dynamic: boolean;
}

export interface ShellRedirect {
  /** `>`, `>>`, `<`, `2>&1`'s `>&`, `<<`, `<<-`, `<<<`, `&>`, `>|`... */
  op: string;
  /** The file descriptor written before the operator (`2` in `2>/dev/null`), if any. */
  fd?: string;
  /** The target word (the file, the fd, or the heredoc delimiter) with quotes removed. */
  target: string;
  dynamic: boolean;
  /** For `<<`/`<<-`: the heredoc body as written. It is data for the command, never parsed as shell here. */
  heredoc?: string;
}

export interface ShellCommand {
  /** argv[0] with quotes removed, e.g. `apt-get`, `sudo`; '' for a bare assignment `FOO=bar`. */
  name: string;
  /** argv[1..], quotes removed, expansions kept as `$...`. */
  args: string[];
  /** argv[0..] with positions and the dynamic flag. */
  words: ShellWord[];
  /** True when argv[0] itself is an expansion. */
  dynamic: boolean;
  /** `FOO=bar cmd`: assignments in front of the command (for a bare `FOO=bar`, the whole command). */
  envAssignments: ShellAssignment[];
  /**
   * The command a wrapper runs: `sudo apt-get install x` is `sudo` with `wrapped` = `apt-get install x`.
   * Wrappers: sudo, doas, env, exec, nice, nohup, time, timeout, command, builtin, stdbuf, xargs, gosu,
   * su-exec, chroot. Nested wrappers nest (`sudo env FOO=1 make`).
   */
  wrapped?: ShellCommand;
  /** Character offset of the command in the script, and its end. */
  offset: number;
  endOffset: number;
  /** 1-based line of the command (mapped through `ParseShellOptions.lineOf` when given) and column. */
  line: number;
  column: number;
  /** The command's source text. */
  text: string;
  /** Index of the complete top-level statement (and-or list) this command belongs to, counted from 0. */
  statement: number;
  /** The operator joining this command to the previous one in its list ('' for the first). */
  connectorBefore: Connector | '';
  /** The operator joining it to the next one ('' for the last). */
  connectorAfter: Connector | '';
  /** Present when the command is one stage of a pipeline `a | b | c`. */
  pipeline?: { id: number; index: number; length: number };
  /** Enclosing compound constructs, outermost first. */
  context: ShellContext[];
  /** Redirections on the command, including those of enclosing compound commands (`{ a; b; } > f`). */
  redirects: ShellRedirect[];
  /** `set` options in effect when the command starts. */
  options: ShellOptions;
  /** `! cmd`. */
  negated: boolean;
  /** `cmd &`. */
  background: boolean;
}

export interface ShellSyntaxError {
  message: string;
  /** 1-based, mapped through `lineOf` when given. */
  line: number;
  column: number;
}

export interface ShellParse {
  commands: ShellCommand[];
  error?: ShellSyntaxError;
  /** `set` options in effect at the end of the script. */
  finalOptions: ShellOptions;
}

export interface ParseShellOptions {
  /** Options already in effect (from `SHELL ["/bin/bash", "-eo", "pipefail", "-c"]`, a shebang...). */
  initialOptions?: Partial<ShellOptions>;
  /** Maps a character offset in the script to a 1-based line in the enclosing file. */
  lineOf?: (offset: number) => number;
  /** Parse the literal script of `sh -c '...'` / `bash -c "..."` too (default true). */
  nestedShells?: boolean;
  /** Read plain scripts without mvdan-sh (default true); false is for the test comparing the two readers. */
  plainReader?: boolean;
}

export const SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);

let mvdan: { syntax: typeof MvdanSh.syntax; parser: GoParser } | undefined;

/** mvdan-sh, loaded on first use: from `mvdan-sh.cjs` beside the bundle, or the installed package. */
function shellSyntax(): NonNullable<typeof mvdan> {
  if (!mvdan) {
    const file = locateRuntimeFile('mvdan-sh.cjs', (resolve) => resolve('mvdan-sh'));
    const { syntax } = requireRuntimeFile<typeof MvdanSh>(file);
    mvdan = { syntax, parser: syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash)) };
  }
  return mvdan;
}

/** Distinct scripts whose parse is kept: Dockerfiles repeat the same RUN lines, within and across files. */
const CACHED_SCRIPTS = 2000;
/** Longer scripts are parsed every time rather than kept. */
const CACHED_SCRIPT_CHARS = 16 * 1024;
const parseCache = new Map<string, ShellParse>();

/**
 * Parses a script into commands. Never throws: a syntax error comes back as `error` with no commands.
 * Parses are cached by script text and options. Each call gets its own command objects (their lines are
 * the caller's), but their arrays and nested objects (words, args, redirects, context, options) may be
 * shared with other calls for the same script: read them, never change them.
 */
export function parseShell(script: string, opts: ParseShellOptions = {}): ShellParse {
  if (script.length > CACHED_SCRIPT_CHARS) return parseUncached(script, opts);
  const key = cacheKey(script, opts);
  let template = parseCache.get(key);
  if (!template) {
    // Lines depend on where the script sits in its file: the template holds each offset as a negative
    // marker (-1 - offset) that every copy maps through the caller's `lineOf`.
    template = parseUncached(script, { ...opts, lineOf: (offset) => -1 - offset });
    if (parseCache.size >= CACHED_SCRIPTS) parseCache.delete(parseCache.keys().next().value!);
    parseCache.set(key, template);
  }
  let lines: LineIndex | undefined;
  const lineOf = opts.lineOf ?? ((offset: number) => (lines ??= new LineIndex(script)).lineOf(offset));
  return withLines(template, lineOf);
}

/** Forgets every cached parse and every script parsed ahead: for benchmarks that time first parses. */
export function clearShellParseCache(): void {
  parseCache.clear();
  prefetched.clear();
}

function cacheKey(script: string, opts: ParseShellOptions): string {
  const flags = `${opts.nestedShells === false ? 0 : 1}${opts.plainReader === false ? 0 : 1}`;
  return `${flags}${JSON.stringify(opts.initialOptions ?? {})}\u0000${script}`;
}

/** A cached parse for one caller: new command objects with every line marker mapped, the rest shared. */
function withLines(parse: ShellParse, lineOf: (offset: number) => number): ShellParse {
  const line = (marker: number) => (marker < 0 ? lineOf(-1 - marker) : marker);
  const command = (c: ShellCommand): ShellCommand => {
    const copy: ShellCommand = { ...c, line: line(c.line) };
    if (c.wrapped) copy.wrapped = command(c.wrapped);
    return copy;
  };
  const copy: ShellParse = { commands: parse.commands.map(command), finalOptions: parse.finalOptions };
  if (parse.error) copy.error = { ...parse.error, line: line(parse.error.line) };
  return copy;
}

const NO_OPTIONS: ShellOptions = Object.freeze({
  errexit: false,
  pipefail: false,
  nounset: false,
  xtrace: false,
});

/**
 * The command an exec-form argv runs (`["apt-get", "install", "-y", "curl"]`), shaped as `parseShell` shapes
 * the same argv written as single-quoted words (`'apt-get' 'install' ...`), wrappers unwrapped, without
 * parsing anything: no shell reads exec form.
 */
export function execFormCommand(argv: readonly string[], line: number): ShellCommand | undefined {
  if (argv.length === 0) return undefined;
  const words: ShellWord[] = [];
  let text = '';
  for (const arg of argv) {
    if (text) text += ' ';
    const raw = `'${arg.replace(/'/g, `'\\''`)}'`;
    words.push({ value: arg, raw, dynamic: false, offset: text.length });
    text += raw;
  }
  return buildCommand(words, [], {
    offset: 0,
    endOffset: text.length,
    line,
    column: 1,
    text,
    statement: 0,
    connectorBefore: '',
    connectorAfter: '',
    pipeline: undefined,
    context: [],
    redirects: [],
    options: { ...NO_OPTIONS },
    negated: false,
    background: false,
  });
}

/** The parser's own syntax tree of a script (throws its syntax error). */
function parseGo(script: string): GoNode {
  const parsed = shellSyntax().parser.Parse(script, '') as GoNode & { __internal_object__?: GoNode };
  return parsed.__internal_object__ ?? parsed;
}

/** Statements of scripts parsed ahead in one batch, waiting for their first parse: script → statements. */
const prefetched = new Map<string, { stmts: Node[]; byteStart: number }>();
/** Scripts per parser call when parsing ahead. */
const BATCH_SCRIPTS = 64;

/**
 * Parses scripts ahead of their `parseShell` calls, many per parser call. Each call into the parser has a
 * fixed cost about that of parsing a short RUN line, so a file of many RUNs pays it once per batch. The
 * scripts are joined with line breaks. A script that could run into the next one (a heredoc, a trailing
 * backslash or `&&`, an open quote) contains `<<`, which keeps it out of batches, or leaves a syntax error or
 * a statement crossing the line between the two, which drops the whole batch: its scripts are then parsed
 * alone. So every script parses to the same commands either way. Only the scripts of the latest call wait.
 */
export function prefetchShellScripts(scripts: readonly string[]): void {
  prefetched.clear();
  const batch: string[] = [];
  const taken = new Set<string>();
  for (const script of scripts) {
    if (taken.has(script) || !batchable(script) || parseCache.has(cacheKey(script, {}))) continue;
    taken.add(script);
    batch.push(script);
    if (batch.length === BATCH_SCRIPTS) parseBatch(batch.splice(0));
  }
  // A batch of one saves nothing.
  if (batch.length > 1) parseBatch(batch);
}

function batchable(script: string): boolean {
  // ASCII only, so byte offsets in the batch are character offsets. A plain script needs no parser call;
  // it is read again at its parse, which costs less than keeping this read alive until then.
  return (
    script.length <= CACHED_SCRIPT_CHARS &&
    !script.includes('<<') &&
    !/[^\x00-\x7f]/.test(script) &&
    !readPlainScript(script)
  );
}

function parseBatch(scripts: readonly string[]): void {
  let stmts: Node[];
  try {
    stmts = stmtsOf(parseGo(scripts.join('\n')));
  } catch {
    return; // one of them has a syntax error: each is parsed alone, and reports its own
  }
  const perScript: Node[][] = scripts.map(() => []);
  let index = 0;
  let start = 0;
  for (const stmt of stmts) {
    const from = stmt.Pos().Offset();
    while (index < scripts.length && from > start + scripts[index].length) {
      start += scripts[index].length + 1;
      index++;
    }
    // A statement running into the next script: the batch does not read each script as its own.
    if (index >= scripts.length || stmt.End().Offset() > start + scripts[index].length) return;
    perScript[index].push(stmt);
  }
  start = 0;
  scripts.forEach((script, i) => {
    prefetched.set(script, { stmts: perScript[i], byteStart: start });
    start += script.length + 1;
  });
}

function parseUncached(script: string, opts: ParseShellOptions): ShellParse {
  const options: ShellOptions = {
    errexit: false,
    pipefail: false,
    nounset: false,
    xtrace: false,
    ...opts.initialOptions,
  };
  const plain = opts.plainReader === false ? undefined : readPlainScript(script);
  if (plain) {
    const walker = new Walker(new SourceText(script, opts.lineOf), opts.nestedShells ?? true, true);
    walker.plainStatements(plain, { context: [], redirects: [], options, topLevel: true });
    return { commands: walker.commands, finalOptions: options };
  }
  const ahead = prefetched.get(script);
  if (ahead) prefetched.delete(script);
  const source = new SourceText(script, opts.lineOf, ahead?.byteStart);
  let stmts: Node[];
  if (ahead) {
    stmts = ahead.stmts;
  } else {
    try {
      stmts = stmtsOf(parseGo(script));
    } catch (error) {
      return { commands: [], error: syntaxError(error, source), finalOptions: options };
    }
  }
  const walker = new Walker(source, opts.nestedShells ?? true, opts.plainReader ?? true);
  try {
    walker.statementList(stmts, { context: [], redirects: [], options, topLevel: true });
  } catch (error) {
    // A node shape this walker does not expect: keep what was collected rather than fail the file.
    return { commands: walker.commands, error: syntaxError(error, source), finalOptions: options };
  }
  return { commands: walker.commands, finalOptions: options };
}

/** Follows wrappers (`sudo`, `env`, `exec`...) down to the command that really runs. */
export function effectiveCommand(command: ShellCommand): ShellCommand {
  let current = command;
  while (current.wrapped) current = current.wrapped;
  return current;
}

/** The command and every command it wraps, outermost first. */
export function commandChain(command: ShellCommand): ShellCommand[] {
  const chain = [command];
  while (chain[chain.length - 1].wrapped) chain.push(chain[chain.length - 1].wrapped!);
  return chain;
}

/** Whether argv (after the name) contains a flag: `-y`, a short flag inside a cluster (`-qy`), or `--yes`. */
export function hasFlag(args: readonly string[], ...flags: string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    for (const flag of flags) {
      if (flag.startsWith('--')) {
        if (arg === flag || arg.startsWith(flag + '=')) return true;
      } else if (flag.length === 2 && /^-[A-Za-z]+$/.test(arg) && arg.includes(flag[1])) {
        return true;
      } else if (arg === flag) {
        return true;
      }
    }
  }
  return false;
}

export interface ShellInvocation {
  /** Base name of the shell: `bash`, `sh`, `ash`... */
  shell: string;
  /** Options switched on by its flags (`-e`, `-o pipefail`, `-euxo pipefail`). */
  options: Partial<ShellOptions>;
  /** Index in argv of the script after `-c`, when there is one; undefined for `bash script.sh` or no `-c`. */
  scriptIndex?: number;
  /** True when `-c` is the last argument: the script comes from what follows (SHELL, ENTRYPOINT + CMD). */
  expectsScript: boolean;
}

/**
 * Reads `argv` as a shell invocation (`["/bin/bash", "-eo", "pipefail", "-c", "..."]`, `busybox sh -c`);
 * undefined when argv[0] is not a POSIX-family shell.
 */
export function parseShellInvocation(argv: readonly string[]): ShellInvocation | undefined {
  let shell = (argv[0] ?? '').split('/').pop() ?? '';
  let i = 1;
  if (shell === 'env' && argv[1] && !argv[1].startsWith('-')) {
    shell = argv[1].split('/').pop() ?? '';
    i = 2;
  }
  if (shell === 'busybox') {
    shell = argv[i] ?? '';
    i++;
  }
  if (!SHELL_NAMES.has(shell) || shell === 'busybox') return undefined;
  const options: Partial<ShellOptions> = {};
  let sawC = false;
  for (; i < argv.length && !sawC; i++) {
    const cluster = /^([-+])([A-Za-z]+)$/.exec(argv[i]);
    if (!cluster) break;
    const on = cluster[1] === '-';
    for (const letter of cluster[2]) {
      if (letter === 'e') options.errexit = on;
      else if (letter === 'u') options.nounset = on;
      else if (letter === 'x') options.xtrace = on;
      else if (letter === 'c') sawC = true;
      else if (letter === 'o') {
        const name = argv[++i];
        if (name === 'pipefail' || name === 'errexit' || name === 'nounset' || name === 'xtrace')
          options[name] = on;
      }
    }
  }
  if (!sawC) return { shell, options, expectsScript: false };
  return i < argv.length
    ? { shell, options, scriptIndex: i, expectsScript: false }
    : { shell, options, expectsScript: true };
}

/** `parseShellInvocation` of a parsed command's argv; undefined at once for a command that is no shell. */
export function commandShellInvocation(command: ShellCommand): ShellInvocation | undefined {
  const base = command.name.slice(command.name.lastIndexOf('/') + 1);
  if (!SHELL_NAMES.has(base) && base !== 'env') return undefined;
  return parseShellInvocation([command.name, ...command.args]);
}

// ---------------------------------------------------------------------------------------------------------

interface Scope {
  context: ShellContext[];
  redirects: ShellRedirect[];
  /** Mutable: `set` changes it for the commands after it in the same shell. */
  options: ShellOptions;
  /** True for statements of the script's own top-level list (they get new statement numbers). */
  topLevel: boolean;
  pipeline?: { id: number; index: number; length: number };
}

interface Extent {
  start: number;
  end: number;
}

interface ListPosition {
  before: Connector | '';
  after: Connector | '';
}

type Node = GoNode & Record<string, unknown>;

/**
 * The Go type of a node (`CallExpr`). GopherJS objects carry it as `$type` ("mvdan.cc/sh/v3/syntax.*CallExpr");
 * syntax.NodeType() formats it with fmt.Sprintf, which costs ~10 µs a call, so it is only the fallback.
 */
function nodeType(node: unknown): string {
  const internal = (node as { constructor?: { string?: unknown } } | null)?.constructor?.string;
  if (typeof internal === 'string') return internal.slice(internal.lastIndexOf('.') + 1);
  const type = (node as { $type?: unknown } | null)?.$type;
  if (typeof type === 'string') {
    const star = type.lastIndexOf('*');
    return star >= 0 ? type.slice(star + 1) : type.slice(type.lastIndexOf('.') + 1);
  }
  return shellSyntax().syntax.NodeType(node);
}

// The walker reads GopherJS's internal Go objects (`File.__internal_object__`) rather than the wrappers
// mvdan-sh hands out: every field read through a wrapper converts the value to JS again (a slice is copied
// on each access), which made walking 15 times slower than parsing. Internally a slice is
// {$array, $offset, $length}, a nil pointer is its type's `nil` sentinel, a nil interface has no Go type,
// and a string holds UTF-8 bytes one per char. mvdan-sh is pinned to 0.10.1, and the tests cover each shape.

/** A Go slice as an array (nil slices are empty). */
function asList(value: unknown): Node[] {
  const slice = value as { $array?: Node[]; $offset?: number; $length?: number } | null | undefined;
  if (!slice || !slice.$array) return Array.isArray(value) ? (value as Node[]) : [];
  const offset = slice.$offset ?? 0;
  return slice.$array.slice(offset, offset + (slice.$length ?? 0));
}

function stmtsOf(node: unknown): Node[] {
  return node ? asList((node as Node).Stmts) : [];
}

/** A Go pointer or interface value, or undefined when it is nil. */
function ptr(value: unknown): Node | undefined {
  if (value === null || value === undefined || typeof value !== 'object') return undefined;
  const type = (value as { constructor?: { string?: unknown; nil?: unknown } }).constructor;
  if (!type || typeof type.string !== 'string' || type.nil === value) return undefined;
  return value as Node;
}

/** A Go string (UTF-8 bytes, one per char) as a JS string. */
function str(value: unknown): string {
  if (typeof value !== 'string') return '';
  return /[\x80-\xff]/.test(value) ? Buffer.from(value, 'latin1').toString('utf8') : value;
}

class SourceText {
  /** byteToChar[i] = char index of byte offset i; undefined when the text is ASCII (they coincide). */
  private readonly byteToChar?: Uint32Array;
  private lineIndex?: LineIndex;

  constructor(
    readonly text: string,
    private readonly lineOfOffset?: (offset: number) => number,
    /** Byte offset of the script in the text the parser read (a batch of scripts; ASCII only). */
    private readonly byteStart = 0,
  ) {
    if (/[^\x00-\x7f]/.test(text)) {
      const bytes = Buffer.byteLength(text, 'utf8');
      const map = new Uint32Array(bytes + 1);
      let byte = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.codePointAt(i)!;
        const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        for (let k = 0; k < width; k++) map[byte + k] = i;
        byte += width;
        if (code >= 0x10000) i++;
      }
      map[bytes] = text.length;
      this.byteToChar = map;
    }
  }

  offset(pos: GoPos): number {
    const byte = pos.Offset() - this.byteStart;
    if (!this.byteToChar) return byte;
    return this.byteToChar[Math.min(byte, this.byteToChar.length - 1)];
  }

  slice(node: GoNode): string {
    return this.text.slice(this.offset(node.Pos()), this.offset(node.End()));
  }

  private get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  line(offset: number): number {
    if (this.lineOfOffset) return this.lineOfOffset(offset);
    return this.lines.lineOf(offset);
  }

  column(offset: number): number {
    return this.lines.position(offset).column;
  }
}

function syntaxError(error: unknown, source: SourceText): ShellSyntaxError {
  const goError = error as { Text?: unknown; Pos?: GoPos } | null;
  if (
    goError &&
    typeof goError.Text === 'string' &&
    goError.Pos &&
    typeof goError.Pos.Offset === 'function'
  ) {
    const offset = source.offset(goError.Pos);
    return { message: goError.Text, line: source.line(offset), column: source.column(offset) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, line: source.line(0), column: 1 };
}

const WRAPPERS: Record<
  string,
  { optionsWithValue: string[]; positionalBeforeCommand: number; assignments?: boolean }
> = {
  sudo: {
    optionsWithValue: ['-u', '-g', '-p', '-C', '-D', '-h', '-r', '-t', '-U', '-T'],
    positionalBeforeCommand: 0,
  },
  doas: { optionsWithValue: ['-u', '-C'], positionalBeforeCommand: 0 },
  env: {
    optionsWithValue: ['-u', '-C', '-S', '--unset', '--chdir'],
    positionalBeforeCommand: 0,
    assignments: true,
  },
  exec: { optionsWithValue: ['-a'], positionalBeforeCommand: 0 },
  nice: { optionsWithValue: ['-n', '--adjustment'], positionalBeforeCommand: 0 },
  nohup: { optionsWithValue: [], positionalBeforeCommand: 0 },
  time: { optionsWithValue: ['-f', '-o'], positionalBeforeCommand: 0 },
  timeout: { optionsWithValue: ['-s', '-k', '--signal', '--kill-after'], positionalBeforeCommand: 1 },
  command: { optionsWithValue: [], positionalBeforeCommand: 0 },
  builtin: { optionsWithValue: [], positionalBeforeCommand: 0 },
  stdbuf: { optionsWithValue: ['-i', '-o', '-e'], positionalBeforeCommand: 0 },
  xargs: {
    optionsWithValue: ['-I', '-n', '-P', '-d', '-L', '-s', '-a', '-E', '-i'],
    positionalBeforeCommand: 0,
  },
  gosu: { optionsWithValue: [], positionalBeforeCommand: 1 },
  'su-exec': { optionsWithValue: [], positionalBeforeCommand: 1 },
  chroot: { optionsWithValue: ['--userspec', '--groups'], positionalBeforeCommand: 1 },
};

class Walker {
  readonly commands: ShellCommand[] = [];
  private statementCounter = -1;
  private pipelineCounter = 0;

  constructor(
    private readonly source: SourceText,
    private readonly nestedShells: boolean,
    /** Passed on to the parse of `sh -c` scripts. */
    private readonly plainReader: boolean,
  ) {}

  statementList(stmts: Node[], scope: Scope): void {
    for (let i = 0; i < stmts.length; i++) {
      const stmt = stmts[i];
      if (scope.topLevel) this.statementCounter++;
      const sequencing: Connector = stmt.Background ? '&' : ';';
      const previousBackground = i > 0 && stmts[i - 1].Background;
      this.statement(
        stmt,
        { ...scope, topLevel: false },
        {
          before: i === 0 ? '' : previousBackground ? '&' : ';',
          after: i === stmts.length - 1 ? (stmt.Background ? '&' : '') : sequencing,
        },
      );
    }
  }

  private statement(stmt: Node, scope: Scope, position: ListPosition): void {
    const redirects = [...scope.redirects, ...asList(stmt.Redirs).map((r) => this.redirect(r))];
    const inner: Scope = { ...scope, redirects };
    const cmd = ptr(stmt.Cmd);
    if (!cmd) {
      // A statement with only redirections, e.g. `> /tmp/file`.
      return;
    }
    const negated = Boolean(stmt.Negated);
    const background = Boolean(stmt.Background);
    switch (nodeType(cmd)) {
      case 'CallExpr':
        this.callExpr(cmd, stmt, inner, position, negated, background);
        return;
      case 'BinaryCmd':
        this.binaryCmd(cmd, inner, position);
        return;
      case 'Subshell':
        // A subshell inherits options but its `set` does not leak out.
        this.statementList(stmtsOf(cmd), {
          ...inner,
          options: { ...inner.options },
          context: [...inner.context, 'subshell'],
        });
        return;
      case 'Block':
        this.statementList(stmtsOf(cmd), { ...inner, context: [...inner.context, 'block'] });
        return;
      case 'IfClause':
        this.ifClause(cmd, inner);
        return;
      case 'WhileClause':
        this.statementList(asList(cmd.Cond), { ...inner, context: [...inner.context, 'loop-condition'] });
        this.statementList(asList(cmd.Do), { ...inner, context: [...inner.context, 'loop-body'] });
        return;
      case 'ForClause':
        this.statementList(asList(cmd.Do), { ...inner, context: [...inner.context, 'loop-body'] });
        return;
      case 'CaseClause':
        for (const item of asList(cmd.Items)) {
          this.statementList(stmtsOf(item), { ...inner, context: [...inner.context, 'case'] });
        }
        return;
      case 'FuncDecl':
        // The body runs when called; its options are those at the call, unknown here, so copy them.
        const body = ptr(cmd.Body);
        if (!body) return;
        this.statement(
          body,
          { ...inner, options: { ...inner.options }, context: [...inner.context, 'function'] },
          { before: '', after: '' },
        );
        return;
      case 'DeclClause':
        this.declClause(cmd, stmt, inner, position, negated, background);
        return;
      case 'TimeClause':
      case 'CoprocClause':
        const timed = ptr(cmd.Stmt);
        if (timed) this.statement(timed, inner, position);
        return;
      default:
        // [[ ]], (( )), let: tests and arithmetic, no commands to report.
        return;
    }
  }

  private ifClause(clause: Node, scope: Scope): void {
    let current: Node | null = clause;
    while (current) {
      this.statementList(asList(current.Cond), { ...scope, context: [...scope.context, 'if-condition'] });
      this.statementList(asList(current.Then), { ...scope, context: [...scope.context, 'if-body'] });
      const next = ptr(current.Else);
      current = next && nodeType(next) === 'IfClause' ? next : null;
    }
  }

  /** Flattens `a && b || c` and `a | b | c` into their operands, keeping each operator. */
  private binaryCmd(cmd: Node, scope: Scope, position: ListPosition): void {
    const operator = this.operatorAt(cmd.OpPos as GoPos);
    const isPipe = operator === '|' || operator === '|&';
    const operands: Node[] = [];
    const operators: Connector[] = [];
    const collect = (node: Node): void => {
      const inner = ptr(node.Cmd);
      if (
        inner &&
        nodeType(inner) === 'BinaryCmd' &&
        !node.Negated &&
        asList(node.Redirs).length === 0 &&
        this.isPipe(this.operatorAt(inner.OpPos as GoPos)) === isPipe
      ) {
        collect(inner.X as Node);
        operators.push(this.operatorAt(inner.OpPos as GoPos));
        collect(inner.Y as Node);
      } else {
        operands.push(node);
      }
    };
    collect(cmd.X as Node);
    operators.push(operator);
    collect(cmd.Y as Node);

    const pipeline = isPipe ? { id: this.pipelineCounter++, length: operands.length } : undefined;
    operands.forEach((operand, i) => {
      const operandPosition: ListPosition = {
        before: i === 0 ? position.before : operators[i - 1],
        after: i === operands.length - 1 ? position.after : operators[i],
      };
      const operandScope: Scope = pipeline ? { ...scope, pipeline: { ...pipeline, index: i } } : scope;
      this.statement(operand, operandScope, operandPosition);
    });
  }

  private isPipe(op: Connector): boolean {
    return op === '|' || op === '|&';
  }

  private operatorAt(pos: GoPos): Connector {
    const at = this.source.offset(pos);
    const two = this.source.text.slice(at, at + 2);
    if (two === '&&' || two === '||' || two === '|&') return two;
    return '|';
  }

  private callExpr(
    call: Node,
    stmt: Node,
    scope: Scope,
    position: ListPosition,
    negated: boolean,
    background: boolean,
  ): void {
    // Command substitutions in the words run first.
    const assigns = asList(call.Assigns);
    const argNodes = asList(call.Args);
    for (const assign of assigns) {
      const value = ptr(assign.Value);
      if (value) this.nestedInWord(value, scope);
    }
    for (const arg of argNodes) this.nestedInWord(arg, scope);

    const words = argNodes.map((w) => this.word(w));
    const envAssignments = assigns.map((a) => this.assignment(a));
    this.addCall(
      this.commandAt(this.extentOf(stmt), words, envAssignments, scope, position, negated, background),
      scope,
    );
  }

  private addCall(command: ShellCommand, scope: Scope): void {
    this.commands.push(command);
    this.applySet(command, scope.options);
    if (this.nestedShells) this.nestedShell(command, scope);
  }

  /**
   * The commands of a plain script (see plain-script.ts), numbered, joined and scoped exactly as
   * `statementList` and `binaryCmd` do for the same script parsed by mvdan-sh.
   */
  plainStatements(statements: readonly PlainStatement[], scope: Scope): void {
    statements.forEach((statement, s) => {
      this.statementCounter++;
      const last = statement.pipelines.length - 1;
      statement.pipelines.forEach((commands, p) => {
        const before = p === 0 ? (s === 0 ? '' : ';') : statement.operators[p - 1];
        const after = p === last ? (s === statements.length - 1 ? '' : ';') : statement.operators[p];
        const pipeline =
          commands.length > 1 ? { id: this.pipelineCounter++, length: commands.length } : undefined;
        commands.forEach((command, i) => {
          const inner: Scope = {
            ...scope,
            topLevel: false,
            redirects: [...scope.redirects, ...command.redirects.map((r) => this.plainRedirect(r))],
            ...(pipeline ? { pipeline: { ...pipeline, index: i } } : {}),
          };
          const position: ListPosition = {
            before: i === 0 ? before : '|',
            after: i === commands.length - 1 ? after : '|',
          };
          this.addCall(this.plainCommand(command, inner, position), inner);
        });
      });
    });
  }

  private plainCommand(command: PlainCommand, scope: Scope, position: ListPosition): ShellCommand {
    const words = command.words.map((w) => this.plainWord(w));
    const assignments = command.assignments.map(({ name, value, dynamic }) => ({ name, value, dynamic }));
    return this.commandAt(command, words, assignments, scope, position, false, false);
  }

  private plainWord(word: PlainWord): ShellWord {
    return {
      value: word.value,
      raw: this.source.text.slice(word.start, word.end),
      dynamic: word.dynamic,
      offset: word.start,
    };
  }

  private plainRedirect(redirect: PlainCommand['redirects'][number]): ShellRedirect {
    const out: ShellRedirect = {
      op: redirect.op,
      target: redirect.target.value,
      dynamic: redirect.target.dynamic,
    };
    if (redirect.fd !== undefined) out.fd = redirect.fd;
    return out;
  }

  private declClause(
    decl: Node,
    stmt: Node,
    scope: Scope,
    position: ListPosition,
    negated: boolean,
    background: boolean,
  ): void {
    const variant = str(ptr(decl.Variant)?.Value) || 'declare';
    const args = asList(decl.Args);
    for (const a of args) {
      const value = ptr(a.Value);
      if (value) this.nestedInWord(value, scope);
    }
    const first: ShellWord = {
      value: variant,
      raw: variant,
      dynamic: false,
      offset: this.source.offset(stmt.Pos()),
    };
    const words = [first, ...args.map((a) => this.assignmentWord(a))];
    this.commands.push(this.commandAt(this.extentOf(stmt), words, [], scope, position, negated, background));
  }

  /** Where a statement of the parser's tree starts and ends in the script. */
  private extentOf(stmt: Node): Extent {
    return { start: this.source.offset(stmt.Pos()), end: this.source.offset(stmt.End()) };
  }

  private commandAt(
    { start: offset, end }: Extent,
    words: ShellWord[],
    envAssignments: ShellAssignment[],
    scope: Scope,
    position: ListPosition,
    negated: boolean,
    background: boolean,
  ): ShellCommand {
    let endOffset = end;
    // The statement's extent includes its terminator (`;`, `&`); the command's text does not.
    while (endOffset > offset && /[\s;&]/.test(this.source.text[endOffset - 1])) endOffset--;
    const base = {
      offset,
      endOffset,
      line: this.source.line(offset),
      column: this.source.column(offset),
      text: this.source.text.slice(offset, endOffset),
      statement: Math.max(0, this.statementCounter),
      connectorBefore: position.before,
      connectorAfter: position.after,
      pipeline: scope.pipeline,
      context: scope.context,
      redirects: scope.redirects,
      options: { ...scope.options },
      negated,
      background,
    };
    return buildCommand(words, envAssignments, base);
  }

  /** `set -e`, `set -euxo pipefail`, `set +o pipefail`... change the options for what follows. */
  private applySet(command: ShellCommand, options: ShellOptions): void {
    if (command.name !== 'set') return;
    const letters: Record<string, keyof ShellOptions> = { e: 'errexit', u: 'nounset', x: 'xtrace' };
    const names: Record<string, keyof ShellOptions> = {
      errexit: 'errexit',
      pipefail: 'pipefail',
      nounset: 'nounset',
      xtrace: 'xtrace',
    };
    const args = command.args;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      const match = /^([-+])([A-Za-z]+)$/.exec(arg);
      if (!match) {
        if (arg === '--' || arg === '-') break;
        continue;
      }
      const on = match[1] === '-';
      let takesName = false;
      for (const letter of match[2]) {
        if (letter === 'o') takesName = true;
        else if (letters[letter]) options[letters[letter]] = on;
      }
      if (takesName && i + 1 < args.length) {
        const option = names[args[i + 1]];
        if (option) options[option] = on;
        i++;
      }
    }
  }

  /** `sh -c 'script'`: the script's commands, at the position of the `sh` command. */
  private nestedShell(command: ShellCommand, scope: Scope): void {
    const shell = effectiveCommand(command);
    const invocation = commandShellInvocation(shell);
    if (!invocation || invocation.scriptIndex === undefined) return;
    const script = shell.words[invocation.scriptIndex];
    if (!script || script.dynamic) return;
    const options: ShellOptions = {
      errexit: false,
      pipefail: false,
      nounset: false,
      xtrace: false,
      ...invocation.options,
    };
    const nested = parseShell(script.value, {
      initialOptions: options,
      nestedShells: true,
      plainReader: this.plainReader,
    });
    // Pipeline ids of the inner script are renumbered after the outer ones so they stay unique.
    const firstId = this.pipelineCounter;
    for (const inner of nested.commands) {
      const moved = relocate(inner, command, {
        context: [...scope.context, 'sh-c', ...inner.context],
        redirects: [...scope.redirects, ...inner.redirects],
      });
      if (inner.pipeline) {
        moved.pipeline = { ...inner.pipeline, id: firstId + inner.pipeline.id };
        this.pipelineCounter = Math.max(this.pipelineCounter, moved.pipeline.id + 1);
      }
      this.commands.push(moved);
    }
  }

  /** Commands inside `$(...)`, `` `...` `` and `<(...)` of a word. */
  private nestedInWord(word: Node, scope: Scope): void {
    const visit = (part: Node): void => {
      const type = nodeType(part);
      switch (type) {
        case 'CmdSubst':
        case 'ProcSubst':
          // A subshell of its own: its pipelines and `set` options do not leak out.
          this.statementList(stmtsOf(part), {
            ...scope,
            pipeline: undefined,
            options: { ...scope.options },
            context: [
              ...scope.context,
              type === 'CmdSubst' ? 'command-substitution' : 'process-substitution',
            ],
          });
          return;
        case 'DblQuoted':
          asList(part.Parts).forEach(visit);
          return;
        case 'ParamExp': {
          const expWord = ptr(ptr(part.Exp)?.Word);
          if (expWord) asList(expWord.Parts).forEach(visit);
          return;
        }
        default:
          return;
      }
    };
    asList(word.Parts).forEach(visit);
  }

  private word(word: Node): ShellWord {
    let dynamic = false;
    const render = (part: Node, quoted: boolean): string => {
      switch (nodeType(part)) {
        case 'Lit':
          return unescapeLiteral(str(part.Value), quoted);
        case 'SglQuoted':
          return part.Dollar ? unescapeAnsiC(str(part.Value)) : str(part.Value);
        case 'DblQuoted':
          return asList(part.Parts)
            .map((p) => render(p, true))
            .join('');
        case 'ParamExp':
        case 'CmdSubst':
        case 'ArithmExp':
        case 'ProcSubst':
          dynamic = true;
          return this.source.slice(part);
        default:
          // Globs, brace expansions: kept as written.
          return this.source.slice(part);
      }
    };
    const value = asList(word.Parts)
      .map((p) => render(p, false))
      .join('');
    return { value, raw: this.source.slice(word), dynamic, offset: this.source.offset(word.Pos()) };
  }

  private assignment(assign: Node): ShellAssignment {
    const name = str(ptr(assign.Name)?.Value);
    const valueWord = ptr(assign.Value);
    if (!valueWord) return { name, value: '', dynamic: false };
    const w = this.word(valueWord);
    return { name, value: w.value, dynamic: w.dynamic };
  }

  private assignmentWord(assign: Node): ShellWord {
    const a = this.assignment(assign);
    const raw = this.source.slice(assign);
    return {
      value: assign.Naked ? a.name : `${a.name}=${a.value}`,
      raw,
      dynamic: a.dynamic,
      offset: this.source.offset(assign.Pos()),
    };
  }

  private redirect(redirect: Node): ShellRedirect {
    const opOffset = this.source.offset(redirect.OpPos as GoPos);
    const op =
      /^(?:&>>|&>|>>|>\||>&|<&|<<<|<<-|<<|<>|>|<)/.exec(
        this.source.text.slice(opOffset, opOffset + 3),
      )?.[0] ?? '>';
    const targetWord = ptr(redirect.Word);
    const target = targetWord ? this.word(targetWord) : { value: '', dynamic: false };
    const out: ShellRedirect = { op, target: target.value, dynamic: target.dynamic };
    const fd = str(ptr(redirect.N)?.Value);
    if (fd) out.fd = fd;
    const hdoc = ptr(redirect.Hdoc);
    if (hdoc) {
      const parts = asList(hdoc.Parts);
      out.heredoc = parts.length
        ? this.source.text.slice(
            this.source.offset(parts[0].Pos()),
            this.source.offset(parts[parts.length - 1].End()),
          )
        : '';
      // The parser's last part may run over the closing delimiter line; the body stops before it.
      const closing = new RegExp(`(^|\\n)\\t*${escapeRegExp(target.value)}\\s*$`);
      out.heredoc = out.heredoc.replace(closing, '$1');
    }
    return out;
  }
}

type CommandBase = Omit<ShellCommand, 'name' | 'args' | 'words' | 'dynamic' | 'envAssignments' | 'wrapped'>;

function buildCommand(
  words: ShellWord[],
  envAssignments: ShellAssignment[],
  base: CommandBase,
): ShellCommand {
  const command: ShellCommand = {
    name: words[0]?.value ?? '',
    args: words.slice(1).map((w) => w.value),
    words,
    dynamic: words[0]?.dynamic ?? false,
    envAssignments,
    ...base,
  };
  const wrapped = unwrap(command, base);
  if (wrapped) command.wrapped = wrapped;
  return command;
}

/** The command a wrapper runs, if `command` is a known wrapper with a command after its options. */
function unwrap(command: ShellCommand, base: CommandBase): ShellCommand | undefined {
  const spec = WRAPPERS[command.name];
  if (!spec) return undefined;
  const words = command.words;
  const assignments: ShellAssignment[] = [];
  let i = 1;
  let positional = spec.positionalBeforeCommand;
  while (i < words.length) {
    const arg = words[i].value;
    if (arg === '--') {
      i++;
      break;
    }
    if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(arg)) {
      const eq = arg.indexOf('=');
      assignments.push({ name: arg.slice(0, eq), value: arg.slice(eq + 1), dynamic: words[i].dynamic });
      i++;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // `command -v x` looks a command up instead of running it.
      if (command.name === 'command' && /^-[vV]+$/.test(arg)) return undefined;
      i += spec.optionsWithValue.includes(arg) ? 2 : 1;
      continue;
    }
    if (positional > 0) {
      positional--;
      i++;
      continue;
    }
    break;
  }
  if (i >= words.length) return undefined;
  return buildCommand(words.slice(i), assignments, base);
}

function relocate(
  inner: ShellCommand,
  outer: ShellCommand,
  extra: Pick<ShellCommand, 'context' | 'redirects'>,
): ShellCommand {
  const moved: ShellCommand = {
    ...inner,
    offset: outer.offset,
    endOffset: outer.endOffset,
    line: outer.line,
    column: outer.column,
    statement: outer.statement,
    pipeline: inner.pipeline,
    ...extra,
  };
  if (inner.wrapped) moved.wrapped = relocate(inner.wrapped, outer, extra);
  return moved;
}

/** Removes the backslashes of an unquoted (or double-quoted) literal the way the shell does. */
function unescapeLiteral(text: string, quoted: boolean): string {
  if (!text.includes('\\')) return text;
  if (quoted) return text.replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c));
  return text.replace(/\\(.|\n)/g, (_, c: string) => (c === '\n' ? '' : c));
}

function unescapeAnsiC(text: string): string {
  const simple: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    "'": "'",
    '"': '"',
    a: '\x07',
    e: '\x1b',
  };
  return text.replace(/\\(.)/g, (whole, c: string) => simple[c] ?? whole);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
