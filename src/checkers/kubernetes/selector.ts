import { asMap, asSeq, mapGet, scalarString, type DataNode } from '../../parse/tree';

/** One `matchExpressions` entry. */
export interface LabelRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/**
 * A label selector: a Service's plain map, or a LabelSelector (`matchLabels` + `matchExpressions`).
 * `unreadable` marks a selector whose parts could not be read (a bad operator, a template value):
 * it is then never said to match or not to match anything.
 */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelRequirement[];
  /** No labels and no expressions: `{}`. */
  empty: boolean;
  unreadable: boolean;
  node: DataNode;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** The string values of a map of strings (labels, annotations, a Service selector). */
export function stringMap(node: DataNode | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const map = asMap(node);
  if (!map) return out;
  for (const pair of map.pairs) {
    const key = scalarString(pair.key);
    if (key === undefined) continue;
    Object.defineProperty(out, key, {
      value: scalarString(pair.value) ?? '',
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** A Service's `spec.selector`: a plain map of labels. */
export function readMapSelector(node: DataNode | null | undefined): LabelSelector | undefined {
  const map = asMap(node);
  if (!map) return undefined;
  const matchLabels = stringMap(map);
  return {
    matchLabels,
    matchExpressions: [],
    empty: Object.keys(matchLabels).length === 0,
    unreadable: false,
    node: map,
  };
}

/** A metav1.LabelSelector (`matchLabels` and `matchExpressions`). */
export function readLabelSelector(node: DataNode | null | undefined): LabelSelector | undefined {
  const map = asMap(node);
  if (!map) return undefined;
  const matchLabels = stringMap(mapGet(map, 'matchLabels')?.value);
  const matchExpressions: LabelRequirement[] = [];
  let unreadable = false;
  for (const item of asSeq(mapGet(map, 'matchExpressions')?.value)?.items ?? []) {
    const key = scalarString(mapGet(item, 'key')?.value);
    const operator = scalarString(mapGet(item, 'operator')?.value);
    if (key === undefined || operator === undefined || !OPERATORS.has(operator)) {
      unreadable = true;
      continue;
    }
    const values = (asSeq(mapGet(item, 'values')?.value)?.items ?? []).map((v) => scalarString(v) ?? '');
    matchExpressions.push({ key, operator: operator as LabelRequirement['operator'], values });
  }
  return {
    matchLabels,
    matchExpressions,
    empty: Object.keys(matchLabels).length === 0 && matchExpressions.length === 0,
    unreadable,
    node: map,
  };
}

/** Whether the selector selects an object with these labels. An empty selector selects everything. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  // A loop over keys, not entries: Services times workloads can be millions of calls in one manifest.
  const wanted = selector.matchLabels;
  for (const key in wanted) {
    if (!Object.hasOwn(labels, key) || labels[key] !== wanted[key]) return false;
  }
  for (const requirement of selector.matchExpressions) {
    const has = Object.hasOwn(labels, requirement.key);
    switch (requirement.operator) {
      case 'In':
        if (!has || !requirement.values.includes(labels[requirement.key])) return false;
        break;
      case 'NotIn':
        if (has && requirement.values.includes(labels[requirement.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** `app=web,tier in (front)` for messages. */
export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${r.values.join(',')})`);
  }
  return parts.length ? parts.join(',') : '(everything)';
}
