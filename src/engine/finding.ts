import { createHash } from 'node:crypto';

export type Severity = 'error' | 'warning' | 'notice';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice'];

/** Higher is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { notice: 1, warning: 2, error: 3 };

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

/** A replacement for lines line..endLine (1-based, inclusive), shown as a ```suggestion block. */
export interface Suggestion {
  line: number;
  endLine: number;
  replacement: string;
}

/** What a rule says about one place. The engine turns it into a Finding. */
export interface RuleReport {
  file: string;
  line: number;
  endLine?: number;
  column?: number;
  message: string;
  /**
   * What the finding is about, independent of line numbers: the normalized instruction text,
   * `kind/namespace/name` + field path, the block address... Feeds the fingerprint.
   */
  subject: string;
  /** Overrides the rule's default severity for rules with two levels (e.g. E/W by context). */
  severity?: Severity;
  suggestion?: Suggestion;
  /** Waivers found by the checker on the object itself (e.g. Kubernetes annotations). */
  waivers?: Waiver[];
}

export interface Waiver {
  /** Rule ids or globs (`k8s/*`). */
  rules: string[];
  reason: string;
  /** Where the waiver was written, for the summary: "annotation on Deployment/web". */
  source: string;
}

export interface RawFinding extends RuleReport {
  ruleId: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Scan-root relative, forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  endLine?: number;
  column?: number;
  /** What is wrong here, with the concrete names and values. */
  message: string;
  /** Why it matters and how to fix it (from the rule's metadata). */
  help: string;
  title: string;
  suggestion?: Suggestion;
  /** Stable across line moves: rule id, file, subject and occurrence index. */
  fingerprint: string;
  /** Why the finding is suppressed, when it is. */
  suppression?: { kind: 'pragma' | 'annotation' | 'config' | 'baseline'; reason: string };
}

/**
 * Names for a message, the first `shown` of them and a count of the rest. A finding that names every
 * other object it relates to grows with the file: a manifest of 3,000 Deployments, Services and
 * PodDisruptionBudgets that all select each other made messages of gigabytes in all.
 */
export function listed<T>(
  items: readonly T[],
  name: (item: T) => string | number | undefined,
  separator = ', ',
  shown = 5,
): string {
  const names = items.slice(0, shown).map(name).join(separator);
  return items.length <= shown ? names : `${names} and ${items.length - shown} more`;
}

export function fingerprint(ruleId: string, file: string, subject: string, occurrence: number): string {
  const normalizedSubject = subject.replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update([ruleId, file, normalizedSubject, String(occurrence)].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

/** The order every front and sink lists findings in: file, line, severity, rule. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}
