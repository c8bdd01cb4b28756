import type { Rule } from '../../../engine/rule';
import { settingFlag, settingValue, type TerraformModel } from '../model';
import { addSettingSuggestion, replaceSettingSuggestion } from '../suggestions';

export const s3BackendUnencrypted: Rule<TerraformModel> = {
  id: 'terraform/s3-backend-unencrypted',
  severity: 'notice',
  title: 'S3 backend does not ask for encryption',
  help:
    'State is plain text holding every secret of the infrastructure it describes. `encrypt = true` ' +
    'makes Terraform request server-side encryption for the state object itself instead of relying ' +
    "on the bucket's default, which someone else controls; a `kms_key_id` alone does not turn it on. " +
    'Since January 2023 S3 encrypts every new object at rest (SSE-S3) even without it, so this is ' +
    'hygiene, not a leak: it matters for a customer-managed KMS key and for bucket policies that ' +
    'deny uploads without the encryption header. ' +
    'Add `encrypt = true` (with `kms_key_id` for a customer-managed KMS key) and keep read access to ' +
    'the bucket narrow.',
  example: {
    file: 'main.tf',
    bad: [
      'terraform {',
      '  required_version = ">= 1.11"',
      '',
      '  backend "s3" {',
      '    bucket       = "acme-terraform-state"',
      '    key          = "network/terraform.tfstate"',
      '    region       = "eu-west-1"',
      '    kms_key_id   = "alias/terraform-state"',
      '    use_lockfile = true',
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
      '    kms_key_id   = "alias/terraform-state"',
      '    use_lockfile = true',
      '  }',
      '}',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const backend of model.backends) {
      if (backend.type !== 's3') continue;
      const reported = new Set<object>();
      for (const settings of backend.settings) {
        if (!settings.complete || settingFlag(settings, 'encrypt') !== false) continue;
        const bucket = String(settingValue(settings, 'bucket'));
        const written = settings.values.get('encrypt');
        const kms = settings.values.has('kms_key_id')
          ? ': `kms_key_id` alone does not turn encryption on'
          : '';
        if (written) {
          if (reported.has(written.attribute)) continue;
          reported.add(written.attribute);
          report({
            file: written.file.path,
            line: written.attribute.line,
            column: written.attribute.column,
            message: `S3 backend for bucket \`${bucket}\` sets \`encrypt\` to false${kms}.`,
            subject: `${backend.module.dir}:backend.s3.encrypt:${written.file.path}`,
            suggestion: replaceSettingSuggestion(written, 'encrypt = true'),
          });
        } else {
          report({
            file: settings.file.path,
            line: settings.line,
            message:
              `S3 backend for bucket \`${bucket}\` does not set \`encrypt = true\`${kms}.` +
              (settings.configFile ? ` (settings from ${settings.where})` : ''),
            subject: `${backend.module.dir}:backend.s3.encrypt:${settings.where}`,
            suggestion: settings.configFile ? undefined : addSettingSuggestion(backend, 'encrypt = true'),
          });
        }
      }
    }
  },
};
