import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import type { IamModel } from '../model';
import { gitHubCondition, isGitHubOidc, trustStatements } from '../trust';

export const oidcMissingSub: Rule<IamModel> = {
  id: 'iam/oidc-missing-sub',
  severity: 'error',
  title: 'GitHub OIDC trust without a subject condition',
  help:
    'Every GitHub Actions workflow, in any repository of any owner, can get a token from ' +
    "`token.actions.githubusercontent.com`. A trust policy that does not check the token's `sub` " +
    'claim lets all of them assume the role. Add a condition on ' +
    '`token.actions.githubusercontent.com:sub` naming your repository and branch or environment ' +
    '(`repo:acme/web:ref:refs/heads/main`).',
  example: {
    file: 'trust-policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/web:ref:refs/heads/main" } } }]\n}\n',
  },
  check(model, report) {
    for (const { document, statement } of trustStatements(model)) {
      if (!isGitHubOidc(statement) || gitHubCondition(statement, 'sub').length > 0) continue;
      report({
        file: document.file,
        line: (statement.principals ?? []).find((p) => p.type === 'Federated')?.line ?? statement.line,
        message: `In ${document.address}, ${statementLabel(statement)} trusts GitHub Actions' OIDC provider without a condition on token.actions.githubusercontent.com:sub: a workflow in any repository on GitHub can assume the role.`,
        subject: `${document.address}:${statementLabel(statement)}`,
      });
    }
  },
};
