import type { Rule } from '../../../engine/rule';
import type { TerraformModel } from '../model';
import { admitsVersionFrom } from '../version-constraint';

/** Backends Terraform 1.3 removed. */
const REMOVED = new Set(['artifactory', 'etcd', 'etcdv3', 'manta', 'swift']);

/** Old names Terraform 1.3 stopped accepting, with the name of the same backend today. */
const RENAMED: Record<string, string> = { azure: 'azurerm' };

export const removedBackend: Rule<TerraformModel> = {
  id: 'terraform/removed-backend',
  severity: 'error',
  title: 'Backend removed from Terraform',
  help:
    'Terraform 1.3 removed the artifactory, etcd, etcdv3, manta and swift backends: `terraform init` ' +
    'fails with them on 1.3 and later, so this configuration is stuck on an unsupported Terraform. ' +
    'Move the state: with the old version run `terraform state pull > terraform.tfstate`, configure a ' +
    'supported backend (s3, gcs, azurerm, consul, pg, http, or a `cloud` block), run `terraform init`, ' +
    'then `terraform state push terraform.tfstate` and delete the local copy. The same release dropped ' +
    '`azure`, the old name of `azurerm`: there the fix is to rename the block and run `terraform init -reconfigure`. ' +
    'A module whose `required_version` admits no release from 1.3 on still initialises on the old ' +
    'version it is held to: there this is a notice about the upgrade to come.',
  example: {
    file: 'main.tf',
    bad: 'terraform {\n  backend "etcdv3" {\n    endpoints = ["etcd-1:2379"]\n    prefix    = "terraform-state/"\n  }\n}\n',
    good: 'terraform {\n  backend "consul" {\n    address = "consul.internal:8500"\n    path    = "terraform/network"\n  }\n}\n',
  },
  check(model, report) {
    for (const backend of model.backends) {
      if (backend.kind !== 'backend') continue;
      const renamed = RENAMED[backend.type];
      if (!renamed && !REMOVED.has(backend.type)) continue;
      const constraints = backend.module.requiredVersions.map((r) => r.constraint);
      const heldBack = constraints.length > 0 && admitsVersionFrom(constraints, [1, 3, 0]) === false;
      if (heldBack) {
        report({
          file: backend.file.path,
          line: backend.block.line,
          message: `\`backend "${backend.type}"\` works only because \`required_version\` (${constraints.map((c) => `"${c}"`).join(', ')}) holds this module before Terraform 1.3, which ${renamed ? `renamed it \`${renamed}\`` : 'removed it'}: upgrading Terraform means moving the state first.`,
          subject: `${backend.module.dir}:backend.${backend.type}`,
          severity: 'notice',
        });
        continue;
      }
      report({
        file: backend.file.path,
        line: backend.block.line,
        message: renamed
          ? `\`backend "${backend.type}"\` is the old name of \`backend "${renamed}"\`, which Terraform 1.3 no longer accepts: rename the block.`
          : `\`backend "${backend.type}"\` was removed in Terraform 1.3: \`terraform init\` fails on every current version.`,
        subject: `${backend.module.dir}:backend.${backend.type}`,
      });
    }
  },
};
