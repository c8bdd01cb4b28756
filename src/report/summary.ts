// The job summary (and the CLI's `--format markdown`): everything the scan found, within GitHub's size limit.
import { atLeast, type Finding, type Severity } from '../engine/finding';
import { CHECKER_IDS } from '../engine/rule';
import type { ScanResult } from '../engine/scan';
import {
  checkerOfRule,
  compareBySeverity,
  countBySeverity,
  encodePath,
  plural,
  repoPath,
  ruleDocsUrl,
  severityCountsPhrase,
} from './common';
import type { GithubContext, ReportInput, ReportSection, ReproduceOptions, RunResult } from './sink';

export interface SummaryOptions {
  /** Bytes the summary may take; GitHub refuses a step summary over 1 MiB. */
  byteBudget?: number;
  /** URL of docs/rules.md; rule ids link to their section there. */
  docsBaseUrl?: string;
  /** Longer messages are cut in the table (JSON and SARIF keep them whole). */
  maxMessageLength?: number;
}

export type SummaryInput = ReportInput & SummaryOptions;

export const DEFAULT_SUMMARY_BYTE_BUDGET = 900 * 1024;
const DEFAULT_MAX_MESSAGE_LENGTH = 600;
/** Room kept for the notes that say what was left out. */
const NOTE_RESERVE = 512;

const SEVERITY_LABEL: Record<Severity, string> = {
  error: '🛑 error',
  warning: '⚠️ warning',
  notice: 'ℹ️ notice',
};

/** Markdown for the job summary. Findings rows are dropped from the end (least severe) when the budget runs out. */
export function renderSummary(input: SummaryInput): string {
  const budget = new Budget(input.byteBudget ?? DEFAULT_SUMMARY_BYTE_BUDGET);
  const links = new Links(input);
  const maxLength = input.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
  const cell = (text: string) => escapeCell(text, maxLength);
  const { scan } = input;
  const baselined = scan.suppressed.filter((f) => f.suppression?.kind === 'baseline');
  const suppressed = scan.suppressed.filter((f) => f.suppression?.kind !== 'baseline');

  const head = [
    '## deploy-lint',
    statusLine(input),
    countsLine(scan, suppressed.length, baselined.length),
    checkerTable(scan),
  ].join('\n\n');
  const tail = reproduceSection(input);
  budget.take(head);
  budget.take(tail);
  budget.reserve(NOTE_RESERVE * 3);

  const parts: string[] = [head];
  const row = (f: Finding, extraCell?: string) =>
    `| ${SEVERITY_LABEL[f.severity]} | ${links.rule(f.ruleId)} | ${links.location(f)} | ${escapeMessage(f.message, maxLength)} |${extraCell === undefined ? '' : ` ${extraCell} |`}`;
  const tableHeader = (extraColumn?: string) =>
    `| Severity | Rule | Location | Message |${extraColumn ? ` ${extraColumn} |` : ''}\n|---|---|---|---|${extraColumn ? '---|' : ''}`;

  // The findings table, most severe first, as many rows as fit.
  const findings = [...scan.findings].sort(compareBySeverity);
  const shownFindings: Finding[] = [];
  if (findings.length) {
    const baseline = input.baseline;
    const header = `### Findings\n\n${tableHeader(baseline && 'New?')}`;
    const rows = findings.map((f) => row(f, baseline && (baseline.has(f.fingerprint) ? '' : '🆕 new')));
    const fitted = budget.fitTable(header, rows);
    shownFindings.push(...findings.slice(0, fitted.count));
    if (fitted.markdown) parts.push(fitted.markdown);
    const left = findings.length - fitted.count;
    if (left > 0) parts.push(`> ${plural(left, 'finding')} not shown: see the SARIF or JSON report.`);
  }

  for (const section of [...(scan.sections ?? []), ...(input.sections ?? [])]) {
    parts.push(extraSection(section, budget));
  }

  const help = helpDetails(shownFindings, links, budget);
  if (help) parts.push(help);

  // Findings that do not gate, collapsed: the reader opens them when they care.
  const collapsed = (title: string, list: readonly Finding[], withReason: boolean) => {
    if (!list.length) return;
    const header = `<details><summary>${title} (${list.length})</summary>\n\n${tableHeader(withReason ? 'Suppressed by' : undefined)}`;
    const rows = [...list]
      .sort(compareBySeverity)
      .map((f) => row(f, withReason ? suppressionCell(f, cell) : undefined));
    const fitted = budget.fitTable(header, rows);
    if (!fitted.markdown) {
      parts.push(`> ${title} (${list.length}) not shown: see the JSON report.`);
      return;
    }
    const left = list.length - fitted.count;
    const note = left > 0 ? `\n\n${plural(left, 'more finding')} not shown: see the JSON report.` : '';
    parts.push(`${fitted.markdown}${note}\n\n</details>`);
  };
  collapsed('Baselined findings: known before, they do not gate', baselined, false);
  collapsed('Suppressed findings', suppressed, true);

  parts.push(tail);
  return `${parts.join('\n\n')}\n`;
}

