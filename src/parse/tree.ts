/**
 * One positioned tree for YAML and JSON documents, so checkers read both the same way and every
 * node can point a finding at its exact place in the file.
 */

/** Where a node sits in its file. Offsets are 0-based (end exclusive); lines and columns 1-based. */
export interface Span {
  start: number;
  end: number;
  line: number;
  column: number;
  /** Line of the node's last character. */
  endLine: number;
}

interface NodeBase extends Span {
  /** Explicit tag as written, e.g. '!Ref', '!Sub', '!!str'. */
  tag?: string;
  /** Anchor name (`&name`) defined on this node. */
  anchor?: string;
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded' | 'json';

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  /** Resolved with the YAML 1.2 core schema (JSON: its own types); quoted scalars are strings. */
  value: string | number | boolean | null;
  /** The scalar exactly as written (quotes included; a block scalar from its `|`/`>` header). */
  source: string;
  style: ScalarStyle;
}

export interface MapPair {
  key: DataNode;
  /** null when the key has no value at all (`key:`). */
  value: DataNode | null;
}

export interface MapNode extends NodeBase {
  kind: 'map';
  /** In source order; duplicate keys are kept. */
  pairs: MapPair[];
  flow?: boolean;
}

export interface SeqNode extends NodeBase {
  kind: 'seq';
  items: DataNode[];
  flow?: boolean;
}

/** `*name`: stays a reference, so an alias bomb costs one node per alias. */
export interface AliasNode extends NodeBase {
  kind: 'alias';
  name: string;
  /** The anchored node; undefined when the anchor is not defined before the alias. */
  target?: DataNode;
}

export type DataNode = ScalarNode | MapNode | SeqNode | AliasNode;

/**
 * Nodes are built as whole literals with their fields in one order, so every parser's nodes of a
 * kind share a hidden class in V8: fields added after a span is built go to an out-of-object
 * property array (an allocation more per node, and slower reads).
 */
export function scalarNode(
  span: Span,
  value: ScalarNode['value'],
  source: string,
  style: ScalarStyle,
): ScalarNode {
  const { start, end, line, column, endLine } = span;
  return { kind: 'scalar', start, end, line, column, endLine, value, source, style };
}

export function mapNode(span: Span, pairs: MapPair[]): MapNode {
  const { start, end, line, column, endLine } = span;
  return { kind: 'map', start, end, line, column, endLine, pairs };
}

export function seqNode(span: Span, items: DataNode[]): SeqNode {
  const { start, end, line, column, endLine } = span;
  return { kind: 'seq', start, end, line, column, endLine, items };
}

/** Offsets to 1-based lines and columns (columns in UTF-16 units, as SourceFile.position counts). */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** Line (0-based) of the last lookup: parsers ask in nearly ascending order. */
  private recent = 0;

  constructor(text: string) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  lineOf(offset: number): number {
    const starts = this.starts;
    let index = this.recent;
    if (starts[index] <= offset && (index + 1 === starts.length || offset < starts[index + 1]))
      return index + 1;
    index++;
    if (
      index < starts.length &&
      starts[index] <= offset &&
      (index + 1 === starts.length || offset < starts[index + 1])
    ) {
      this.recent = index;
      return index + 1;
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.recent = lo;
    return lo + 1;
  }

  /** Offset where the line holding offset begins. */
  lineStart(offset: number): number {
    return this.starts[this.lineOf(offset) - 1];
  }

  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - this.starts[line - 1] + 1 };
  }
}

/** Why a text does not parse, and where. Both the YAML and the JSON parser report this shape. */
export interface ParseError {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** 0-based offset into the text. */
  offset: number;
}

/** A path into a tree: map keys and sequence indexes. */
export type KeyPath = (string | number)[];

/** Longest alias chain followed before giving up (a chain longer than this is circular or hostile). */
const MAX_ALIAS_HOPS = 64;

/** Follows aliases to the node they stand for; undefined for a dangling or circular alias. */
export function resolveAlias(node: DataNode | null | undefined): DataNode | undefined {
  let current = node ?? undefined;
  for (let hops = 0; current?.kind === 'alias'; hops++) {
    if (hops >= MAX_ALIAS_HOPS) return undefined;
    current = current.target;
  }
  return current;
}

export function asMap(node: DataNode | null | undefined): MapNode | undefined {
  const resolved = resolveAlias(node);
  return resolved?.kind === 'map' ? resolved : undefined;
}

export function asSeq(node: DataNode | null | undefined): SeqNode | undefined {
  const resolved = resolveAlias(node);
  return resolved?.kind === 'seq' ? resolved : undefined;
}

export function asScalar(node: DataNode | null | undefined): ScalarNode | undefined {
  const resolved = resolveAlias(node);
  return resolved?.kind === 'scalar' ? resolved : undefined;
}

/**
 * The text of a scalar: a string value as is, a number or boolean as written (`1.10` stays
 * '1.10'). undefined for null, collections and missing nodes.
 */
export function scalarString(node: DataNode | null | undefined): string | undefined {
  const scalar = asScalar(node);
  if (!scalar || scalar.value === null) return undefined;
  if (typeof scalar.value === 'string') return scalar.value;
  return scalar.style === 'plain' || scalar.style === 'json' ? scalar.source.trim() : String(scalar.value);
}

/** A YAML 1.1 merge key (`<<: *base`): a plain, untagged `<<`. */
export function isMergeKey(key: DataNode): boolean {
  return (
    key.kind === 'scalar' &&
    key.style === 'plain' &&
    key.value === '<<' &&
    (key.tag === undefined || key.tag === '!!merge' || key.tag === '!<tag:yaml.org,2002:merge>')
  );
}

