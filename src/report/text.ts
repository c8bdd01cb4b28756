// `--format text`: one line per finding, grouped by file, for terminals and logs.
import { compareFindings, type Finding, type Severity } from '../engine/finding';
import type { ScanResult } from '../engine/scan';
import { plural, severityCountsPhrase, stripControlChars } from './common';

export interface TextOptions {
  /** ANSI colours; the CLI turns them on for a TTY without NO_COLOR. */
  color: boolean;
  /** Print each finding's help (why it matters, how to fix) indented beneath it. */
  verbose?: boolean;
}

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
  green: '\u001b[32m',
} as const;

const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, notice: ANSI.cyan };

/** Locations are padded to line up up to this width; one deep path must not push every line off screen. */
const MAX_ALIGNED_LOCATION = 48;

/**
 * Findings as `file:line[:column]  severity  rule-id  message`, a blank line between files, then a
 * count line such as "3 errors, 2 warnings, 1 notice in 12 files".
 */
export function renderText(result: ScanResult, options: TextOptions): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${ANSI.reset}` : text);
  const findings = [...result.findings].sort(compareFindings);
  const locations = findings.map(location);
  const widest = (texts: readonly string[]) => texts.reduce((max, t) => Math.max(max, t.length), 0);
  const locationWidth = Math.min(MAX_ALIGNED_LOCATION, widest(locations));
  const ruleWidth = widest(findings.map((f) => f.ruleId));

  const lines: string[] = [];
  findings.forEach((f, i) => {
    if (i > 0 && findings[i - 1].file !== f.file) lines.push('');
    const [first, ...rest] = stripControlChars(f.message).split('\n');
    lines.push(
      [
        paint(ANSI.bold, locations[i].padEnd(locationWidth)),
        paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(7)),
        paint(ANSI.dim, f.ruleId.padEnd(ruleWidth)),
        first,
      ].join('  '),
    );
    const indent = ' '.repeat(locationWidth + 2);
    for (const line of rest) lines.push(`${indent}${line}`);
    if (options.verbose && f.help) {
      for (const line of f.help.trim().split('\n')) lines.push(paint(ANSI.dim, `${indent}${line}`));
    }
  });

  if (lines.length) lines.push('');
  lines.push(countLine(result, paint));
  return `${lines.join('\n')}\n`;
}

function location(f: Finding): string {
  // A line break or tab in a file name would break the one-line-per-finding layout.
  const file = stripControlChars(f.file).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return f.column ? `${file}:${f.line}:${f.column}` : `${file}:${f.line}`;
}

function countLine(result: ScanResult, paint: (code: string, text: string) => string): string {
  const files = plural(result.stats.files, 'file');
  const suppressed = result.suppressed.length ? ` (${result.suppressed.length} suppressed)` : '';
  if (!result.findings.length) return paint(ANSI.green, `No findings in ${files}${suppressed}`);
  const color = result.findings.some((f) => f.severity === 'error')
    ? ANSI.red
    : result.findings.some((f) => f.severity === 'warning')
      ? ANSI.yellow
      : ANSI.cyan;
  return paint(color, `${severityCountsPhrase(result.findings)} in ${files}${suppressed}`);
}
