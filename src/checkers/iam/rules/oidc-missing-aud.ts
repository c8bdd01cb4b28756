import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import type { IamModel } from '../model';
import { gitHubCondition, isGitHubOidc, trustStatements } from '../trust';

export const oidcMissingAud: Rule<IamModel> = {
  id: 'iam/oidc-missing-aud',
  severity: 'notice',
  title: 'GitHub OIDC trust does not pin the audience',
  help:
    'The `aud` claim says whom the token was minted for. `aws-actions/configure-aws-credentials` asks ' +
    'for `sts.amazonaws.com`; pinning `token.actions.githubusercontent.com:aud` to it keeps tokens ' +
    'minted for other services (a cloud of another vendor, a custom audience) from being used here.',
  example: {
    file: 'trust-policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { "StringEquals": { "token.actions.githubusercontent.com:sub": "repo:acme@4242/web@9876543:ref:refs/heads/main" } } }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme@4242/web@9876543:ref:refs/heads/main" } } }]\n}\n',
  },
  check(model, report) {
    for (const { document, statement } of trustStatements(model)) {
      if (!isGitHubOidc(statement) || gitHubCondition(statement, 'aud').length > 0) continue;
      report({
        file: document.file,
        line: (statement.principals ?? []).find((p) => p.type === 'Federated')?.line ?? statement.line,
        message: `In ${document.address}, ${statementLabel(statement)} trusts GitHub Actions' OIDC provider without pinning token.actions.githubusercontent.com:aud to sts.amazonaws.com.`,
        subject: `${document.address}:${statementLabel(statement)}`,
      });
    }
  },
};
