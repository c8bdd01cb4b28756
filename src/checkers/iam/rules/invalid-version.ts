import type { Rule } from '../../../engine/rule';
import type { IamModel } from '../model';
import { hasUnresolved } from '../values';

export const VALID_VERSIONS = ['2012-10-17', '2008-10-17'];

export const invalidVersion: Rule<IamModel> = {
  id: 'iam/invalid-version',
  severity: 'error',
  title: 'Policy Version is not one AWS accepts',
  help:
    '`Version` is the policy language version, not a date of your choosing: only "2012-10-17" and ' +
    '"2008-10-17" are accepted, anything else is rejected as MalformedPolicyDocument. Use "2012-10-17".',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2024-01-01",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports" }]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      const version = document.version;
      if (!version || VALID_VERSIONS.includes(version.value) || hasUnresolved(version.value)) continue;
      report({
        file: document.file,
        line: version.line,
        message: `${document.address} has \`Version\` "${version.value}"; AWS accepts only "2012-10-17" (or the old "2008-10-17").`,
        subject: `${document.address}:${version.value}`,
      });
    }
  },
};
