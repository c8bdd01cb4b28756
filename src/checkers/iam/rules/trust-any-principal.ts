import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import type { IamModel } from '../model';
import { awsPrincipals, trustStatements } from '../trust';

export const trustAnyPrincipal: Rule<IamModel> = {
  id: 'iam/trust-any-principal',
  severity: 'error',
  title: 'Role can be assumed by anyone',
  help:
    'A trust policy with `"Principal": "*"` or `{"AWS": "*"}` lets any AWS principal in any account ' +
    'assume the role; only its conditions, if any, stand between the role and the internet. Name the ' +
    'accounts or roles that may assume it (`arn:aws:iam::ACCOUNT:role/deployer`).',
  example: {
    file: 'trust-policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/deployer" }, "Action": "sts:AssumeRole" }]\n}\n',
  },
  check(model, report) {
    for (const { document, statement } of trustStatements(model)) {
      const open = awsPrincipals(statement).find((p) => p.value.trim() === '*');
      if (!open) continue;
      const narrowed = statement.conditions.length > 0;
      report({
        file: document.file,
        line: open.line,
        message:
          `In ${document.address}, ${statementLabel(statement)} lets any AWS principal assume ${document.principal ? `the role ${document.principal.name}` : 'the role'}` +
          (narrowed
            ? `, narrowed only by its conditions on ${statement.conditions.map((c) => `\`${c.key}\``).join(', ')}.`
            : ', with no condition at all.'),
        subject: `${document.address}:${statementLabel(statement)}`,
        severity: narrowed ? 'warning' : undefined,
      });
    }
  },
};
