#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 1729:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   HU: () => (/* binding */ parseChoice),
/* harmony export */   Qm: () => (/* binding */ FAIL_ON_VALUES),
/* harmony export */   UZ: () => (/* binding */ parseCheckers),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   ry: () => (/* binding */ splitList)
/* harmony export */ });
/* unused harmony exports PR_REVIEW_VALUES, parseBoolean, parseCount, parseRootRelativePaths, readInputs */
/* harmony import */ var _engine_rule__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7466);
/* harmony import */ var _report_filter__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4158);


const FAIL_ON_VALUES = ['error', 'warning', 'notice', 'never'];
const PR_REVIEW_VALUES = (/* unused pure expression or super */ null && (['auto', 'on', 'off']));
/** A bad input or option value; the message names the input and what it accepts. */
class InputError extends Error {
    input;
    constructor(
    /** How the value was given, as the user wrote it: `input 'fail-on'` or `--fail-on`. */
    input, message) {
        super(message);
        this.input = input;
        this.name = 'InputError';
    }
}
/** Splits a newline- or comma-separated value into trimmed, non-empty items. */
function splitList(raw) {
    return raw
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
}
/** `what` names the input as the user wrote it (`input 'fail-on'`, `--fail-on`) for the message. */
function parseChoice(what, raw, allowed) {
    const value = raw.trim();
    if (allowed.includes(value))
        return value;
    throw new InputError(what, `Invalid ${what} value '${value}'; allowed values: ${allowed.join(', ')}.`);
}
/** The spellings GitHub's own boolean inputs accept (YAML 1.2 core schema). */
function parseBoolean(what, raw) {
    const value = raw.trim();
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new InputError(what, `Invalid ${what} value '${value}'; allowed values: true, false.`);
}
/** A comma list of checker ids, or `all`. Undefined means all. */
function parseCheckers(what, raw) {
    const items = splitList(raw);
    if (items.length === 0 || (items.length === 1 && items[0] === 'all'))
        return undefined;
    const unknown = items.filter((c) => !_engine_rule__WEBPACK_IMPORTED_MODULE_0__/* .CHECKER_IDS */ .Hb.includes(c));
    if (unknown.length > 0) {
        const names = unknown.map((u) => `'${u}'`).join(', ');
        throw new InputError(what, `Invalid ${what} value: unknown checker ${names}; allowed values: ${_engine_rule__WEBPACK_IMPORTED_MODULE_0__/* .CHECKER_IDS */ .Hb.join(', ')}, or all.`);
    }
    return [...new Set(items)];
}
/** A whole number from `min` up. */
function parseCount(what, raw, min = 0) {
    const value = raw.trim();
    if (/^\d+$/.test(value) && Number(value) >= min)
        return Number(value);
    throw new InputError(what, `Invalid ${what} value '${value}'; it must be a whole number, ${min} or more.`);
}
/** Paths must stay inside the scan root: relative, no `..` segment. */
function parseRootRelativePaths(what, raw) {
    for (const p of raw) {
        if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.split(/[\\/]/).includes('..')) {
            throw new InputError(what, `Invalid ${what} value '${p}': paths are relative to the repository root and stay inside it.`);
        }
    }
    return raw.map((p) => p.replace(/^\.\//, ''));
}
/** Reads and validates every input; throws InputError on the first bad one. */
function readInputs(read) {
    const paths = parseRootRelativePaths("input 'paths'", splitList(read('paths')));
    const config = read('config').trim();
    const sarifFile = read('sarif-file').trim();
    const baseline = read('baseline').trim();
    const inputs = {
        exclude: parseRootRelativePaths("input 'exclude'", splitList(read('exclude'))),
        failOn: parseChoice("input 'fail-on'", read('fail-on') || 'error', FAIL_ON_VALUES),
        annotations: parseBoolean("input 'annotations'", read('annotations') || 'true'),
        summary: parseBoolean("input 'summary'", read('summary') || 'true'),
        filterMode: parseChoice("input 'filter-mode'", read('filter-mode') || 'added', FILTER_MODES),
        prReview: parseChoice("input 'pr-review'", read('pr-review') || 'auto', PR_REVIEW_VALUES),
        maxComments: parseCount("input 'max-comments'", read('max-comments') || '25'),
        suggestions: parseBoolean("input 'suggestions'", read('suggestions') || 'true'),
        resolveStale: parseBoolean("input 'resolve-stale'", read('resolve-stale') || 'true'),
        githubToken: read('github-token').trim(),
    };
    if (baseline)
        inputs.baseline = parseRootRelativePaths("input 'baseline'", [baseline])[0];
    const wholeRoot = paths.length === 0 || paths.every((p) => p === '.' || p === '');
    if (!wholeRoot)
        inputs.paths = paths;
    if (config)
        inputs.config = config;
    const checkers = parseCheckers("input 'checkers'", read('checkers'));
    if (checkers)
        inputs.checkers = checkers;
    if (sarifFile)
        inputs.sarifFile = sarifFile;
    const mergeReports = splitList(read('merge-reports'));
    if (mergeReports.length)
        inputs.mergeReports = mergeReports;
    const pullRequest = read('pull-request').trim();
    if (pullRequest) {
        if (!/^[1-9][0-9]{0,9}$/.test(pullRequest)) {
            throw new InputError("input 'pull-request'", `Invalid input 'pull-request' value '${pullRequest}'; expected a pull request number.`);
        }
        inputs.pullRequest = Number(pullRequest);
    }
    return inputs;
}


/***/ }),

/***/ 4710:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/* harmony import */ var _package_json__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8330);

/** deploy-lint's version, from package.json (bundled into dist/ at build time). */
const VERSION = _package_json__WEBPACK_IMPORTED_MODULE_0__/* .version */ .rE;


/***/ }),

/***/ 4175:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ri: () => (/* binding */ EXIT_USAGE),
/* harmony export */   XW: () => (/* binding */ EXIT_CLEAN),
/* harmony export */   ak: () => (/* binding */ runCli),
/* harmony export */   cB: () => (/* binding */ EXIT_FINDINGS),
/* harmony export */   eb: () => (/* binding */ UsageError),
/* harmony export */   hR: () => (/* binding */ FORMATS)
/* harmony export */ });
/* unused harmony exports USAGE, parseCommandLine */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _engine_git__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(2434);
/* harmony import */ var _action_inputs__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(1729);
/* harmony import */ var _action_version__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(4710);
/* harmony import */ var _report_summary__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(7994);
/* harmony import */ var _report_filter__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(4158);








