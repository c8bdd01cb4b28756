import type { Rule } from '../../../engine/rule';
import type { HclAttribute, HclBlock, HclExpression } from '../../../parse/hcl';
import { describeBackend, type TerraformModel } from '../model';

export const backendVariable: Rule<TerraformModel> = {
  id: 'terraform/backend-variable',
  severity: 'error',
  title: 'Backend block uses a variable or an expression',
  help:
    'Terraform configures the backend before it evaluates anything else, so a `backend` or `cloud` ' +
    'block takes only literal values: `terraform init` stops with "Variables may not be used here" ' +
    '(or "Functions may not be called here") on every Terraform version. Write the values as ' +
    'literals, or leave them out of the block and pass them at init: `terraform init ' +
    '-backend-config=prod.s3.tfbackend` or `-backend-config="bucket=acme-state"`. OpenTofu 1.8 and ' +
    'later evaluate variables and locals there, so a repository that shows it runs OpenTofu ' +
    '(`.tofu` files, `.opentofu-version`, a workflow running `tofu`) is left alone.',
  example: {
    file: 'main.tf',
    bad: [
      'variable "environment" {',
      '  type = string',
      '}',
      '',
      'terraform {',
      '  backend "s3" {',
      '    bucket       = "acme-terraform-state"',
      '    key          = "${var.environment}/network.tfstate"',
      '    region       = "eu-west-1"',
      '    use_lockfile = true',
      '  }',
      '}',
      '',
    ].join('\n'),
    good: [
      'variable "environment" {',
      '  type = string',
      '}',
      '',
      'terraform {',
      '  # terraform init -backend-config="key=prod/network.tfstate"',
      '  backend "s3" {',
      '    bucket       = "acme-terraform-state"',
      '    region       = "eu-west-1"',
      '    use_lockfile = true',
      '  }',
      '}',
      '',
    ].join('\n'),
  },
  check(model, report) {
    if (model.openTofu) return;
    for (const backend of model.backends) {
      for (const attribute of settingsIn(backend.block)) {
        const dynamic = dynamicPart(attribute.value);
        if (!dynamic) continue;
        report({
          file: backend.file.path,
          line: attribute.line,
          column: attribute.column,
          message: `${describeBackend(backend)} sets \`${attribute.name}\` with \`${shorten(dynamic)}\`: \`terraform init\` accepts only literal values in a backend block. Write a literal, or pass it with \`-backend-config\`.`,
          subject: `${backend.module.dir}:${backend.type}.${attribute.name}:${backend.file.path}`,
        });
      }
    }
  },
};

function settingsIn(block: HclBlock): HclAttribute[] {
  return [...block.attributes, ...block.blocks.flatMap(settingsIn)];
}

/** The first part of a value Terraform would have to evaluate: a reference, a call, an interpolation. */
function dynamicPart(value: HclExpression): string | undefined {
  switch (value.kind) {
    case 'literal':
      return undefined;
    case 'tuple':
      return value.items.map(dynamicPart).find((d) => d !== undefined);
    case 'object':
      return value.entries.map((e) => dynamicPart(e.value)).find((d) => d !== undefined);
    default:
      return value.raw || undefined;
  }
}

function shorten(text: string): string {
  const line = text.split(/\r?\n/)[0];
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
}
