import { describe, expect, it } from 'vitest';
import { localBackend } from '../../../../src/checkers/terraform/rules/local-backend';
import { findingsOf } from '../helpers';

const example = localBackend.example!;

describe('terraform/local-backend', () => {
  it('fires on the example, at the backend line, naming the state path', async () => {
    const findings = await findingsOf(localBackend.id, { [example.file]: example.bad });
    expect(findings.map((f) => [f.file, f.line])).toEqual([['main.tf', 2]]);
    expect(findings[0].message).toContain('`state/terraform.tfstate`');
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsOf(localBackend.id, { [example.file]: example.good })).toEqual([]);
  });

  it('names the default path when none is set', async () => {
    const findings = await findingsOf(localBackend.id, {
      'main.tf': 'terraform {\n  backend "local" {}\n}\n',
    });
    expect(findings[0].message).toContain('`terraform.tfstate`');
  });

  it('is quiet for an S3 backend with use_lockfile and encrypt', async () => {
    const findings = await findingsOf(localBackend.id, {
      'main.tf':
        'terraform {\n  backend "s3" {\n    bucket = "b"\n    key = "k"\n    use_lockfile = true\n    encrypt = true\n  }\n}\n',
    });
    expect(findings).toEqual([]);
  });
  it('is a notice for a test fixture, even where the live modules keep remote state', async () => {
    const remote =
      'terraform {\n  backend "gcs" {\n    bucket = "acme"\n  }\n}\nresource "null_resource" "x" {}\n';
    const findings = await findingsOf(localBackend.id, {
      'a/main.tf': remote,
      'b/main.tf': remote,
      'tests/fixtures/scenarios/flags/main.tf':
        'terraform {\n  backend "local" {}\n}\nresource "null_resource" "x" {}\n',
      'c/main.tf': 'terraform {\n  backend "local" {}\n}\nresource "null_resource" "x" {}\n',
    });
    expect(findings.map((f) => [f.file, f.severity])).toEqual([
      ['c/main.tf', 'warning'],
      ['tests/fixtures/scenarios/flags/main.tf', 'notice'],
    ]);
    expect(findings[1].message).not.toContain('root modules keep remote state');
  });

  it('is a warning where most root modules keep remote state, a notice in a repository of local demos', async () => {
    const local = 'terraform {\n  backend "local" {}\n}\nresource "null_resource" "x" {}\n';
    const remote =
      'terraform {\n  backend "gcs" {\n    bucket = "acme"\n  }\n}\nresource "null_resource" "x" {}\n';
    const live = await findingsOf(localBackend.id, {
      'a/main.tf': remote,
      'b/main.tf': remote,
      'c/main.tf': local,
    });
    expect(live.map((f) => [f.file, f.severity])).toEqual([['c/main.tf', 'warning']]);
    expect(live[0].message).toContain("(2 of the repository's 3 root modules keep remote state)");
    const demos = await findingsOf(localBackend.id, { 'producer/main.tf': local, 'consumer/main.tf': local });
    expect(demos.map((f) => f.severity)).toEqual(['notice', 'notice']);
  });
});
