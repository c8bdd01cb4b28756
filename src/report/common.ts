// Small pieces every report format shares: ordering, counting, wording, paths and docs links.
import { SEVERITIES, SEVERITY_RANK, compareFindings, type Finding, type Severity } from '../engine/finding';

/** Most severe first, then the usual file/line order: what a reader with limited room should see first. */
export function compareBySeverity(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || compareFindings(a, b);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "3 errors, 2 warnings, 1 notice", or "No findings" when there are none. */
export function severityCountsPhrase(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => plural(counts[s], s));
  return parts.length ? parts.join(', ') : 'No findings';
}

/** Checker that reports a rule, from the rule id prefix (`k8s/...` belongs to the kubernetes checker). */
export function checkerOfRule(ruleId: string): string {
  const prefix = ruleId.includes('/') ? ruleId.slice(0, ruleId.indexOf('/')) : ruleId;
  return prefix === 'k8s' ? 'kubernetes' : prefix;
}

/**
 * The anchor of a rule's section in docs/rules.md. The page gives each rule a heading whose text is
 * the rule id, and GitHub derives heading anchors by lowercasing and dropping punctuation except `-`
 * and `_` (so `dockerfile/from-latest-tag` becomes `dockerfilefrom-latest-tag`).
 */
export function ruleDocsAnchor(ruleId: string): string {
  return ruleId
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/** Link to a rule's documentation, or undefined when no docs location is known. */
export function ruleDocsUrl(ruleId: string, docsBaseUrl: string | undefined): string | undefined {
  if (!docsBaseUrl) return undefined;
  return `${docsBaseUrl.replace(/#.*$/, '')}#${ruleDocsAnchor(ruleId)}`;
}

/**
 * Findings carry scan-root relative paths; GitHub wants repository-relative ones. `pathPrefix` is
 * the scan root relative to the repository root ('' or undefined when they are the same).
 */
export function repoPath(file: string, pathPrefix: string | undefined): string {
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
export function encodePath(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/\(/g, '%28').replace(/\)/g, '%29'))
    .join('/');
}

/** Strips terminal control characters (escape sequences in file names or values), keeping tabs and newlines. */
export function stripControlChars(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
