import type { Rule } from '../../../engine/rule';
import { settingFlag, settingValue, type TerraformModel } from '../model';
import { addSettingSuggestion, replaceSettingSuggestion } from '../suggestions';
import { admitsVersionBelow, LOCKFILE_RELEASE } from '../version-constraint';

export const s3BackendNoLock: Rule<TerraformModel> = {
  id: 'terraform/s3-backend-no-lock',
  severity: 'warning',
  title: 'S3 backend without state locking',
  help:
    'Without a lock, two runs against the same state (two engineers, or CI and a person) both read ' +
    'the old state and the last to write wins: resources the other created are forgotten, or the ' +
    'state is corrupted. Since Terraform 1.11 the S3 backend locks with a lock object beside the ' +
    'state: add `use_lockfile = true` and require `>= 1.11`. Older versions lock through ' +
    '`dynamodb_table`, a DynamoDB table with a `LockID` string key. A notice instead of a warning in a ' +
    'repository where most root modules keep local state (tutorials, demos), whose backend blocks are ' +
    'illustrations.',
  example: {
    file: 'main.tf',
    bad: [
      'terraform {',
      '  required_version = ">= 1.11"',
      '',
      '  backend "s3" {',
      '    bucket  = "acme-terraform-state"',
      '    key     = "network/terraform.tfstate"',
      '    region  = "eu-west-1"',
      '    encrypt = true',
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
    // In a repository of demos a backend block is an illustration, not shared state.
    const severity = model.statePractice.isRemote ? undefined : ('notice' as const);
    for (const backend of model.backends) {
      if (backend.type !== 's3') continue;
      // Config files merged over one block share its `use_lockfile = false`: report that line once.
      const reported = new Set<object>();
      for (const settings of backend.settings) {
        if (!settings.complete || settingFlag(settings, 'use_lockfile') !== false) continue;
        const table = settingValue(settings, 'dynamodb_table');
        if (settings.values.has('dynamodb_table') && table !== '') continue;
        const constraints = backend.module.requiredVersions.map((r) => r.constraint);
        // `use_lockfile` is only a clean fix where every allowed Terraform version knows it.
        const floorMet =
          constraints.length > 0 && admitsVersionBelow(constraints, LOCKFILE_RELEASE) === false;
        const bucket = `S3 backend for bucket \`${String(settingValue(settings, 'bucket'))}\``;
        const fix = floorMet ? '.' : ' and require Terraform >= 1.11, or set `dynamodb_table`.';
        const written = settings.values.get('use_lockfile');
        if (written) {
          if (reported.has(written.attribute)) continue;
          reported.add(written.attribute);
          report({
            file: written.file.path,
            line: written.attribute.line,
            column: written.attribute.column,
            message: `${bucket} turns \`use_lockfile\` off and has no \`dynamodb_table\`: nothing locks the state. Set \`use_lockfile = true\`${fix}`,
            subject: `${backend.module.dir}:backend.s3.use_lockfile:${written.file.path}`,
            suggestion: floorMet ? replaceSettingSuggestion(written, 'use_lockfile = true') : undefined,
            severity,
          });
          continue;
        }
        report({
          file: settings.file.path,
          line: settings.line,
          message:
            `${bucket} has no state lock: set \`use_lockfile = true\`${fix}` +
            (settings.configFile ? ` (settings from ${settings.where})` : ''),
          subject: `${backend.module.dir}:backend.s3:${settings.where}`,
          suggestion:
            floorMet && !settings.configFile
              ? addSettingSuggestion(backend, 'use_lockfile = true')
              : undefined,
          severity,
        });
      }
    }
  },
};
