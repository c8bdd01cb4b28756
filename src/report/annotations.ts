// Workflow-command annotations (`::error file=...::message`), within GitHub's per-step limits.
import type { Finding, Severity } from '../engine/finding';
import { compareBySeverity, plural, repoPath } from './common';

export type AnnotationLevel = Severity;

export interface Annotation {
  level: AnnotationLevel;
  /** Repository-relative; absent for the overflow notice, which belongs to no file. */
  file?: string;
  line?: number;
  endLine?: number;
  column?: number;
  title: string;
  message: string;
}

export interface AnnotationOptions {
  /** GitHub shows this many annotations of each level per step and drops the rest. */
  perLevelLimit?: number;
  /** The scan root relative to the repository root, when they differ. */
  pathPrefix?: string;
  /** Where the overflow notice sends the reader. */
  overflowHint?: string;
  /** Annotations of a level the step writes besides these (the failure message), counted against the limit. */
  reserved?: Partial<Record<Severity, number>>;
}

/** GitHub's documented limit: 10 error, 10 warning and 10 notice annotations per step. */
export const GITHUB_ANNOTATIONS_PER_LEVEL = 10;

const DEFAULT_OVERFLOW_HINT = 'see the job summary';

/**
 * Annotations most severe first, at most `perLevelLimit` of each level (less what is `reserved`);
 * when any finding is left out, one last notice says how many and where to find them. That notice
 * takes a notice slot, so it is never itself dropped.
 */
export function toAnnotations(findings: readonly Finding[], options: AnnotationOptions = {}): Annotation[] {
  const limit = Math.max(1, options.perLevelLimit ?? GITHUB_ANNOTATIONS_PER_LEVEL);
  const sorted = [...findings].sort(compareBySeverity);
  const byLevel = (level: Severity) => sorted.filter((f) => f.severity === level);
  const errors = byLevel('error');
  const warnings = byLevel('warning');
  const notices = byLevel('notice');

  const room = (level: Severity) => Math.max(0, limit - (options.reserved?.[level] ?? 0));
  const overflows =
    errors.length > room('error') || warnings.length > room('warning') || notices.length > room('notice');
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
      message: `${plural(left, 'more finding')}: ${options.overflowHint ?? DEFAULT_OVERFLOW_HINT}.`,
    });
  }
  return annotations;
}

/**
 * One line: the message and the rule id, titled with the rule's title. The help (why, how to fix)
 * is in the job summary and the docs; in an annotation it would bury the message under a wall of
 * text repeated on every finding of the rule.
 */
function findingAnnotation(f: Finding, pathPrefix: string | undefined): Annotation {
  return {
    level: f.severity,
    file: repoPath(f.file, pathPrefix),
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
export function formatWorkflowCommand(annotation: Annotation): string {
  const properties: [string, string | number | undefined][] = [
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

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