/** The job summary of a run that could not scan (a bad input or config file): what went wrong, nothing else. */
export function renderErrorSummary(message: string): string {
  return `## deploy-lint\n\n⚠️ **Error**: ${escapeInline(message)}\n\nNothing was checked; the step failed with \`result=error\`.\n`;
}

export interface MarkdownOptions {
  failOn: Severity | 'never';
  version: string;
  docsBaseUrl?: string;
  baseline?: ReadonlySet<string>;
  sections?: ReportSection[];
  reproduce?: ReproduceOptions;
  byteBudget?: number;
}

/** `--format markdown`: the job summary without GitHub links; every finding at/above fail-on gates. */
export function renderMarkdown(result: ScanResult, options: MarkdownOptions): string {
  const gating =
    options.failOn === 'never'
      ? []
      : result.findings.filter((f) => atLeast(f.severity, options.failOn as Severity));
  return renderSummary({
    scan: result,
    gating,
    failOn: options.failOn,
    result: gating.length ? 'fail' : 'pass',
    version: options.version,
    docsBaseUrl: options.docsBaseUrl,
    baseline: options.baseline,
    sections: options.sections,
    reproduce: options.reproduce,
    byteBudget: options.byteBudget,
  });
}

function statusLine(input: ReportInput): string {
  const result: RunResult = input.result;
  if (result === 'error') {
    return `⚠️ **Error**: ${escapeInline(input.errorMessage ?? 'the scan did not complete')}`;
  }
  if (input.failOn === 'never') {
    return `${result === 'fail' ? '❌ **Failed**' : '✅ **Passed**'}: fail-on is \`never\`, so findings do not fail the run.`;
  }
  const threshold = `at or above \`${input.failOn}\``;
  const atOrAbove = input.scan.findings.filter((f) => atLeast(f.severity, input.failOn as Severity)).length;
  const notGating = atOrAbove - input.gating.length;
  const elsewhere =
    notGating > 0
      ? ` ${plural(notGating, 'other finding')} ${threshold} ${notGating === 1 ? 'does' : 'do'} not gate this run (outside the changed lines or in the baseline).`
      : '';
  if (result === 'fail') {
    return `❌ **Failed**: ${plural(input.gating.length, 'finding')} ${threshold} (fail-on: \`${input.failOn}\`).${elsewhere}`;
  }
  return `✅ **Passed**: no findings ${threshold} gate this run (fail-on: \`${input.failOn}\`).${elsewhere}`;
}

function countsLine(scan: ScanResult, suppressed: number, baselined: number): string {
  const extras = [suppressed && `${suppressed} suppressed`, baselined && `${baselined} baselined`].filter(
    Boolean,
  );
  return `${severityCountsPhrase(scan.findings)} in ${plural(scan.stats.files, 'file')}${extras.length ? `; ${extras.join(', ')}` : ''}.`;
}

