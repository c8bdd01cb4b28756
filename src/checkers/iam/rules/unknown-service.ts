import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import { actionRef, type IamModel } from '../model';
import { display } from '../values';

export const unknownService: Rule<IamModel> = {
  id: 'iam/unknown-service',
  severity: 'error',
  title: 'Action names a service prefix AWS does not have',
  help:
    'The part before the colon must be a service prefix AWS knows (`ecr`, `s3`, `logs`...). A ' +
    'misspelt or made-up prefix (`ecs-tasks`, `cloudwatch-logs`, `elasticloadbalancingv2`) grants ' +
    'nothing, so the permission the statement means to give is never given. Use the prefix from the ' +
    'Service Authorization Reference; the message suggests the closest one.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "cloudwatch-logs:PutLogEvents", "Resource": "arn:aws:logs:eu-west-1:111122223333:log-group:app:*" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "arn:aws:logs:eu-west-1:111122223333:log-group:app:*" }]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      for (const statement of document.statements) {
        for (const located of [...(statement.actions ?? []), ...(statement.notActions ?? [])]) {
          const ref = actionRef(model.index, located);
          if (ref.unresolved || ref.malformed || ref.matches !== undefined) continue;
          const [closest] = model.index.closest(model.index.serviceNames, ref.service);
          report({
            file: document.file,
            line: located.line,
            message:
              `In ${document.address}, ${statementLabel(statement)}: \`${display(located.value)}\` names the service prefix "${ref.service}", which AWS does not have (data of ${model.index.dataDate})` +
              (closest ? `; did you mean \`${closest}:${ref.pattern}\`?` : '.'),
            subject: `${document.address}:${located.value}`,
          });
        }
      }
    }
  },
};
