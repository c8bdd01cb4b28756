export const id = 843;
export const ids = [843,500];
export const modules = {

/***/ 2673:
/***/ ((module) => {

module.exports=n=>{if(!n)return[];if(typeof n!="string"||n.match(/^\s+$/))return[];const s=n.split(`
`);if(s.length===0)return[];const a=[];let o=null,d=null,u=0,m=0,l=null;const g=e=>{d?.changes.push({type:"normal",normal:!0,ln1:u++,ln2:m++,content:e}),l.oldLines--,l.newLines--},p=e=>{const[t,r]=parseFiles(e)??[];o={chunks:[],deletions:0,additions:0,from:t,to:r},a.push(o)},i=()=>{(!o||o.chunks.length)&&p()},$=(e,t)=>{i(),o.new=!0,o.newMode=t[1],o.from="/dev/null"},N=(e,t)=>{i(),o.deleted=!0,o.oldMode=t[1],o.to="/dev/null"},x=(e,t)=>{i(),o.oldMode=t[1]},F=(e,t)=>{i(),o.newMode=t[1]},S=(e,t)=>{i(),o.index=e.split(" ").slice(1),t[1]&&(o.oldMode=o.newMode=t[1].trim())},k=e=>{i(),o.from=parseOldOrNewFile(e)},y=e=>{i(),o.to=parseOldOrNewFile(e)},f=e=>+(e||1),M=(e,t)=>{o||p(e);const[r,c,w,L]=t.slice(1);u=+r,m=+w,d={content:e,changes:[],oldStart:+r,oldLines:f(c),newStart:+w,newLines:f(L)},l={oldLines:f(c),newLines:f(L)},o.chunks.push(d)},R=e=>{d&&(d.changes.push({type:"del",del:!0,ln:u++,content:e}),o.deletions++,l.oldLines--)},b=e=>{d&&(d.changes.push({type:"add",add:!0,ln:m++,content:e}),o.additions++,l.newLines--)},h=e=>{if(!d)return;const[t]=d.changes.slice(-1);d.changes.push({type:t.type,[t.type]:!0,ln1:t.ln1,ln2:t.ln2,ln:t.ln,content:e})},_=[[/^diff\s/,p],[/^new file mode (\d+)$/,$],[/^deleted file mode (\d+)$/,N],[/^old mode (\d+)$/,x],[/^new mode (\d+)$/,F],[/^index\s[\da-zA-Z]+\.\.[\da-zA-Z]+(\s(\d+))?$/,S],[/^---\s/,k],[/^\+\+\+\s/,y],[/^@@\s+-(\d+),?(\d+)?\s+\+(\d+),?(\d+)?\s@@/,M],[/^\\ No newline at end of file$/,h]],v=[[/^\\ No newline at end of file$/,h],[/^-/,R],[/^\+/,b],[/^\s*/,g]],C=e=>{for(const[t,r]of v){const c=e.match(t);if(c){r(e,c);break}}l.oldLines===0&&l.newLines===0&&(l=null)},H=e=>{for(const[t,r]of _){const c=e.match(t);if(c){r(e,c);break}}},O=e=>{l?C(e):H(e)};for(const e of s)O(e);return a};const fileNameDiffRegex=/(a|i|w|c|o|1|2)\/.*(?=["']? ["']?(b|i|w|c|o|1|2)\/)|(b|i|w|c|o|1|2)\/.*$/g,gitFileHeaderRegex=/^(a|b|i|w|c|o|1|2)\//,parseFiles=n=>n?.match(fileNameDiffRegex)?.map(a=>a.replace(gitFileHeaderRegex,"").replace(/("|')$/,"")),qoutedFileNameRegex=/^\\?['"]|\\?['"]$/g,parseOldOrNewFile=n=>{let s=leftTrimChars(n,"-+").trim();return s=removeTimeStamp(s),s.replace(qoutedFileNameRegex,"").replace(gitFileHeaderRegex,"")},leftTrimChars=(n,s)=>{if(n=makeString(n),!s&&String.prototype.trimLeft)return n.trimLeft();const a=formTrimmingString(s);return n.replace(new RegExp(`^${a}+`),"")},timeStampRegex=/\t.*|\d{4}-\d\d-\d\d\s\d\d:\d\d:\d\d(.\d+)?\s(\+|-)\d\d\d\d/,removeTimeStamp=n=>{const s=timeStampRegex.exec(n);return s&&(n=n.substring(0,s.index).trim()),n},formTrimmingString=n=>n==null?"\\s":n instanceof RegExp?n.source:`[${makeString(n).replace(/([.*+?^=!:${}()|[\]/\\])/g,"\\$1")}]`,makeString=n=>`${n??""}`;


/***/ }),

/***/ 6843:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MERGE_USAGE: () => (/* binding */ MERGE_USAGE),
  runMerge: () => (/* binding */ runMerge)
});

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/engine/scan.ts + 2 modules
var scan = __webpack_require__(6484);
// EXTERNAL MODULE: ./src/action/inputs.ts
var inputs = __webpack_require__(1729);
// EXTERNAL MODULE: ./src/action/version.ts
var version = __webpack_require__(4710);
// EXTERNAL MODULE: ./src/checkers/index.ts + 250 modules
var checkers = __webpack_require__(9392);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./src/engine/config-file.ts
var config_file = __webpack_require__(1753);
// EXTERNAL MODULE: ./src/engine/finding.ts + 1 modules
var engine_finding = __webpack_require__(1126);
// EXTERNAL MODULE: ./src/engine/glob.ts
var glob = __webpack_require__(2218);
;// CONCATENATED MODULE: ./src/report/merge.ts
// Fan-in for sharded scans: the JSON reports of several `--format json` runs (or the action's
// `report-json` outputs) become one ScanResult, which every sink then treats as one scan.






/** A report that cannot be read or is not a deploy-lint JSON report; the message names the file. */
class MergeError extends Error {
    name = 'MergeError';
}
/**
 * Reads the reports and merges them: a finding present in several shards (overlapping paths) is
 * kept once, by fingerprint; a finding active in one shard and suppressed in another stays active.
 * File counts add up, so shards should not overlap. Reports are data from other jobs, possibly
 * of an untrusted pull request: every field is type-checked and unknown fields are dropped.
 */
