import type { RuleReport, Severity, Suggestion, Waiver } from '../../engine/finding';
import { formatPath, type KeyPath } from '../../parse/tree';
import { lineOf, pairAt, subjectOf, type K8sObject } from './model';

export interface ReportOptions {
  severity?: Severity;
  suggestion?: Suggestion;
  /** Defaults to the object's own waivers; cross-object findings pass both sides'. */
  waivers?: Waiver[];
  /** Subject field when the path alone does not tell two findings apart. */
  field?: string;
}

/**
 * A report about a field of an object: at the field's line (its whole value when it spans
 * several lines), or at the object's `kind:` line when the field is not written.
 */
export function reportAt(
  object: K8sObject,
  path: KeyPath,
  message: string,
  options: ReportOptions = {},
): RuleReport {
  const line = lineOf(object, path);
  const pair = pairAt(object, path);
  const endLine =
    pair?.value && pair.value.endLine > line && pair.value.kind === 'scalar' ? pair.value.endLine : undefined;
  return {
    file: object.file.path,
    line,
    ...(endLine !== undefined && { endLine }),
    message,
    subject: subjectOf(object, options.field ?? formatPath(path)),
    waivers: options.waivers ?? object.waivers,
    ...(options.severity && { severity: options.severity }),
    ...(options.suggestion && { suggestion: options.suggestion }),
  };
}

/** A suggestion that rewrites one line, keeping its indentation and list dash. */
export function replaceLine(
  object: K8sObject,
  line: number,
  replacement: (text: string) => string,
): Suggestion {
  return { line, endLine: line, replacement: replacement(object.file.lineText(line)) };
}
