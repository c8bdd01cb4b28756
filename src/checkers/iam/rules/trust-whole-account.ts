import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import { accountOf, type IamModel } from '../model';
import { awsPrincipals, hasNarrowingCondition, trustStatements } from '../trust';
import { display } from '../values';

export function isAccountRoot(principal: string): boolean {
  return /^\d{12}$/.test(principal.trim()) || /^arn:[\w-]+:iam::[^:]+:root$/.test(principal.trim());
}

export const trustWholeAccount: Rule<IamModel> = {
  id: 'iam/trust-whole-account',
  severity: 'warning',
  title: 'Role trusts a whole account without narrowing it',
  help:
    'Trusting `arn:aws:iam::ACCOUNT:root` delegates to that account: every user and role there whose ' +
    'own policy allows `sts:AssumeRole` can assume this role, and you no longer see who. Name the ' +
    'role or user instead, or add a condition on `aws:PrincipalArn`, `sts:ExternalId` or ' +
    '`aws:PrincipalOrgID`.',
  example: {
    file: 'trust-policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::444455556666:root" }, "Action": "sts:AssumeRole" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::444455556666:root" }, "Action": "sts:AssumeRole", "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::444455556666:role/ci-*" } } }]\n}\n',
  },
  check(model, report) {
    for (const { document, statement } of trustStatements(model)) {
      if (hasNarrowingCondition(statement)) continue;
      for (const principal of awsPrincipals(statement)) {
        if (!isAccountRoot(principal.value)) continue;
        report({
          file: document.file,
          line: principal.line,
          message: `In ${document.address}, ${statementLabel(statement)} trusts the whole account ${display(accountOf(principal.value.trim()) ?? principal.value)}: any principal there allowed sts:AssumeRole can assume the role. Name the role, or add an aws:PrincipalArn or sts:ExternalId condition.`,
          subject: `${document.address}:${statementLabel(statement)}:${principal.value}`,
        });
      }
    }
  },
};
