/**
 * What the rules read: every document of the scan with its statements' actions expanded against
 * AWS's data once, and the ARN matching the resource rules share.
 */
import { listed } from '../../engine/finding';
import type { SourceFile } from '../../engine/workspace';
import type { ActionInfo, IamIndex } from './actions';
import type { ConditionEntry, Located, PolicyDocument, Statement } from './document';
import type { IamExtraction } from './extract';
import { hasUnresolved, UNRESOLVED } from './values';

export interface IamModel {
  extraction: IamExtraction;
  documents: PolicyDocument[];
  index: IamIndex;
  /** `iam.own-accounts`: accounts that are the repository's own, for trust rules. Empty when not configured. */
  ownAccounts: string[];
  fileAt(path: string): SourceFile | undefined;
}

/** One element of Action/NotAction, resolved against the data. */
export interface ActionRef {
  located: Located;
  /** `*` alone, or the part before the colon. */
  service: string;
  /** The part after the colon (`*` for a lone `*`). */
  pattern: string;
  /** The actions it names; undefined when the service is unknown, the value unresolved, or malformed. */
  matches?: readonly ActionInfo[];
  /** `*` or `service:*`. */
  fullWildcard: boolean;
  unresolved: boolean;
  /** No `service:action` shape at all. */
  malformed: boolean;
}

const actionCache = new WeakMap<Located, ActionRef>();

export function actionRef(index: IamIndex, located: Located): ActionRef {
  let ref = actionCache.get(located);
  if (ref) return ref;
  const text = located.value.trim();
  const unresolved = hasUnresolved(text);
  if (text === '*') {
    ref = {
      located,
      service: '*',
      pattern: '*',
      matches: index.allActions(),
      fullWildcard: true,
      unresolved: false,
      malformed: false,
    };
  } else {
    const colon = text.indexOf(':');
    const service = colon < 0 ? text : text.slice(0, colon);
    const pattern = colon < 0 ? '' : text.slice(colon + 1);
    const malformed = colon < 0 || !pattern || /\s/.test(text);
    ref = {
      located,
      service,
      pattern,
      matches: unresolved || malformed || /[*?]/.test(service) ? undefined : index.expand(service, pattern),
      fullWildcard: pattern === '*',
      unresolved: unresolved || /[*?]/.test(service),
      malformed: malformed && !unresolved,
    };
  }
  actionCache.set(located, ref);
  return ref;
}

export function actionRefs(model: IamModel, statement: Statement): ActionRef[] {
  return (statement.actions ?? []).map((a) => actionRef(model.index, a));
}

/**
 * The distinct actions a statement names explicitly (whole-service wildcards excluded: those are
 * wildcard-action's) that pass `keep`, with the line of the first element that named one.
 */
export function namedActions(
  model: IamModel,
  statement: Statement,
  keep: (action: ActionInfo, name: string) => boolean,
): { names: string[]; line: number } | undefined {
  const names: string[] = [];
  let line: number | undefined;
  for (const ref of actionRefs(model, statement)) {
    if (ref.fullWildcard || !ref.matches) continue;
    for (const action of ref.matches) {
      const name = qualified(action);
      if (names.includes(name) || !keep(action, name)) continue;
      names.push(name);
      line ??= ref.located.line;
    }
  }
  return line === undefined ? undefined : { names, line };
}

/** Every action an Allow statement grants (through its Action list). */
export function grantedActions(model: IamModel, statement: Statement): ActionInfo[] {
  if (statement.effect !== 'Allow') return [];
  const seen = new Set<ActionInfo>();
  for (const ref of actionRefs(model, statement)) for (const action of ref.matches ?? []) seen.add(action);
  return [...seen];
}

export function isStar(value: string): boolean {
  return value.trim() === '*';
}

/** Resource is exactly `*` (somewhere in the list). */
export function hasStarResource(statement: Statement): boolean {
  return !!statement.resources?.some((r) => isStar(r.value));
}

export function hasConditions(statement: Statement): boolean {
  return statement.conditions.length > 0;
}

export function conditionOn(statement: Statement, key: string): ConditionEntry | undefined {
  const lower = key.toLowerCase();
  return statement.conditions.find((c) => c.key.toLowerCase() === lower);
}

export function identityDocuments(model: IamModel): PolicyDocument[] {
  return model.documents.filter((d) => d.kind === 'identity');
}

