import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import { actionRef, type IamModel } from '../model';
import { display } from '../values';

export const unknownAction: Rule<IamModel> = {
  id: 'iam/unknown-action',
  severity: 'error',
  title: 'Action does not exist',
  help:
    'AWS ignores actions it does not know, so a misspelt action (`s3:GetObjects`, ' +
    '`ecr:GetAuthorisationToken`) or a pattern that matches nothing (`ecr:Push*`) silently grants ' +
    'nothing, and the job that needs it fails with AccessDenied. Use the exact name from the Service ' +
    'Authorization Reference; the message suggests the closest one. An action newer than the data ' +
    "this check uses may be reported: the message gives the data's date.",
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObjects", "Resource": "arn:aws:s3:::reports/*" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      for (const statement of document.statements) {
        for (const located of [...(statement.actions ?? []), ...(statement.notActions ?? [])]) {
          const ref = actionRef(model.index, located);
          if (ref.malformed && !ref.unresolved) {
            report({
              file: document.file,
              line: located.line,
              message: `In ${document.address}, ${statementLabel(statement)}: \`${display(located.value)}\` is not an action; actions are written \`service:Action\`.`,
              subject: `${document.address}:${located.value}`,
            });
            continue;
          }
          if (!ref.matches || ref.matches.length > 0) continue;
          const actions = model.index.actions(ref.service)!;
          const wildcard = /[*?]/.test(ref.pattern);
          const [closest] = wildcard
            ? []
            : model.index.closest(
                [...actions.values()].map((a) => a.name),
                ref.pattern,
              );
          const service = [...actions.values()][0]?.service ?? ref.service;
          report({
            file: document.file,
            line: located.line,
            message:
              `In ${document.address}, ${statementLabel(statement)}: ` +
              (wildcard
                ? `the pattern \`${display(located.value)}\` matches no ${service} action`
                : `\`${display(located.value)}\` is not an action of ${service}`) +
              ` (AWS data of ${model.index.dataDate}), so it grants nothing` +
              (closest ? `; did you mean \`${service}:${closest}\`?` : '.'),
            subject: `${document.address}:${located.value}`,
          });
        }
      }
    }
  },
};