const FORMATS = ['text', 'json', 'sarif', 'markdown', 'github'];
const EXIT_CLEAN = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;
const USAGE = `Usage: deploy-lint [paths...] [options]

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
/** A problem with the command line; exit status 2. */
class UsageError extends Error {
    name = 'UsageError';
}
const GLOB_CHARS = /[*?[\]{}!]/;
/** Parses argv into a request, or returns 'help'/'version'. Throws UsageError or InputError. */
function parseCommandLine(argv, cwd) {
    let parsed;
    try {
        parsed = (0,node_util__WEBPACK_IMPORTED_MODULE_2__.parseArgs)({
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
    }
    catch (error) {
        throw new UsageError(describeParseError(error));
    }
    const { values, positionals } = parsed;
    if (values.help)
        return 'help';
    if (values.version)
        return 'version';
    const format = (0,_action_inputs__WEBPACK_IMPORTED_MODULE_4__/* .parseChoice */ .HU)('--format', values.format ?? 'text', FORMATS);
    if (values.explain !== undefined)
        return { kind: 'explain', ruleId: values.explain.trim(), format };
    if (values['list-rules'])
        return { kind: 'list-rules', format };
    const failOn = (0,_action_inputs__WEBPACK_IMPORTED_MODULE_4__/* .parseChoice */ .HU)('--fail-on', values['fail-on'] ?? 'error', _action_inputs__WEBPACK_IMPORTED_MODULE_4__/* .FAIL_ON_VALUES */ .Qm);
    const checkers = values.checkers === undefined ? undefined : (0,_action_inputs__WEBPACK_IMPORTED_MODULE_4__/* .parseCheckers */ .UZ)('--checkers', values.checkers);
    if (values.checkers !== undefined && (0,_action_inputs__WEBPACK_IMPORTED_MODULE_4__/* .splitList */ .ry)(values.checkers).length === 0) {
        throw new _action_inputs__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz('--checkers', 'Invalid --checkers value: it names no checker.');
    }
    const stdin = stdinName(positionals, values['stdin-filename']);
    const { root, paths } = stdin ? stdinTarget(stdin, cwd) : scanTarget(positionals, cwd);
    const options = { root };
    if (paths)
        options.paths = paths;
    const exclude = (values.exclude ?? []).flatMap(_action_inputs__WEBPACK_IMPORTED_MODULE_4__/* .splitList */ .ry);
    if (exclude.length)
        options.exclude = exclude;
    if (values.config !== undefined) {
        const config = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, values.config);
        if (!isFile(config))
            throw new UsageError(`Config file ${values.config} does not exist or is not a file.`);
        options.configPath = config;
    }
    if (checkers)
        options.only = checkers;
    const filterMode = (0,_action_inputs__WEBPACK_IMPORTED_MODULE_4__/* .parseChoice */ .HU)('--filter-mode', values['filter-mode'] ?? 'added', _report_filter__WEBPACK_IMPORTED_MODULE_7__/* .FILTER_MODES */ .ox);
    if (values['filter-mode'] !== undefined && values['diff-base'] === undefined) {
        throw new UsageError('--filter-mode needs --diff-base REF: without a change to compare with, every finding gates.');
    }
    const request = {
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
    if (values['diff-base'] !== undefined)
        request.diffBase = values['diff-base'];
    if (values.baseline !== undefined)
        request.baseline = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, values.baseline);
    if (values['write-baseline'] !== undefined)
        request.writeBaseline = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, values['write-baseline']);
    return request;
}
/**
 * Inside a git work tree the scan root is the top of the work tree, wherever the command runs and
 * whichever directory it names: the config file, paths in findings and what counts as a fixture
 * are then the same as in the action, and the arguments only select what to check. Outside a work
 * tree, one directory argument is the scan root; anything else scans the current directory, and
 * each argument (a file, a directory or a glob, inside the current directory) selects part of it.
 */
function scanTarget(positionals, cwd) {
    const lone = positionals.length === 1 ? node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, positionals[0]) : undefined;
    const top = (0,_engine_git__WEBPACK_IMPORTED_MODULE_3__/* .gitWorkTreeRoot */ .M)(lone && isDirectory(lone) ? lone : cwd);
    if (top)
        return repositoryTarget(positionals, cwd, top);
    if (positionals.length === 0)
        return { root: cwd };
    if (positionals.length === 1 && isDirectory(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, positionals[0]))) {
        return { root: node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, positionals[0]) };
    }
    const paths = positionals.map((arg) => {
        const absolute = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, arg);
        const relative = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(cwd, absolute);
        const exists = pathExists(absolute);
        if (!exists && !GLOB_CHARS.test(arg))
            throw new UsageError(`No such file or directory: ${arg}`);
        if (!staysInside(relative)) {
            throw new UsageError(`${arg} is outside the current directory: run deploy-lint from a directory that contains it, or give it as the only argument to make it the scan root.`);
        }
        // A glob is matched against root-relative paths with forward slashes.
        return (exists ? relative || '.' : arg.replace(/^\.\//, '')).split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/');
    });
    return { root: cwd, paths };
}
/** The arguments as paths or globs relative to the top of the work tree; none selects the whole tree. */
function repositoryTarget(positionals, cwd, top) {
    const here = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(top, cwd);
    const args = positionals.length ? positionals : ['.'];
    const paths = args.map((arg) => {
        const absolute = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, arg);
        if (pathExists(absolute)) {
            const relative = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(top, absolute);
            if (!staysInside(relative)) {
                throw new UsageError(`${arg} is outside the git work tree at ${top}: run deploy-lint from the repository that contains it.`);
            }
            return relative.split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/');
        }
        if (!GLOB_CHARS.test(arg))
            throw new UsageError(`No such file or directory: ${arg}`);
        const glob = node_path__WEBPACK_IMPORTED_MODULE_1___default().posix.normalize(node_path__WEBPACK_IMPORTED_MODULE_1___default().posix.join(here.split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/'), arg.replace(/\\/g, '/')));
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
function repositoryPrefix(root, cwd) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative((0,_engine_git__WEBPACK_IMPORTED_MODULE_3__/* .gitWorkTreeRoot */ .M)(root) ?? cwd, root);
    return staysInside(relative) ? relative.split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/') : '';
}
/** Whether a path relative to the current directory stays inside it. */
function staysInside(relative) {
    return !node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(relative) && relative !== '..' && !relative.startsWith(`..${(node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)}`);
}
/** Where the file read from stdin would be: relative to the top of the git work tree, as any path. */
function stdinTarget(name, cwd) {
    const top = (0,_engine_git__WEBPACK_IMPORTED_MODULE_3__/* .gitWorkTreeRoot */ .M)(cwd);
    if (!top)
        return { root: cwd, paths: [name] };
    return { root: top, paths: [node_path__WEBPACK_IMPORTED_MODULE_1___default().posix.join(node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(top, cwd).split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/'), name)] };
}
/** `-` reads one file from stdin; its name must say what it is and stay inside the current directory. */
function stdinName(positionals, filename) {
    if (!positionals.includes('-')) {
        if (filename !== undefined)
            throw new UsageError('--stdin-filename is for a path of - (standard input).');
        return undefined;
    }
    if (positionals.length > 1)
        throw new UsageError('- (standard input) is the only path when it is given.');
    if (!filename?.trim()) {
        throw new UsageError('reading standard input (-) needs --stdin-filename NAME, e.g. --stdin-filename Dockerfile: the name decides which checker reads it.');
    }
    const name = filename
        .trim()
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, '');
    if (node_path__WEBPACK_IMPORTED_MODULE_1___default().posix.isAbsolute(name) || name.split('/').includes('..')) {
        throw new UsageError(`--stdin-filename ${filename}: give a path relative to the current directory, inside it.`);
    }
    return name;
}
/** The command line as given, without the output format: what reproduces the run in a terminal. */
function reproduceCommand(argv) {
    const kept = [];
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--format' || arg === '-f')
            i++;
        else if (!arg.startsWith('--format=') && !/^-f./.test(arg))
            kept.push(arg);
    }
    return ['deploy-lint', ...kept].map(_report_summary__WEBPACK_IMPORTED_MODULE_6__/* .shellQuote */ .ZL).join(' ');
}
function describeParseError(error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error.code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
        const option = /'([^']+)'/.exec(message)?.[1];
        return `Unknown option${option ? ` ${option}` : ''}. Run deploy-lint --help for the options.`;
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
        return `${message.replace(/\.$/, '')}. Run deploy-lint --help for the options.`;
    }
    return message;
}
function statOrUndefined(p) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(p);
    }
    catch {
        return undefined;
    }
}
const isDirectory = (p) => statOrUndefined(p)?.isDirectory() ?? false;
const isFile = (p) => statOrUndefined(p)?.isFile() ?? false;
const pathExists = (p) => statOrUndefined(p) !== undefined;
/** The whole CLI: argv in, output on io, exit status out. Bad input is an exit status, never an exception. */
async function runCli(argv, io) {
    // The checkers and what only they use (parsers, rule tables) load on first need: `--version` and
    // `--help` start without them.
    if (argv[0] === 'merge')
        return (await Promise.all(/* import() */[__nccwpck_require__.e(441), __nccwpck_require__.e(849), __nccwpck_require__.e(843)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6843))).runMerge(argv.slice(1), io);
    let request;
    try {
        request = parseCommandLine(argv, io.cwd);
    }
    catch (error) {
        if (error instanceof UsageError || error instanceof _action_inputs__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz) {
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
        io.stdout(`${_action_version__WEBPACK_IMPORTED_MODULE_5__/* .VERSION */ .x}\n`);
        return EXIT_CLEAN;
    }
    if ('kind' in request)
        return (await Promise.all(/* import() */[__nccwpck_require__.e(441), __nccwpck_require__.e(849), __nccwpck_require__.e(694)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2694))).answerRulesQuestion(request, io);
    return (await Promise.all(/* import() */[__nccwpck_require__.e(441), __nccwpck_require__.e(849), __nccwpck_require__.e(500)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4500))).runScan(request, io);
}


/***/ }),

/***/ 2412:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bi: () => (/* binding */ timeBudgetNotice),
/* harmony export */   NR: () => (/* binding */ ENGINE_RULES),
/* harmony export */   SL: () => (/* binding */ SKIPPED_FILE),
/* harmony export */   aI: () => (/* binding */ UNKNOWN_RULE),
/* harmony export */   zR: () => (/* binding */ INTERNAL_ERROR)
/* harmony export */ });
/* unused harmony export TIME_BUDGET */
/** Findings the engine itself reports, about the scan rather than a checker's domain. */
const UNKNOWN_RULE = {
    id: 'deploy-lint/unknown-rule',
    severity: 'notice',
    title: 'Suppression names an unknown rule',
    help: 'A pragma or config entry names a rule id that does not exist, so it suppresses nothing. Check the spelling against docs/rules.md; rule ids look like `dockerfile/from-missing-tag`.',
};
const SKIPPED_FILE = {
    id: 'deploy-lint/skipped-file',
    severity: 'notice',
    title: 'File skipped',
    help: 'The file was not checked: it is binary, not UTF-8 text, larger than the size cap, or a link that leaves the scan root. If it should be checked, make it a UTF-8 text file under the cap inside the repository.',
};
const INTERNAL_ERROR = {
    id: 'deploy-lint/internal-error',
    severity: 'warning',
    title: 'A check failed on this input',
    help: 'deploy-lint hit an unexpected error on this input; the other checks still ran. Please report it with the file that triggers it.',
};
const TIME_BUDGET = {
    id: 'deploy-lint/time-budget',
    severity: 'notice',
    title: 'File over the time budget',
    help: 'Checking this file took longer than the per-file time budget, so the checker stopped reading it where the message says and went on with the other files; findings after that point are missing. Split the file, or raise `limits.file-time-budget-ms` in .deploy-lint.yml.',
};
const ENGINE_RULES = [UNKNOWN_RULE, SKIPPED_FILE, INTERNAL_ERROR, TIME_BUDGET];
/** The notice for a file a checker stopped reading at `line` because it ran out of time. */
function timeBudgetNotice(path, line, budgetMs, checker) {
    return {
        ruleId: TIME_BUDGET.id,
        file: path,
        line,
        subject: checker,
        message: `${path} took the ${checker} checker longer than the ${budgetMs} ms per-file budget, so it stopped reading the file at line ${line}: findings that depend on the rest of the file are missing or may be wrong.`,
    };
}


/***/ }),

/***/ 1126:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  oC: () => (/* binding */ SEVERITIES),
  f3: () => (/* binding */ SEVERITY_RANK),
  jZ: () => (/* binding */ atLeast),
  Eg: () => (/* binding */ compareFindings),
  Rj: () => (/* binding */ fingerprint),
  KE: () => (/* binding */ listed)
});

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/engine/finding.ts

const SEVERITIES = ['error', 'warning', 'notice'];
/** Higher is more severe. */
const SEVERITY_RANK = { notice: 1, warning: 2, error: 3 };
function atLeast(severity, threshold) {
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}
/**
 * Names for a message, the first `shown` of them and a count of the rest. A finding that names every
 * other object it relates to grows with the file: a manifest of 3,000 Deployments, Services and
 * PodDisruptionBudgets that all select each other made messages of gigabytes in all.
 */
function listed(items, name, separator = ', ', shown = 5) {
    const names = items.slice(0, shown).map(name).join(separator);
    return items.length <= shown ? names : `${names} and ${items.length - shown} more`;
}
function fingerprint(ruleId, file, subject, occurrence) {
    const normalizedSubject = subject.replace(/\s+/g, ' ').trim();
    return (0,external_node_crypto_namespaceObject.createHash)('sha256')
        .update([ruleId, file, normalizedSubject, String(occurrence)].join('\u0000'))
        .digest('hex')
        .slice(0, 32);
}
/** The order every front and sink lists findings in: file, line, severity, rule. */
function compareFindings(a, b) {
    return (a.file.localeCompare(b.file) ||
        a.line - b.line ||
        SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
        a.ruleId.localeCompare(b.ruleId) ||
        a.message.localeCompare(b.message));
}


/***/ }),

/***/ 2434:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ gitWorkTreeRoot),
/* harmony export */   e: () => (/* binding */ gitTrackedFiles)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * Paths tracked by git below `root`, relative to it with forward slashes; undefined when `root`
 * is not inside a git work tree or git is not installed.
 */
function gitTrackedFiles(root) {
    // Outside a work tree git can only fail; finding that out on disk costs no process.
    if (!gitWorkTreeRoot(root))
        return undefined;
    try {
        const out = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)('git', ['-c', 'core.quotepath=off', 'ls-files', '-z', '--', '.'], {
            cwd: root,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
            maxBuffer: 256 * 1024 * 1024,
        });
        return out.split('\u0000').filter(Boolean);
    }
    catch {
        return undefined;
    }
}
/**
 * The top directory of the git work tree that holds `dir` (the nearest directory, `dir` itself
 * included, with a `.git` entry: a directory, or a file in a worktree or submodule); undefined
 * outside a work tree. Found on disk, so it works where git is not installed.
 */
function gitWorkTreeRoot(dir) {
    for (let current = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(dir);; current = node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(current)) {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(current, '.git')))
            return current;
        if (node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(current) === current)
            return undefined;
    }
}


/***/ }),

/***/ 7466:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hb: () => (/* binding */ CHECKER_IDS),
/* harmony export */   ft: () => (/* binding */ claimsOnce),
/* harmony export */   xG: () => (/* binding */ runRules),
/* harmony export */   yQ: () => (/* binding */ createRunContext)
/* harmony export */ });
/* harmony import */ var _engine_rules__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2412);

const CHECKER_IDS = [
    'dockerfile',
    'kubernetes',
    'iam',
    'topology',
    'terraform',
    'coherence',
];
/**
 * Builds the context checkers run with; the one place the path index over allFiles is made.
 * Sections checkers add are pushed onto `sections`.
 */
function createRunContext(init, sections = []) {
    const byPath = new Map(init.allFiles.map((f) => [f.path, f]));
    return {
        ...init,
        fileAt: (path) => byPath.get(path),
        addSection: (section) => void sections.push(section),
    };
}
/**
 * A claims() that sniffs each file once. Other checkers ask the same question about every file of
 * the scan (which files are manifests, which feed the topology) after the scan has let go of the
 * texts: without the memo each question reads those files from disk again.
 */
function claimsOnce(claims) {
    const answers = new WeakMap();
    return (file) => {
        let answer = answers.get(file);
        if (answer === undefined) {
            answer = claims(file);
            answers.set(file, answer);
        }
        return answer;
    };
}
/** Runs each rule over a model, tagging reports with the rule id. A rule that throws becomes one finding, not a crash. */
function runRules(rules, model, fallbackFile) {
    const out = [];
    for (const rule of rules) {
        try {
            // The id first: a literal that starts with a spread gets a hidden class of its own per object.
            rule.check(model, (r) => out.push({ ruleId: rule.id, ...r }));
        }
        catch (error) {
            out.push({
                ruleId: _engine_rules__WEBPACK_IMPORTED_MODULE_0__/* .INTERNAL_ERROR */ .zR.id,
                file: fallbackFile,
                line: 1,
                subject: rule.id,
                message: `Rule ${rule.id} failed on this file: ${error instanceof Error ? error.message : String(error)}`,
            });
        }
    }
    return out;
}


/***/ }),

/***/ 4069:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BF: () => (/* binding */ stripControlChars),
/* harmony export */   Br: () => (/* binding */ checkerOfRule),
/* harmony export */   Kz: () => (/* binding */ compareBySeverity),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   O0: () => (/* binding */ encodePath),
/* harmony export */   Ot: () => (/* binding */ countBySeverity),
/* harmony export */   hS: () => (/* binding */ ruleDocsUrl),
/* harmony export */   nM: () => (/* binding */ severityCountsPhrase),
/* harmony export */   qN: () => (/* binding */ repoPath)
/* harmony export */ });
/* unused harmony export ruleDocsAnchor */
/* harmony import */ var _engine_finding__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1126);
// Small pieces every report format shares: ordering, counting, wording, paths and docs links.

/** Most severe first, then the usual file/line order: what a reader with limited room should see first. */
function compareBySeverity(a, b) {
    return _engine_finding__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITY_RANK */ .f3[b.severity] - _engine_finding__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITY_RANK */ .f3[a.severity] || (0,_engine_finding__WEBPACK_IMPORTED_MODULE_0__/* .compareFindings */ .Eg)(a, b);
}
function countBySeverity(findings) {
    const counts = { error: 0, warning: 0, notice: 0 };
    for (const f of findings)
        counts[f.severity]++;
    return counts;
}
function plural(count, singular, pluralForm = `${singular}s`) {
    return `${count} ${count === 1 ? singular : pluralForm}`;
}
/** "3 errors, 2 warnings, 1 notice", or "No findings" when there are none. */
function severityCountsPhrase(findings) {
    const counts = countBySeverity(findings);
    const parts = _engine_finding__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITIES */ .oC.filter((s) => counts[s] > 0).map((s) => plural(counts[s], s));
    return parts.length ? parts.join(', ') : 'No findings';
}
/** Checker that reports a rule, from the rule id prefix (`k8s/...` belongs to the kubernetes checker). */
function checkerOfRule(ruleId) {
    const prefix = ruleId.includes('/') ? ruleId.slice(0, ruleId.indexOf('/')) : ruleId;
    return prefix === 'k8s' ? 'kubernetes' : prefix;
}
/**
 * The anchor of a rule's section in docs/rules.md. The page gives each rule a heading whose text is
 * the rule id, and GitHub derives heading anchors by lowercasing and dropping punctuation except `-`
 * and `_` (so `dockerfile/from-latest-tag` becomes `dockerfilefrom-latest-tag`).
 */
function ruleDocsAnchor(ruleId) {
    return ruleId
        .toLowerCase()
        .replace(/[^a-z0-9 _-]/g, '')
        .replace(/ /g, '-');
}
/** Link to a rule's documentation, or undefined when no docs location is known. */
function ruleDocsUrl(ruleId, docsBaseUrl) {
    if (!docsBaseUrl)
        return undefined;
    return `${docsBaseUrl.replace(/#.*$/, '')}#${ruleDocsAnchor(ruleId)}`;
}
/**
 * Findings carry scan-root relative paths; GitHub wants repository-relative ones. `pathPrefix` is
 * the scan root relative to the repository root ('' or undefined when they are the same).
 */
function repoPath(file, pathPrefix) {
    const prefix = (pathPrefix ?? '')
        .replace(/\\/g, '/')
        .replace(/^\.\/?/, '')
        .replace(/\/+$/, '');
    return prefix ? `${prefix}/${file}` : file;
}
/**
 * Percent-encodes each path segment, keeping the slashes: for URLs and SARIF URI references.
 * Parentheses are encoded too, so the URL can sit inside a markdown link.
 */
function encodePath(file) {
    return file
        .split('/')
        .map((segment) => encodeURIComponent(segment).replace(/\(/g, '%28').replace(/\)/g, '%29'))
        .join('/');
}
/** Strips terminal control characters (escape sequences in file names or values), keeping tabs and newlines. */
function stripControlChars(text) {
    return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}


/***/ }),

