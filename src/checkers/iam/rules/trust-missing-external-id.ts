import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import { accountOf, conditionOn, type IamModel } from '../model';
import { awsPrincipals, trustStatements } from '../trust';
import { hasUnresolved } from '../values';

export const trustMissingExternalId: Rule<IamModel> = {
  id: 'iam/trust-missing-external-id',
  severity: 'warning',
  title: 'Third-party account trusted without an ExternalId',
  help:
    'When a role trusts an account that is not yours (a vendor, a SaaS), that account acts for many ' +
    'customers; without an `sts:ExternalId` condition, another customer can make it assume your role ' +
    '(the confused-deputy problem). Add `"Condition": {"StringEquals": {"sts:ExternalId": "..."}}` with ' +
    'the id the third party gave you. Only reported when `iam.own-accounts` lists your accounts.',
  example: {
    file: 'trust-policy.json',
    config: 'iam:\n  own-accounts: ["111122223333"]\n',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::999988887777:role/vendor-scanner" }, "Action": "sts:AssumeRole" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::999988887777:role/vendor-scanner" }, "Action": "sts:AssumeRole", "Condition": { "StringEquals": { "sts:ExternalId": "a1b2c3d4" } } }]\n}\n',
  },
  check(model, report) {
    if (model.ownAccounts.length === 0) return;
    for (const { document, statement } of trustStatements(model)) {
      if (conditionOn(statement, 'sts:ExternalId')) continue;
      for (const principal of awsPrincipals(statement)) {
        const account = accountOf(principal.value.trim());
        if (!account || hasUnresolved(account) || account === 'aws' || model.ownAccounts.includes(account))
          continue;
        report({
          file: document.file,
          line: principal.line,
          message: `In ${document.address}, ${statementLabel(statement)} trusts account ${account}, which is not in iam.own-accounts, without an sts:ExternalId condition.`,
          subject: `${document.address}:${statementLabel(statement)}:${account}`,
        });
      }
    }
  },
};
