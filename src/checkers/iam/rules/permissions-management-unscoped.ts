import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import {
  actionRefs,
  allowStatements,
  hasStarResource,
  listForMessage,
  qualified,
  type IamModel,
} from '../model';
import { isDeliberatelyBroad } from './admin-access';
import { escalationActionNames } from './privilege-escalation';

export const permissionsManagementUnscoped: Rule<IamModel> = {
  id: 'iam/permissions-management-unscoped',
  severity: 'error',
  title: 'Policy-changing actions on every resource',
  help:
    'Permissions-management actions change who may do what: `ecr:SetRepositoryPolicy`, ' +
    '`s3:PutBucketPolicy`, `kms:PutKeyPolicy`, `iam:CreatePolicy`, `sns:AddPermission`... On ' +
    '`"Resource": "*"` the principal can open any bucket, key or repository of the account to anyone. ' +
    'Scope them to the resources this principal owns.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["s3:PutBucketPolicy"], "Resource": "*" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["s3:PutBucketPolicy"], "Resource": "arn:aws:s3:::reports" }]\n}\n',
  },
  check(model, report) {
    const escalation = escalationActionNames();
    for (const { document, statement } of allowStatements(model)) {
      if (!hasStarResource(statement) || isDeliberatelyBroad(document)) continue;
      const found: string[] = [];
      let line: number | undefined;
      for (const ref of actionRefs(model, statement)) {
        // `*` and `service:*` are reported by admin-access and wildcard-action.
        if (ref.fullWildcard || !ref.matches) continue;
        for (const action of ref.matches) {
          if (!action.access.includes('P') || action.resourceTypes.length === 0) continue;
          // Letting another account attach a network interface (ECS trunking, EKS) opens no data to anyone.
          if (action.name.endsWith('NetworkInterfacePermission')) continue;
          if (escalation.has(qualified(action).toLowerCase()) || found.includes(qualified(action))) continue;
          found.push(qualified(action));
          line ??= ref.located.line;
        }
      }
      if (found.length === 0) continue;
      report({
        file: document.file,
        line: line!,
        message: `In ${document.address}, ${statementLabel(statement)} allows ${listForMessage(found)} on "*": it can change the access policy of every such resource in the account.`,
        subject: `${document.address}:${statementLabel(statement)}`,
      });
    }
  },
};
