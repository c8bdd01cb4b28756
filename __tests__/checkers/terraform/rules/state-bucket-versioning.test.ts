import { describe, expect, it } from 'vitest';
import { stateBucketVersioning } from '../../../../src/checkers/terraform/rules/state-bucket-versioning';
import { findingsOf } from '../helpers';

const example = stateBucketVersioning.example!;

describe('terraform/state-bucket-versioning', () => {
  it('fires on the example, at the bucket resource', async () => {
    const findings = await findingsOf(stateBucketVersioning.id, { [example.file]: example.bad });
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [
        11,
        'S3 bucket `acme-terraform-state` holds Terraform state (backend "s3" in main.tf), but no versioning is configured for it: a lost or corrupted state cannot be restored.',
      ],
    ]);
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsOf(stateBucketVersioning.id, { [example.file]: example.good })).toEqual([]);
  });

  it('matches the bucket across directories and reports it once for all its backends', async () => {
    const backend = (key: string) =>
      `terraform {\n  backend "s3" {\n    bucket = "acme-terraform-state"\n    key = "${key}"\n  }\n}\n`;
    const findings = await findingsOf(stateBucketVersioning.id, {
      'bootstrap/main.tf': 'resource "aws_s3_bucket" "state" {\n  bucket = "acme-terraform-state"\n}\n',
      'live/network/main.tf': backend('network'),
      'live/web/main.tf': backend('web'),
    });
    expect(findings.map((f) => f.file)).toEqual(['bootstrap/main.tf']);
    expect(findings[0].message).toContain(
      'backend "s3" in live/network/main.tf; backend "s3" in live/web/main.tf',
    );
  });

  it('points at a suspended status', async () => {
    const suspended = example.good.replace('"Enabled"', '"Suspended"');
    const findings = await findingsOf(stateBucketVersioning.id, { 'main.tf': suspended });
    expect(findings.map((f) => f.line)).toEqual([18]);
    expect(findings[0].message).toContain('sets its status to "Suspended"');
  });

  it('is quiet for inline versioning, unknown buckets, and buckets the state does not use', async () => {
    const inline = example.bad.replace(
      '  bucket = "acme-terraform-state"\n}',
      '  bucket = "acme-terraform-state"\n  versioning {\n    enabled = true\n  }\n}',
    );
    expect(await findingsOf(stateBucketVersioning.id, { 'main.tf': inline })).toEqual([]);
    const other = example.bad.replace(
      'resource "aws_s3_bucket" "state" {\n  bucket = "acme-terraform-state"',
      'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"',
    );
    expect(await findingsOf(stateBucketVersioning.id, { 'main.tf': other })).toEqual([]);
    const computed = example.bad.replace(
      '  bucket = "acme-terraform-state"\n}',
      '  bucket = var.state_bucket\n}',
    );
    expect(await findingsOf(stateBucketVersioning.id, { 'main.tf': computed })).toEqual([]);
  });
});
