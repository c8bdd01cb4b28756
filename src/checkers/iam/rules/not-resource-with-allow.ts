import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import type { IamModel } from '../model';

export const notResourceWithAllow: Rule<IamModel> = {
  id: 'iam/not-resource-with-allow',
  severity: 'warning',
  title: 'Allow with NotResource',
  help:
    '`"Effect": "Allow"` with `NotResource` grants the actions on every resource except the listed ' +
    'ones, including resources created later and in other services. List the resources to allow ' +
    'instead.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::payroll/*" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      for (const statement of document.statements) {
        if (statement.effect !== 'Allow' || !statement.notResources?.length) continue;
        report({
          file: document.file,
          line: statement.notResources[0].line,
          message: `In ${document.address}, ${statementLabel(statement)} allows its actions on every resource except ${statement.notResources.map((r) => `\`${r.value}\``).join(', ')}.`,
          subject: `${document.address}:${statementLabel(statement)}`,
        });
      }
    }
  },
};
