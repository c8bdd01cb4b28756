import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import type { IamModel } from '../model';
import { gitHubCondition, isGitHubOidc, trustStatements } from '../trust';
import { hasUnresolved } from '../values';

export const oidcMutableSub: Rule<IamModel> = {
  id: 'iam/oidc-mutable-sub',
  severity: 'notice',
  title: 'GitHub OIDC trust matches only the name-based subject',
  help:
    'A subject such as `repo:acme/web:ref:refs/heads/main` names the repository by its owner and ' +
    'name. If the repository is renamed or deleted, someone else can create one with that name and ' +
    "its workflows get the same subject. GitHub's immutable form `repo:acme@1234/web@5678:...` " +
    '(owner and repository ids) cannot be reclaimed; it is the default for repositories created or ' +
    'renamed since 2026-07-15. Match the immutable subject.',
  example: {
    file: 'trust-policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/web:ref:refs/heads/main" } } }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme@4242/web@9876543:ref:refs/heads/main" } } }]\n}\n',
  },
  check(model, report) {
    for (const { document, statement } of trustStatements(model)) {
      if (!isGitHubOidc(statement)) continue;
      const values = gitHubCondition(statement, 'sub').flatMap((c) => c.values);
      const repoValues = values.filter((v) => v.value.startsWith('repo:') && !hasUnresolved(v.value));
      if (repoValues.length === 0 || repoValues.length !== values.length) continue;
      if (repoValues.some((v) => /^repo:[^/:]*@\d+\//.test(v.value))) continue;
      report({
        file: document.file,
        line: repoValues[0].line,
        message: `In ${document.address}, ${statementLabel(statement)} matches only name-based subjects (${repoValues.map((v) => `"${v.value}"`).join(', ')}): a repository with that name created after a rename or deletion would get the same subject.`,
        subject: `${document.address}:${statementLabel(statement)}`,
      });
    }
  },
};
