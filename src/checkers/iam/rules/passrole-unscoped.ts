import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import { actionRefs, allowStatements, conditionOn, hasStarResource, type IamModel } from '../model';
import { isDeliberatelyBroad } from './admin-access';

export const passroleUnscoped: Rule<IamModel> = {
  id: 'iam/passrole-unscoped',
  severity: 'error',
  title: 'iam:PassRole on every role',
  help:
    '`iam:PassRole` on `"Resource": "*"` lets the principal hand any role of the account, ' +
    'administrator roles included, to a service it controls (an EC2 instance, a Lambda function, an ' +
    "ECS task) and act with that role's permissions. Scope it to the roles it must pass " +
    '(`arn:aws:iam::ACCOUNT:role/app-*`) and add an `iam:PassedToService` condition.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app-task", "Condition": { "StringEquals": { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } }]\n}\n',
  },
  check(model, report) {
    for (const { document, statement } of allowStatements(model)) {
      if (
        !hasStarResource(statement) ||
        conditionOn(statement, 'iam:PassedToService') ||
        isDeliberatelyBroad(document)
      )
        continue;
      for (const ref of actionRefs(model, statement)) {
        if (ref.service === '*' || !ref.matches?.some((a) => a.service === 'iam' && a.name === 'PassRole'))
          continue;
        report({
          file: document.file,
          line: ref.located.line,
          message: `In ${document.address}, ${statementLabel(statement)}: \`${ref.located.value.trim()}\` grants iam:PassRole on "*" without an iam:PassedToService condition: any role, administrator roles included, can be passed to a service this principal controls.`,
          subject: `${document.address}:${statementLabel(statement)}`,
        });
        break;
      }
    }
  },
};
