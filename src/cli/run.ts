import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../engine/config-file';
import { CHECKERS } from '../checkers';
import { gitWorkTreeRoot } from '../engine/git';
import { CHECKER_IDS } from '../engine/rule';
import { gating, scan, type ScanOptions, type ScanResult } from '../engine/scan';
import {
  FAIL_ON_VALUES,
  InputError,
  parseCheckers,
  parseChoice,
  splitList,
  type FailOn,
} from '../action/inputs';
import { VERSION } from '../action/version';
import { renderText } from '../report/text';
import { renderJson } from '../report/json';
import { renderSarif } from '../report/sarif';
import { renderMarkdown, shellQuote } from '../report/summary';
import { rulesDocsUrl } from '../report/docs-url';
import { answerRulesQuestion } from './rules-info';
import { runMerge } from './merge';
import { scanStdin } from './stdin';
import { useColor } from './terminal';
import { renderGithubCommands } from '../report/github';
import { gitDiffIndex, type DiffIndex } from '../report/diff';
import {
  BaselineError,
  FILTER_MODES,
  readBaseline,
  renderBaseline,
  selectFindings,
  type FilterMode,
  type Selection,
} from '../report/filter';

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

/** Renders the scan in the requested format; `columns` is the terminal width text wraps to. */
export function render(
  result: ScanResult,
  request: CliRequest,
  color: boolean,
  columns?: number,
  env: Readonly<Record<string, string | undefined>> = {},
  change?: { selection: Selection; baseline?: ReadonlySet<string> },
): string {
  const docsBaseUrl = rulesDocsUrl(env, VERSION);
  switch (request.format) {
    case 'text':
      return renderText(result, { color, ...(columns && { width: columns }), docsBaseUrl });
    case 'json':
      return renderJson(result, VERSION);
    case 'sarif':
      return `${JSON.stringify(renderSarif(result, { version: VERSION, pathPrefix: request.pathPrefix, docsBaseUrl }), null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(result, {
        failOn: request.failOn,
        version: VERSION,
        ...(change && { gating: gating(change.selection.selected, request.failOn) }),
        ...(change?.baseline && { baseline: change.baseline }),
        docsBaseUrl,
        reproduce: request.reproduceCommand
          ? {
              command: request.reproduceCommand,
              ...(request.commandDir && { from: request.commandDir }),
            }
          : {
              ...(request.scan.paths && { paths: request.scan.paths }),
              ...(request.scan.exclude && { exclude: request.scan.exclude }),
              ...(request.scan.configPath && {
                config: path.relative(request.scan.root, request.scan.configPath),
              }),
              ...(request.scan.only && { checkers: request.scan.only }),
              ...(request.pathPrefix && { from: request.pathPrefix }),
            },
      });
    case 'github':
      return renderGithubCommands(result, {
        pathPrefix: request.pathPrefix,
        ...(change && { findings: change.selection.selected }),
      });
  }
}

/** The whole CLI: argv in, output on io, exit status out. Bad input is an exit status, never an exception. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'merge') return runMerge(argv.slice(1), io);
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
  if ('kind' in request) return answerRulesQuestion(request, io);

  for (const id of request.scan.only ?? []) {
    if (!CHECKERS.some((c) => c.id === id)) {
      io.stderr(`deploy-lint: the ${id} checker is not available in this version; it checks nothing.\n`);
    }
  }

  let result: ScanResult;
  try {
    result = request.stdinFilename
      ? await scanStdin({ ...request.scan, checkers: CHECKERS }, request.stdinFilename, io)
      : await scan({ ...request.scan, checkers: CHECKERS });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`deploy-lint: invalid config: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`deploy-lint: the scan failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }

  // The config's own list: the default names every checker, so only a list the file narrowed counts.
  if (result.config.file && result.config.checkers.length < CHECKER_IDS.length) {
    for (const id of result.config.checkers) {
      if (!CHECKERS.some((c) => c.id === id) && !request.scan.only?.includes(id)) {
        io.stderr(
          `deploy-lint: the ${id} checker is not available in this version (checkers in ${result.config.file}); it checks nothing.\n`,
        );
      }
    }
  }

  if (request.scan.paths && result.stats.files === 0) {
    io.stderr(`deploy-lint: ${request.scan.paths.join(', ')} matches no file; nothing was checked.\n`);
  }

  let change: { selection: Selection; baseline?: ReadonlySet<string> } | undefined;
  try {
    change = selectChange(result, request, io);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof BaselineError)) throw error;
    io.stderr(`deploy-lint: ${error.message}\n`);
    return EXIT_USAGE;
  }

  const color = useColor(request.format, io, request.colorFlags ?? {});
  io.stdout(render(result, request, color, io.stdoutIsTTY ? io.columns : undefined, io.env, change));
  const gates = change ? change.selection.selected : result.findings;
  return gating(gates, request.failOn).length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

/**
 * --diff-base, --baseline and --write-baseline: which findings gate. Undefined when none is given
 * (every finding gates). Says on stderr what does not gate, so the exit status is never a surprise.
 */
function selectChange(
  result: ScanResult,
  request: CliRequest,
  io: CliIo,
): { selection: Selection; baseline?: ReadonlySet<string> } | undefined {
  if (!request.diffBase && !request.baseline && !request.writeBaseline) return undefined;
  if (request.writeBaseline) {
    writeFileSync(request.writeBaseline, renderBaseline(result.findings), 'utf8');
    io.stderr(
      `deploy-lint: wrote ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} to the baseline ${path.relative(io.cwd, request.writeBaseline) || request.writeBaseline}; with --baseline they no longer gate.\n`,
    );
  }
  const baselineFile = request.baseline ?? request.writeBaseline;
  const baseline = baselineFile ? readBaseline(baselineFile, path.relative(io.cwd, baselineFile)) : undefined;
  let diff: DiffIndex | undefined;
  if (request.diffBase) {
    try {
      diff = gitDiffIndex(request.scan.root, request.diffBase);
    } catch (error) {
      const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
      throw new UsageError(`--diff-base ${request.diffBase}: git diff failed: ${detail}`);
    }
  }
  const selection = selectFindings(result.findings, {
    ...(diff && { diff }),
    mode: request.filterMode,
    ...(baseline && { baseline }),
  });
  const parts: string[] = [];
  if (selection.outsideChange.length) {
    parts.push(
      `${selection.outsideChange.length} outside the change since ${request.diffBase} (filter-mode ${request.filterMode})`,
    );
  }
  if (selection.known.length) parts.push(`${selection.known.length} in the baseline`);
  if (parts.length) io.stderr(`deploy-lint: findings that do not gate: ${parts.join(', ')}.\n`);
  return { selection, ...(baseline && { baseline }) };
}
