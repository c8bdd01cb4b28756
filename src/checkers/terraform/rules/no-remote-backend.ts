import type { Rule } from '../../../engine/rule';
import { dirOf, displayDir, type TerraformModel, type TerraformModule } from '../model';

export const noRemoteBackend: Rule<TerraformModel> = {
  id: 'terraform/no-remote-backend',
  severity: 'warning',
  title: 'Root module keeps its state locally',
  help:
    'Without a `backend` or `cloud` block, `terraform apply` writes state to a local terraform.tfstate ' +
    'on whoever ran it. Colleagues and CI cannot see or share it (collaboration); nothing stops two ' +
    'applies at once from corrupting it (locking); its plain-text secrets sit on a laptop or get ' +
    'committed (secure storage); and an overwritten or deleted file leaves Terraform blind to what it ' +
    'manages, with no earlier copy to restore (versioning). Add a remote backend, e.g. `backend "s3"` ' +
    'with `use_lockfile = true` and `encrypt = true`, `gcs`, `azurerm`, or a `cloud` block, then run ' +
    '`terraform init -migrate-state`. A module Terragrunt deploys gets its backend from `remote_state` ' +
    'instead, which counts as long as some Terragrunt file of the repository sets it. Examples and test ' +
    'fixtures of a reusable module (under `examples/` or `test/`) or of a tool (under `fixtures/` or ' +
    '`testdata/`) are left out: local state is their norm, ' +
    'and so are reusable modules (no provider configured, with `required_providers`, variables and ' +
    'outputs; or under a `modules/` directory; or called by registry address from their examples) and ' +
    'modules whose backend a wrapper writes (Terragrunt `remote_state`, atmos, a git-ignored generated ' +
    '`backend.tf`, a `-backend-config` file or a `backend.tf.example` beside them). It is a warning where ' +
    'the state file sits beside the module, where most root modules of the repository keep remote state, ' +
    "or where the module is the repository's only root module; a notice in a collection of root modules " +
    'that mostly keep local state (tutorials, demos, sandboxes keep it on purpose), and for a module whose README opens by presenting it as the companion of a tutorial, a codelab or a workshop.',
  example: {
    file: 'main.tf',
    bad: [
      'provider "aws" {',
      '  region = "eu-west-1"',
      '}',
      '',
      'resource "aws_instance" "web" {',
      '  ami           = "ami-0c55b159cbfafe1f0"',
      '  instance_type = "t3.micro"',
      '}',
      '',
    ].join('\n'),
    good: [
      'terraform {',
      '  required_version = ">= 1.11"',
      '',
      '  backend "s3" {',
      '    bucket       = "acme-terraform-state"',
      '    key          = "web/terraform.tfstate"',
      '    region       = "eu-west-1"',
      '    use_lockfile = true',
      '    encrypt      = true',
      '  }',
      '}',
      '',
      'provider "aws" {',
      '  region = "eu-west-1"',
      '}',
      '',
      'resource "aws_instance" "web" {',
      '  ami           = "ami-0c55b159cbfafe1f0"',
      '  instance_type = "t3.micro"',
      '}',
      '',
    ].join('\n'),
  },
  check(model, report) {
    const practice = model.statePractice;
    for (const module of practice.live) {
      if (module.backends.length > 0 || module.injectedBackend !== undefined || !module.anchor) continue;
      const units = module.terragruntUnits;
      const localState = model.committed.stateFiles.filter((p) => dirOf(p) === module.dir);
      const deployed =
        units.length > 0
          ? `, deployed by Terragrunt (\`${units[0].path}\`${units.length > 1 ? ` and ${units.length - 1} more` : ''}),`
          : '';
      const missing =
        units.length > 0
          ? 'no `backend` or `cloud` block, and no Terragrunt file sets `remote_state`'
          : 'no `backend` or `cloud` block';
      const tutorial =
        module.tutorialReadme && localState.length === 0
          ? `; \`${module.tutorialReadme}\` presents it as the companion of a tutorial, which readers apply with local state on purpose`
          : '';
      const evidence =
        localState.length > 0
          ? ` (\`${localState[0]}\` is that state, in the repository)`
          : practice.isRemote
            ? ` (${practice.remote.length} of the repository's ${practice.live.length} root modules keep remote state)`
            : '';
      report({
        file: module.anchor.file.path,
        line: module.anchor.block.line,
        message: `Root module \`${displayDir(module.dir)}\`${deployed} ${whatItManages(module)} but has ${missing}: its state stays in a local terraform.tfstate, unshared and unlocked${evidence}${tutorial}.`,
        subject: `module:${displayDir(module.dir)}`,
        // A lone root module is a service's own infrastructure; a collection of root modules that
        // mostly keep local state is a set of tutorials, demos or sandboxes.
        // ...and one whose README presents it as a tutorial's companion is applied by readers, once.
        severity:
          !tutorial && (localState.length > 0 || practice.isRemote || practice.live.length === 1)
            ? 'warning'
            : 'notice',
      });
    }
  },
};

/** `manages 2 resources`, `calls 3 modules`, `manages 1 resource and calls 1 module`. */
function whatItManages({ resources, moduleCalls }: TerraformModule): string {
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const parts = [];
  if (resources.length > 0) parts.push(`manages ${count(resources.length, 'resource')}`);
  if (moduleCalls.length > 0) parts.push(`calls ${count(moduleCalls.length, 'module')}`);
  return parts.join(' and ');
}
