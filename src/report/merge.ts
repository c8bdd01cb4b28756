// Fan-in for sharded scans: the JSON reports of several `--format json` runs (or the action's
// `report-json` outputs) become one ScanResult, which every sink then treats as one scan.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { defaultConfig } from '../engine/config-file';
import { SEVERITIES, compareFindings, type Finding, type Severity } from '../engine/finding';
import type { ScanResult } from '../engine/scan';
import type { RuleMeta } from '../engine/rule';
import { staticBase } from '../engine/glob';

/** A report that cannot be read or is not a deploy-lint JSON report; the message names the file. */
export class MergeError extends Error {
  override name = 'MergeError';
}

export interface MergedReports {
  result: ScanResult;
  /** The files read, in the order given. */
  files: string[];
  /** Things worth a warning that do not stop the merge (reports of another deploy-lint version). */
  warnings: string[];
}

/**
 * Reads the reports and merges them: a finding present in several shards (overlapping paths) is
 * kept once, by fingerprint; a finding active in one shard and suppressed in another stays active.
 * File counts add up, so shards should not overlap. Reports are data from other jobs, possibly
 * of an untrusted pull request: every field is type-checked and unknown fields are dropped.
 */
/** `rules`: every rule this version knows (titles and help come from them, never from a report). */
export function mergeReportFiles(
  files: readonly string[],
  root: string,
  version: string,
  rules: readonly RuleMeta[],
): MergedReports {
  if (files.length === 0) throw new MergeError('no report to merge: the pattern matches no file.');
  const reports = files.map((file) => readReport(file));
  const warnings: string[] = [];
  const versions = [...new Set(reports.map((r) => r.version))].filter((v) => v !== version);
  if (versions.length) {
    warnings.push(
      `some reports were written by deploy-lint ${versions.join(', ')}, not ${version}: rule ids or fingerprints may differ.`,
    );
  }

  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const withMetadata = (f: Finding): Finding => {
    const meta = ruleById.get(f.ruleId);
    return meta ? { ...f, title: meta.title, help: meta.help } : f;
  };

  const active = new Map<string, Finding>();
  const suppressed = new Map<string, Finding>();
  const stats = { files: 0, filesChecked: 0, filesByChecker: {} as Record<string, number>, durationMs: 0 };
  for (const report of reports) {
    for (const f of report.findings)
      if (!active.has(f.fingerprint)) active.set(f.fingerprint, withMetadata(f));
    for (const f of report.suppressed) {
      if (!suppressed.has(f.fingerprint)) suppressed.set(f.fingerprint, withMetadata(f));
    }
    stats.files += report.stats.files;
    stats.filesChecked += report.stats.filesChecked;
    stats.durationMs += report.stats.durationMs;
    for (const [checker, count] of Object.entries(report.stats.filesByChecker)) {
      stats.filesByChecker[checker] = (stats.filesByChecker[checker] ?? 0) + count;
    }
  }
  for (const fingerprint of active.keys()) suppressed.delete(fingerprint);

  return {
    result: {
      root,
      findings: [...active.values()].sort(compareFindings),
      suppressed: [...suppressed.values()].sort(compareFindings),
      stats,
      rules: [...rules],
      config: defaultConfig(),
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
export function expandReportPatterns(patterns: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const pattern of patterns) {
    const normalized = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
    if (!picomatch.scan(normalized).isGlob) {
      out.push(path.resolve(cwd, normalized));
      continue;
    }
    const base = path.resolve(cwd, staticBase(normalized) || '.');
    const matches = picomatch(path.resolve(cwd, normalized).replace(/\\/g, '/'), { dot: true });
    const found = walk(base).filter((file) => matches(file.replace(/\\/g, '/')));
    if (found.length === 0) throw new MergeError(`no report matches ${pattern}.`);
    out.push(...found.sort());
  }
  return [...new Set(out)];
}

function walk(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.isFile() ? [full] : [];
  });
}

