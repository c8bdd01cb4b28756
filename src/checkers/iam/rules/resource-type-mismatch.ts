import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import { actionRefs, listForMessage, qualified, resourceFitsTemplate, type IamModel } from '../model';
import { display } from '../values';

export const resourceTypeMismatch: Rule<IamModel> = {
  id: 'iam/resource-type-mismatch',
  severity: 'error',
  title: 'No listed resource fits the action',
  help:
    'Each action applies to certain resource types: `s3:GetObject` to objects ' +
    '(`arn:aws:s3:::bucket/key`), `s3:ListBucket` to buckets (`arn:aws:s3:::bucket`). When none of ' +
    "the statement's resources has a shape the action accepts, the action is never granted. Add the " +
    'resource of the right type (for objects, `arn:aws:s3:::bucket/*`), usually in the same statement.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::reports" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::reports/*" }]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      if (document.kind !== 'identity') continue;
      for (const statement of document.statements) {
        const resources = statement.resources;
        if (statement.effect !== 'Allow' || !resources || resources.length === 0) continue;
        for (const ref of actionRefs(model, statement)) {
          if (!ref.matches || ref.matches.length !== 1 || /[*?]/.test(ref.pattern)) continue;
          const action = ref.matches[0];
          if (action.resourceTypes.length === 0) continue;
          const templates = action.resourceTypes.map((t) => model.index.arnTemplate(action.service, t));
          if (templates.some((t) => t === undefined)) continue;
          const fits = resources.some((r) => templates.some((t) => resourceFitsTemplate(r.value.trim(), t!)));
          if (fits) continue;
          // Only when every resource is a shape the data knows for its service: AWS accepts some ARNs
          // the data does not list (CloudFormation transforms for CreateChangeSet, say).
          if (!resources.every((r) => knownShape(model, r.value.trim()))) continue;
          report({
            file: document.file,
            line: ref.located.line,
            message:
              `In ${document.address}, ${statementLabel(statement)}: \`${qualified(action)}\` applies to ${listForMessage(action.resourceTypes, 3)} ` +
              `(${listForMessage(templates as string[], 2)}), and none of ${listForMessage(
                resources.map((r) => display(r.value)),
                3,
              )} has that shape, so it is never granted.`,
            subject: `${document.address}:${statementLabel(statement)}:${qualified(action)}`,
          });
        }
      }
    }
  },
};

/** The resource fits some resource type of the service its ARN names. */
function knownShape(model: IamModel, resource: string): boolean {
  const service = resource.split(':')[2];
  if (!service || !resource.startsWith('arn:')) return false;
  const entry = model.index.service(service);
  if (!entry) return false;
  return Object.values(entry.r).some((template) => resourceFitsTemplate(resource, template));
}
