import type { Rule } from '../../../engine/rule';
import type { IamModel } from '../model';

export const duplicateSid: Rule<IamModel> = {
  id: 'iam/duplicate-sid',
  severity: 'warning',
  title: 'Two statements share a Sid',
  help:
    'A `Sid` names a statement and must be unique within the policy; AWS rejects duplicates in ' +
    'several policy kinds (S3 bucket, SNS, SQS policies) and tools that merge or override statements ' +
    'by Sid silently drop one. Give each statement its own Sid.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Sid": "Read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports" },\n    { "Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }\n  ]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports" },\n    { "Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }\n  ]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      const seen = new Map<string, number>();
      for (const statement of document.statements) {
        if (!statement.sid) continue;
        const first = seen.get(statement.sid);
        if (first === undefined) {
          seen.set(statement.sid, statement.line);
          continue;
        }
        report({
          file: document.file,
          line: statement.line,
          message: `${document.address} has a second statement with Sid "${statement.sid}" (the first is at line ${first}).`,
          subject: `${document.address}:${statement.sid}`,
        });
      }
    }
  },
};