/** `rules`: every rule this version knows (titles and help come from them, never from a report). */
function mergeReportFiles(files, root, version, rules) {
    if (files.length === 0)
        throw new MergeError('no report to merge: the pattern matches no file.');
    const reports = files.map((file) => readReport(file));
    const warnings = [];
    const versions = [...new Set(reports.map((r) => r.version))].filter((v) => v !== version);
    if (versions.length) {
        warnings.push(`some reports were written by deploy-lint ${versions.join(', ')}, not ${version}: rule ids or fingerprints may differ.`);
    }
    const ruleById = new Map(rules.map((r) => [r.id, r]));
    const withMetadata = (f) => {
        const meta = ruleById.get(f.ruleId);
        return meta ? { ...f, title: meta.title, help: meta.help } : f;
    };
    const active = new Map();
    const suppressed = new Map();
    const stats = { files: 0, filesChecked: 0, filesByChecker: {}, durationMs: 0 };
    for (const report of reports) {
        for (const f of report.findings)
            if (!active.has(f.fingerprint))
                active.set(f.fingerprint, withMetadata(f));
        for (const f of report.suppressed) {
            if (!suppressed.has(f.fingerprint))
                suppressed.set(f.fingerprint, withMetadata(f));
        }
        stats.files += report.stats.files;
        stats.filesChecked += report.stats.filesChecked;
        stats.durationMs += report.stats.durationMs;
        for (const [checker, count] of Object.entries(report.stats.filesByChecker)) {
            stats.filesByChecker[checker] = (stats.filesByChecker[checker] ?? 0) + count;
        }
    }
    for (const fingerprint of active.keys())
        suppressed.delete(fingerprint);
    return {
        result: {
            root,
            findings: [...active.values()].sort(engine_finding/* compareFindings */.Eg),
            suppressed: [...suppressed.values()].sort(engine_finding/* compareFindings */.Eg),
            stats,
            rules: [...rules],
            config: (0,config_file/* defaultConfig */.sb)(),
        },
        files: [...files],
        warnings,
    };
}
/**
 * The report files the patterns name, relative to `cwd`: plain paths as they are, globs expanded
 * (sorted, so the merge does not depend on directory order). A pattern that matches nothing is
 * an error, since a shard whose report went missing would otherwise pass silently.
 */
