import type { Rule } from '../../../engine/rule';
import { isTestData } from '../../../engine/test-data';
import type { TerraformModel } from '../model';

export const stateCommitted: Rule<TerraformModel> = {
  id: 'terraform/state-committed',
  severity: 'error',
  title: 'Terraform state file in the repository',
  help:
    'Terraform state records every attribute of every resource in plain text, including database ' +
    'passwords, private keys and tokens, and git keeps it in history for good. A state file in the ' +
    'repository is also not shared state: two people applying from their own clones overwrite each ' +
    "other's changes, with no lock to stop them. Remove it from git (`git rm --cached <file>`), rotate " +
    'every secret it held (history still has them), ignore `*.tfstate` and `*.tfstate.*` in .gitignore, ' +
    'and keep state in a remote backend that gives sharing, locking, encryption and version history. ' +
    'State files in test data directories (`testdata/`, `fixtures/`) are most often inputs written for ' +
    "a tool's tests: there this is a notice to check that they hold nothing real. A state file with no " +
    'resource and no output (left by `terraform init` or a destroy) leaks nothing yet: a warning, since ' +
    'the next apply in that directory writes into it.',
  check(model, report) {
    const { source, stateFiles, emptyStateFiles } = model.committed;
    const empty = new Set(emptyStateFiles);
    for (const path of stateFiles) {
      if (isTestData(path)) {
        report({
          file: path,
          line: 1,
          message: `\`${path}\` is a Terraform state file in test data: make sure it was written for the tests and holds no real resource's secrets.`,
          subject: path,
          severity: 'notice',
        });
        continue;
      }
      if (empty.has(path)) {
        report({
          file: path,
          line: 1,
          message: `\`${path}\` is an empty Terraform state (no resources, no outputs) ${source === 'git' ? 'tracked by git' : 'that no .gitignore excludes'}: it leaks nothing yet, but the next apply here writes every resource's secrets into it.`,
          subject: path,
          severity: 'warning',
        });
        continue;
      }
      report({
        file: path,
        line: 1,
        message:
          source === 'git'
            ? `\`${path}\` is tracked by git: Terraform state holds resource secrets in plain text.`
            : `\`${path}\` is a Terraform state file that no .gitignore excludes: once committed, its plain-text secrets stay in history.`,
        subject: path,
      });
    }
  },
};
