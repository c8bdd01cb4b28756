import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import type { IamModel } from '../model';

export const mfaAntiPattern: Rule<IamModel> = {
  id: 'iam/mfa-anti-pattern',
  severity: 'warning',
  title: 'MFA condition that does not enforce MFA',
  help:
    '`aws:MultiFactorAuthPresent` is absent for long-term access keys, so a Deny with ' +
    '`"Bool": {"aws:MultiFactorAuthPresent": "false"}` never applies to them (use `BoolIfExists`), ' +
    'and an Allow with `"Null": {"aws:MultiFactorAuthPresent": "false"}` is true for any temporary ' +
    'credentials, with or without MFA (use `"Bool": {"aws:MultiFactorAuthPresent": "true"}`).',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "false" } } }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } } }]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      for (const statement of document.statements) {
        for (const condition of statement.conditions) {
          if (condition.key.toLowerCase() !== 'aws:multifactorauthpresent') continue;
          const isFalse = condition.values.some((v) => v.value.toLowerCase() === 'false');
          let problem: string | undefined;
          if (statement.effect === 'Deny' && condition.operator === 'Bool' && isFalse)
            problem =
              'denies with `Bool` aws:MultiFactorAuthPresent "false", which never applies to long-term access keys (the key is absent); use `BoolIfExists`';
          if (statement.effect === 'Allow' && condition.operator === 'Null' && isFalse)
            problem =
              'allows with `Null` aws:MultiFactorAuthPresent "false", which holds for any temporary credentials, MFA or not; use `Bool` "true"';
          if (!problem) continue;
          report({
            file: document.file,
            line: condition.line,
            message: `In ${document.address}, ${statementLabel(statement)} ${problem}.`,
            subject: `${document.address}:${statementLabel(statement)}`,
          });
        }
      }
    }
  },
};
