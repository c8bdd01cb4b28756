import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gitWorkTreeRoot } from '../engine/git';
import type { ScanOptions } from '../engine/scan';
import {
  FAIL_ON_VALUES,
  InputError,
  parseCheckers,
  parseChoice,
  splitList,
  type FailOn,
} from '../action/inputs';
import { VERSION } from '../action/version';
import { shellQuote } from '../report/summary';
import { FILTER_MODES, type FilterMode } from '../report/filter';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colours are only for terminals). */
  stdoutIsTTY: boolean;
  /** The terminal's width, when stdout is a terminal: text output wraps messages to it. */
  columns?: number;
  /** The whole of standard input, for `-`. */
  readStdin?: () => Promise<string>;
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage: deploy-lint [paths...] [options]

Checks Dockerfiles, Kubernetes manifests, IAM policies, Terraform and service topology.
With one directory argument, that directory is the scan root; otherwise the current directory
is the root and the arguments (files, directories or globs) select what to check.

A path of - reads one file from standard input; --stdin-filename names it (and so decides which
checker reads it, and what config ignores and fixture paths apply).

Options:
  -f, --format FORMAT     text, json, sarif, markdown or github (default: text)
  -c, --config FILE       config file (default: .deploy-lint.yml at the scan root, if present)
  --fail-on LEVEL         error, warning, notice or never (default: error)
  --checkers LIST         comma-separated: dockerfile, kubernetes, iam, topology, terraform,
                          coherence (default: all)
  --exclude GLOBS         skip files matching these comma-separated globs; repeatable
  --diff-base REF         only findings of the change since REF gate (git diff, as on a pull request)
  --filter-mode MODE      with --diff-base: added, diff_context, file or nofilter (default: added)
  --baseline FILE         findings listed in FILE (see --write-baseline) are reported but never gate
  --write-baseline FILE   write the fingerprints of every finding to FILE, to accept them for now
  --stdin-filename NAME   the name of the file read from standard input (with -)
  --color, --no-color     force colours on or off (default: on for a terminal, off with NO_COLOR)
  --explain RULE          print a rule's help and examples (--format json for JSON)
  --list-rules            list every rule: id, severity, default state, title (--format json for JSON)
  -v, --version           print the version
  -h, --help              print this help

