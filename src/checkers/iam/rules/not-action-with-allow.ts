import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import { hasStarResource, type IamModel } from '../model';

export const notActionWithAllow: Rule<IamModel> = {
  id: 'iam/not-action-with-allow',
  severity: 'warning',
  title: 'Allow with NotAction',
  help:
    '`"Effect": "Allow"` with `NotAction` grants every action except the listed ones, including every ' +
    'action AWS adds later; on `"Resource": "*"` that is nearly administrator access. List the actions ' +
    'to allow instead, or use NotAction only in a Deny.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "NotAction": "iam:*", "Resource": "*" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": { "StringNotEquals": { "aws:RequestedRegion": "eu-west-1" } } }]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      for (const statement of document.statements) {
        if (statement.effect !== 'Allow' || !statement.notActions?.length) continue;
        const star = hasStarResource(statement);
        report({
          file: document.file,
          line: statement.notActions[0].line,
          message: `In ${document.address}, ${statementLabel(statement)} allows every action except ${statement.notActions.map((a) => `\`${a.value}\``).join(', ')}${star ? ' on "*": close to administrator access' : ''}.`,
          subject: `${document.address}:${statementLabel(statement)}`,
          severity: star && document.kind === 'identity' ? 'error' : undefined,
        });
      }
    }
  },
};
