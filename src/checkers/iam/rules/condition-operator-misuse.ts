import type { Rule } from '../../../engine/rule';
import { statementLabel, type ConditionEntry } from '../document';
import type { IamModel } from '../model';
import { hasUnresolved } from '../values';

const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
];
const OPERATORS = new Map(BASE_OPERATORS.map((o) => [o.toLowerCase(), o]));

export interface ParsedOperator {
  set?: 'ForAllValues' | 'ForAnyValue';
  base: string;
  ifExists: boolean;
}

/** `ForAnyValue:StringLikeIfExists` -> its parts; undefined when AWS does not have the operator. */
export function parseOperator(written: string): ParsedOperator | undefined {
  let rest = written;
  let set: ParsedOperator['set'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const qualifier = rest.slice(0, colon).toLowerCase();
    if (qualifier === 'forallvalues') set = 'ForAllValues';
    else if (qualifier === 'foranyvalue') set = 'ForAnyValue';
    else return undefined;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (/ifexists$/i.test(rest)) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = OPERATORS.get(rest.toLowerCase());
  if (!base || (base === 'Null' && ifExists)) return undefined;
  return { set, base, ifExists };
}

function isGitHubSub(key: string): boolean {
  return /^token\.actions\.githubusercontent\.com(\/[^:]*)?:sub$/i.test(key);
}

function problem(condition: ConditionEntry, type: string | undefined): string | undefined {
  const operator = parseOperator(condition.operator);
  if (!operator) return `\`${condition.operator}\` is not a condition operator AWS has`;
  const values = condition.values.map((v) => v.value).filter((v) => !hasUnresolved(v));
  const base = operator.base;
  if (
    /^(StringEquals|StringNotEquals|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|ArnEquals|ArnNotEquals)$/.test(
      base,
    ) &&
    !isGitHubSub(condition.key)
  ) {
    const starred = values.find((v) => /[*?]/.test(v) && !v.includes('${'));
    if (starred)
      return `\`${base}\` compares "${starred}" literally, so the \`*\` never acts as a wildcard: use \`${base.replace('Equals', 'Like').replace('IgnoreCase', '')}\``;
  }
  if (operator.set === 'ForAllValues' && type && !type.startsWith('ArrayOf')) {
    return `\`ForAllValues\` on the single-valued key \`${condition.key}\` is also true when the key is absent; use the operator without ForAllValues`;
  }
  if (base === 'Bool' && values.some((v) => !/^(true|false)$/i.test(v)))
    return `\`Bool\` takes "true" or "false", not ${values
      .filter((v) => !/^(true|false)$/i.test(v))
      .map((v) => `"${v}"`)
      .join(', ')}`;
  if (base === 'Null' && values.some((v) => !/^(true|false)$/i.test(v)))
    return '`Null` takes "true" (key absent) or "false" (key present)';
  if (base.startsWith('Numeric') && values.some((v) => !/^-?\d+(\.\d+)?$/.test(v)))
    return `\`${base}\` compares numbers, not ${values
      .filter((v) => !/^-?\d+(\.\d+)?$/.test(v))
      .map((v) => `"${v}"`)
      .join(', ')}`;
  if (type) {
    const t = type.replace(/^ArrayOf/, '');
    if (base === 'Bool' && !/^bool/i.test(t))
      return `\`Bool\` on \`${condition.key}\`, which is a ${type} key`;
    if (base.startsWith('Numeric') && !/^(numeric|long|integer)/i.test(t))
      return `\`${base}\` on \`${condition.key}\`, which is a ${type} key`;
    if (base.startsWith('Date') && !/^date/i.test(t))
      return `\`${base}\` on \`${condition.key}\`, which is a ${type} key`;
    if (/IpAddress$/.test(base) && !/^ip/i.test(t))
      return `\`${base}\` on \`${condition.key}\`, which is a ${type} key`;
  }
  return undefined;
}

export const conditionOperatorMisuse: Rule<IamModel> = {
  id: 'iam/condition-operator-misuse',
  severity: 'warning',
  title: 'Condition operator that does not do what it says',
  help:
    'Condition operators must exist and fit the key: `*` is a wildcard only in `StringLike`/`ArnLike` ' +
    '(in `StringEquals` it is a literal star and never matches), `ForAllValues` on a single-valued ' +
    'key is true even when the key is absent, and numeric, date, boolean and IP operators need keys ' +
    "and values of that type. Pick the operator that matches the key's type.",
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports", "Condition": { "StringEquals": { "s3:prefix": "home/*" } } }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports", "Condition": { "StringLike": { "s3:prefix": "home/*" } } }]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      for (const statement of document.statements) {
        for (const condition of statement.conditions) {
          if (hasUnresolved(condition.operator)) continue;
          const found = problem(
            condition,
            hasUnresolved(condition.key) ? undefined : model.index.conditionKeyType(condition.key),
          );
          if (!found) continue;
          report({
            file: document.file,
            line: condition.line,
            message: `In ${document.address}, ${statementLabel(statement)}: ${found}.`,
            subject: `${document.address}:${statementLabel(statement)}:${condition.operator}:${condition.key}`,
          });
        }
      }
    }
  },
};