Commands:
  deploy-lint merge REPORT...   merge the JSON reports of shard runs and report them as one scan
                                (deploy-lint merge --help)

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or config error.
`;

/** What the command line asks for, validated. */
export interface CliRequest {
  format: Format;
  failOn: FailOn;
  /** Everything but the checker list, which runCli takes from the registry. */
  scan: Omit<ScanOptions, 'checkers'>;
  /** The scan root relative to the repository top (or the current directory): SARIF and workflow-command paths start there. */
  pathPrefix: string;
  /** Git ref the change is measured from; only findings of the change gate. */
  diffBase?: string;
  filterMode: FilterMode;
  /** Absolute paths. */
  baseline?: string;
  writeBaseline?: string;
  /** The command that reproduces this run where it was started, for the markdown report. */
  reproduceCommand?: string;
  /** The directory the command was started in, relative to the repository top ('' for the top itself). */
  commandDir?: string;
  /** --color / --no-color. */
  colorFlags?: { color?: boolean; 'no-color'?: boolean };
  /** Set when the one file to check comes from standard input (`-`): the name to give it. */
  stdinFilename?: string;
}

/** `--explain RULE` and `--list-rules`: questions about the rules, answered without a scan. */
export type RulesQuestion =
  { kind: 'explain'; ruleId: string; format: Format } | { kind: 'list-rules'; format: Format };

/** A problem with the command line; exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const GLOB_CHARS = /[*?[\]{}!]/;

/** Parses argv into a request, or returns 'help'/'version'. Throws UsageError or InputError. */
export function parseCommandLine(
  argv: readonly string[],
  cwd: string,
): CliRequest | RulesQuestion | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        'fail-on': { type: 'string' },
        checkers: { type: 'string' },
        exclude: { type: 'string', multiple: true },
        'diff-base': { type: 'string' },
        'filter-mode': { type: 'string' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'stdin-filename': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        explain: { type: 'string' },
        'list-rules': { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.version) return 'version';

  const format = parseChoice('--format', values.format ?? 'text', FORMATS);
  if (values.explain !== undefined) return { kind: 'explain', ruleId: values.explain.trim(), format };
  if (values['list-rules']) return { kind: 'list-rules', format };
  const failOn = parseChoice('--fail-on', values['fail-on'] ?? 'error', FAIL_ON_VALUES);
  const checkers = values.checkers === undefined ? undefined : parseCheckers('--checkers', values.checkers);
  if (values.checkers !== undefined && splitList(values.checkers).length === 0) {
    throw new InputError('--checkers', 'Invalid --checkers value: it names no checker.');
  }

  const stdin = stdinName(positionals, values['stdin-filename']);
  const { root, paths } = stdin ? stdinTarget(stdin, cwd) : scanTarget(positionals, cwd);
  const options: Omit<ScanOptions, 'checkers'> = { root };
  if (paths) options.paths = paths;
  const exclude = (values.exclude ?? []).flatMap(splitList);
  if (exclude.length) options.exclude = exclude;
  if (values.config !== undefined) {
    const config = path.resolve(cwd, values.config);
    if (!isFile(config))
      throw new UsageError(`Config file ${values.config} does not exist or is not a file.`);
    options.configPath = config;
  }
  if (checkers) options.only = checkers;
  const filterMode = parseChoice('--filter-mode', values['filter-mode'] ?? 'added', FILTER_MODES);
  if (values['filter-mode'] !== undefined && values['diff-base'] === undefined) {
    throw new UsageError(
      '--filter-mode needs --diff-base REF: without a change to compare with, every finding gates.',
    );
  }
  const request: CliRequest = {
    format,
    failOn,
    scan: options,
    pathPrefix: repositoryPrefix(root, cwd),
    filterMode,
    reproduceCommand: reproduceCommand(argv),
    commandDir: repositoryPrefix(cwd, cwd),
    colorFlags: { color: values.color, 'no-color': values['no-color'] },
    ...(stdin && paths && { stdinFilename: paths[0] }),
  };
  if (values['diff-base'] !== undefined) request.diffBase = values['diff-base'];
  if (values.baseline !== undefined) request.baseline = path.resolve(cwd, values.baseline);
  if (values['write-baseline'] !== undefined)
    request.writeBaseline = path.resolve(cwd, values['write-baseline']);
  return request;
}

/**
 * Inside a git work tree the scan root is the top of the work tree, wherever the command runs and
 * whichever directory it names: the config file, paths in findings and what counts as a fixture
 * are then the same as in the action, and the arguments only select what to check. Outside a work
 * tree, one directory argument is the scan root; anything else scans the current directory, and
 * each argument (a file, a directory or a glob, inside the current directory) selects part of it.
 */
function scanTarget(positionals: readonly string[], cwd: string): { root: string; paths?: string[] } {
  const lone = positionals.length === 1 ? path.resolve(cwd, positionals[0]) : undefined;
  const top = gitWorkTreeRoot(lone && isDirectory(lone) ? lone : cwd);
  if (top) return repositoryTarget(positionals, cwd, top);
  if (positionals.length === 0) return { root: cwd };
  if (positionals.length === 1 && isDirectory(path.resolve(cwd, positionals[0]))) {
    return { root: path.resolve(cwd, positionals[0]) };
  }
  const paths = positionals.map((arg) => {
    const absolute = path.resolve(cwd, arg);
    const relative = path.relative(cwd, absolute);
    const exists = pathExists(absolute);
    if (!exists && !GLOB_CHARS.test(arg)) throw new UsageError(`No such file or directory: ${arg}`);
    if (!staysInside(relative)) {
      throw new UsageError(
        `${arg} is outside the current directory: run deploy-lint from a directory that contains it, or give it as the only argument to make it the scan root.`,
      );
    }
    // A glob is matched against root-relative paths with forward slashes.
    return (exists ? relative || '.' : arg.replace(/^\.\//, '')).split(path.sep).join('/');
  });
  return { root: cwd, paths };
}

/** The arguments as paths or globs relative to the top of the work tree; none selects the whole tree. */
function repositoryTarget(
  positionals: readonly string[],
  cwd: string,
  top: string,
): { root: string; paths?: string[] } {
  const here = path.relative(top, cwd);
  const args = positionals.length ? positionals : ['.'];
  const paths = args.map((arg) => {
    const absolute = path.resolve(cwd, arg);
    if (pathExists(absolute)) {
      const relative = path.relative(top, absolute);
      if (!staysInside(relative)) {
        throw new UsageError(
          `${arg} is outside the git work tree at ${top}: run deploy-lint from the repository that contains it.`,
        );
      }
      return relative.split(path.sep).join('/');
    }
    if (!GLOB_CHARS.test(arg)) throw new UsageError(`No such file or directory: ${arg}`);
    const glob = path.posix.normalize(
      path.posix.join(here.split(path.sep).join('/'), arg.replace(/\\/g, '/')),
    );
    if (glob === '..' || glob.startsWith('../')) {
      throw new UsageError(`${arg} reaches outside the git work tree at ${top}.`);
    }
    return glob;
  });
  return paths.every((p) => p === '' || p === '.') ? { root: top } : { root: top, paths };
}

/**
 * The scan root relative to the top of its git work tree, so SARIF and workflow commands name
 * files as GitHub does, from wherever the CLI runs; outside a work tree, relative to the current
 * directory.
 */
function repositoryPrefix(root: string, cwd: string): string {
  const relative = path.relative(gitWorkTreeRoot(root) ?? cwd, root);
  return staysInside(relative) ? relative.split(path.sep).join('/') : '';
}

/** Whether a path relative to the current directory stays inside it. */
function staysInside(relative: string): boolean {
  return !path.isAbsolute(relative) && relative !== '..' && !relative.startsWith(`..${path.sep}`);
}

/** Where the file read from stdin would be: relative to the top of the git work tree, as any path. */
function stdinTarget(name: string, cwd: string): { root: string; paths: string[] } {
  const top = gitWorkTreeRoot(cwd);
  if (!top) return { root: cwd, paths: [name] };
  return { root: top, paths: [path.posix.join(path.relative(top, cwd).split(path.sep).join('/'), name)] };
}

/** `-` reads one file from stdin; its name must say what it is and stay inside the current directory. */
function stdinName(positionals: readonly string[], filename: string | undefined): string | undefined {
  if (!positionals.includes('-')) {
    if (filename !== undefined) throw new UsageError('--stdin-filename is for a path of - (standard input).');
    return undefined;
  }
  if (positionals.length > 1) throw new UsageError('- (standard input) is the only path when it is given.');
  if (!filename?.trim()) {
    throw new UsageError(
      'reading standard input (-) needs --stdin-filename NAME, e.g. --stdin-filename Dockerfile: the name decides which checker reads it.',
    );
  }
  const name = filename
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '');
  if (path.posix.isAbsolute(name) || name.split('/').includes('..')) {
    throw new UsageError(
      `--stdin-filename ${filename}: give a path relative to the current directory, inside it.`,
    );
  }
  return name;
}

/** The command line as given, without the output format: what reproduces the run in a terminal. */
function reproduceCommand(argv: readonly string[]): string {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--format' || arg === '-f') i++;
    else if (!arg.startsWith('--format=') && !/^-f./.test(arg)) kept.push(arg);
  }
  return ['deploy-lint', ...kept].map(shellQuote).join(' ');
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1];
    return `Unknown option${option ? ` ${option}` : ''}. Run deploy-lint --help for the options.`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return `${message.replace(/\.$/, '')}. Run deploy-lint --help for the options.`;
  }
  return message;
}

function statOrUndefined(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
const isDirectory = (p: string) => statOrUndefined(p)?.isDirectory() ?? false;
const isFile = (p: string) => statOrUndefined(p)?.isFile() ?? false;
const pathExists = (p: string) => statOrUndefined(p) !== undefined;

/** The whole CLI: argv in, output on io, exit status out. Bad input is an exit status, never an exception. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // The checkers and what only they use (parsers, rule tables) load on first need: `--version` and
  // `--help` start without them.
  if (argv[0] === 'merge') return (await import('./merge')).runMerge(argv.slice(1), io);
  let request: CliRequest | RulesQuestion | 'help' | 'version';
  try {
    request = parseCommandLine(argv, io.cwd);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.stderr(`deploy-lint: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (request === 'help') {
    io.stdout(USAGE);
    return EXIT_CLEAN;
  }
  if (request === 'version') {
    io.stdout(`${VERSION}\n`);
    return EXIT_CLEAN;
  }
  if ('kind' in request) return (await import('./rules-info')).answerRulesQuestion(request, io);

  return (await import('./scan-command')).runScan(request, io);
}
