import type { Rule } from '../../../engine/rule';
import { settingFlag, type TerraformModel } from '../model';
import { admitsVersionBelow, LOCKFILE_RELEASE } from '../version-constraint';

export const lockfileVersionFloor: Rule<TerraformModel> = {
  id: 'terraform/lockfile-version-floor',
  severity: 'warning',
  title: '`use_lockfile` with a Terraform version floor below 1.11',
  help:
    'The S3 backend knows `use_lockfile` since Terraform 1.10 (experimental) and supports it since ' +
    '1.11. While `required_version` admits versions before 1.11, whoever runs one gets `terraform init` ' +
    'failing on an unsupported argument, or on 1.10 an experimental lock. Raise the floor so every ' +
    'allowed version locks the same way: `required_version = ">= 1.11"`.',
  example: {
    file: 'main.tf',
    bad: [
      'terraform {',
      '  required_version = ">= 1.5.0"',
      '',
      '  backend "s3" {',
      '    bucket       = "acme-terraform-state"',
      '    key          = "network/terraform.tfstate"',
      '    region       = "eu-west-1"',
      '    encrypt      = true',
      '    use_lockfile = true',
      '  }',
      '}',
      '',
    ].join('\n'),
    good: [
      'terraform {',
      '  required_version = ">= 1.11.0"',
      '',
      '  backend "s3" {',
      '    bucket       = "acme-terraform-state"',
      '    key          = "network/terraform.tfstate"',
      '    region       = "eu-west-1"',
      '    encrypt      = true',
      '    use_lockfile = true',
      '  }',
      '}',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const backend of model.backends) {
      if (backend.type !== 's3') continue;
      const required = backend.module.requiredVersions;
      const constraints = required.map((r) => r.constraint);
      if (admitsVersionBelow(constraints, LOCKFILE_RELEASE) !== true) continue;
      const reported = new Set<object>();
      for (const settings of backend.settings) {
        const lockfile = settings.values.get('use_lockfile');
        if (!lockfile || settingFlag(settings, 'use_lockfile') !== true || reported.has(lockfile.attribute))
          continue;
        reported.add(lockfile.attribute);
        const floor =
          required.length === 0
            ? 'no `required_version` is set, so any Terraform version may run this module'
            : `${required.map((r) => `\`required_version = "${r.constraint}"\` (${r.file.path}:${r.attribute.line})`).join(' and ')} admits versions before 1.11`;
        report({
          file: lockfile.file.path,
          line: lockfile.attribute.line,
          column: lockfile.attribute.column,
          message: `\`use_lockfile = true\` needs Terraform 1.11, but ${floor}.`,
          subject: `${backend.module.dir}:backend.s3.use_lockfile:${lockfile.file.path}`,
        });
      }
    }
  },
};
