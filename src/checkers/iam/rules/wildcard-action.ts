import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import { actionRefs, allowStatements, hasStarResource, type IamModel } from '../model';

export const wildcardAction: Rule<IamModel> = {
  id: 'iam/wildcard-action',
  severity: 'warning',
  title: 'Allow with a service-wide action wildcard',
  help:
    "`service:*` grants every action of the service, today's and every one AWS adds later, " +
    'including deletes and policy changes. List the actions the workload calls (or a narrow pattern ' +
    'such as `s3:Get*`).',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/*" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::reports/*" }]\n}\n',
  },
  check(model, report) {
    for (const { document, statement } of allowStatements(model)) {
      for (const ref of actionRefs(model, statement)) {
        if (!ref.fullWildcard || ref.unresolved) continue;
        // `*` on `*` is admin-access.
        if (ref.service === '*' && hasStarResource(statement)) continue;
        if (ref.service !== '*' && !ref.matches) continue;
        report({
          file: document.file,
          line: ref.located.line,
          message:
            ref.service === '*'
              ? `In ${document.address}, ${statementLabel(statement)} allows every action of every service ("*").`
              : `In ${document.address}, ${statementLabel(statement)} allows \`${ref.located.value.trim()}\`: all ${ref.matches!.length} ${ref.service} actions, and any added later.`,
          subject: `${document.address}:${statementLabel(statement)}:${ref.located.value}`,
        });
      }
    }
  },
};