interface ShardReport {
  version: string;
  findings: Finding[];
  suppressed: Finding[];
  stats: ScanResult['stats'];
}

function readReport(file: string): ShardReport {
  const shown = path.basename(file);
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new MergeError(`cannot read the report ${file}: ${error instanceof Error ? error.message : error}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new MergeError(`${shown} is not JSON; expected a report of deploy-lint --format json.`);
  }
  const report = asRecord(data);
  if (report?.tool !== 'deploy-lint' || !Array.isArray(report.findings)) {
    throw new MergeError(`${shown} is not a deploy-lint JSON report (deploy-lint --format json).`);
  }
  const stats = asRecord(report.stats) ?? {};
  const count = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
  const byChecker = asRecord(stats.filesByChecker) ?? {};
  return {
    version: typeof report.version === 'string' ? report.version : 'unknown',
    findings: report.findings.map((f, i) => readFinding(f, `${shown}: findings[${i}]`)),
    suppressed: (Array.isArray(report.suppressed) ? report.suppressed : []).map((f, i) =>
      readFinding(f, `${shown}: suppressed[${i}]`),
    ),
    stats: {
      files: count(stats.files),
      // Reports of versions without filesChecked: every file a checker read is the best known bound.
      filesChecked: count(stats.filesChecked ?? stats.files),
      filesByChecker: Object.fromEntries(
        Object.entries(byChecker).map(([checker, n]) => [checker, count(n)] as const),
      ),
      durationMs: count(stats.durationMs),
    },
  };
}

const SUPPRESSION_KINDS = ['pragma', 'annotation', 'config', 'baseline'] as const;

/** Rebuilds a finding from untrusted JSON, field by field; a wrong type is an error naming the field. */
function readFinding(value: unknown, where: string): Finding {
  const f = asRecord(value);
  if (!f) throw new MergeError(`${where} is not an object.`);
  const text = (key: string): string => {
    if (typeof f[key] !== 'string') throw new MergeError(`${where}.${key} is not a string.`);
    return f[key] as string;
  };
  const position = (key: string): number | undefined => {
    if (f[key] === undefined) return undefined;
    if (!Number.isInteger(f[key]) || (f[key] as number) < 1) {
      throw new MergeError(`${where}.${key} is not a positive integer.`);
    }
    return f[key] as number;
  };
  const severity = text('severity');
  if (!(SEVERITIES as readonly string[]).includes(severity)) {
    throw new MergeError(`${where}.severity is '${severity}'; expected ${SEVERITIES.join(', ')}.`);
  }
  const finding: Finding = {
    ruleId: text('ruleId'),
    severity: severity as Severity,
    file: text('file'),
    line: position('line') ?? 1,
    title: typeof f.title === 'string' ? f.title : text('ruleId'),
    message: text('message'),
    help: typeof f.help === 'string' ? f.help : '',
    fingerprint: text('fingerprint'),
  };
  const endLine = position('endLine');
  const column = position('column');
  if (endLine !== undefined) finding.endLine = endLine;
  if (column !== undefined) finding.column = column;
  const suggestion = asRecord(f.suggestion);
  if (
    suggestion &&
    Number.isInteger(suggestion.line) &&
    Number.isInteger(suggestion.endLine) &&
    typeof suggestion.replacement === 'string'
  ) {
    finding.suggestion = {
      line: suggestion.line as number,
      endLine: suggestion.endLine as number,
      replacement: suggestion.replacement,
    };
  }
  const suppression = asRecord(f.suppression);
  if (suppression && (SUPPRESSION_KINDS as readonly unknown[]).includes(suppression.kind)) {
    finding.suppression = {
      kind: suppression.kind as (typeof SUPPRESSION_KINDS)[number],
      reason: typeof suppression.reason === 'string' ? suppression.reason : '',
    };
  }
  return finding;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
