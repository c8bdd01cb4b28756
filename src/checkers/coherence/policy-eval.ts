// Just enough IAM evaluation for the cross-file rules: does a set of statements allow an action on
// a resource, and does a trust policy admit an OIDC subject. Three answers, never a guess: a
// condition, a NotAction/NotResource or a value the repository leaves open makes it `unknown`.

export type Answer = 'allowed' | 'denied' | 'unknown';

/** A statement as the rules need it; the iam checker's documents are read into this shape. */
export interface StatementView {
  effect: 'Allow' | 'Deny';
  /** undefined when the statement uses NotAction. */
  actions?: string[];
  /** undefined when the statement uses NotResource (or has no Resource, as in a trust policy). */
  resources?: string[];
  hasCondition: boolean;
  /** A value in the statement could not be resolved from the repository (a variable, a reference). */
  unresolved: boolean;
}

/** IAM's wildcard match: `*` any run, `?` one character; actions compare case-insensitively. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, ignoreCase ? 'is' : 's').test(value);
}

/** Whether the statements allow the action on the resource, as IAM's evaluation would decide. */
export function evaluate(statements: readonly StatementView[], action: string, resource: string): Answer {
  let allowed = false;
  let unknown = false;
  for (const s of statements) {
    const actionHit = s.actions ? s.actions.some((a) => wildcardMatch(a, action, true)) : undefined;
    const resourceHit = s.resources ? s.resources.some((r) => wildcardMatch(r, resource)) : undefined;
    if (s.effect === 'Deny') {
      if (actionHit === false || resourceHit === false) continue;
      if (actionHit && resourceHit && !s.hasCondition && !s.unresolved) return 'denied';
      unknown = true;
      continue;
    }
    if (actionHit === undefined || resourceHit === undefined) {
      unknown = true;
      continue;
    }
    if (!actionHit || !resourceHit) {
      if (s.unresolved) unknown = true;
      continue;
    }
    if (s.hasCondition) unknown = true;
    else allowed = true;
  }
  if (allowed && !unknown) return 'allowed';
  return unknown ? 'unknown' : 'denied';
}

/** Subject patterns a trust statement's `token.actions.githubusercontent.com:sub` conditions accept. */
export interface SubjectCondition {
  operator: string;
  patterns: string[];
}

/**
 * Whether a subject satisfies every `sub` condition of a statement. GitHub issues name-based
 * subjects (`repo:acme/shop:ref:refs/heads/main`) or, when the owner opted in, immutable ones
 * (`repo:acme@123/shop@456:...`): a pattern written in either form matches the same repository.
 */
export function subjectAdmitted(conditions: readonly SubjectCondition[], subject: string): Answer {
  for (const condition of conditions) {
    const op = condition.operator.replace(/^ForAnyValue:|^ForAllValues:/, '').replace(/IfExists$/, '');
    // The token carries GitHub's spelling of the names, which the repository may not: compare
    // without case, so only a subject no spelling admits is reported.
    const patterns = condition.patterns.map((p) => withoutImmutableIds(p).toLowerCase());
    const value = subject.toLowerCase();
    let hit: boolean;
    if (op === 'StringEquals') hit = patterns.includes(value);
    else if (op === 'StringLike') hit = patterns.some((p) => wildcardMatch(p, value));
    else if (op === 'StringNotEquals') hit = !patterns.includes(value);
    else if (op === 'StringNotLike') hit = !patterns.some((p) => wildcardMatch(p, value));
    else return 'unknown';
    if (!hit) return 'denied';
  }
  return 'allowed';
}

/** `repo:acme@123/shop@456:ref:...` -> `repo:acme/shop:ref:...`. */
function withoutImmutableIds(pattern: string): string {
  return pattern.replace(/^repo:([^@/:]+)@\d+\/([^@/:]+)@\d+:/, 'repo:$1/$2:');
}
