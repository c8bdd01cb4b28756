import type { Rule } from '../../../engine/rule';
import type { IamModel } from '../model';

/** `${aws:username}`, `${aws:PrincipalTag/team}`, `${saml:sub}`...: a policy variable, not a template. */
/** `${AWS::Region}` (a CloudFormation pseudo parameter, two colons) is not one. */
const POLICY_VARIABLE = /\$\{[A-Za-z0-9.-]+:(?!:)[^}]+\}/;

export const variablesNeed2012Version: Rule<IamModel> = {
  id: 'iam/variables-need-2012-version',
  severity: 'error',
  title: 'Policy variables without Version 2012-10-17',
  help:
    'Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`) are only substituted under ' +
    '`"Version": "2012-10-17"`. With "2008-10-17" or no Version they are literal text, so the ' +
    'statement matches a resource literally named `${aws:username}` and grants nothing it was meant ' +
    'to. Set "Version": "2012-10-17".',
  example: {
    file: 'policy.json',
    bad: '{\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*" }]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      if (document.version?.value === '2012-10-17') continue;
      if (document.version && document.version.value !== '2008-10-17') continue;
      for (const statement of document.statements) {
        const values = [
          ...(statement.resources ?? []),
          ...(statement.notResources ?? []),
          ...statement.conditions.flatMap((c) => c.values),
        ];
        const found = values.find((v) => POLICY_VARIABLE.test(v.value));
        if (!found) continue;
        const variable = POLICY_VARIABLE.exec(found.value)![0];
        report({
          file: document.file,
          line: found.line,
          message: `${document.address} uses the policy variable \`${variable}\` but its Version is ${document.version ? `"${document.version.value}"` : 'missing'}: AWS reads it as literal text. Set "Version": "2012-10-17".`,
          subject: `${document.address}:${variable}`,
        });
        break;
      }
    }
  },
};
