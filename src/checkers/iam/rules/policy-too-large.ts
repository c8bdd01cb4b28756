import type { Rule } from '../../../engine/rule';
import type { SizeClass } from '../document';
import type { IamModel } from '../model';

/** AWS's limits on non-whitespace characters, by where the policy goes. */
export const SIZE_LIMITS: Record<SizeClass, number | undefined> = {
  managed: 6144,
  'inline-role': 10240,
  'inline-user': 2048,
  'inline-group': 5120,
  trust: 2048,
  // Where a standalone identity policy goes is not known: the largest identity limit applies.
  unknown: 10240,
  // Resource policies differ by service (S3 20 KB, KMS 32 KB...): checked against the largest.
  resource: 32768,
};

export const policyTooLarge: Rule<IamModel> = {
  id: 'iam/policy-too-large',
  severity: 'error',
  title: 'Policy exceeds the size AWS accepts',
  help:
    "AWS counts a policy's characters without whitespace and rejects it past the limit of its kind: " +
    'managed policies 6,144, inline role policies 10,240 (all inline policies of a role together), ' +
    'user 2,048, group 5,120, trust policies 2,048 by default (a quota raise allows 4,096). Split it ' +
    'into several managed policies, or use wildcards that the data confirms match only what you need.',
  example: {
    file: 'trust-policy.json',
    bad: `{\n  "Version": "2012-10-17",\n  "Statement": [\n${Array.from({ length: 40 }, (_, i) => `    { "Sid": "Deploy${i}", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/deployer-${i}" }, "Action": "sts:AssumeRole" }`).join(',\n')}\n  ]\n}\n`,
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/deployer" }, "Action": "sts:AssumeRole" }\n  ]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      const limit = SIZE_LIMITS[document.kind === 'trust' ? 'trust' : document.sizeClass];
      if (!limit || document.size <= limit) continue;
      report({
        file: document.file,
        line: document.line,
        message: `${document.address} is about ${document.size.toLocaleString('en-US')} characters without whitespace; AWS accepts at most ${limit.toLocaleString('en-US')} for a ${document.kind === 'trust' ? 'trust' : document.sizeClass.replace('-', ' ')} policy.`,
        subject: document.address,
      });
    }
  },
};
