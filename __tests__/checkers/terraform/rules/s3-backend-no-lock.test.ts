import { describe, expect, it } from 'vitest';
import { s3BackendNoLock } from '../../../../src/checkers/terraform/rules/s3-backend-no-lock';
import { applySuggestion, findingsOf } from '../helpers';

const example = s3BackendNoLock.example!;
const s3 = (settings: string, version = '') =>
  `terraform {\n${version}  backend "s3" {\n    bucket = "acme-state"\n    key = "app.tfstate"\n${settings}  }\n}\n`;

describe('terraform/s3-backend-no-lock', () => {
  it('fires on the example at the backend line, with a suggestion that yields a locked backend', async () => {
    const findings = await findingsOf(s3BackendNoLock.id, { [example.file]: example.bad });
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [4, 'S3 backend for bucket `acme-terraform-state` has no state lock: set `use_lockfile = true`.'],
    ]);
    const fixed = applySuggestion(example.bad, findings[0].suggestion!);
    expect(fixed).toContain(
      '  backend "s3" {\n    use_lockfile = true\n    bucket  = "acme-terraform-state"',
    );
    expect(await findingsOf(s3BackendNoLock.id, { 'main.tf': fixed })).toEqual([]);
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsOf(s3BackendNoLock.id, { [example.file]: example.good })).toEqual([]);
  });

  it('offers no suggestion while the version floor admits Terraform without use_lockfile', async () => {
    for (const version of ['', '  required_version = ">= 1.5"\n']) {
      const [finding] = await findingsOf(s3BackendNoLock.id, { 'main.tf': s3('', version) });
      expect(finding.suggestion).toBeUndefined();
      expect(finding.message).toContain('require Terraform >= 1.11, or set `dynamodb_table`');
    }
  });

  it('fires at use_lockfile = false when there is no table, and suggests flipping it, not adding a second one', async () => {
    const text = s3('    use_lockfile = false\n', '  required_version = ">= 1.11"\n');
    const findings = await findingsOf(s3BackendNoLock.id, { 'main.tf': text });
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    const line = text.split('\n').indexOf('    use_lockfile = false') + 1;
    expect(finding).toMatchObject({ line, column: 5 });
    expect(finding.message).toContain('turns `use_lockfile` off and has no `dynamodb_table`');
    const fixed = applySuggestion(text, finding.suggestion!);
    expect(fixed.match(/use_lockfile/g)).toHaveLength(1);
    expect(await findingsOf(s3BackendNoLock.id, { 'main.tf': fixed })).toEqual([]);
  });

  it('is quiet with a DynamoDB table, with use_lockfile, or with a computed setting', async () => {
    for (const settings of [
      '    dynamodb_table = "locks"\n',
      '    use_lockfile = true\n',
      '    use_lockfile = "true"\n',
    ]) {
      expect(await findingsOf(s3BackendNoLock.id, { 'main.tf': s3(settings) })).toEqual([]);
    }
  });

  it('is quiet for a partial configuration whose settings come from flags it cannot see', async () => {
    expect(
      await findingsOf(s3BackendNoLock.id, { 'main.tf': 'terraform {\n  backend "s3" {}\n}\n' }),
    ).toEqual([]);
  });

  it('judges each -backend-config file merged over a partial block', async () => {
    const findings = await findingsOf(s3BackendNoLock.id, {
      'main.tf': 'terraform {\n  backend "s3" {}\n}\n',
      'dev.s3.tfbackend': 'bucket = "dev-state"\nkey = "app"\n',
      'prod.s3.tfbackend': 'bucket = "prod-state"\nkey = "app"\nuse_lockfile = true\n',
    });
    expect(findings.map((f) => [f.file, f.line, f.suggestion])).toEqual([['dev.s3.tfbackend', 1, undefined]]);
    expect(findings[0].message).toContain('`dev-state`');
  });

  it('is quiet for gcs, which always locks', async () => {
    expect(
      await findingsOf(s3BackendNoLock.id, {
        'main.tf': 'terraform {\n  backend "gcs" {\n    bucket = "b"\n  }\n}\n',
      }),
    ).toEqual([]);
  });
  it('is a notice in a repository of demos that mostly keep local state, a warning where remote state is the practice', async () => {
    const unlocked =
      'terraform {\n  backend "s3" {\n    bucket = "mybucket"\n    key    = "wordpress"\n  }\n}\nresource "null_resource" "x" {}\n';
    const local = 'resource "null_resource" "x" {}\n';
    const demos = await findingsOf(s3BackendNoLock.id, {
      'wordpress/main.tf': unlocked,
      'lambda/main.tf': local,
      'redirect/main.tf': local,
    });
    expect(demos.map((f) => [f.file, f.severity])).toEqual([['wordpress/main.tf', 'notice']]);
    const live = await findingsOf(s3BackendNoLock.id, {
      'wordpress/main.tf': unlocked,
      'lambda/main.tf': local,
    });
    expect(live.map((f) => [f.file, f.severity])).toEqual([['wordpress/main.tf', undefined]]);
  });
});
