import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import {
  allowStatements,
  hasConditions,
  hasStarResource,
  listForMessage,
  namedActions,
  type IamModel,
} from '../model';

const DATA_READS = new Set(
  [
    's3:GetObject',
    's3:GetObjectVersion',
    'secretsmanager:GetSecretValue',
    'ssm:GetParameter',
    'ssm:GetParameters',
    'ssm:GetParametersByPath',
    'kms:Decrypt',
  ].map((a) => a.toLowerCase()),
);

export const dataReadUnscoped: Rule<IamModel> = {
  id: 'iam/data-read-unscoped',
  severity: 'warning',
  title: 'Reads secrets or data on every resource',
  help:
    '`s3:GetObject`, `secretsmanager:GetSecretValue`, `ssm:GetParameter*` and `kms:Decrypt` on ' +
    '`"Resource": "*"` let the principal read every object, secret, parameter and encrypted value ' +
    'of the account: a leaked credential of this principal leaks all of them. Scope them to the ' +
    'buckets, secrets, parameter paths and keys the workload reads.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": "*" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:web/*" }]\n}\n',
  },
  check(model, report) {
    for (const { document, statement } of allowStatements(model)) {
      if (!hasStarResource(statement) || hasConditions(statement)) continue;
      const found = namedActions(model, statement, (_, name) => DATA_READS.has(name.toLowerCase()));
      if (!found) continue;
      report({
        file: document.file,
        line: found.line,
        message: `In ${document.address}, ${statementLabel(statement)} allows ${listForMessage(found.names)} on "*": every object, secret or key of the account can be read.`,
        subject: `${document.address}:${statementLabel(statement)}`,
      });
    }
  },
};
