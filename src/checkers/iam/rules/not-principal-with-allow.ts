import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import type { IamModel } from '../model';

export const notPrincipalWithAllow: Rule<IamModel> = {
  id: 'iam/not-principal-with-allow',
  severity: 'error',
  title: 'Allow with NotPrincipal',
  help:
    '`"Effect": "Allow"` with `NotPrincipal` grants access to every principal in every AWS account ' +
    'except the listed ones, anonymous users included. AWS recommends never combining them. Name the ' +
    'principals to allow in `Principal`.',
  example: {
    file: 'bucket-policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "NotPrincipal": { "AWS": "arn:aws:iam::111122223333:role/intern" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/analyst" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      for (const statement of document.statements) {
        if (statement.effect !== 'Allow' || !statement.notPrincipals) continue;
        report({
          file: document.file,
          line: statement.notPrincipals[0]?.line ?? statement.line,
          message: `In ${document.address}, ${statementLabel(statement)} allows everyone except ${statement.notPrincipals.map((p) => `\`${p.value}\``).join(', ') || 'the listed principals'}, anonymous users included.`,
          subject: `${document.address}:${statementLabel(statement)}`,
        });
      }
    }
  },
};
