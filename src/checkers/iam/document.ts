/**
 * Policy documents and their statements, read from a PolicyValue. This is the checker's public
 * model: other checkers may read it (kind, principal, statements with their lines, the pairing of
 * roles with their trust and permission policies).
 */
import {
  display,
  entry,
  hasUnresolved,
  listItems,
  UNRESOLVED,
  type PolicyEntry,
  type PolicyValue,
} from './values';

/** What a document governs: what a principal may do, who may assume a role, or who may use a resource. */
export type PolicyKind = 'identity' | 'trust' | 'resource';

export type PolicySource = 'json' | 'terraform' | 'cloudformation';

/** How AWS limits a document's size (non-whitespace characters). */
export type SizeClass =
  'managed' | 'inline-role' | 'inline-user' | 'inline-group' | 'trust' | 'resource' | 'unknown';

/** The IAM identity a document is attached to, when the repository says so. */
export interface PrincipalRef {
  type: 'role' | 'user' | 'group';
  /** The IAM name (`ci-pusher`), or the IaC name when the real one is computed. */
  name: string;
  /** `aws_iam_role.deployer`, `Resources.DeployerRole`. */
  address?: string;
}

/** A string of the document with its line (an element of `Action`, `Resource`...). */
export interface Located {
  value: string;
  line: number;
}

export interface PrincipalEntry {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for `"Principal": "*"`. */
  type: string;
  value: string;
  line: number;
}

export interface ConditionEntry {
  /** As written, e.g. `StringLike`, `ForAnyValue:StringEquals`, `BoolIfExists`. */
  operator: string;
  key: string;
  values: Located[];
  /** Values that are not strings, numbers or booleans (kept for type checks). */
  line: number;
}

export interface Statement {
  /** 0-based position in the Statement list. */
  index: number;
  sid?: string;
  line: number;
  endLine: number;
  /** As written; undefined when absent. */
  effect?: string;
  actions?: Located[];
  notActions?: Located[];
  resources?: Located[];
  notResources?: Located[];
  principals?: PrincipalEntry[];
  notPrincipals?: PrincipalEntry[];
  conditions: ConditionEntry[];
  /** The statement exactly as read, for structural rules. */
  value: PolicyValue;
}

export interface PolicyDocument {
  /** Scan-root relative path of the file holding it. */
  file: string;
  line: number;
  endLine: number;
  kind: PolicyKind;
  source: PolicySource;
  sizeClass: SizeClass;
  /** Where it is defined: the file for a JSON policy, `aws_iam_policy.ci`, `Resources.Role.Policies[0]`. */
  address: string;
  /** A role, user or group it is attached to (a trust document: the role it belongs to). */
  principal?: PrincipalRef;
  /** The resource a resource policy is on (`aws_ecr_repository.app`), when known. */
  resourceAddress?: string;
  version?: Located;
  /** Statements in order; empty when Statement is missing or unreadable. */
  statements: Statement[];
  /**
   * A permissions boundary: it caps what other policies grant and grants nothing itself, so breadth
   * rules do not apply. Known from `permissions_boundary` references, or from a name that says so.
   */
  boundary?: boolean;
  /** The whole document as read. */
  value: PolicyValue;
  /** Problems in the document's shape, found while reading it (malformed-statement findings). */
  shapeProblems: { line: number; message: string }[];
  /** The document's JSON text length without whitespace, for size limits. */
  size: number;
}

/** A role and the documents that govern it: what the cross-document rules pair. */
export interface RoleBinding {
  name: string;
  address?: string;
  file: string;
  line: number;
  trust?: PolicyDocument;
  policies: PolicyDocument[];
}

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);

export function statementLabel(statement: Statement): string {
  return statement.sid ? `statement "${statement.sid}"` : `statement ${statement.index + 1}`;
}

export interface DocumentInit {
  file: string;
  kind: PolicyKind;
  source: PolicySource;
  sizeClass: SizeClass;
  address: string;
  principal?: PrincipalRef;
  resourceAddress?: string;
  endLine?: number;
}

/** Reads a document value into statements; shape problems are recorded, never thrown. */
export function readDocument(value: PolicyValue, init: DocumentInit): PolicyDocument {
  const shapeProblems: PolicyDocument['shapeProblems'] = [];
  const document: PolicyDocument = {
    ...init,
    line: value.line,
    endLine: init.endLine ?? lastLine(value),
    statements: [],
    value,
    shapeProblems,
    size: JSON.stringify(stripForSize(value)).length,
  };
  if (/boundar/i.test(init.address)) document.boundary = true;
  if (value.kind !== 'object') {
    shapeProblems.push({ line: value.line, message: 'The policy is not a JSON object.' });
    return document;
  }
  const version = entry(value, 'Version');
  if (version) {
    if (version.value.kind === 'string')
      document.version = { value: version.value.value, line: version.line };
    else if (version.value.kind !== 'unknown')
      document.version = { value: String(describe(version.value)), line: version.line };
  }
  const statement = entry(value, 'Statement');
  if (!statement) {
    shapeProblems.push({ line: value.line, message: 'The policy has no `Statement`.' });
    return document;
  }
  // A single statement object is valid IAM grammar, as is a list of them.
  const items = statement.value.kind === 'array' ? statement.value.items : [statement.value];
  items.forEach((item, index) => {
    if (item.kind === 'unknown' || (item.kind === 'string' && hasUnresolved(item.value))) return;
    if (item.kind !== 'object') {
      shapeProblems.push({
        line: item.line,
        message: `Statement ${index + 1} is ${describe(item)}, not an object.`,
      });
      return;
    }
    document.statements.push(readStatement(item, index, shapeProblems));
  });
  return document;
}

