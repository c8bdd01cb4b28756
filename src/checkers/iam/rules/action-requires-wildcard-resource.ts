import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import {
  actionRefs,
  hasStarResource,
  listForMessage,
  qualified,
  resourceFitsTemplate,
  type IamModel,
} from '../model';
import { display, hasUnresolved } from '../values';
import { tokenStatementSuggestion } from '../suggestions';

export const actionRequiresWildcardResource: Rule<IamModel> = {
  id: 'iam/action-requires-wildcard-resource',
  severity: 'error',
  title: 'Action that only takes Resource "*" is scoped to an ARN',
  help:
    'Some actions have no resource-level permissions: `ecr:GetAuthorizationToken`, ' +
    '`sts:GetCallerIdentity`, `ec2:Describe*`, `logs:DescribeLogGroups`... AWS authorizes them ' +
    'against `*` only, so in a statement whose Resource is an ARN they are never granted: ' +
    '`aws ecr get-login-password` then fails with AccessDenied although the policy seems to allow it. ' +
    'Move such actions to their own statement with `"Resource": "*"`.',
  example: {
    file: 'ecr-push-policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],\n      "Resource": "arn:aws:ecr:eu-west-1:111122223333:repository/web"\n    }\n  ]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*" },\n    {\n      "Effect": "Allow",\n      "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],\n      "Resource": "arn:aws:ecr:eu-west-1:111122223333:repository/web"\n    }\n  ]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      if (document.kind !== 'identity') continue;
      for (const statement of document.statements) {
        if (statement.effect !== 'Allow' || !statement.resources || statement.resources.length === 0)
          continue;
        if (
          hasStarResource(statement) ||
          statement.resources.some((r) => hasUnresolved(r.value) && r.value.trim().length <= 2)
        )
          continue;
        for (const ref of actionRefs(model, statement)) {
          // Only actions named one by one: a pattern such as `ecr:*` scoped to a repository is a deliberate choice.
          if (!ref.matches || ref.matches.length !== 1 || /[*?]/.test(ref.pattern)) continue;
          const action = ref.matches[0];
          if (action.resourceTypes.length > 0) continue;
          // A resource type of the service that no action of the data uses means the data is missing
          // the action's resource types: then the ARN may well be right.
          if (statement.resources.some((r) => fitsOrphanType(model, action.service, r.value.trim())))
            continue;
          const resources = statement.resources.map((r) => display(r.value));
          report({
            file: document.file,
            line: ref.located.line,
            message:
              `In ${document.address}, ${statementLabel(statement)}: \`${qualified(action)}\` does not support resource-level permissions, ` +
              `so scoped to ${listForMessage(resources, 2)} it is never granted. Move it to its own statement with "Resource": "*".`,
            subject: `${document.address}:${statementLabel(statement)}:${qualified(action)}`,
            suggestion: tokenStatementSuggestion(model, document, statement, ref.located),
          });
        }
      }
    }
  },
};

const orphanCache = new WeakMap<object, Map<string, string[]>>();

/** ARN templates of the service's resource types that no action of the data lists. */
function orphanTemplates(model: IamModel, service: string): string[] {
  let byService = orphanCache.get(model.index);
  if (!byService) {
    byService = new Map();
    orphanCache.set(model.index, byService);
  }
  let templates = byService.get(service);
  if (!templates) {
    const entry = model.index.service(service);
    const used = new Set(Object.values(entry?.a ?? {}).flatMap(([, ...types]) => types));
    templates = Object.entries(entry?.r ?? {})
      .filter(([type]) => !used.has(type))
      .map(([, template]) => template);
    byService.set(service, templates);
  }
  return templates;
}

function fitsOrphanType(model: IamModel, service: string, resource: string): boolean {
  return orphanTemplates(model, service).some((template) => resourceFitsTemplate(resource, template));
}
