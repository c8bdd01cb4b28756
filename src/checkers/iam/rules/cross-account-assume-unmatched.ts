import type { Rule } from '../../../engine/rule';
import { statementLabel, type PolicyDocument } from '../document';
import { accountOf, actionRefs, conditionOn, resourceFitsTemplate, type IamModel } from '../model';
import { awsPrincipals, trustStatements } from '../trust';
import { hasUnresolved, UNRESOLVED } from '../values';

/** Accounts named in a document's ARNs (resources and principals). */
function accountsIn(document: PolicyDocument): Set<string> {
  const out = new Set<string>();
  for (const statement of document.statements) {
    for (const value of [...(statement.resources ?? []), ...(statement.principals ?? [])]) {
      const account = accountOf(value.value.trim());
      if (account && !hasUnresolved(account) && !account.includes('*') && account !== 'aws') out.add(account);
    }
  }
  return out;
}

/** Identity documents that allow sts:AssumeRole on something the role ARN pattern can be. */
function assumers(model: IamModel, roleArn: string): PolicyDocument[] {
  return model.documents.filter(
    (d) =>
      d.kind === 'identity' &&
      d.statements.some(
        (s) =>
          s.effect === 'Allow' &&
          actionRefs(model, s).some((r) =>
            r.matches?.some((a) => a.service === 'sts' && a.name === 'AssumeRole'),
          ) &&
          (s.resources ?? []).some((r) => resourceFitsTemplate(r.value.trim(), roleArn)),
      ),
  );
}

export const crossAccountAssumeUnmatched: Rule<IamModel> = {
  id: 'iam/cross-account-assume-unmatched',
  severity: 'warning',
  title: 'Cross-account role assumption is granted on one side only',
  help:
    "Assuming a role in another account takes two grants: the role's trust policy must name the " +
    "principal, and the principal's own identity policy (in its account) must allow `sts:AssumeRole` " +
    "on the role's ARN. With only one of them, `aws sts assume-role` fails with AccessDenied. Add the " +
    'missing side; when it lives in another repository, this is reported as a notice to check it there.',
  example: {
    file: 'iam/trust-policy.json',
    files: {
      'iam/ecr-pull-policy.json':
        '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*" },\n    { "Effect": "Allow", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Resource": "arn:aws:ecr:eu-west-1:111122223333:repository/web" }\n  ]\n}\n',
    },
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::444455556666:user/ci" }, "Action": "sts:AssumeRole" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:user/ci" }, "Action": "sts:AssumeRole" }]\n}\n',
  },
  check(model, report) {
    for (const { document: trust, statement } of trustStatements(model)) {
      // An ExternalId marks a third party (a vendor): its side is not the repository's to hold.
      if (conditionOn(statement, 'sts:ExternalId')) continue;
      // The role's own account: configured, or what its other documents (same role, or same directory for JSON files) name.
      const ownAccounts = new Set(model.ownAccounts);
      const related = model.documents.filter(
        (d) =>
          d !== trust &&
          d.kind !== 'trust' &&
          (trust.principal
            ? d.principal?.name === trust.principal.name
            : d.file.slice(0, d.file.lastIndexOf('/')) === trust.file.slice(0, trust.file.lastIndexOf('/'))),
      );
      for (const d of related) for (const account of accountsIn(d)) ownAccounts.add(account);
      if (ownAccounts.size === 0) continue;
      for (const principal of awsPrincipals(statement)) {
        const value = principal.value.trim();
        const match = /^arn:[\w-]+:iam::([^:]+):(user|role)\/(?:.*\/)?([^/]+)$/.exec(value);
        if (!match || hasUnresolved(value)) continue;
        const [, account, type, name] = match;
        if (ownAccounts.has(account)) continue;
        const roleAccount = ownAccounts.size === 1 ? [...ownAccounts][0] : UNRESOLVED;
        const roleArn = `arn:aws:iam::${roleAccount}:role/${trust.principal?.name ?? UNRESOLVED}`;
        if (assumers(model, roleArn).length > 0) continue;
        const ownPolicies = model.documents.filter(
          (d) => d.kind === 'identity' && d.principal?.type === type && d.principal.name === name,
        );
        const role = trust.principal ? `the role ${trust.principal.name}` : 'this role';
        report({
          file: trust.file,
          line: principal.line,
          message:
            ownPolicies.length > 0
              ? `In ${trust.address}, ${statementLabel(statement)} lets ${type} ${name} of account ${account} assume ${role}, but the ${type}'s policies in the repository (${ownPolicies.map((d) => d.address).join(', ')}) do not allow sts:AssumeRole on it: the assume-role call fails.`
              : `In ${trust.address}, ${statementLabel(statement)} lets ${type} ${name} of account ${account} assume ${role}; that ${type} also needs an identity policy in account ${account} allowing sts:AssumeRole on ${role}, and the repository holds none. Check it exists there.`,
          subject: `${trust.address}:${value}`,
          severity: ownPolicies.length > 0 ? undefined : 'notice',
        });
      }
    }

    // The reverse: a principal's policy assumes a role whose trust, in the repository, does not admit it.
    for (const document of model.documents) {
      if (document.kind !== 'identity' || !document.principal) continue;
      const self = document.principal;
      for (const statement of document.statements) {
        if (
          statement.effect !== 'Allow' ||
          !actionRefs(model, statement).some((r) =>
            r.matches?.some((a) => a.service === 'sts' && a.name === 'AssumeRole'),
          )
        )
          continue;
        for (const resource of statement.resources ?? []) {
          const target = /:role\/(?:.*\/)?([^/*]+)$/.exec(resource.value.trim());
          if (!target) continue;
          const role = model.extraction.roles.find((r) => r.name === target[1] && r.trust);
          if (!role?.trust) continue;
          const admitted = role.trust.statements.some(
            (s) =>
              s.effect === 'Allow' &&
              awsPrincipals(s).some((p) => {
                const v = p.value.trim();
                return (
                  v === '*' ||
                  hasUnresolved(v) ||
                  /:root$/.test(v) ||
                  /^\d{12}$/.test(v) ||
                  new RegExp(`:${self.type}/(.*/)?${self.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).test(
                    v,
                  )
                );
              }),
          );
          if (admitted) continue;
          report({
            file: document.file,
            line: resource.line,
            message: `In ${document.address}, ${statementLabel(statement)} lets ${self.type} ${self.name} assume the role ${role.name}, but that role's trust policy (${role.trust.address}) does not admit it: the assume-role call fails.`,
            subject: `${document.address}:${resource.value}`,
          });
        }
      }
    }
  },
};
