// `--format json`: the public JSON contract (design.md, "CLI and JSON contract").
import type { Finding } from '../engine/finding';
import type { ScanResult } from '../engine/scan';

export interface JsonReport {
  tool: 'deploy-lint';
  version: string;
  findings: Finding[];
  suppressed: Finding[];
  stats: { files: number; filesChecked: number; filesByChecker: Record<string, number>; durationMs: number };
}

/** The report object, with every key in a fixed order so diffs of two reports stay readable. */
export function toJsonReport(result: ScanResult, version: string): JsonReport {
  return {
    tool: 'deploy-lint',
    version,
    findings: result.findings.map(orderedFinding),
    suppressed: result.suppressed.map(orderedFinding),
    stats: {
      files: result.stats.files,
      filesChecked: result.stats.filesChecked,
      filesByChecker: Object.fromEntries(
        Object.entries(result.stats.filesByChecker).sort(([a], [b]) => a.localeCompare(b)),
      ),
      durationMs: result.stats.durationMs,
    },
  };
}

/** Pretty-printed JSON with a final newline. */
export function renderJson(result: ScanResult, version: string): string {
  return `${JSON.stringify(toJsonReport(result, version), null, 2)}\n`;
}

/** Copies a finding with its keys in contract order, leaving out optional fields it does not have. */
function orderedFinding(f: Finding): Finding {
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
