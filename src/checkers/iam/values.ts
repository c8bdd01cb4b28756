/**
 * The positioned value tree every policy is read into, whatever it was written in (JSON, YAML,
 * an HCL object, a `data.aws_iam_policy_document` block), so one reader and one set of rules
 * serve them all.
 */
import { asScalar, resolveAlias, scalarString, type DataNode } from '../../parse/tree';

export type PolicyValue =
  | { kind: 'string'; value: string; line: number }
  | { kind: 'number'; value: number; line: number }
  | { kind: 'boolean'; value: boolean; line: number }
  | { kind: 'null'; line: number }
  | { kind: 'array'; items: PolicyValue[]; line: number; endLine?: number }
  | { kind: 'object'; entries: PolicyEntry[]; line: number; endLine?: number }
  /** A value the checker cannot compute (a variable, a function call): matches anything, checked for nothing. */
  | { kind: 'unknown'; text: string; line: number };

export interface PolicyEntry {
  key: string;
  line: number;
  value: PolicyValue;
}

/**
 * Stands for a part of a string that comes from something the checker cannot resolve
 * (`${var.bucket}`): a private-use character no real policy contains, read as "anything" by
 * the ARN and action matchers.
 */
export const UNRESOLVED = '\u{E000}';

/** A string with every unresolved part shown as `…`, for messages. */
export function display(text: string): string {
  return text.replaceAll(UNRESOLVED, '…');
}

export function hasUnresolved(text: string): boolean {
  return text.includes(UNRESOLVED);
}

/** The entry of an object value by key, exact case (IAM element names are case-sensitive). */
export function entry(value: PolicyValue | undefined, key: string): PolicyEntry | undefined {
  if (value?.kind !== 'object') return undefined;
  for (let i = value.entries.length - 1; i >= 0; i--)
    if (value.entries[i].key === key) return value.entries[i];
  return undefined;
}

/** An array's items, or the value itself as a one-item list (IAM accepts a single string for any list). */
export function listItems(value: PolicyValue): PolicyValue[] {
  return value.kind === 'array' ? value.items : [value];
}

/** Plain JSON of a value, unresolved parts as strings: used for sizes and suggestions. */
export function toJson(value: PolicyValue): unknown {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return value.value;
    case 'null':
      return null;
    case 'unknown':
      return value.text;
    case 'array':
      return value.items.map(toJson);
    case 'object':
      return Object.fromEntries(value.entries.map((e) => [e.key, toJson(e.value)]));
  }
}

/**
 * A YAML or JSON node as a PolicyValue. `onTagged` resolves tagged nodes and intrinsic-function
 * maps (CloudFormation); it returns undefined to read the node as plain data.
 */
export function fromDataNode(
  node: DataNode | null | undefined,
  onTagged?: (node: DataNode) => PolicyValue | undefined,
  depth = 0,
): PolicyValue {
  const resolved = resolveAlias(node);
  if (!resolved) return { kind: 'null', line: node?.line ?? 1 };
  if (depth > 100) return { kind: 'unknown', text: 'nested too deep', line: resolved.line };
  const handled = onTagged?.(resolved);
  if (handled) return handled;
  const line = resolved.line;
  switch (resolved.kind) {
    case 'scalar': {
      const scalar = asScalar(resolved)!;
      if (scalar.value === null) return { kind: 'null', line };
      if (typeof scalar.value === 'number') return { kind: 'number', value: scalar.value, line };
      if (typeof scalar.value === 'boolean') return { kind: 'boolean', value: scalar.value, line };
      return { kind: 'string', value: scalar.value, line };
    }
    case 'seq':
      return {
        kind: 'array',
        items: resolved.items.map((i) => fromDataNode(i, onTagged, depth + 1)),
        line,
        endLine: resolved.endLine,
      };
    case 'map':
      return {
        kind: 'object',
        line,
        endLine: resolved.endLine,
        entries: resolved.pairs.map((pair) => ({
          key: scalarString(pair.key) ?? '?',
          line: pair.key.line,
          value: pair.value
            ? fromDataNode(pair.value, onTagged, depth + 1)
            : { kind: 'null', line: pair.key.line },
        })),
      };
    default:
      return { kind: 'null', line };
  }
}