function expandReportPatterns(patterns, cwd) {
    const out = [];
    for (const pattern of patterns) {
        const normalized = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
        if (!picomatch_default().scan(normalized).isGlob) {
            out.push(external_node_path_default().resolve(cwd, normalized));
            continue;
        }
        const base = external_node_path_default().resolve(cwd, (0,glob/* staticBase */.s4)(normalized) || '.');
        const matches = picomatch_default()(external_node_path_default().resolve(cwd, normalized).replace(/\\/g, '/'), { dot: true });
        const found = walk(base).filter((file) => matches(file.replace(/\\/g, '/')));
        if (found.length === 0)
            throw new MergeError(`no report matches ${pattern}.`);
        out.push(...found.sort());
    }
    return [...new Set(out)];
}
function walk(dir) {
    let entries;
    try {
        entries = (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true });
    }
    catch {
        return [];
    }
    return entries.flatMap((entry) => {
        const full = external_node_path_default().join(dir, entry.name);
        if (entry.isDirectory())
            return walk(full);
        return entry.isFile() ? [full] : [];
    });
}
function readReport(file) {
    const shown = external_node_path_default().basename(file);
    let text;
    try {
        if (!(0,external_node_fs_.statSync)(file).isFile())
            throw new Error('not a file');
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (error) {
        throw new MergeError(`cannot read the report ${file}: ${error instanceof Error ? error.message : error}`);
    }
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        throw new MergeError(`${shown} is not JSON; expected a report of deploy-lint --format json.`);
    }
    const report = asRecord(data);
    if (report?.tool !== 'deploy-lint' || !Array.isArray(report.findings)) {
        throw new MergeError(`${shown} is not a deploy-lint JSON report (deploy-lint --format json).`);
    }
    const stats = asRecord(report.stats) ?? {};
    const count = (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
    const byChecker = asRecord(stats.filesByChecker) ?? {};
    return {
        version: typeof report.version === 'string' ? report.version : 'unknown',
        findings: report.findings.map((f, i) => readFinding(f, `${shown}: findings[${i}]`)),
        suppressed: (Array.isArray(report.suppressed) ? report.suppressed : []).map((f, i) => readFinding(f, `${shown}: suppressed[${i}]`)),
        stats: {
            files: count(stats.files),
            // Reports of versions without filesChecked: every file a checker read is the best known bound.
            filesChecked: count(stats.filesChecked ?? stats.files),
            filesByChecker: Object.fromEntries(Object.entries(byChecker).map(([checker, n]) => [checker, count(n)])),
            durationMs: count(stats.durationMs),
        },
    };
}
const SUPPRESSION_KINDS = ['pragma', 'annotation', 'config', 'baseline'];
/** Rebuilds a finding from untrusted JSON, field by field; a wrong type is an error naming the field. */
function readFinding(value, where) {
    const f = asRecord(value);
    if (!f)
        throw new MergeError(`${where} is not an object.`);
    const text = (key) => {
        if (typeof f[key] !== 'string')
            throw new MergeError(`${where}.${key} is not a string.`);
        return f[key];
    };
    const position = (key) => {
        if (f[key] === undefined)
            return undefined;
        if (!Number.isInteger(f[key]) || f[key] < 1) {
            throw new MergeError(`${where}.${key} is not a positive integer.`);
        }
        return f[key];
    };
    const severity = text('severity');
    if (!engine_finding/* SEVERITIES */.oC.includes(severity)) {
        throw new MergeError(`${where}.severity is '${severity}'; expected ${engine_finding/* SEVERITIES */.oC.join(', ')}.`);
    }
    const finding = {
        ruleId: text('ruleId'),
        severity: severity,
        file: text('file'),
        line: position('line') ?? 1,
        title: typeof f.title === 'string' ? f.title : text('ruleId'),
        message: text('message'),
        help: typeof f.help === 'string' ? f.help : '',
        fingerprint: text('fingerprint'),
    };
    const endLine = position('endLine');
    const column = position('column');
    if (endLine !== undefined)
        finding.endLine = endLine;
    if (column !== undefined)
        finding.column = column;
    const suggestion = asRecord(f.suggestion);
    if (suggestion &&
        Number.isInteger(suggestion.line) &&
        Number.isInteger(suggestion.endLine) &&
        typeof suggestion.replacement === 'string') {
        finding.suggestion = {
            line: suggestion.line,
            endLine: suggestion.endLine,
            replacement: suggestion.replacement,
        };
    }
    const suppression = asRecord(f.suppression);
    if (suppression && SUPPRESSION_KINDS.includes(suppression.kind)) {
        finding.suppression = {
            kind: suppression.kind,
            reason: typeof suppression.reason === 'string' ? suppression.reason : '',
        };
    }
    return finding;
}
function asRecord(value) {
    return value && typeof value === 'object' && !Array.isArray(value)
        ? value
        : undefined;
}

// EXTERNAL MODULE: ./src/cli/run.ts
var run = __webpack_require__(4175);
// EXTERNAL MODULE: ./src/cli/scan-command.ts + 7 modules
var scan_command = __webpack_require__(4500);
// EXTERNAL MODULE: ./src/cli/terminal.ts
var terminal = __webpack_require__(1028);
;// CONCATENATED MODULE: ./src/cli/merge.ts
// `deploy-lint merge reports/*.json`: the fan-in of a sharded scan. Reads the JSON reports of the
// shards and reports, gates and exits exactly as one scan of all their files would.










const MERGE_USAGE = `Usage: deploy-lint merge REPORT... [options]

Merges the JSON reports of shard runs (deploy-lint --format json, or the action's report-json
output): findings are de-duplicated by fingerprint, then reported and gated as one scan.
REPORT is a file or a glob (quote it to let deploy-lint expand it).

Options:
  -f, --format FORMAT   text, json, sarif, markdown or github (default: text)
  --fail-on LEVEL       error, warning, notice or never (default: error)
  --color, --no-color   force colours on or off (default: on for a terminal, off with NO_COLOR)
  -h, --help            print this help
`;
async function runMerge(argv, io) {
    let values;
    let positionals;
    try {
        ({ values, positionals } = (0,external_node_util_.parseArgs)({
            args: [...argv],
            allowPositionals: true,
            strict: true,
            options: {
                format: { type: 'string', short: 'f' },
                'fail-on': { type: 'string' },
                color: { type: 'boolean' },
                'no-color': { type: 'boolean' },
                help: { type: 'boolean', short: 'h' },
            },
        }));
    }
    catch (error) {
        io.stderr(`deploy-lint merge: ${error instanceof Error ? error.message : String(error)}\n`);
        return run/* EXIT_USAGE */.Ri;
    }
    if (values.help) {
        io.stdout(MERGE_USAGE);
        return run/* EXIT_CLEAN */.XW;
    }
    try {
        const format = (0,inputs/* parseChoice */.HU)('--format', values.format ?? 'text', run/* FORMATS */.hR);
        const failOn = (0,inputs/* parseChoice */.HU)('--fail-on', values['fail-on'] ?? 'error', inputs/* FAIL_ON_VALUES */.Qm);
        if (positionals.length === 0)
            throw new MergeError('name the reports to merge, e.g. reports/*.json.');
        const files = expandReportPatterns(positionals, io.cwd);
        const merged = mergeReportFiles(files, io.cwd, version/* VERSION */.x, (0,scan/* allRules */.V7)(checkers/* CHECKERS */.P));
        for (const warning of merged.warnings)
            io.stderr(`deploy-lint merge: ${warning}\n`);
        const request = {
            format,
            failOn,
            scan: { root: io.cwd },
            pathPrefix: '',
            filterMode: 'nofilter',
            reproduceCommand: `deploy-lint merge ${positionals.join(' ')} --fail-on ${failOn}`,
        };
        io.stdout((0,scan_command.render)(merged.result, request, (0,terminal/* useColor */.b)(format, io, values), io.columns));
        return (0,scan/* gating */.JQ)(merged.result.findings, failOn).length > 0 ? run/* EXIT_FINDINGS */.cB : run/* EXIT_CLEAN */.XW;
    }
    catch (error) {
        if (error instanceof MergeError || error instanceof inputs/* InputError */.dz) {
            io.stderr(`deploy-lint merge: ${error.message}\n`);
            return run/* EXIT_USAGE */.Ri;
        }
        throw error;
    }
}


/***/ }),

/***/ 4500:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  render: () => (/* binding */ render),
  runScan: () => (/* binding */ runScan)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/engine/config-file.ts
var config_file = __webpack_require__(1753);
// EXTERNAL MODULE: ./src/checkers/index.ts + 250 modules
var checkers = __webpack_require__(9392);
// EXTERNAL MODULE: ./src/engine/rule.ts
var rule = __webpack_require__(7466);
// EXTERNAL MODULE: ./src/engine/scan.ts + 2 modules
var scan = __webpack_require__(6484);
// EXTERNAL MODULE: ./src/action/version.ts
var version = __webpack_require__(4710);
// EXTERNAL MODULE: ./src/engine/finding.ts + 1 modules
var finding = __webpack_require__(1126);
// EXTERNAL MODULE: ./src/report/common.ts
var common = __webpack_require__(4069);
;// CONCATENATED MODULE: ./src/report/text.ts
// `--format text`: the layout people know from ESLint's `stylish` and tflint. A header per file,
// then `line:col  severity  message  rule-id` indented under it, then one line of counts.



const ANSI = {
    reset: '\u001b[0m',
    bold: '\u001b[1m',
    dim: '\u001b[2m',
    underline: '\u001b[4m',
    red: '\u001b[31m',
    yellow: '\u001b[33m',
    cyan: '\u001b[36m',
    green: '\u001b[32m',
};
const SEVERITY_COLOR = { error: ANSI.red, warning: ANSI.yellow, notice: ANSI.cyan };
/** The message column is never narrower than this, however narrow the terminal. */
const MIN_MESSAGE_WIDTH = 24;
/** Without a terminal width, rule ids line up after messages up to this long; longer ones push theirs. */
const MAX_ALIGNED_MESSAGE = 100;
/**
 * ```
 * services/api/Dockerfile
 *    1:1   error    The final stage runs as root ...  dockerfile/no-user
 *   14:27  warning  CMD passes "$PORT" literally ...  dockerfile/exec-form-variable
 *
 * 1 error, 1 warning in 3 files checked (dockerfile 1, terraform 2)
 * ```
 */
