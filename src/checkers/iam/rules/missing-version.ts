import type { Rule } from '../../../engine/rule';
import type { IamModel } from '../model';

export const missingVersion: Rule<IamModel> = {
  id: 'iam/missing-version',
  // Access Analyzer calls this a suggestion: harmful only with policy variables, which variables-need-2012-version reports.
  severity: 'notice',
  title: 'Policy has no Version',
  help:
    'Without `"Version": "2012-10-17"` AWS reads the policy with the 2008-10-17 language, where policy ' +
    'variables such as `${aws:username}` are literal text and some features are missing. Add ' +
    '`"Version": "2012-10-17"` at the top.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Statement": [{ "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports" }]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      if (document.version || document.value.kind !== 'object') continue;
      report({
        file: document.file,
        line: document.line,
        message: `${document.address} has no \`Version\`, so AWS reads it as 2008-10-17: add "Version": "2012-10-17".`,
        subject: document.address,
      });
    }
  },
};