/** Allow statements of identity documents: the ones breadth rules read. */
export function* allowStatements(
  model: IamModel,
): Generator<{ document: PolicyDocument; statement: Statement }> {
  for (const document of identityDocuments(model)) {
    if (document.boundary) continue;
    for (const statement of document.statements) {
      if (statement.effect === 'Allow') yield { document, statement };
    }
  }
}

/** A pattern's characters as codes, lowercased, with -1 for what matches any text. */
const ANY = -1;
/** Codes past Unicode for the lowercase forms that are two code units long (`İ`). */
const longLowercase = new Map<string, number>();

function tokens(pattern: string): Int32Array {
  const out = new Int32Array(pattern.length);
  let n = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 0x2a /* * */ || c === 0x3f /* ? */ || pattern[i] === UNRESOLVED) {
      out[n++] = ANY;
    } else if (c === 0x24 /* $ */ && pattern.charCodeAt(i + 1) === 0x7b /* { */) {
      // A template variable (`${BucketName}`) or a policy variable (`${aws:username}`): any text.
      const end = pattern.indexOf('}', i);
      if (end < 0) {
        out[n++] = c;
        continue;
      }
      out[n++] = ANY;
      i = end;
    } else if (c < 0x80) {
      out[n++] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
    } else {
      const lower = pattern[i].toLowerCase();
      if (lower.length === 1) out[n++] = lower.charCodeAt(0);
      else {
        let code = longLowercase.get(lower);
        if (code === undefined) longLowercase.set(lower, (code = 0x110000 + longLowercase.size));
        out[n++] = code;
      }
    }
  }
  return out.subarray(0, n);
}

const overlapCache = new Map<string, boolean>();
/** The reachability grid, kept between calls: a policy of a thousand ARNs asks thousands of times. */
let grid = new Uint8Array(4096);

/**
 * Whether a resource pattern from a policy (with `*`, `?`, policy variables) and an ARN template
 * from AWS's data (with `${Variables}`) can name the same resource: the intersection of the two
 * glob languages is not empty.
 */
export function resourceFitsTemplate(resource: string, template: string): boolean {
  const key = `${resource}\u0000${template}`;
  const cached = overlapCache.get(key);
  if (cached !== undefined) return cached;
  const a = tokens(resource);
  const b = tokens(template);
  // grid[i * width + j]: a[0..i) and b[0..j) can produce a common string. Every step moves right,
  // down or both, so one pass in reading order settles each cell before it is read.
  const width = b.length + 1;
  const cells = (a.length + 1) * width;
  if (grid.length < cells) grid = new Uint8Array(cells);
  grid.fill(0, 0, cells);
  grid[0] = 1;
  for (let i = 0; i <= a.length; i++) {
    for (let j = 0; j <= b.length; j++) {
      const here = i * width + j;
      if (!grid[here]) continue;
      const ta = i < a.length ? a[i] : undefined;
      const tb = j < b.length ? b[j] : undefined;
      if (ta === ANY) grid[here + width] = 1; // a's star matches nothing more
      if (tb === ANY) grid[here + 1] = 1;
      if (ta === undefined || tb === undefined) continue;
      if (ta === ANY && tb === ANY) grid[here + width + 1] = 1;
      else if (ta === ANY)
        grid[here + 1] = 1; // a's star takes b's character
      else if (tb === ANY) grid[here + width] = 1;
      else if (ta === tb) grid[here + width + 1] = 1;
    }
  }
  const result = grid[cells - 1] === 1;
  if (overlapCache.size > 50_000) overlapCache.clear();
  overlapCache.set(key, result);
  return result;
}

/** The account of an ARN or a bare 12-digit principal; undefined when there is none. */
export function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  const parts = principal.split(':');
  if (parts.length >= 6 && parts[0] === 'arn') return parts[4] || undefined;
  return undefined;
}

/** Short list for messages, quoted as code: `a, b and c`, or `a, b, c and 4 more` over `max`. */
export function listForMessage(items: readonly string[], max = 5): string {
  const quoted = (item: string) => `\`${item}\``;
  if (items.length > max || items.length <= 1) return listed(items, quoted, ', ', max);
  return `${items.slice(0, -1).map(quoted).join(', ')} and ${quoted(items[items.length - 1])}`;
}

export function qualified(action: ActionInfo): string {
  return `${action.service}:${action.name}`;
}