/***/ 4158:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   RN: () => (/* binding */ selectFindings),
/* harmony export */   mF: () => (/* binding */ readBaseline),
/* harmony export */   ox: () => (/* binding */ FILTER_MODES),
/* harmony export */   qL: () => (/* binding */ renderBaseline),
/* harmony export */   s$: () => (/* binding */ BaselineError)
/* harmony export */ });
/* unused harmony export placementOf */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _common__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4069);
// Which findings a run is about: on a pull request (or with the CLI's --diff-base) the filter mode
// keeps the findings of the change; a baseline keeps out the ones known before. Only those gate,
// get annotations and review comments; the others are still counted and listed in the summary.


const FILTER_MODES = ['added', 'diff_context', 'file', 'nofilter'];
/** The placements each mode keeps. A file whose list GitHub cut off is kept: unknown is not clean. */
const KEPT = {
    added: ['added', 'unknown'],
    diff_context: ['added', 'context', 'unknown'],
    file: ['added', 'context', 'file', 'withheld', 'unknown'],
    nofilter: ['added', 'context', 'file', 'withheld', 'outside', 'unknown'],
};
function placementOf(finding, diff, pathPrefix) {
    return diff.placement((0,_common__WEBPACK_IMPORTED_MODULE_1__/* .repoPath */ .qN)(finding.file, pathPrefix), finding.line, finding.endLine ?? finding.line);
}
/** Splits the findings; without a diff (no PR, no --diff-base) every finding is in the change. */
function selectFindings(findings, options) {
    const selection = { selected: [], known: [], outsideChange: [] };
    const kept = KEPT[options.mode];
    for (const finding of findings) {
        if (options.diff && !kept.includes(placementOf(finding, options.diff, options.pathPrefix))) {
            selection.outsideChange.push(finding);
        }
        else if (options.baseline?.has(finding.fingerprint)) {
            selection.known.push(finding);
        }
        else {
            selection.selected.push(finding);
        }
    }
    return selection;
}
function renderBaseline(findings) {
    const baseline = {
        tool: 'deploy-lint',
        findings: [...findings]
            .sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.line - b.line)
            .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file })),
    };
    return `${JSON.stringify(baseline, null, 2)}\n`;
}
/** A baseline file that cannot be used; the message names the file and the problem. */
class BaselineError extends Error {
    name = 'BaselineError';
}
/** Reads a baseline file written by --write-baseline (or a plain list, one fingerprint a line). */
function readBaseline(file, shownAs = file) {
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8');
    }
    catch (error) {
        throw new BaselineError(`cannot read the baseline file ${shownAs}: ${error.code === 'ENOENT' ? 'it does not exist' : String(error)}.`);
    }
    if (!text.trimStart().startsWith('{')) {
        return new Set(text
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l && !l.startsWith('#')));
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (error) {
        throw new BaselineError(`the baseline file ${shownAs} is not valid JSON: ${error.message}.`);
    }
    const entries = parsed.findings;
    if (!Array.isArray(entries) || entries.some((e) => typeof e?.fingerprint !== 'string')) {
        throw new BaselineError(`the baseline file ${shownAs} has no "findings" list of { "fingerprint": ... } entries; write one with deploy-lint --write-baseline.`);
    }
    return new Set(entries.map((e) => e.fingerprint));
}


