// `--format text`: the layout people know from ESLint's `stylish` and tflint. A header per file,
// then `line:col  severity  message  rule-id` indented under it, then one line of counts.
import { CHECKER_IDS } from '../engine/rule';
import { compareFindings, type Finding, type Severity } from '../engine/finding';
import type { ScanResult } from '../engine/scan';
import { plural, severityCountsPhrase, stripControlChars } from './common';

export interface TextOptions {
  /** ANSI colours; the CLI turns them on for a TTY without NO_COLOR, or with --color. */
  color: boolean;
  /** Terminal width to wrap messages to; undefined (piped output) means no wrapping. */
  width?: number;
  /** Print each finding's help (why it matters, how to fix) indented beneath it. */
  verbose?: boolean;
  /** URL of docs/rules.md, for the pointer at the end. */
  docsBaseUrl?: string;
}

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  underline: '\u001b[4m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
  green: '\u001b[32m',
} as const;

const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, notice: ANSI.cyan };

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
export function renderText(result: ScanResult, options: TextOptions): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${ANSI.reset}` : text);
  const findings = [...result.findings].sort(compareFindings);
  // reduce, not Math.max(...): spreading a few hundred thousand findings overflows the call stack.
  const positionWidth = widest(findings.map(position));
  const ruleWidth = widest(findings.map((f) => f.ruleId));
  // " " + "  " + position + "  " + severity (7) + "  "
  const messageColumn = 3 + positionWidth + 2 + 7 + 2;
  const messageWidth = options.width
    ? Math.max(MIN_MESSAGE_WIDTH, options.width - messageColumn - 2 - ruleWidth)
    : undefined;
  const continuation = ' '.repeat(messageColumn);

  const lines: string[] = [];
  for (const [file, group] of groupByFile(findings)) {
    if (lines.length) lines.push('');
    lines.push(paint(ANSI.underline, displayPath(file)));
    const messages = group.map((f) => messageLines(f.message, messageWidth));
    const alignTo = messageWidth ?? Math.min(MAX_ALIGNED_MESSAGE, widest(messages.map((m) => m[0])));
    group.forEach((f, i) => {
      const [first, ...rest] = messages[i];
      lines.push(
        [
          ' ',
          position(f).padStart(positionWidth),
          paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(7)),
          `${first.padEnd(alignTo)}  ${paint(ANSI.dim, f.ruleId)}`,
        ].join('  '),
      );
      for (const line of rest) lines.push(`${continuation}${line}`);
      if (options.verbose && f.help.trim()) {
        for (const line of wrapParagraphs(f.help.trim(), messageWidth)) {
          lines.push(paint(ANSI.dim, `${continuation}${line}`));
        }
      }
    });
  }

  if (lines.length) lines.push('', paint(ANSI.dim, docsPointer(options.docsBaseUrl)));
  lines.push(countLine(result, paint));
  return `${lines.join('\n')}\n`;
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(f.file);
    if (group) group.push(f);
    else groups.set(f.file, [f]);
  }
  return groups;
}

function position(f: Finding): string {
  return `${f.line}:${f.column ?? 1}`;
}

/** A line break or tab in a file name would break the layout; escape sequences are stripped. */
function displayPath(file: string): string {
  return stripControlChars(file).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

function widest(texts: readonly string[]): number {
  return texts.reduce((max, t) => Math.max(max, t.length), 0);
}

/** The message's own lines, each wrapped to `width` when there is one. */
function messageLines(message: string, width: number | undefined): string[] {
  return wrapParagraphs(stripControlChars(message).replace(/\r\n?/g, '\n'), width);
}

function wrapParagraphs(text: string, width: number | undefined): string[] {
  const lines = text.split('\n');
  return width ? lines.flatMap((line) => wrapLine(line, width)) : lines;
}

/** Greedy word wrap; a word longer than the width (a URL, a path) stays whole on its own line. */
export function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let current = '';
  for (const word of line.split(/ +/)) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) out.push(current);
  return out;
}

/**
 * "2 errors, 1 warning in 3 files checked (dockerfile 1, terraform 2)": the files a checker read,
 * not every file under the scan root. A run in which no checker read anything says that instead
 * of "No findings", which would suggest the files were fine.
 */
export function countLine(
  result: ScanResult,
  paint: (code: string, text: string) => string = (_c, t) => t,
): string {
  const checked = result.stats.filesChecked;
  const suppressed = result.suppressed.length ? ` (${result.suppressed.length} suppressed)` : '';
  if (checked === 0 && !result.findings.length) {
    const seen = result.stats.files;
    return paint(
      ANSI.yellow,
      seen
        ? `No files checked: none of the ${plural(seen, 'file')} found is one a checker reads.`
        : 'No files checked: the paths given hold no files.',
    );
  }
  // In the checkers' public order, so a merged report reads like the scan it stands for.
  const rank = (id: string) => (CHECKER_IDS as readonly string[]).indexOf(id) + 1 || CHECKER_IDS.length + 1;
  const perChecker = Object.entries(result.stats.filesByChecker)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([id, n]) => `${id} ${n}`)
    .join(', ');
  const files = `${plural(checked, 'file')} checked${perChecker ? ` (${perChecker})` : ''}${suppressed}`;
  if (!result.findings.length) return paint(ANSI.green, `No findings in ${files}`);
  const color = result.findings.some((f) => f.severity === 'error')
    ? ANSI.red
    : result.findings.some((f) => f.severity === 'warning')
      ? ANSI.yellow
      : ANSI.cyan;
  return paint(color, `${severityCountsPhrase(result.findings)} in ${files}`);
}

/** Where to read why a finding matters and how to fix it. */
function docsPointer(docsBaseUrl: string | undefined): string {
  return `Why and how to fix: deploy-lint --explain <rule-id>${docsBaseUrl ? ` or ${docsBaseUrl.replace(/#.*$/, '')}` : ''}`;
}
