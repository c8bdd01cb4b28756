import type { Rule } from '../../../engine/rule';
import { settingFlag, settingValue, type TerraformModel } from '../model';
import { admitsVersionBelow, LOCKFILE_RELEASE } from '../version-constraint';

export const s3BackendDynamodbDeprecated: Rule<TerraformModel> = {
  id: 'terraform/s3-backend-dynamodb-deprecated',
  severity: 'notice',
  title: 'S3 backend locks through DynamoDB (deprecated)',
  help:
    'Terraform 1.11 made S3 lock files (`use_lockfile = true`) generally available and deprecated ' +
    '`dynamodb_table`, which a later version will remove; the table is also one more resource to ' +
    'create, pay for and grant access to. Add `use_lockfile = true`; keep `dynamodb_table` as well ' +
    'while anyone still runs Terraform older than 1.11 (both locks are then taken), then remove it ' +
    'and require `>= 1.11`.',
  example: {
    file: 'main.tf',
    bad: [
      'terraform {',
      '  required_version = ">= 1.11"',
      '',
      '  backend "s3" {',
      '    bucket         = "acme-terraform-state"',
      '    key            = "network/terraform.tfstate"',
      '    region         = "eu-west-1"',
      '    encrypt        = true',
      '    dynamodb_table = "terraform-locks"',
      '  }',
      '}',
      '',
    ].join('\n'),
    good: [
      'terraform {',
      '  required_version = ">= 1.11"',
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
      // Config files merged over one block share the block's settings: report each written setting once.
      const reported = new Set<object>();
      for (const settings of backend.settings) {
        const table = settings.values.get('dynamodb_table');
        const name = settingValue(settings, 'dynamodb_table');
        // An empty name sets no table: nothing locks through DynamoDB.
        if (!table || name === '' || reported.has(table.attribute)) continue;
        reported.add(table.attribute);
        const both = settingFlag(settings, 'use_lockfile') === true;
        const constraints = backend.module.requiredVersions.map((r) => r.constraint);
        // While versions before 1.11 may run, they only know the table: the switch takes both for a while.
        const olderVersionsRun = admitsVersionBelow(constraints, LOCKFILE_RELEASE) !== false;
        let advice: string;
        if (both && !olderVersionsRun)
          advice =
            'remove it: `use_lockfile` already locks on every Terraform version `required_version` allows.';
        else if (both)
          advice = 'remove it once nobody runs a version older than 1.11; `use_lockfile` already locks.';
        else if (olderVersionsRun)
          advice =
            'add `use_lockfile = true` beside it, and remove the table once `required_version` excludes versions before 1.11.';
        else advice = 'lock with `use_lockfile = true` instead.';
        report({
          file: table.file.path,
          line: table.attribute.line,
          column: table.attribute.column,
          message: `\`dynamodb_table${typeof name === 'string' ? ` = "${name}"` : ''}\` is deprecated since Terraform 1.11: ${advice}`,
          subject: `${backend.module.dir}:backend.s3.dynamodb_table:${table.file.path}`,
        });
      }
    }
  },
};
