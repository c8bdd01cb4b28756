import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import type { IamModel } from '../model';
import { trustStatements } from '../trust';
import { hasUnresolved } from '../values';

function grants(actions: string[], wanted: string): boolean {
  return actions.some((a) => {
    const lower = a.trim().toLowerCase();
    return (
      lower === '*' ||
      lower === 'sts:*' ||
      lower === wanted.toLowerCase() ||
      (lower.endsWith('*') && wanted.toLowerCase().startsWith(lower.slice(0, -1)))
    );
  });
}

export const trustActionMismatch: Rule<IamModel> = {
  id: 'iam/trust-action-mismatch',
  severity: 'error',
  title: 'Trust policy action does not fit its principal',
  help:
    'Each kind of principal assumes a role with its own action: an OIDC provider (GitHub Actions, ' +
    'EKS) with `sts:AssumeRoleWithWebIdentity`, a SAML provider with `sts:AssumeRoleWithSAML`, AWS ' +
    'principals and services with `sts:AssumeRole`. With the wrong one the role cannot be assumed. A ' +
    'trust policy also takes no `Resource` element: AWS rejects it.',
  example: {
    file: 'trust-policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, "Action": "sts:AssumeRole", "Condition": { "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/web:ref:refs/heads/main" } } }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/web:ref:refs/heads/main" } } }]\n}\n',
  },
  check(model, report) {
    for (const { document, statement } of trustStatements(model)) {
      const label = statementLabel(statement);
      if (statement.resources || statement.notResources) {
        report({
          file: document.file,
          line: (statement.resources ?? statement.notResources)![0]?.line ?? statement.line,
          message: `In ${document.address}, ${label} has a Resource element, which a trust policy cannot have: AWS rejects it.`,
          subject: `${document.address}:${label}:resource`,
        });
      }
      const actions = (statement.actions ?? []).map((a) => a.value);
      if (actions.length === 0 || actions.some(hasUnresolved)) continue;
      // Session tagging statements sit beside the assuming one.
      if (actions.every((a) => /^sts:(TagSession|SetSourceIdentity|SetContext)$/i.test(a.trim()))) continue;
      for (const principal of statement.principals ?? []) {
        if (hasUnresolved(principal.value) && !/saml-provider|oidc|token\.actions/.test(principal.value))
          continue;
        let needed: string | undefined;
        if (principal.type === 'Federated')
          needed = /saml-provider\//.test(principal.value)
            ? 'sts:AssumeRoleWithSAML'
            : 'sts:AssumeRoleWithWebIdentity';
        else if (principal.type === 'AWS' || principal.type === 'Service') needed = 'sts:AssumeRole';
        if (!needed || grants(actions, needed)) continue;
        report({
          file: document.file,
          line: (statement.actions ?? [])[0]?.line ?? statement.line,
          message: `In ${document.address}, ${label} trusts the ${principal.type} principal \`${principal.value}\` with ${actions.map((a) => `\`${a}\``).join(', ')}, but that principal assumes roles with \`${needed}\`: the role cannot be assumed this way.`,
          subject: `${document.address}:${label}:${principal.value}`,
        });
        break;
      }
    }
  },
};