/***/ }),

/***/ 7994:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gc: () => (/* binding */ renderMarkdown),
/* harmony export */   ZL: () => (/* binding */ shellQuote)
/* harmony export */ });
/* unused harmony exports DEFAULT_SUMMARY_BYTE_BUDGET, renderSummary, renderErrorSummary, escapeCell, escapeMessage, escapeInline */
/* harmony import */ var _engine_finding__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1126);
/* harmony import */ var _engine_rule__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7466);
/* harmony import */ var _common__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(4069);
// The job summary (and the CLI's `--format markdown`): everything the scan found, within GitHub's size limit.



const DEFAULT_SUMMARY_BYTE_BUDGET = 900 * 1024;
const DEFAULT_MAX_MESSAGE_LENGTH = 600;
/** Room kept for the notes that say what was left out. */
const NOTE_RESERVE = 512;
const SEVERITY_LABEL = {
    error: '🛑 error',
    warning: '⚠️ warning',
    notice: 'ℹ️ notice',
};
/** Markdown for the job summary. Findings rows are dropped from the end (least severe) when the budget runs out. */
function renderSummary(input) {
    const budget = new Budget(input.byteBudget ?? DEFAULT_SUMMARY_BYTE_BUDGET);
    const links = new Links(input);
    const maxLength = input.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
    const cell = (text) => escapeCell(text, maxLength);
    const { scan } = input;
    const baselined = scan.suppressed.filter((f) => f.suppression?.kind === 'baseline');
    const suppressed = scan.suppressed.filter((f) => f.suppression?.kind !== 'baseline');
    const head = [
        '## deploy-lint',
        ...(input.notes ?? []).map((note) => `> ⚠️ ${escapeInline(note)}`),
        statusLine(input),
        countsLine(scan, suppressed.length, baselined.length),
        checkerTable(scan),
    ].join('\n\n');
    const tail = reproduceSection(input);
    budget.take(head);
    budget.take(tail);
    budget.reserve(NOTE_RESERVE * 3);
    const parts = [head];
    const row = (f, extraCell) => `| ${SEVERITY_LABEL[f.severity]} | ${links.rule(f.ruleId)} | ${links.location(f)} | ${escapeMessage(f.message, maxLength)} |${extraCell === undefined ? '' : ` ${extraCell} |`}`;
    const tableHeader = (extraColumn) => `| Severity | Rule | Location | Message |${extraColumn ? ` ${extraColumn} |` : ''}\n|---|---|---|---|${extraColumn ? '---|' : ''}`;
    // The findings table, most severe first, as many rows as fit.
    const findings = [...scan.findings].sort(_common__WEBPACK_IMPORTED_MODULE_2__/* .compareBySeverity */ .Kz);
    const shownFindings = [];
    if (findings.length) {
        const baseline = input.baseline;
        const header = `### Findings\n\n${tableHeader(baseline && 'New?')}`;
        const rows = findings.map((f) => row(f, baseline && (baseline.has(f.fingerprint) ? '' : '🆕 new')));
        const fitted = budget.fitTable(header, rows);
        shownFindings.push(...findings.slice(0, fitted.count));
        if (fitted.markdown)
            parts.push(fitted.markdown);
        const left = findings.length - fitted.count;
        if (left > 0)
            parts.push(`> ${(0,_common__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(left, 'finding')} not shown: see the SARIF or JSON report.`);
    }
    for (const section of [...(scan.sections ?? []), ...(input.sections ?? [])]) {
        parts.push(extraSection(section, budget));
    }
    const help = helpDetails(shownFindings, links, budget);
    if (help)
        parts.push(help);
    // Findings that do not gate, collapsed: the reader opens them when they care.
    const collapsed = (title, list, withReason) => {
        if (!list.length)
            return;
        const header = `<details><summary>${title} (${list.length})</summary>\n\n${tableHeader(withReason ? 'Suppressed by' : undefined)}`;
        const rows = [...list]
            .sort(_common__WEBPACK_IMPORTED_MODULE_2__/* .compareBySeverity */ .Kz)
            .map((f) => row(f, withReason ? suppressionCell(f, cell) : undefined));
        const fitted = budget.fitTable(header, rows);
        if (!fitted.markdown) {
            parts.push(`> ${title} (${list.length}) not shown: see the JSON report.`);
            return;
        }
        const left = list.length - fitted.count;
        const note = left > 0 ? `\n\n${(0,_common__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(left, 'more finding')} not shown: see the JSON report.` : '';
        parts.push(`${fitted.markdown}${note}\n\n</details>`);
    };
    collapsed('Baselined findings: known before, they do not gate', baselined, false);
    collapsed('Suppressed findings', suppressed, true);
    parts.push(tail);
    return `${parts.join('\n\n')}\n`;
}
/** The job summary of a run that could not scan (a bad input or config file): what went wrong, nothing else. */
function renderErrorSummary(message) {
    return `## deploy-lint\n\n⚠️ **Error**: ${escapeInline(message)}\n\nNothing was checked; the step failed with \`result=error\`.\n`;
}
/** `--format markdown`: the job summary without GitHub links; every finding at/above fail-on gates. */
function renderMarkdown(result, options) {
    const gating = options.gating ??
        (options.failOn === 'never'
            ? []
            : result.findings.filter((f) => (0,_engine_finding__WEBPACK_IMPORTED_MODULE_0__/* .atLeast */ .jZ)(f.severity, options.failOn)));
    return renderSummary({
        scan: result,
        gating,
        failOn: options.failOn,
        result: gating.length ? 'fail' : 'pass',
        version: options.version,
        docsBaseUrl: options.docsBaseUrl,
        baseline: options.baseline,
        notes: options.notes,
        sections: options.sections,
        reproduce: options.reproduce,
        byteBudget: options.byteBudget,
    });
}
function statusLine(input) {
    const result = input.result;
    if (result === 'error') {
        return `⚠️ **Error**: ${escapeInline(input.errorMessage ?? 'the scan did not complete')}`;
    }
    if (input.failOn === 'never') {
        return `${result === 'fail' ? '❌ **Failed**' : '✅ **Passed**'}: fail-on is \`never\`, so findings do not fail the run.`;
    }
    const threshold = `at or above \`${input.failOn}\``;
    const atOrAbove = input.scan.findings.filter((f) => (0,_engine_finding__WEBPACK_IMPORTED_MODULE_0__/* .atLeast */ .jZ)(f.severity, input.failOn)).length;
    const notGating = atOrAbove - input.gating.length;
    const elsewhere = notGating > 0
        ? ` ${(0,_common__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(notGating, 'other finding')} ${threshold} ${notGating === 1 ? 'does' : 'do'} not gate this run (outside the changed lines or in the baseline).`
        : '';
    if (result === 'fail') {
        return `❌ **Failed**: ${(0,_common__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(input.gating.length, 'finding')} ${threshold} (fail-on: \`${input.failOn}\`).${elsewhere}`;
    }
    return `✅ **Passed**: no findings ${threshold} gate this run (fail-on: \`${input.failOn}\`).${elsewhere}`;
}
function countsLine(scan, suppressed, baselined) {
    const extras = [suppressed && `${suppressed} suppressed`, baselined && `${baselined} baselined`].filter(Boolean);
    if (scan.stats.filesChecked === 0 && scan.findings.length === 0) {
        return `No files checked: none of the ${(0,_common__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(scan.stats.files, 'file')} found is one a checker reads.`;
    }
    // Files a checker read, not every file found: a README or a PNG was not checked.
    return `${(0,_common__WEBPACK_IMPORTED_MODULE_2__/* .severityCountsPhrase */ .nM)(scan.findings)} in ${(0,_common__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(scan.stats.filesChecked, 'file')} checked${extras.length ? `; ${extras.join(', ')}` : ''}.`;
}
function checkerTable(scan) {
    const byChecker = new Map();
    for (const id of Object.keys(scan.stats.filesByChecker))
        byChecker.set(id, []);
    for (const f of scan.findings) {
        const checker = (0,_common__WEBPACK_IMPORTED_MODULE_2__/* .checkerOfRule */ .Br)(f.ruleId);
        const list = byChecker.get(checker);
        if (list)
            list.push(f);
        else
            byChecker.set(checker, [f]);
    }
    const order = (id) => {
        const index = _engine_rule__WEBPACK_IMPORTED_MODULE_1__/* .CHECKER_IDS */ .Hb.indexOf(id);
        return index < 0 ? _engine_rule__WEBPACK_IMPORTED_MODULE_1__/* .CHECKER_IDS */ .Hb.length : index;
    };
    const ids = [...byChecker.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
    const row = (name, files, findings) => {
        const c = (0,_common__WEBPACK_IMPORTED_MODULE_2__/* .countBySeverity */ .Ot)(findings);
        return `| ${name} | ${files} | ${c.error} | ${c.warning} | ${c.notice} |`;
    };
    return [
        '| Checker | Files | Errors | Warnings | Notices |',
        '|---|--:|--:|--:|--:|',
        ...ids.map((id) => row(id, String(scan.stats.filesByChecker[id] ?? '–'), byChecker.get(id) ?? [])),
        row('**total**', String(scan.stats.filesChecked), scan.findings),
    ].join('\n');
}
function extraSection(section, budget) {
    const markdown = `### ${escapeInline(section.title)}\n\n${section.markdown.trim()}`;
    if (budget.fits(markdown)) {
        budget.take(markdown);
        return markdown;
    }
    const note = `### ${escapeInline(section.title)}\n\n> Left out: ${Math.ceil(Buffer.byteLength(markdown) / 1024)} KiB does not fit in the job summary.`;
    budget.take(note);
    return note;
}
/** One collapsed block with the help of every rule in the table, as far as the budget allows. */
function helpDetails(findings, links, budget) {
    const byRule = new Map();
    for (const f of findings)
        if (!byRule.has(f.ruleId))
            byRule.set(f.ruleId, f);
    if (!byRule.size)
        return '';
    const open = `<details><summary>What the rules mean and how to fix them (${byRule.size})</summary>`;
    const close = '</details>';
    if (!budget.fits(`${open}\n\n${close}`))
        return '';
    budget.take(`${open}\n\n${close}`);
    const blocks = [];
    for (const f of [...byRule.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId))) {
        const block = `#### ${links.rule(f.ruleId)}: ${escapeMessage(f.title)}\n\n${f.help.trim() || '_No help text._'}`;
        if (!budget.fits(`\n\n${block}`))
            break;
        budget.take(`\n\n${block}`);
        blocks.push(block);
    }
    return [open, ...blocks, close].join('\n\n');
}
function suppressionCell(f, cell) {
    if (!f.suppression)
        return '';
    const by = { pragma: 'comment', annotation: 'annotation', config: 'config ignore', baseline: 'baseline' }[f.suppression.kind];
    return f.suppression.reason ? `${by}: ${cell(f.suppression.reason)}` : by;
}
function reproduceSection(input) {
    const github = input.github;
    const lines = [];
    const command = input.reproduce?.command ?? cliCommand(input, '/tmp/deploy-lint/dist/cli/index.js');
    if (!input.reproduce?.command && github?.actionRepository) {
        const url = `${github.serverUrl.replace(/\/+$/, '')}/${github.actionRepository}`;
        const ref = github.actionRef;
        if (ref && /^[0-9a-f]{40}$/i.test(ref)) {
            lines.push(`git clone ${shellQuote(url)} /tmp/deploy-lint && git -C /tmp/deploy-lint checkout ${ref}`);
        }
        else {
            lines.push(`git clone --depth 1${ref ? ` --branch ${shellQuote(ref)}` : ''} ${shellQuote(url)} /tmp/deploy-lint`);
        }
    }
    lines.push(command);
    const from = input.reproduce?.from
        ? `From \`${input.reproduce.from.replace(/`/g, '')}\``
        : 'From the repository root';
    const intro = input.reproduce?.command
        ? `${from}:`
        : `${from}, with a clone of deploy-lint${github?.actionRepository ? '' : ' at `/tmp/deploy-lint`'} (\`dist/\` is committed, so it runs without an install):`;
    return ['### Reproduce locally', '', intro, '', '```sh', ...lines, '```'].join('\n');
}
function cliCommand(input, cli) {
    const r = input.reproduce ?? {};
    // The CLI makes a lone directory argument its scan root (finding paths and the config file move
    // with it); `dir/**` selects the same files and keeps the root where the command runs.
    const paths = r.paths?.length === 1 && !/[*?[\]{}!]/.test(r.paths[0])
        ? [`${r.paths[0].replace(/\/+$/, '')}/**`]
        : r.paths;
    const args = [...(paths?.length ? paths : ['.'])];
    for (const glob of r.exclude ?? [])
        args.push('--exclude', glob);
    if (r.config)
        args.push('--config', r.config);
    if (r.checkers?.length)
        args.push('--checkers', r.checkers.join(','));
    if (r.baseline)
        args.push('--baseline', r.baseline);
    args.push('--fail-on', input.failOn);
    return ['node', cli, ...args].map(shellQuote).join(' ');
}
/** Quotes a word for a POSIX shell when it holds anything but plainly safe characters (globs included). */
function shellQuote(word) {
    return /^[A-Za-z0-9_./,=:@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
/**
 * Escapes text from scanned files for a markdown table cell: pipes would split the cell, `<`/`>`
 * would open HTML, backticks, brackets and emphasis marks would change the rendering.
 */
function escapeCell(text, maxLength = Number.POSITIVE_INFINITY) {
    const cut = text.length > maxLength ? `${text.slice(0, maxLength).trimEnd()}…` : text;
    return escapeInline(cut).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
/**
 * A rule's message (or title) for a table cell. Rules quote names and values in backticks, so each
 * `quoted` part stays a code span (its text literal, only `|` escaped for the table); the rest is
 * escaped like any cell. Unpaired backticks mean the quoting cannot be trusted: all is escaped.
 */
function escapeMessage(text, maxLength = Number.POSITIVE_INFINITY) {
    const cut = text.length > maxLength ? `${text.slice(0, maxLength).trimEnd()}…` : text;
    const parts = cut.split('`');
    if (parts.length % 2 === 0)
        return escapeCell(cut);
    return parts
        .map((part, i) => {
        if (i % 2 === 0)
            return escapeCell(part);
        if (!part.trim())
            return escapeCell(`\`${part}\``);
        return `\`${part.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')}\``;
    })
        .join('');
}
/** Escapes markdown and HTML in one line of running text. */
function escapeInline(text) {
    return text
        .replace(/\\/g, '\\\\')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([`*_[\]~#])/g, '\\$1');
}
/** Links that need the GitHub context or the docs location; plain text without them. */
class Links {
    github;
    docsBaseUrl;
    pathPrefix;
    constructor(input) {
        this.github = input.github;
        this.docsBaseUrl = input.docsBaseUrl;
        this.pathPrefix = input.pathPrefix;
    }
    rule(ruleId) {
        const url = (0,_common__WEBPACK_IMPORTED_MODULE_2__/* .ruleDocsUrl */ .hS)(ruleId, this.docsBaseUrl);
        const code = `\`${ruleId.replace(/`/g, '')}\``;
        return url ? `[${code}](${url})` : code;
    }
    location(f) {
        const file = (0,_common__WEBPACK_IMPORTED_MODULE_2__/* .repoPath */ .qN)(f.file, this.pathPrefix);
        const text = `${escapeCell(file)}:${f.line}`;
        if (!this.github)
            return text;
        const { serverUrl, repository, headSha } = this.github;
        const lines = f.endLine && f.endLine > f.line ? `L${f.line}-L${f.endLine}` : `L${f.line}`;
        const url = `${serverUrl.replace(/\/+$/, '')}/${repository}/blob/${headSha}/${(0,_common__WEBPACK_IMPORTED_MODULE_2__/* .encodePath */ .O0)(file)}#${lines}`;
        return `[${text}](${url})`;
    }
}
/** Tracks the bytes left; sizes are UTF-8 bytes, which is what GitHub counts. */
class Budget {
    left;
    constructor(total) {
        this.left = total;
    }
    fits(text) {
        return Buffer.byteLength(text, 'utf8') + 2 <= this.left;
    }
    take(text) {
        this.left -= Buffer.byteLength(text, 'utf8') + 2;
    }
    /** Sets room aside that no section may use: the notes saying what was left out. */
    reserve(bytes) {
        this.left -= bytes;
    }
    /** The header and as many leading rows as fit. */
    fitTable(header, rows) {
        if (!this.fits(header))
            return { markdown: '', count: 0 };
        this.take(header);
        let count = 0;
        for (const row of rows) {
            const bytes = Buffer.byteLength(row, 'utf8') + 1;
            if (bytes > this.left)
                break;
            this.left -= bytes;
            count++;
        }
        return { markdown: [header, ...rows.slice(0, count)].join('\n'), count };
    }
}


/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 1943:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs/promises");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 8330:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"rE":"0.1.0","Jk":{"type":"git","url":"git+https://github.com/deploy-lint/deploy-lint.git"}}');

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __nccwpck_require__(8995);
var external_node_module_default = /*#__PURE__*/__nccwpck_require__.n(external_node_module_);
// EXTERNAL MODULE: ./src/cli/run.ts
var run = __nccwpck_require__(4175);
;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
;// CONCATENATED MODULE: ./src/young-generation.ts
// How the fronts set up V8 before a scan. A scan allocates much that lives for one file (a parse, a
// model) and a little that lives for the whole scan. V8 grows its young generation while much of
// what it holds survives: on node 20 and 22 to 16 MiB a semi-space, on node 24 to 64 MiB, where a
// monorepo's scan then peaked near 300 MiB, a third of it young generation.

const THIS_PROCESS = {
    nodeMajor: Number(process.versions.node.split('.')[0]),
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS ?? '',
};
/** Flags of a person who sized the young generation themselves: theirs win. */
const OWN_TUNING = /semi[-_]space/;
/**
 * On node 24 and later, keeps the young generation at the size V8 starts it with (1 MiB a
 * semi-space); returns whether it did. The growth factor is read each time the space would grow, so
 * it takes effect after start-up, unlike the size limits. Measured on the benchmark on node 24: the
 * scale-10 monorepo's peak RSS went from about 300 to 200 MiB, and 10,000 RUNs in one Dockerfile
 * from 2.3–2.7 s to 1.7–1.9 s. On node 20, whose young generation stops at 16 MiB, the same setting
 * made that Dockerfile slower (about 890 young collections instead of 80), so older nodes keep
 * V8's default.
 */
function keepYoungGenerationSmall(runtime = THIS_PROCESS) {
    if (runtime.nodeMajor < 24)
        return false;
    if (OWN_TUNING.test(`${runtime.execArgv.join(' ')} ${runtime.nodeOptions}`))
        return false;
    (0,external_node_v8_namespaceObject.setFlagsFromString)('--semi-space-growth-factor=1');
    return true;
}

;// CONCATENATED MODULE: ./src/cli.ts
// The `deploy-lint` command. The work happens in runCli, which tests call in-process.



keepYoungGenerationSmall();
// Node 22.1 and later keep V8's compiled code of the chunks a scan loads (in the OS temp directory,
// NODE_DISABLE_COMPILE_CACHE turns it off): a command run again starts about 40 ms sooner.
external_node_module_default().enableCompileCache?.();
/** Set once stdout failed: the run's own status no longer matters, the output is lost. */
let outputLost = false;
process.stdout.on('error', (error) => {
    // `deploy-lint ... | head` closes the pipe early: the reader has what it wanted, so that is no crash.
    if (error.code === 'EPIPE')
        return;
    if (outputLost)
        return;
    outputLost = true;
    process.stderr.write(`deploy-lint: cannot write the output: ${error.message}
`);
    process.exitCode = 2;
});
function readStdin() {
    return new Promise((resolve, reject) => {
        const chunks = [];
        process.stdin.on('data', (chunk) => chunks.push(chunk));
        process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        process.stdin.on('error', reject);
    });
}
(0,run/* runCli */.ak)(process.argv.slice(2), {
    stdout: (text) => {
        if (!outputLost)
            process.stdout.write(text);
    },
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    ...(process.stdout.isTTY && process.stdout.columns && { columns: process.stdout.columns }),
    readStdin,
}).then((code) => {
    if (!outputLost)
        process.exitCode = code;
}, (error) => {
    process.stderr.write(`deploy-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
});

