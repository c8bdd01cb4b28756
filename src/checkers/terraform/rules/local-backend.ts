import type { Rule } from '../../../engine/rule';
import { isExampleOrTest, settingValue, type TerraformModel } from '../model';

export const localBackend: Rule<TerraformModel> = {
  id: 'terraform/local-backend',
  severity: 'warning',
  title: 'Root module uses the local backend',
  help:
    '`backend "local"` keeps state in a file on the machine that runs Terraform, which is no better ' +
    'than having no backend: nobody else can share it, its lock only works on that one machine, its ' +
    'plain-text secrets sit on disk, and there is no history to restore from. Replace it with a ' +
    'remote backend (`s3` with `use_lockfile = true` and `encrypt = true`, `gcs`, `azurerm`, or a ' +
    '`cloud` block) and run `terraform init -migrate-state`. A warning where most root modules of the ' +
    'repository keep remote state; a notice where none or few do, as in tutorials and demos that keep ' +
    'local state on purpose, and in the examples and test fixtures of a module or a tool.',
  example: {
    file: 'main.tf',
    bad: 'terraform {\n  backend "local" {\n    path = "state/terraform.tfstate"\n  }\n}\n',
    good: 'terraform {\n  backend "gcs" {\n    bucket = "acme-terraform-state"\n    prefix = "network"\n  }\n}\n',
  },
  check(model, report) {
    const practice = model.statePractice;
    for (const backend of model.backends) {
      if (backend.kind !== 'backend' || backend.type !== 'local' || !backend.module.isRoot) continue;
      const configured = backend.settings[0] ? settingValue(backend.settings[0], 'path') : undefined;
      const path = typeof configured === 'string' ? configured : 'terraform.tfstate';
      // A fixture applied by tests keeps local state so that the tests need no cloud account.
      const live = practice.isRemote && !isExampleOrTest(backend.module, model.root);
      report({
        file: backend.file.path,
        line: backend.block.line,
        message: `\`backend "local"\` keeps state in \`${path}\` on the machine that runs Terraform: no sharing, no locking across machines, no history${live ? ` (${practice.remote.length} of the repository's ${practice.live.length} root modules keep remote state)` : ''}.`,
        severity: live ? 'warning' : 'notice',
        subject: `${backend.module.dir}:backend.local`,
      });
    }
  },
};
