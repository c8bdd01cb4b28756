import type { Rule } from '../../../engine/rule';
import type { TerraformModel } from '../model';

export const dotTerraformCommitted: Rule<TerraformModel> = {
  id: 'terraform/dotterraform-committed',
  severity: 'warning',
  title: '.terraform/ directory in the repository',
  help:
    '`.terraform/` is the working directory `terraform init` creates on one machine: the backend ' +
    'configuration it was initialised with (credentials passed with `-backend-config` included), ' +
    'downloaded provider binaries and module copies. Committed, it leaks those settings and pins ' +
    "everyone to one person's init. Remove it (`git rm -r --cached .terraform`), add `.terraform/` to " +
    '.gitignore, rotate any credential it held, and commit `.terraform.lock.hcl` instead to pin providers. ' +
    'An error when the cached backend configuration holds a credential (it leaks), a warning otherwise.',
  check(model, report) {
    const { source, dotTerraform } = model.committed;
    for (const { dir, files, cachedCredentials } of dotTerraform) {
      // The cached backend configuration is what leaks; point at it when it is there.
      const shown =
        files.find((f) => f.endsWith('/terraform.tfstate') || f === '.terraform/terraform.tfstate') ??
        files[0];
      const count = files.length === 1 ? '1 file' : `${files.length} files`;
      const leak =
        cachedCredentials.length > 0
          ? ` Its cached backend configuration sets ${cachedCredentials.map((c) => `\`${c}\``).join(', ')}: rotate ${cachedCredentials.length === 1 ? 'that credential' : 'those credentials'}.`
          : '';
      report({
        file: shown,
        line: 1,
        message:
          source === 'git'
            ? `\`${dir}/\` is tracked by git (${count}): it holds the cached backend configuration and downloaded providers.${leak}`
            : `\`${dir}/\` (${count}) is not excluded by any .gitignore: it holds the cached backend configuration and downloaded providers.${leak}`,
        subject: dir,
        severity: cachedCredentials.length > 0 ? 'error' : 'warning',
      });
    }
  },
};
