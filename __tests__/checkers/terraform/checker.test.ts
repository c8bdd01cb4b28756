import { describe, expect, it } from 'vitest';
import { CHECKERS } from '../../../src/checkers';
import { terraformChecker, TERRAFORM_RULES } from '../../../src/checkers/terraform';
import { SourceFile } from '../../../src/engine/workspace';
import { runTerraform } from './helpers';

/** The public rule ids of the catalog, in its order. */
const CATALOG = [
  'invalid-syntax',
  'state-committed',
  'dotterraform-committed',
  'no-remote-backend',
  'local-backend',
  'backend-hardcoded-credentials',
  's3-backend-no-lock',
  's3-backend-dynamodb-deprecated',
  'lockfile-version-floor',
  's3-backend-unencrypted',
  'state-bucket-versioning',
  'removed-backend',
  'gitignore-missing-state',
  'plan-committed',
  'backend-variable',
].map((slug) => `terraform/${slug}`);

const SEVERITIES: Record<string, string> = {
  'terraform/invalid-syntax': 'error',
  'terraform/state-committed': 'error',
  // Re-graded against the severity policy: an error only where the build breaks or a secret leaks on every reading.
  'terraform/dotterraform-committed': 'warning',
  'terraform/no-remote-backend': 'warning',
  'terraform/local-backend': 'warning',
  'terraform/backend-hardcoded-credentials': 'error',
  'terraform/s3-backend-no-lock': 'warning',
  'terraform/s3-backend-dynamodb-deprecated': 'notice',
  'terraform/lockfile-version-floor': 'warning',
  'terraform/s3-backend-unencrypted': 'notice',
  'terraform/state-bucket-versioning': 'warning',
  'terraform/removed-backend': 'error',
  'terraform/gitignore-missing-state': 'notice',
  'terraform/plan-committed': 'error',
  'terraform/backend-variable': 'error',
};

describe('terraform checker', () => {
  it('is registered and has exactly the catalog rules, at the catalog severities', () => {
    expect(CHECKERS).toContain(terraformChecker);
    expect(terraformChecker.rules.map((r) => r.id)).toEqual(CATALOG);
    expect(Object.fromEntries(TERRAFORM_RULES.map((r) => [r.id, r.severity]))).toEqual(SEVERITIES);
  });

  it('gives every rule a title and a help text saying why and how to fix', () => {
    for (const rule of TERRAFORM_RULES) {
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(rule.help.length, rule.id).toBeGreaterThan(150);
    }
  });

  it('claims .tf, .tf.json, -backend-config (.tfbackend, backend.hcl) and state files, not .terraform/ copies or look-alikes', () => {
    const claims = (p: string) => terraformChecker.claims(new SourceFile(p, `/repo/${p}`, ''));
    for (const yes of [
      'main.tf',
      'main.tf.json',
      'infra/prod/backend.tf',
      'prod.s3.tfbackend',
      'backend.hcl',
      'env/backend-prod.hcl',
      'env/prod.backend.hcl',
      'terraform.tfstate',
      'x/y.tfstate.backup',
    ]) {
      expect(claims(yes), yes).toBe(true);
    }
    for (const no of [
      '.terraform/modules/vpc/main.tf',
      '.terraform/modules/vpc/main.tf.json',
      'live/vpc/.terragrunt-cache/abc/def/main.tf',
      'live/vpc/.terragrunt-cache/abc/def/backend.hcl',
      'package.json',
      'vars.tfvars',
      'terragrunt.hcl',
      '.terraform.lock.hcl',
      'backends.hcl',
      'notes.tfstate.md/x',
      'README.md',
    ]) {
      expect(claims(no), no).toBe(false);
    }
  });

  it('runs on nothing without complaint', async () => {
    expect(await runTerraform({})).toEqual([]);
  });

  it('never throws on hostile input and reports one syntax finding per file', async () => {
    const findings = await runTerraform({
      'a.tf': '\u0000\u0001{{{{',
      'b.tf': 'terraform {\n  backend "s3" {\n    bucket = \n',
      'c.tf': '}'.repeat(10_000),
    });
    const syntax = findings.filter((f) => f.ruleId === 'terraform/invalid-syntax');
    expect(syntax.map((f) => f.file)).toEqual(['a.tf', 'b.tf', 'c.tf']);
    const json = await runTerraform({ 'd.tf.json': '{"terraform": {"backend": ', 'e.tf.json': '"x"' });
    expect(json.filter((f) => f.ruleId === 'terraform/invalid-syntax').map((f) => [f.file, f.line])).toEqual([
      ['d.tf.json', 1],
      ['e.tf.json', 1],
    ]);
    expect(findings.some((f) => f.ruleId === 'deploy-lint/internal-error')).toBe(false);
  });
});

describe('a well-kept repository', () => {
  it('gets no findings at all', async () => {
    const findings = await runTerraform({
      '.gitignore': '.terraform/\n*.tfstate\n*.tfstate.*\n',
      'live/prod/versions.tf': 'terraform {\n  required_version = ">= 1.11, < 2.0"\n}\n',
      'live/prod/backend.tf': [
        'terraform {',
        '  backend "s3" {',
        '    bucket       = "acme-terraform-state"',
        '    key          = "prod/terraform.tfstate"',
        '    region       = "eu-west-1"',
        '    encrypt      = true',
        '    use_lockfile = true',
        '  }',
        '}',
        '',
      ].join('\n'),
      'live/prod/main.tf': 'module "app" {\n  source = "../../modules/app"\n}\n',
      'live/data/main.tf':
        'terraform {\n  backend "gcs" {\n    bucket = "acme-data-state"\n    prefix = "data"\n  }\n}\n' +
        'resource "google_storage_bucket" "lake" {\n  name     = "acme-lake"\n  location = "EU"\n}\n',
      'modules/app/main.tf': 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n',
      'bootstrap/main.tf': [
        'terraform {',
        '  cloud {',
        '    organization = "acme"',
        '    workspaces {',
        '      name = "bootstrap"',
        '    }',
        '  }',
        '}',
        'resource "aws_s3_bucket" "state" {',
        '  bucket = "acme-terraform-state"',
        '}',
        'resource "aws_s3_bucket_versioning" "state" {',
        '  bucket = aws_s3_bucket.state.id',
        '  versioning_configuration {',
        '    status = "Enabled"',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });
});