/** The maps a merge value brings in, in priority order (`<<: [*a, *b]`: a wins over b). */
function mergeSources(value: DataNode | null): MapNode[] {
  const single = asMap(value);
  if (single) return [single];
  const list = asSeq(value);
  if (!list) return [];
  const maps: MapNode[] = [];
  for (const item of list.items) {
    const map = asMap(item);
    if (map) maps.push(map);
  }
  return maps;
}

/**
 * The pair for a string key. With duplicate keys the last one wins, as in JSON.parse. Keys
 * brought in by merge keys (`<<`) count when the map does not set the key itself.
 */
export function mapGet(node: DataNode | null | undefined, key: string): MapPair | undefined {
  return findPair(asMap(node), key, 0);
}

function findPair(map: MapNode | undefined, key: string, depth: number): MapPair | undefined {
  if (!map || depth > MAX_ALIAS_HOPS) return undefined;
  let merges: MapPair[] | undefined;
  for (let i = map.pairs.length - 1; i >= 0; i--) {
    const pair = map.pairs[i];
    if (isMergeKey(pair.key)) (merges ??= []).unshift(pair);
    else if (scalarString(pair.key) === key) return pair;
  }
  for (const merge of merges ?? []) {
    for (const source of mergeSources(merge.value)) {
      const found = findPair(source, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The node at a path of map keys (strings) and sequence indexes (numbers), following aliases
 * and merge keys. undefined when any step is missing or the key has no value.
 */
export function getPath(node: DataNode | null | undefined, ...keys: KeyPath): DataNode | undefined {
  let current = resolveAlias(node);
  for (const key of keys) {
    if (!current) return undefined;
    if (typeof key === 'number') {
      const seq = asSeq(current);
      current = seq ? resolveAlias(seq.items[key]) : undefined;
    } else {
      current = resolveAlias(mapGet(current, key)?.value);
    }
  }
  return current;
}

/** 'spec.template.spec.containers[0].image'; keys that are not identifiers are quoted. */
export function formatPath(path: KeyPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/**
 * Calls visit for every node in document order, with its path from the start node. Aliases are
 * visited as aliases, never entered, so each node is seen once. Return false to skip children.
 */
export function walk(
  node: DataNode | null | undefined,
  visit: (node: DataNode, path: KeyPath) => boolean | void,
  path: KeyPath = [],
): void {
  if (!node || visit(node, path) === false) return;
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      const name = scalarString(pair.key);
      const childPath = [...path, name ?? '?'];
      walk(pair.key, visit, childPath);
      walk(pair.value, visit, childPath);
    }
  } else if (node.kind === 'seq') {
    node.items.forEach((item, index) => walk(item, visit, [...path, index]));
  }
}

/** toValue's answer when the expanded value would exceed its budget (an alias bomb, say). */
export const VALUE_TOO_LARGE: unique symbol = Symbol('value too large to expand');

/** Turns a tagged node's plain value into something else, e.g. `!Ref x` into `{ Ref: 'x' }`. */
export type TagHandler = (tag: string, value: unknown, node: DataNode) => unknown;

class BudgetExceeded extends Error {}

/** Deepest nesting toValue builds: aliases of aliases can nest deeper than the source does. */
const MAX_VALUE_DEPTH = 1000;

/**
 * The plain JavaScript value of a node: aliases resolved, merge keys applied (explicit keys win,
 * then merged maps in order), maps as plain objects keyed by each key's text (own data
 * properties, so a `__proto__` key stays data).
 * Counts every node it produces; past `budget` (or nested deeper than 1000) it returns
 * VALUE_TOO_LARGE instead of expanding further. Tags are ignored unless onTag maps them.
 */
export function toValue(
  node: DataNode | null | undefined,
  budget = 100_000,
  onTag?: TagHandler,
): unknown | typeof VALUE_TOO_LARGE {
  if (!node) return null;
  let remaining = budget;

  const build = (current: DataNode, depth: number): unknown => {
    if (--remaining < 0 || depth > MAX_VALUE_DEPTH) throw new BudgetExceeded();
    let value: unknown;
    switch (current.kind) {
      case 'alias':
        return current.target ? build(current.target, depth + 1) : null;
      case 'scalar':
        value = current.value;
        break;
      case 'seq':
        value = current.items.map((item) => build(item, depth + 1));
        break;
      case 'map':
        value = buildMap(current, depth);
        break;
    }
    return onTag && current.tag !== undefined ? onTag(current.tag, value, current) : value;
  };

  const buildMap = (map: MapNode, depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const merged: Record<string, unknown>[] = [];
    for (const pair of map.pairs) {
      if (isMergeKey(pair.key)) {
        for (const source of mergeSources(pair.value)) merged.push(buildMap(source, depth + 1));
        continue;
      }
      const key = scalarString(pair.key) ?? complexKeyText(pair.key, depth);
      defineKey(out, key, pair.value ? build(pair.value, depth + 1) : null);
    }
    for (const source of merged) {
      for (const key of Object.keys(source)) {
        if (!Object.hasOwn(out, key)) defineKey(out, key, source[key]);
      }
    }
    return out;
  };

  // A null key or a map/list used as a key has no faithful string form: keep it readable.
  const complexKeyText = (key: DataNode, depth: number): string =>
    asScalar(key) ? 'null' : JSON.stringify(build(key, depth + 1));

  try {
    return build(node, 0);
  } catch (error) {
    if (error instanceof BudgetExceeded) return VALUE_TOO_LARGE;
    throw error;
  }
}

/** Sets a key without ever touching the prototype (`__proto__: x` in a file stays data). */
function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