function readStatement(
  value: PolicyValue & { kind: 'object' },
  index: number,
  problems: PolicyDocument['shapeProblems'],
): Statement {
  const sid = entry(value, 'Sid');
  const statement: Statement = {
    index,
    line: value.line,
    endLine: lastLine(value),
    conditions: [],
    value,
  };
  if (sid?.value.kind === 'string') statement.sid = sid.value.value;
  const label = statementLabel(statement);
  for (const e of value.entries) {
    if (!STATEMENT_KEYS.has(e.key))
      problems.push({ line: e.line, message: `${capitalize(label)} has an unknown element \`${e.key}\`.` });
  }
  const effect = entry(value, 'Effect');
  if (effect?.value.kind === 'string') statement.effect = effect.value.value;
  else if (effect && effect.value.kind !== 'unknown')
    problems.push({
      line: effect.line,
      message: `${capitalize(label)} has \`Effect\` ${describe(effect.value)}; it must be "Allow" or "Deny".`,
    });
  statement.actions = strings(entry(value, 'Action'), label, problems);
  statement.notActions = strings(entry(value, 'NotAction'), label, problems);
  statement.resources = strings(entry(value, 'Resource'), label, problems);
  statement.notResources = strings(entry(value, 'NotResource'), label, problems);
  statement.principals = principals(entry(value, 'Principal'), label, problems);
  statement.notPrincipals = principals(entry(value, 'NotPrincipal'), label, problems);
  statement.conditions = conditions(entry(value, 'Condition'), label, problems);
  return statement;
}

/** The strings of an Action/Resource element; non-strings are shape problems. */
function strings(
  found: PolicyEntry | undefined,
  label: string,
  problems: PolicyDocument['shapeProblems'],
): Located[] | undefined {
  if (!found) return undefined;
  if (found.value.kind === 'unknown') return [];
  const out: Located[] = [];
  for (const item of listItems(found.value)) {
    if (item.kind === 'string') out.push({ value: item.value, line: item.line });
    else if (item.kind !== 'unknown')
      problems.push({
        line: item.line,
        message: `${capitalize(label)} has ${describe(item)} in \`${found.key}\`; it must be a string or a list of strings.`,
      });
  }
  return out;
}

function principals(
  found: PolicyEntry | undefined,
  label: string,
  problems: PolicyDocument['shapeProblems'],
): PrincipalEntry[] | undefined {
  if (!found) return undefined;
  const value = found.value;
  if (value.kind === 'string')
    return [{ type: value.value === '*' ? '*' : 'AWS', value: value.value, line: value.line }];
  if (value.kind === 'unknown') return [];
  if (value.kind !== 'object') {
    problems.push({
      line: value.line,
      message: `${capitalize(label)} has ${describe(value)} as \`${found.key}\`; it must be "*" or a map such as {"AWS": [...]}.`,
    });
    return [];
  }
  const out: PrincipalEntry[] = [];
  for (const typed of value.entries) {
    for (const item of listItems(typed.value)) {
      if (item.kind === 'string') out.push({ type: typed.key, value: item.value, line: item.line });
    }
  }
  return out;
}

function conditions(
  found: PolicyEntry | undefined,
  label: string,
  problems: PolicyDocument['shapeProblems'],
): ConditionEntry[] {
  if (!found || found.value.kind === 'unknown') return [];
  if (found.value.kind !== 'object') {
    problems.push({
      line: found.line,
      message: `${capitalize(label)} has ${describe(found.value)} as \`Condition\`; it must be a map of operators.`,
    });
    return [];
  }
  const out: ConditionEntry[] = [];
  for (const operator of found.value.entries) {
    if (operator.value.kind !== 'object') continue;
    for (const key of operator.value.entries) {
      const values: Located[] = [];
      for (const item of listItems(key.value)) {
        if (item.kind === 'string') values.push({ value: item.value, line: item.line });
        else if (item.kind === 'number' || item.kind === 'boolean')
          values.push({ value: String(item.value), line: item.line });
        else if (item.kind === 'unknown') values.push({ value: UNRESOLVED, line: item.line });
      }
      out.push({ operator: operator.key, key: key.key, values, line: key.line });
    }
  }
  return out;
}

function describe(value: PolicyValue): string {
  switch (value.kind) {
    case 'string':
      return `"${display(value.value)}"`;
    case 'number':
    case 'boolean':
      return `the ${value.kind} ${String(value.value)}`;
    case 'null':
      return 'null';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    case 'unknown':
      return 'a computed value';
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function lastLine(value: PolicyValue): number {
  let line = value.line;
  if ((value.kind === 'array' || value.kind === 'object') && value.endLine) return value.endLine;
  if (value.kind === 'array') for (const item of value.items) line = Math.max(line, lastLine(item));
  if (value.kind === 'object')
    for (const e of value.entries) line = Math.max(line, e.line, lastLine(e.value));
  return line;
}

function stripForSize(value: PolicyValue): unknown {
  switch (value.kind) {
    case 'string':
      return value.value.replace(/\s+/g, '');
    case 'number':
    case 'boolean':
      return value.value;
    case 'null':
      return null;
    case 'unknown':
      return 'x'.repeat(20);
    case 'array':
      return value.items.map(stripForSize);
    case 'object':
      return Object.fromEntries(value.entries.map((e) => [e.key, stripForSize(e.value)]));
  }
}

/** True when any of the statement's actions equals the name, ignoring case. */
export function isAllow(statement: Statement): boolean {
  return statement.effect === 'Allow';
}
