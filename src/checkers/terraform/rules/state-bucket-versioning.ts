import type { Rule } from '../../../engine/rule';
import { addTo, stateBucketName, type S3Bucket, type TerraformModel } from '../model';

export const stateBucketVersioning: Rule<TerraformModel> = {
  id: 'terraform/state-bucket-versioning',
  severity: 'warning',
  title: 'State bucket without versioning',
  help:
    'The state is a single object in its bucket. Without versioning, a bad apply, a corrupted write ' +
    'or a deleted object replaces it for good, and Terraform loses track of everything it manages. ' +
    'Turn versioning on for the state bucket (`aws_s3_bucket_versioning` with ' +
    '`versioning_configuration { status = "Enabled" }`, or `versioning { enabled = true }` on AWS ' +
    'provider 3) so an earlier state can be restored.',
  example: {
    file: 'main.tf',
    bad: [
      'terraform {',
      '  backend "s3" {',
      '    bucket       = "acme-terraform-state"',
      '    key          = "bootstrap/terraform.tfstate"',
      '    region       = "eu-west-1"',
      '    use_lockfile = true',
      '    encrypt      = true',
      '  }',
      '}',
      '',
      'resource "aws_s3_bucket" "state" {',
      '  bucket = "acme-terraform-state"',
      '}',
      '',
    ].join('\n'),
    good: [
      'terraform {',
      '  backend "s3" {',
      '    bucket       = "acme-terraform-state"',
      '    key          = "bootstrap/terraform.tfstate"',
      '    region       = "eu-west-1"',
      '    use_lockfile = true',
      '    encrypt      = true',
      '  }',
      '}',
      '',
      'resource "aws_s3_bucket" "state" {',
      '  bucket = "acme-terraform-state"',
      '}',
      '',
      'resource "aws_s3_bucket_versioning" "state" {',
      '  bucket = aws_s3_bucket.state.id',
      '  versioning_configuration {',
      '    status = "Enabled"',
      '  }',
      '}',
      '',
    ].join('\n'),
  },
  check(model, report) {
    // One finding per bucket, however many backends keep their state in it.
    const users = new Map<S3Bucket, string[]>();
    for (const backend of model.backends) {
      if (backend.type !== 's3') continue;
      for (const settings of backend.settings) {
        const name = stateBucketName(settings);
        for (const bucket of (name && model.bucketsByName.get(name)) || []) {
          if (bucket.versioning.status === 'off') addTo(users, bucket, settings.where);
        }
      }
    }
    for (const [bucket, where] of users) {
      if (bucket.versioning.status !== 'off') continue;
      const place = bucket.versioning.at;
      const backends = [...new Set(where)];
      const shown = backends.length > 3 ? [...backends.slice(0, 3), `${backends.length - 3} more`] : backends;
      report({
        file: (place?.file ?? bucket.file).path,
        line: place?.attribute.line ?? bucket.block.line,
        message: `S3 bucket \`${bucket.name}\` holds Terraform state (${shown.join('; ')}), but ${bucket.versioning.detail}: a lost or corrupted state cannot be restored.`,
        subject: `${bucket.module.dir}:aws_s3_bucket.${bucket.resourceName}`,
      });
    }
  },
};