function renderText(result, options) {
    const paint = (code, text) => (options.color ? `${code}${text}${ANSI.reset}` : text);
    const findings = [...result.findings].sort(finding/* compareFindings */.Eg);
    // reduce, not Math.max(...): spreading a few hundred thousand findings overflows the call stack.
    const positionWidth = widest(findings.map(position));
    const ruleWidth = widest(findings.map((f) => f.ruleId));
    // " " + "  " + position + "  " + severity (7) + "  "
    const messageColumn = 3 + positionWidth + 2 + 7 + 2;
    const messageWidth = options.width
        ? Math.max(MIN_MESSAGE_WIDTH, options.width - messageColumn - 2 - ruleWidth)
        : undefined;
    const continuation = ' '.repeat(messageColumn);
    const lines = [];
    for (const [file, group] of groupByFile(findings)) {
        if (lines.length)
            lines.push('');
        lines.push(paint(ANSI.underline, displayPath(file)));
        const messages = group.map((f) => messageLines(f.message, messageWidth));
        const alignTo = messageWidth ?? Math.min(MAX_ALIGNED_MESSAGE, widest(messages.map((m) => m[0])));
        group.forEach((f, i) => {
            const [first, ...rest] = messages[i];
            lines.push([
                ' ',
                position(f).padStart(positionWidth),
                paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(7)),
                `${first.padEnd(alignTo)}  ${paint(ANSI.dim, f.ruleId)}`,
            ].join('  '));
            for (const line of rest)
                lines.push(`${continuation}${line}`);
            if (options.verbose && f.help.trim()) {
                for (const line of wrapParagraphs(f.help.trim(), messageWidth)) {
                    lines.push(paint(ANSI.dim, `${continuation}${line}`));
                }
            }
        });
    }
    if (lines.length)
        lines.push('', paint(ANSI.dim, docsPointer(options.docsBaseUrl)));
    lines.push(countLine(result, paint));
    return `${lines.join('\n')}\n`;
}
function groupByFile(findings) {
    const groups = new Map();
    for (const f of findings) {
        const group = groups.get(f.file);
        if (group)
            group.push(f);
        else
            groups.set(f.file, [f]);
    }
    return groups;
}
function position(f) {
    return `${f.line}:${f.column ?? 1}`;
}
/** A line break or tab in a file name would break the layout; escape sequences are stripped. */
function displayPath(file) {
    return (0,common/* stripControlChars */.BF)(file).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}
function widest(texts) {
    return texts.reduce((max, t) => Math.max(max, t.length), 0);
}
/** The message's own lines, each wrapped to `width` when there is one. */
function messageLines(message, width) {
    return wrapParagraphs((0,common/* stripControlChars */.BF)(message).replace(/\r\n?/g, '\n'), width);
}
function wrapParagraphs(text, width) {
    const lines = text.split('\n');
    return width ? lines.flatMap((line) => wrapLine(line, width)) : lines;
}
/** Greedy word wrap; a word longer than the width (a URL, a path) stays whole on its own line. */
function wrapLine(line, width) {
    if (line.length <= width)
        return [line];
    const out = [];
    let current = '';
    for (const word of line.split(/ +/)) {
        if (current && current.length + 1 + word.length > width) {
            out.push(current);
            current = word;
        }
        else {
            current = current ? `${current} ${word}` : word;
        }
    }
    if (current)
        out.push(current);
    return out;
}
/**
 * "2 errors, 1 warning in 3 files checked (dockerfile 1, terraform 2)": the files a checker read,
 * not every file under the scan root. A run in which no checker read anything says that instead
 * of "No findings", which would suggest the files were fine.
 */
