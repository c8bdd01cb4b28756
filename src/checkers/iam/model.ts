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

type Token = { star: true } | { star: false; char: string };

function tokens(pattern: string, variables: boolean): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' || c === '?' || c === UNRESOLVED) {
      out.push({ star: true });
    } else if (c === '$' && pattern[i + 1] === '{') {
      // A template variable (`${BucketName}`) or a policy variable (`${aws:username}`): any text.
      const end = pattern.indexOf('}', i);
      if (end < 0 || !variables) {
        out.push({ star: false, char: c });
        continue;
      }
      out.push({ star: true });
      i = end;
    } else {
      out.push({ star: false, char: c.toLowerCase() });
    }
  }
  return out;
}

const overlapCache = new Map<string, boolean>();

/**
 * Whether a resource pattern from a policy (with `*`, `?`, policy variables) and an ARN template
 * from AWS's data (with `${Variables}`) can name the same resource: the intersection of the two
 * glob languages is not empty.
 */
export function resourceFitsTemplate(resource: string, template: string): boolean {
  const key = `${resource}\u0000${template}`;
  const cached = overlapCache.get(key);
  if (cached !== undefined) return cached;
  const a = tokens(resource, true);
  const b = tokens(template, true);
  // reach[i][j]: a[0..i) and b[0..j) can produce a common string.
  let reach = new Set<number>([0]);
  const width = b.length + 1;
  const seen = new Set<number>();
  const stack = [0];
  seen.add(0);
  while (stack.length) {
    const state = stack.pop()!;
    const i = Math.floor(state / width);
    const j = state % width;
    const push = (ni: number, nj: number) => {
      const next = ni * width + nj;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    };
    const ta = a[i];
    const tb = b[j];
    if (ta?.star) push(i + 1, j);
    if (tb?.star) push(i, j + 1);
    if (ta && tb) {
      if (ta.star && tb.star) push(i + 1, j + 1);
      else if (ta.star) push(i, j + 1);
      else if (tb.star) push(i + 1, j);
      else if (ta.char === tb.char) push(i + 1, j + 1);
    }
  }
  reach = seen;
  const result = reach.has(a.length * width + b.length);
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
