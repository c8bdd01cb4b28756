import type { Rule } from '../../../engine/rule';
import { isTestData } from '../../../engine/test-data';
import type { TerraformModel } from '../model';

export const planCommitted: Rule<TerraformModel> = {
  id: 'terraform/plan-committed',
  severity: 'error',
  title: 'Saved Terraform plan in the repository',
  help:
    'A plan saved with `terraform plan -out` is a zip archive holding the whole configuration, the ' +
    'prior state and every planned value in plain text, sensitive ones included (database passwords, ' +
    'generated keys, tokens): committing it leaks what a committed state file leaks, and git keeps it ' +
    'in history. It is also useless to others: `terraform apply` refuses a plan made against a state ' +
    'that has changed since. Remove it (`git rm --cached <file>`), rotate the secrets it held, ignore ' +
    '`*.tfplan` in .gitignore, and pass plans between CI jobs as short-lived, access-controlled ' +
    'artifacts. Plans in test data directories (`testdata/`, `fixtures/`) are notices: most are ' +
    "inputs written for a tool's tests.",
  check(model, report) {
    const { source, planFiles } = model.committed;
    for (const path of planFiles) {
      const testData = isTestData(path);
      report({
        file: path,
        line: 1,
        message: testData
          ? `\`${path}\` is a saved Terraform plan in test data: make sure it was made for the tests and holds no real secrets.`
          : source === 'git'
            ? `\`${path}\` is a saved Terraform plan tracked by git: it holds the configuration, the prior state and the planned values, secrets included, in plain text.`
            : `\`${path}\` is a saved Terraform plan that no .gitignore excludes: once committed, the state and secrets it holds stay in history.`,
        subject: path,
        ...(testData ? { severity: 'notice' as const } : {}),
      });
    }
  },
};