function checkerTable(scan: ScanResult): string {
  const byChecker = new Map<string, Finding[]>();
  for (const id of Object.keys(scan.stats.filesByChecker)) byChecker.set(id, []);
  for (const f of scan.findings) {
    const checker = checkerOfRule(f.ruleId);
    const list = byChecker.get(checker);
    if (list) list.push(f);
    else byChecker.set(checker, [f]);
  }
  const order = (id: string) => {
    const index = (CHECKER_IDS as readonly string[]).indexOf(id);
    return index < 0 ? CHECKER_IDS.length : index;
  };
  const ids = [...byChecker.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const row = (name: string, files: string, findings: readonly Finding[]) => {
    const c = countBySeverity(findings);
    return `| ${name} | ${files} | ${c.error} | ${c.warning} | ${c.notice} |`;
  };
  return [
    '| Checker | Files | Errors | Warnings | Notices |',
    '|---|--:|--:|--:|--:|',
    ...ids.map((id) => row(id, String(scan.stats.filesByChecker[id] ?? '–'), byChecker.get(id) ?? [])),
    row('**total**', String(scan.stats.files), scan.findings),
  ].join('\n');
}

function extraSection(section: ReportSection, budget: Budget): string {
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
function helpDetails(findings: readonly Finding[], links: Links, budget: Budget): string {
  const byRule = new Map<string, Finding>();
  for (const f of findings) if (!byRule.has(f.ruleId)) byRule.set(f.ruleId, f);
  if (!byRule.size) return '';
  const open = `<details><summary>What the rules mean and how to fix them (${byRule.size})</summary>`;
  const close = '</details>';
  if (!budget.fits(`${open}\n\n${close}`)) return '';
  budget.take(`${open}\n\n${close}`);
  const blocks: string[] = [];
  for (const f of [...byRule.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId))) {
    const block = `#### ${links.rule(f.ruleId)}: ${escapeMessage(f.title)}\n\n${f.help.trim() || '_No help text._'}`;
    if (!budget.fits(`\n\n${block}`)) break;
    budget.take(`\n\n${block}`);
    blocks.push(block);
  }
  return [open, ...blocks, close].join('\n\n');
}

function suppressionCell(f: Finding, cell: (text: string) => string): string {
  if (!f.suppression) return '';
  const by = { pragma: 'comment', annotation: 'annotation', config: 'config ignore', baseline: 'baseline' }[
    f.suppression.kind
  ];
  return f.suppression.reason ? `${by}: ${cell(f.suppression.reason)}` : by;
}

function reproduceSection(input: ReportInput): string {
  const github = input.github;
  const lines: string[] = [];
  const command = input.reproduce?.command ?? cliCommand(input, '/tmp/deploy-lint/dist/cli/index.js');
  if (!input.reproduce?.command && github?.actionRepository) {
    const url = `${github.serverUrl.replace(/\/+$/, '')}/${github.actionRepository}`;
    const ref = github.actionRef;
    if (ref && /^[0-9a-f]{40}$/i.test(ref)) {
      lines.push(`git clone ${shellQuote(url)} /tmp/deploy-lint && git -C /tmp/deploy-lint checkout ${ref}`);
    } else {
      lines.push(
        `git clone --depth 1${ref ? ` --branch ${shellQuote(ref)}` : ''} ${shellQuote(url)} /tmp/deploy-lint`,
      );
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

function cliCommand(input: ReportInput, cli: string): string {
  const r = input.reproduce ?? {};
  // The CLI makes a lone directory argument its scan root (finding paths and the config file move
  // with it); `dir/**` selects the same files and keeps the root where the command runs.
  const paths =
    r.paths?.length === 1 && !/[*?[\]{}!]/.test(r.paths[0])
      ? [`${r.paths[0].replace(/\/+$/, '')}/**`]
      : r.paths;
  const args = [...(paths?.length ? paths : ['.'])];
  for (const glob of r.exclude ?? []) args.push('--exclude', glob);
  if (r.config) args.push('--config', r.config);
  if (r.checkers?.length) args.push('--checkers', r.checkers.join(','));
  if (r.baseline) args.push('--baseline', r.baseline);
  args.push('--fail-on', input.failOn);
  return ['node', cli, ...args].map(shellQuote).join(' ');
}

/** Quotes a word for a POSIX shell when it holds anything but plainly safe characters (globs included). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./,=:@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Escapes text from scanned files for a markdown table cell: pipes would split the cell, `<`/`>`
 * would open HTML, backticks, brackets and emphasis marks would change the rendering.
 */
export function escapeCell(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  const cut = text.length > maxLength ? `${text.slice(0, maxLength).trimEnd()}…` : text;
  return escapeInline(cut).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/**
 * A rule's message (or title) for a table cell. Rules quote names and values in backticks, so each
 * `quoted` part stays a code span (its text literal, only `|` escaped for the table); the rest is
 * escaped like any cell. Unpaired backticks mean the quoting cannot be trusted: all is escaped.
 */
export function escapeMessage(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  const cut = text.length > maxLength ? `${text.slice(0, maxLength).trimEnd()}…` : text;
  const parts = cut.split('`');
  if (parts.length % 2 === 0) return escapeCell(cut);
  return parts
    .map((part, i) => {
      if (i % 2 === 0) return escapeCell(part);
      if (!part.trim()) return escapeCell(`\`${part}\``);
      return `\`${part.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')}\``;
    })
    .join('');
}

/** Escapes markdown and HTML in one line of running text. */
export function escapeInline(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([`*_[\]~#])/g, '\\$1');
}

/** Links that need the GitHub context or the docs location; plain text without them. */
class Links {
  private readonly github?: GithubContext;
  private readonly docsBaseUrl?: string;
  private readonly pathPrefix?: string;

  constructor(input: SummaryInput) {
    this.github = input.github;
    this.docsBaseUrl = input.docsBaseUrl;
    this.pathPrefix = input.pathPrefix;
  }

  rule(ruleId: string): string {
    const url = ruleDocsUrl(ruleId, this.docsBaseUrl);
    const code = `\`${ruleId.replace(/`/g, '')}\``;
    return url ? `[${code}](${url})` : code;
  }

  location(f: Finding): string {
    const file = repoPath(f.file, this.pathPrefix);
    const text = `${escapeCell(file)}:${f.line}`;
    if (!this.github) return text;
    const { serverUrl, repository, headSha } = this.github;
    const lines = f.endLine && f.endLine > f.line ? `L${f.line}-L${f.endLine}` : `L${f.line}`;
    const url = `${serverUrl.replace(/\/+$/, '')}/${repository}/blob/${headSha}/${encodePath(file)}#${lines}`;
    return `[${text}](${url})`;
  }
}

/** Tracks the bytes left; sizes are UTF-8 bytes, which is what GitHub counts. */
class Budget {
  private left: number;

  constructor(total: number) {
    this.left = total;
  }

  fits(text: string): boolean {
    return Buffer.byteLength(text, 'utf8') + 2 <= this.left;
  }

  take(text: string): void {
    this.left -= Buffer.byteLength(text, 'utf8') + 2;
  }

  /** Sets room aside that no section may use: the notes saying what was left out. */
  reserve(bytes: number): void {
    this.left -= bytes;
  }

  /** The header and as many leading rows as fit. */
  fitTable(header: string, rows: readonly string[]): { markdown: string; count: number } {
    if (!this.fits(header)) return { markdown: '', count: 0 };
    this.take(header);
    let count = 0;
    for (const row of rows) {
      const bytes = Buffer.byteLength(row, 'utf8') + 1;
      if (bytes > this.left) break;
      this.left -= bytes;
      count++;
    }
    return { markdown: [header, ...rows.slice(0, count)].join('\n'), count };
  }
}
