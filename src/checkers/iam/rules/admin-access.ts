import type { Rule } from '../../../engine/rule';
import { statementLabel, type PolicyDocument } from '../document';
import { actionRefs, allowStatements, hasStarResource, type IamModel } from '../model';

/** A role or user whose name says it is meant to be all-powerful. */
const DELIBERATELY_BROAD = /admin|break[-_]?glass|emergency|superuser|root[-_]?access|full[-_]?access/i;

export function isDeliberatelyBroad(document: PolicyDocument): boolean {
  return DELIBERATELY_BROAD.test(
    `${document.principal?.name ?? ''} ${document.principal?.address ?? ''} ${document.address}`,
  );
}

export const adminAccess: Rule<IamModel> = {
  id: 'iam/admin-access',
  severity: 'error',
  title: 'Policy allows every action on every resource',
  help:
    '`"Action": "*"` on `"Resource": "*"` is full administrator access: whoever holds it can read ' +
    'every secret, delete every resource and grant themselves anything else. Grant the actions the ' +
    'workload calls on the resources it uses. A role meant to be an administrator or break-glass ' +
    'role (its name says so) is reported as a notice; attach `AdministratorAccess` to it explicitly.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::reports/*" }]\n}\n',
  },
  check(model, report) {
    for (const { document, statement } of allowStatements(model)) {
      if (!hasStarResource(statement)) continue;
      const star = actionRefs(model, statement).find(
        (r) => r.service === '*' || r.located.value.trim() === '*:*',
      );
      if (!star) continue;
      const broad = isDeliberatelyBroad(document);
      report({
        file: document.file,
        line: star.located.line,
        message:
          `In ${document.address}, ${statementLabel(statement)} allows "*" on "*": full administrator access` +
          (broad
            ? ` (the name ${document.principal?.name ?? document.address} says this is intended; prefer the AWS managed AdministratorAccess policy).`
            : '.'),
        subject: `${document.address}:${statementLabel(statement)}`,
        severity: broad ? 'notice' : undefined,
      });
    }
  },
};