function countLine(result, paint = (_c, t) => t) {
    const checked = result.stats.filesChecked;
    const suppressed = result.suppressed.length ? ` (${result.suppressed.length} suppressed)` : '';
    if (checked === 0 && !result.findings.length) {
        const seen = result.stats.files;
        return paint(ANSI.yellow, seen
            ? `No files checked: none of the ${(0,common/* plural */.LS)(seen, 'file')} found is one a checker reads.`
            : 'No files checked: the paths given hold no files.');
    }
    // In the checkers' public order, so a merged report reads like the scan it stands for.
    const rank = (id) => rule/* CHECKER_IDS */.Hb.indexOf(id) + 1 || rule/* CHECKER_IDS */.Hb.length + 1;
    const perChecker = Object.entries(result.stats.filesByChecker)
        .filter(([, n]) => n > 0)
        .sort(([a], [b]) => rank(a) - rank(b))
        .map(([id, n]) => `${id} ${n}`)
        .join(', ');
    const files = `${(0,common/* plural */.LS)(checked, 'file')} checked${perChecker ? ` (${perChecker})` : ''}${suppressed}`;
    if (!result.findings.length)
        return paint(ANSI.green, `No findings in ${files}`);
    const color = result.findings.some((f) => f.severity === 'error')
        ? ANSI.red
        : result.findings.some((f) => f.severity === 'warning')
            ? ANSI.yellow
            : ANSI.cyan;
    return paint(color, `${(0,common/* severityCountsPhrase */.nM)(result.findings)} in ${files}`);
}
/** Where to read why a finding matters and how to fix it. */
function docsPointer(docsBaseUrl) {
    return `Why and how to fix: deploy-lint --explain <rule-id>${docsBaseUrl ? ` or ${docsBaseUrl.replace(/#.*$/, '')}` : ''}`;
}

;// CONCATENATED MODULE: ./src/report/json.ts
/** The report object, with every key in a fixed order so diffs of two reports stay readable. */
function toJsonReport(result, version) {
    return {
        tool: 'deploy-lint',
        version,
        findings: result.findings.map(orderedFinding),
        suppressed: result.suppressed.map(orderedFinding),
        stats: {
            files: result.stats.files,
            filesChecked: result.stats.filesChecked,
            filesByChecker: Object.fromEntries(Object.entries(result.stats.filesByChecker).sort(([a], [b]) => a.localeCompare(b))),
            durationMs: result.stats.durationMs,
        },
    };
}
/** Pretty-printed JSON with a final newline. */
function renderJson(result, version) {
    return `${JSON.stringify(toJsonReport(result, version), null, 2)}\n`;
}
/** Copies a finding with its keys in contract order, leaving out optional fields it does not have. */
function orderedFinding(f) {
    return {
        ruleId: f.ruleId,
        severity: f.severity,
        file: f.file,
        line: f.line,
        ...(f.endLine !== undefined && { endLine: f.endLine }),
        ...(f.column !== undefined && { column: f.column }),
        title: f.title,
        message: f.message,
        help: f.help,
        ...(f.suggestion && {
            suggestion: {
                line: f.suggestion.line,
                endLine: f.suggestion.endLine,
                replacement: f.suggestion.replacement,
            },
        }),
        fingerprint: f.fingerprint,
        ...(f.suppression && { suppression: { kind: f.suppression.kind, reason: f.suppression.reason } }),
    };
}

;// CONCATENATED MODULE: ./src/report/sarif.ts

const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key of our fingerprint in `partialFingerprints`; bump the version if the fingerprint recipe changes. */
const FINGERPRINT_KEY = 'deployLint/v1';
const SARIF_LEVEL = { error: 'error', warning: 'warning', notice: 'note' };
/** One run with every finding; suppressed findings are included and marked with why, as SARIF intends. */
function renderSarif(result, options) {
    const reported = [...result.findings, ...result.suppressed];
    const rules = rulesFor(reported, result.rules);
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const run = {
        tool: {
            driver: {
                name: 'deploy-lint',
                version: options.version,
                ...(options.informationUri && { informationUri: options.informationUri }),
                rules: rules.map((r) => ruleDescriptor(r, options.docsBaseUrl)),
            },
        },
        ...(options.srcRootUri && {
            originalUriBaseIds: { '%SRCROOT%': { uri: withTrailingSlash(options.srcRootUri) } },
        }),
        columnKind: 'utf16CodeUnits',
        results: reported.map((f) => sarifResult(f, ruleIndex.get(f.ruleId) ?? -1, options.pathPrefix)),
    };
    return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}
/** Rules that appear in the results, in id order; a rule id the scan has no metadata for is described from its finding. */
function rulesFor(findings, known) {
    const byId = new Map(known.map((r) => [r.id, r]));
    const used = new Map();
    for (const f of findings) {
        if (used.has(f.ruleId))
            continue;
        used.set(f.ruleId, byId.get(f.ruleId) ?? { id: f.ruleId, severity: f.severity, title: f.title, help: f.help });
    }
    return [...used.values()].sort((a, b) => a.id.localeCompare(b.id));
}
function ruleDescriptor(rule, docsBaseUrl) {
    const helpUri = (0,common/* ruleDocsUrl */.hS)(rule.id, docsBaseUrl);
    const help = rule.help.trim() || rule.title;
    return {
        id: rule.id,
        name: ruleName(rule.id),
        shortDescription: { text: rule.title },
        fullDescription: { text: help },
        help: { text: help, markdown: helpMarkdown(rule, help) },
        ...(helpUri && { helpUri }),
        defaultConfiguration: { enabled: !rule.defaultOff, level: SARIF_LEVEL[rule.severity] },
        properties: {
            tags: [(0,common/* checkerOfRule */.Br)(rule.id)],
            ...(rule.aliases?.length && { aliases: [...rule.aliases] }),
        },
    };
}
/** `dockerfile/from-latest-tag` -> `DockerfileFromLatestTag`: SARIF wants a readable identifier here. */
function ruleName(ruleId) {
    return ruleId
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((word) => word[0].toUpperCase() + word.slice(1))
        .join('');
}
function helpMarkdown(rule, help) {
    if (!rule.example)
        return help;
    const fence = '`'.repeat(Math.max(3, ...[...`${rule.example.bad}${rule.example.good}`.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    const block = (code) => `${fence}\n${code.replace(/\n+$/, '')}\n${fence}`;
    return [
        help,
        '',
        `Fails (\`${rule.example.file}\`):`,
        '',
        block(rule.example.bad),
        '',
        'Fixed:',
        '',
        block(rule.example.good),
    ].join('\n');
}
function sarifResult(f, ruleIndex, pathPrefix) {
    return {
        ruleId: f.ruleId,
        ...(ruleIndex >= 0 && { ruleIndex }),
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri: (0,common/* encodePath */.O0)((0,common/* repoPath */.qN)(f.file, pathPrefix)), uriBaseId: '%SRCROOT%' },
                    region: {
                        startLine: f.line,
                        ...(f.endLine !== undefined && f.endLine >= f.line && { endLine: f.endLine }),
                        ...(f.column !== undefined && f.column >= 1 && { startColumn: f.column }),
                    },
                },
            },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
        ...(f.suppression && { suppressions: [suppression(f.suppression)] }),
    };
}
/** Pragmas and annotations live in the scanned files ("inSource"); config ignores and the baseline do not. */
function suppression(s) {
    const inSource = s.kind === 'pragma' || s.kind === 'annotation';
    return {
        kind: inSource ? 'inSource' : 'external',
        status: 'accepted',
        ...(s.reason && { justification: s.reason }),
        properties: { deployLintKind: s.kind },
    };
}
function withTrailingSlash(uri) {
    return uri.endsWith('/') ? uri : `${uri}/`;
}

// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
// EXTERNAL MODULE: ./src/report/docs-url.ts
var docs_url = __webpack_require__(4607);
;// CONCATENATED MODULE: ./src/report/annotations.ts

/** GitHub's documented limit: 10 error, 10 warning and 10 notice annotations per step. */
const GITHUB_ANNOTATIONS_PER_LEVEL = 10;
const DEFAULT_OVERFLOW_HINT = 'see the job summary';
/**
 * Annotations most severe first, at most `perLevelLimit` of each level (less what is `reserved`);
 * when any finding is left out, one last notice says how many and where to find them. That notice
 * takes a notice slot, so it is never itself dropped.
 */
function toAnnotations(findings, options = {}) {
    const limit = Math.max(1, options.perLevelLimit ?? GITHUB_ANNOTATIONS_PER_LEVEL);
    const sorted = [...findings].sort(common/* compareBySeverity */.Kz);
    const byLevel = (level) => sorted.filter((f) => f.severity === level);
    const errors = byLevel('error');
    const warnings = byLevel('warning');
    const notices = byLevel('notice');
    const room = (level) => Math.max(0, limit - (options.reserved?.[level] ?? 0));
    const overflows = errors.length > room('error') || warnings.length > room('warning') || notices.length > room('notice');
    const noticeRoom = overflows ? room('notice') - 1 : room('notice');
    const shown = [
        ...errors.slice(0, room('error')),
        ...warnings.slice(0, room('warning')),
        ...notices.slice(0, Math.max(0, noticeRoom)),
    ];
    const annotations = shown.map((f) => findingAnnotation(f, options.pathPrefix));
    const left = findings.length - shown.length;
    if (left > 0) {
        annotations.push({
            level: 'notice',
            title: 'deploy-lint: more findings',
            message: `${(0,common/* plural */.LS)(left, 'more finding')}: ${options.overflowHint ?? DEFAULT_OVERFLOW_HINT}.`,
        });
    }
    return annotations;
}
/**
 * One line: the message and the rule id, titled with the rule's title. The help (why, how to fix)
 * is in the job summary and the docs; in an annotation it would bury the message under a wall of
 * text repeated on every finding of the rule.
 */
function findingAnnotation(f, pathPrefix) {
    return {
        level: f.severity,
        file: (0,common/* repoPath */.qN)(f.file, pathPrefix),
        line: f.line,
        ...(f.endLine !== undefined && { endLine: f.endLine }),
        ...(f.column !== undefined && { column: f.column }),
        title: f.title,
        message: `${f.message.replace(/\s*[\r\n]+\s*/g, ' ').trim()} (${f.ruleId})`,
    };
}
/**
 * The workflow command for one annotation, escaped exactly as `@actions/core` does: `%`, CR and LF
 * in the message; additionally `:` and `,` in property values.
 */
function formatWorkflowCommand(annotation) {
    const properties = [
        ['file', annotation.file],
        ['line', annotation.line],
        ['endLine', annotation.endLine],
        ['col', annotation.column],
        ['title', annotation.title],
    ];
    const props = properties
        .filter(([, value]) => value !== undefined && value !== '')
        .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
        .join(',');
    return `::${annotation.level}${props ? ` ${props}` : ''}::${escapeData(annotation.message)}`;
}
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

;// CONCATENATED MODULE: ./src/report/github.ts

/**
 * One `::error`/`::warning`/`::notice` command per finding, most severe first. The same per-level
 * limits as the action apply: the runner silently drops annotations past 10 of a level in a step,
 * so printing them would only hide which ones were lost. The last notice says how many were left
 * out and how to list them all.
 */
function renderGithubCommands(result, options = {}) {
    const annotations = toAnnotations(options.findings ?? result.findings, {
        perLevelLimit: options.perLevelLimit ?? GITHUB_ANNOTATIONS_PER_LEVEL,
        pathPrefix: options.pathPrefix,
        overflowHint: 'run deploy-lint with --format text (or json, sarif) to list them all',
    });
    return annotations.length ? `${annotations.map(formatWorkflowCommand).join('\n')}\n` : '';
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./node_modules/parse-diff/index.js
var parse_diff = __webpack_require__(2673);
var parse_diff_default = /*#__PURE__*/__webpack_require__.n(parse_diff);
;// CONCATENATED MODULE: ./src/report/diff.ts
// Which lines of a change can carry a review comment: the files of a pull request (from the API) or
// of a local `git diff`, each parsed into hunks of RIGHT-side (new file) lines.




/** GitHub's pull request files API lists at most this many files. */
const MAX_PULL_REQUEST_FILES = 3000;
/** The hunks of one file's patch (a PR file's `patch` or one file of a `git diff`). */
function parsePatch(patch) {
    const text = patch.startsWith('@@') ? `--- a\n+++ b\n${patch}` : patch;
    return parseDiff(text).flatMap((file) => file.chunks.map(hunkOf));
}
function hunkOf(chunk) {
    const added = new Set();
    for (const change of chunk.changes) {
        // parse-diff reads "\ No newline at end of file" as a change; it is no line of the file.
        if (change.type === 'add' && !change.content.startsWith('\\'))
            added.add(change.ln);
    }
    return { start: chunk.newStart, end: chunk.newStart + Math.max(chunk.newLines, 1) - 1, added };
}
/** The changed files of a pull request or a local diff, looked up by repository path. */
class DiffIndex {
    files;
    truncated;
    byPath = new Map();
    constructor(files, 
    /** True when the listing stopped at GitHub's limit, so files past it are unknown. */
    truncated = false) {
        this.files = files;
        this.truncated = truncated;
        for (const file of files)
            if (file.status !== 'removed')
                this.byPath.set(file.path, file);
    }
    file(repoPath) {
        return this.byPath.get(repoPath);
    }
    placement(repoPath, line, endLine = line) {
        const file = this.byPath.get(repoPath);
        if (!file)
            return this.truncated ? 'unknown' : 'outside';
        if (!file.hunks)
            return 'withheld';
        let inHunk = false;
        for (const hunk of file.hunks) {
            if (hunk.end < line || hunk.start > endLine)
                continue;
            inHunk = true;
            for (let l = Math.max(line, hunk.start); l <= Math.min(endLine, hunk.end); l++) {
                if (hunk.added.has(l))
                    return 'added';
            }
        }
        return inHunk ? 'context' : 'file';
    }
    /**
     * The anchor for lines line..endLine: the whole span when one hunk holds it (multi-line), else
     * its first line inside a hunk, preferring an added one. Undefined when no line is commentable.
     */
    anchor(repoPath, line, endLine = line) {
        const hunks = this.byPath.get(repoPath)?.hunks ?? [];
        const whole = hunks.find((h) => h.start <= line && endLine <= h.end);
        if (whole)
            return endLine > line ? { path: repoPath, startLine: line, line: endLine } : { path: repoPath, line };
        let firstContext;
        for (let l = line; l <= endLine; l++) {
            const hunk = hunks.find((h) => h.start <= l && l <= h.end);
            if (!hunk)
                continue;
            if (hunk.added.has(l))
                return { path: repoPath, line: l };
            firstContext ??= l;
        }
        return firstContext === undefined ? undefined : { path: repoPath, line: firstContext };
    }
    /** Whether lines line..endLine all sit in one hunk (a comment may span them). */
    inOneHunk(repoPath, line, endLine) {
        return (this.byPath.get(repoPath)?.hunks ?? []).some((h) => h.start <= line && endLine <= h.end);
    }
}
function changedFileOf(file) {
    const changed = { path: file.filename, status: file.status };
    if (file.previous_filename)
        changed.previousPath = file.previous_filename;
    if (typeof file.patch === 'string')
        changed.hunks = parsePatch(file.patch);
    return changed;
}
/** The files of a pull request, page by page, up to GitHub's limit of 3000. */
async function listPullRequestFiles(client, pull) {
    const files = [];
    const pages = client.paginate.iterator(client.rest.pulls.listFiles, {
        owner: pull.owner,
        repo: pull.repo,
        pull_number: pull.number,
        per_page: 100,
    });
    for await (const page of pages) {
        for (const file of page.data)
            files.push(changedFileOf(file));
        if (files.length >= MAX_PULL_REQUEST_FILES)
            break;
    }
    return new DiffIndex(files, files.length >= MAX_PULL_REQUEST_FILES);
}
/**
 * The local change against REF, as a PR would show it: `git diff --merge-base REF` (the working tree
 * against the point where it left REF), run in `root` with paths relative to it, plus untracked
 * files, which are all added. Throws when git fails (an unknown REF, not a work tree).
 */
function gitDiffIndex(root, ref) {
    const git = (args) => (0,external_node_child_process_.execFileSync)('git', ['-c', 'core.quotepath=off', ...args], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 512 * 1024 * 1024,
    });
    const diff = git(['diff', '--no-color', '--no-ext-diff', '-M', '--relative', '--merge-base', ref, '--']);
    const files = parse_diff_default()(diff).map((file) => {
        const deleted = file.deleted || file.to === '/dev/null';
        const newPath = (deleted ? file.from : file.to) ?? '';
        const changed = {
            path: newPath,
            status: deleted ? 'removed' : file.new ? 'added' : file.from !== file.to ? 'renamed' : 'modified',
        };
        if (changed.status === 'renamed' && file.from)
            changed.previousPath = file.from;
        // A binary file has no hunks; a pure rename or mode change has none either, and nothing to comment on.
        if (file.chunks.length || file.from !== file.to)
            changed.hunks = file.chunks.map(hunkOf);
        return changed;
    });
    const untracked = git(['ls-files', '-z', '--others', '--exclude-standard', '--', '.'])
        .split('\0')
        .filter(Boolean);
    for (const file of untracked) {
        let lines = 0;
        try {
            const text = (0,external_node_fs_.readFileSync)(external_node_path_default().join(root, file), 'utf8');
            lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
        }
        catch {
            // Unreadable: listed with no lines to comment on.
        }
        const added = new Set(Array.from({ length: lines }, (_, i) => i + 1));
        files.push({ path: file, status: 'added', hunks: lines ? [{ start: 1, end: lines, added }] : [] });
    }
    return new DiffIndex(files);
}

// EXTERNAL MODULE: ./src/report/filter.ts
var filter = __webpack_require__(4158);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
;// CONCATENATED MODULE: ./src/cli/stdin.ts
// `deploy-lint - --stdin-filename NAME`: one file from standard input (an editor buffer, a
// rendered Helm chart), checked as if it were NAME in the current directory.






/**
 * Writes the text to NAME inside a private temporary directory and scans only that file, with the
 * config the same command would use for a file on disk (`--config`, or .deploy-lint.yml in the
 * current directory), so ignores and severities apply by NAME as they would to the real file.
 */
async function scanStdin(options, filename, io) {
    if (!io.readStdin)
        throw new Error('standard input is not available');
    const text = await io.readStdin();
    const configPath = options.configPath ??
        config_file/* CONFIG_FILE_NAMES */.HR.map((name) => external_node_path_default().join(options.root, name)).find((file) => (0,external_node_fs_.existsSync)(file));
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'deploy-lint-stdin-'));
    try {
        const file = external_node_path_default().join(dir, ...filename.split('/'));
        await (0,promises_.mkdir)(external_node_path_default().dirname(file), { recursive: true });
        await (0,promises_.writeFile)(file, text, 'utf8');
        const ignoreFiles = ignoreFilesAround(options.root, filename);
        for (const ignoreFile of ignoreFiles) {
            await (0,promises_.mkdir)(external_node_path_default().dirname(external_node_path_default().join(dir, ignoreFile)), { recursive: true });
            await (0,promises_.copyFile)(external_node_path_default().join(options.root, ignoreFile), external_node_path_default().join(dir, ignoreFile));
        }
        const result = await (0,scan/* scan */.SQ)({
            ...options,
            root: dir,
            paths: [filename, ...ignoreFiles],
            ...(configPath && { configPath }),
        });
        return { ...result, root: options.root };
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
/**
 * The ignore files that govern NAME where it would be on disk (`.gitignore` and `.dockerignore` in
 * its directory and those above it, `NAME.dockerignore`), so rules that read them judge the text
 * from stdin as they would judge the file.
 */
function ignoreFilesAround(root, filename) {
    const dirs = [''];
    const parts = filename.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++)
        dirs.push(parts.slice(0, i).join('/'));
    const candidates = [
        ...dirs.flatMap((dir) => ['.gitignore', '.dockerignore'].map((name) => (dir ? `${dir}/${name}` : name))),
        `${filename}.dockerignore`,
    ];
    return candidates.filter((candidate) => (0,external_node_fs_.existsSync)(external_node_path_default().join(root, candidate)));
}

// EXTERNAL MODULE: ./src/cli/terminal.ts
var terminal = __webpack_require__(1028);
// EXTERNAL MODULE: ./src/cli/run.ts
var run = __webpack_require__(4175);
;// CONCATENATED MODULE: ./src/cli/scan-command.ts
// The scan a command line asks for, and its output: loaded only when a command scans, with the
// checkers and the engine, so that `--version` and `--help` start without them.


















/** Renders the scan in the requested format; `columns` is the terminal width text wraps to. */
function render(result, request, color, columns, env = {}, change) {
    const docsBaseUrl = (0,docs_url/* rulesDocsUrl */.qq)(env, version/* VERSION */.x);
    switch (request.format) {
        case 'text':
            return renderText(result, { color, ...(columns && { width: columns }), docsBaseUrl });
        case 'json':
            return renderJson(result, version/* VERSION */.x);
        case 'sarif':
            return `${JSON.stringify(renderSarif(result, { version: version/* VERSION */.x, pathPrefix: request.pathPrefix, docsBaseUrl }), null, 2)}\n`;
        case 'markdown':
            return (0,summary/* renderMarkdown */.Gc)(result, {
                failOn: request.failOn,
                version: version/* VERSION */.x,
                ...(change && { gating: (0,scan/* gating */.JQ)(change.selection.selected, request.failOn) }),
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
                            config: external_node_path_default().relative(request.scan.root, request.scan.configPath),
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
/** Scans as the command line asks, prints the report, and returns the exit status. */
async function runScan(request, io) {
    for (const id of request.scan.only ?? []) {
        if (!checkers/* CHECKERS */.P.some((c) => c.id === id)) {
            io.stderr(`deploy-lint: the ${id} checker is not available in this version; it checks nothing.\n`);
        }
    }
    let result;
    try {
        result = request.stdinFilename
            ? await scanStdin({ ...request.scan, checkers: checkers/* CHECKERS */.P }, request.stdinFilename, io)
            : await (0,scan/* scan */.SQ)({ ...request.scan, checkers: checkers/* CHECKERS */.P });
    }
    catch (error) {
        if (error instanceof config_file/* ConfigError */.xL) {
            io.stderr(`deploy-lint: invalid config: ${error.message}\n`);
            return run/* EXIT_USAGE */.Ri;
        }
        io.stderr(`deploy-lint: the scan failed: ${error instanceof Error ? error.message : String(error)}\n`);
        return run/* EXIT_USAGE */.Ri;
    }
    // The config's own list: the default names every checker, so only a list the file narrowed counts.
    if (result.config.file && result.config.checkers.length < rule/* CHECKER_IDS */.Hb.length) {
        for (const id of result.config.checkers) {
            if (!checkers/* CHECKERS */.P.some((c) => c.id === id) && !request.scan.only?.includes(id)) {
                io.stderr(`deploy-lint: the ${id} checker is not available in this version (checkers in ${result.config.file}); it checks nothing.\n`);
            }
        }
    }
    if (request.scan.paths && result.stats.files === 0) {
        io.stderr(`deploy-lint: ${request.scan.paths.join(', ')} matches no file; nothing was checked.\n`);
    }
    let change;
    try {
        change = selectChange(result, request, io);
    }
    catch (error) {
        if (!(error instanceof run/* UsageError */.eb || error instanceof filter/* BaselineError */.s$))
            throw error;
        io.stderr(`deploy-lint: ${error.message}\n`);
        return run/* EXIT_USAGE */.Ri;
    }
    const color = (0,terminal/* useColor */.b)(request.format, io, request.colorFlags ?? {});
    io.stdout(render(result, request, color, io.stdoutIsTTY ? io.columns : undefined, io.env, change));
    const gates = change ? change.selection.selected : result.findings;
    return (0,scan/* gating */.JQ)(gates, request.failOn).length > 0 ? run/* EXIT_FINDINGS */.cB : run/* EXIT_CLEAN */.XW;
}
/**
 * --diff-base, --baseline and --write-baseline: which findings gate. Undefined when none is given
 * (every finding gates). Says on stderr what does not gate, so the exit status is never a surprise.
 */
function selectChange(result, request, io) {
    if (!request.diffBase && !request.baseline && !request.writeBaseline)
        return undefined;
    if (request.writeBaseline) {
        (0,external_node_fs_.writeFileSync)(request.writeBaseline, (0,filter/* renderBaseline */.qL)(result.findings), 'utf8');
        io.stderr(`deploy-lint: wrote ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} to the baseline ${external_node_path_default().relative(io.cwd, request.writeBaseline) || request.writeBaseline}; with --baseline they no longer gate.\n`);
    }
    const baselineFile = request.baseline ?? request.writeBaseline;
    const baseline = baselineFile ? (0,filter/* readBaseline */.mF)(baselineFile, external_node_path_default().relative(io.cwd, baselineFile)) : undefined;
    let diff;
    if (request.diffBase) {
        try {
            diff = gitDiffIndex(request.scan.root, request.diffBase);
        }
        catch (error) {
            const detail = error.stderr?.trim() || error.message;
            throw new run/* UsageError */.eb(`--diff-base ${request.diffBase}: git diff failed: ${detail}`);
        }
    }
    const selection = (0,filter/* selectFindings */.RN)(result.findings, {
        ...(diff && { diff }),
        mode: request.filterMode,
        ...(baseline && { baseline }),
    });
    const parts = [];
    if (selection.outsideChange.length) {
        parts.push(`${selection.outsideChange.length} outside the change since ${request.diffBase} (filter-mode ${request.filterMode})`);
    }
    if (selection.known.length)
        parts.push(`${selection.known.length} in the baseline`);
    if (parts.length)
        io.stderr(`deploy-lint: findings that do not gate: ${parts.join(', ')}.\n`);
    return { selection, ...(baseline && { baseline }) };
}


/***/ }),

/***/ 1028:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ useColor)
/* harmony export */ });
/**
 * Colours only for text on a terminal, unless asked: `--color` forces them on (for a pager such as
 * `less -R`), `--no-color` and a non-empty NO_COLOR turn them off.
 */
function useColor(format, io, flags) {
    if (format !== 'text' || flags['no-color'])
        return false;
    if (flags.color)
        return true;
    return io.stdoutIsTTY && !io.env.NO_COLOR;
}


/***/ })

};
