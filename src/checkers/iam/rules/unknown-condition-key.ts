import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import type { IamModel } from '../model';
import { hasUnresolved } from '../values';

/** Keys of identity providers (`token.actions.githubusercontent.com:sub`, `saml:aud`, an EKS issuer...). */
export function isProviderKey(key: string): boolean {
  const prefix = key.slice(0, key.lastIndexOf(':'));
  return prefix.includes('.') || prefix.includes('/') || prefix === 'saml';
}

export const unknownConditionKey: Rule<IamModel> = {
  id: 'iam/unknown-condition-key',
  severity: 'warning',
  title: 'Condition key AWS does not know',
  help:
    'A condition on a key AWS does not set is never satisfied (or, with `...IfExists` and negated ' +
    'operators, always is), so the statement does not do what it says. Use a global key ' +
    "(`aws:SourceIp`, `aws:PrincipalOrgID`...), a key of the action's service, or an identity " +
    "provider's key; check the spelling against the Service Authorization Reference.",
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*", "Condition": { "IpAddress": { "aws:SourceIP4": "203.0.113.0/24" } } }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*", "Condition": { "IpAddress": { "aws:SourceIp": "203.0.113.0/24" } } }]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      for (const statement of document.statements) {
        for (const condition of statement.conditions) {
          const key = condition.key;
          if (hasUnresolved(key) || key.includes('${') || !key.includes(':') || isProviderKey(key)) continue;
          if (model.index.conditionKeyType(key) !== undefined) continue;
          const service = key.slice(0, key.indexOf(':'));
          const known = model.index.service(service);
          const candidates = known
            ? Object.keys(known.c)
            : service.toLowerCase() === 'aws'
              ? Object.keys(model.index.data.globalConditionKeys)
              : [];
          const [closest] = model.index.closest(candidates, key);
          report({
            file: document.file,
            line: condition.line,
            message:
              `In ${document.address}, ${statementLabel(statement)}: the condition key \`${key}\` is not a key AWS sets (data of ${model.index.dataDate})` +
              (closest ? `; did you mean \`${closest}\`?` : '.'),
            subject: `${document.address}:${statementLabel(statement)}:${key}`,
          });
        }
      }
    }
  },
};
