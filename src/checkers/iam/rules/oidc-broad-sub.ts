import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import type { IamModel } from '../model';
import { gitHubCondition, isGitHubOidc, trustStatements } from '../trust';
import { hasUnresolved } from '../values';
import { parseOperator } from './condition-operator-misuse';

/** Why a `sub` pattern admits more than one repository, or undefined when it does not. */
export function broadSubject(value: string): string | undefined {
  const v = value.trim();
  if (v === '*' || v === 'repo:*') return 'any repository on GitHub';
  const match = /^repo:([^/:]*)\/([^:]*)(:.*)?$/.exec(v);
  if (!match) return /^repo:[^:]*\*/.test(v) ? 'repositories of any owner' : undefined;
  const [, owner, repository] = match;
  if (owner.includes('*')) return 'repositories of any owner';
  if (repository === '*' || repository.startsWith('*'))
    return `every repository of ${owner.replace(/@\d+$/, '')}`;
  return undefined;
}

export const oidcBroadSub: Rule<IamModel> = {
  id: 'iam/oidc-broad-sub',
  severity: 'warning',
  title: 'GitHub OIDC subject admits many repositories',
  help:
    'A `sub` condition of `*`, `repo:*`, `repo:ORG/*` or `repo:ORG@ID/*` lets every repository of the ' +
    "organization (or of GitHub) assume the role, including forks' workflows and repositories created " +
    'later. Pin the repository and the branch or environment: `repo:acme/web:ref:refs/heads/main`, ' +
    '`repo:acme/web:environment:production`. With `StringEquals` a `*` is literal and never matches: ' +
    'that is reported as an error.',
  example: {
    file: 'trust-policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, "StringLike": { "token.actions.githubusercontent.com:sub": "repo:acme/*" } } }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, "StringLike": { "token.actions.githubusercontent.com:sub": "repo:acme/web:*" } } }]\n}\n',
  },
  check(model, report) {
    for (const { document, statement } of trustStatements(model)) {
      if (!isGitHubOidc(statement)) continue;
      for (const condition of gitHubCondition(statement, 'sub')) {
        const operator = parseOperator(condition.operator);
        if (!operator || /Not/.test(operator.base)) continue;
        for (const value of condition.values) {
          if (hasUnresolved(value.value) || !value.value.includes('*')) continue;
          const literal = /Equals/.test(operator.base);
          const broad = broadSubject(value.value);
          if (!literal && !broad) continue;
          report({
            file: document.file,
            line: value.line,
            message: literal
              ? `In ${document.address}, ${statementLabel(statement)} compares the subject with \`${condition.operator}\` "${value.value}": the \`*\` is literal, so no workflow matches it and the role cannot be assumed. Use StringLike, and pin the repository.`
              : `In ${document.address}, ${statementLabel(statement)} lets ${broad} assume the role (sub "${value.value}"). Pin the repository and branch or environment.`,
            subject: `${document.address}:${statementLabel(statement)}:${value.value}`,
            severity: literal ? 'error' : undefined,
          });
        }
      }
    }
  },
};
