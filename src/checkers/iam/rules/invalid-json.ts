import type { Rule } from '../../../engine/rule';
import type { IamModel } from '../model';

export const invalidJson: Rule<IamModel> = {
  id: 'iam/invalid-json',
  severity: 'error',
  title: 'Policy is not valid JSON',
  help:
    'AWS parses policies as strict JSON: comments, trailing commas, single quotes and unquoted keys ' +
    'make `put-role-policy`, Terraform and CloudFormation fail with MalformedPolicyDocument. Remove ' +
    'them (a JSON formatter or `jq .` finds the exact spot).',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "arn:aws:s3:::reports/*",\n    }\n  ]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "arn:aws:s3:::reports/*"\n    }\n  ]\n}\n',
  },
  check(model, report) {
    for (const problem of model.extraction.invalidJson) report(problem);
  },
};
