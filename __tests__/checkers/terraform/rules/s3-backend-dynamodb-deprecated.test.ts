import { describe, expect, it } from 'vitest';
import { s3BackendDynamodbDeprecated } from '../../../../src/checkers/terraform/rules/s3-backend-dynamodb-deprecated';
import { findingsOf } from '../helpers';

const example = s3BackendDynamodbDeprecated.example!;

describe('terraform/s3-backend-dynamodb-deprecated', () => {
  it('fires on the example, at the dynamodb_table line, naming the table', async () => {
    const findings = await findingsOf(s3BackendDynamodbDeprecated.id, { [example.file]: example.bad });
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [
        9,
        '`dynamodb_table = "terraform-locks"` is deprecated since Terraform 1.11: lock with `use_lockfile = true` instead.',
      ],
    ]);
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsOf(s3BackendDynamodbDeprecated.id, { [example.file]: example.good })).toEqual([]);
  });

  it('says the table can go once use_lockfile is set beside it: now, or once the version floor is 1.11', async () => {
    const both = example.bad.replace('  }\n}', '    use_lockfile = true\n  }\n}');
    const [now] = await findingsOf(s3BackendDynamodbDeprecated.id, { 'main.tf': both });
    expect(now.message).toContain(
      'remove it: `use_lockfile` already locks on every Terraform version `required_version` allows.',
    );
    const older = both.replace('">= 1.11"', '">= 1.10"');
    const [later] = await findingsOf(s3BackendDynamodbDeprecated.id, { 'main.tf': older });
    expect(later.message).toContain('remove it once nobody runs a version older than 1.11');
  });

  it('is quiet for an empty table name, which sets no table', async () => {
    const empty = example.bad.replace('"terraform-locks"', '""');
    expect(await findingsOf(s3BackendDynamodbDeprecated.id, { 'main.tf': empty })).toEqual([]);
  });

  it('tells to keep the table beside use_lockfile while versions before 1.11 may run', async () => {
    for (const floor of ['  required_version = ">= 1.5"\n', '']) {
      const older = example.bad.replace('  required_version = ">= 1.11"\n', floor);
      const [finding] = await findingsOf(s3BackendDynamodbDeprecated.id, { 'main.tf': older });
      expect(finding.message, floor).toBe(
        '`dynamodb_table = "terraform-locks"` is deprecated since Terraform 1.11: add `use_lockfile = true` beside it, and remove the table once `required_version` excludes versions before 1.11.',
      );
    }
  });

  it('reports a table set in the block once, however many config files complete it', async () => {
    const findings = await findingsOf(s3BackendDynamodbDeprecated.id, {
      'main.tf': 'terraform {\n  backend "s3" {\n    dynamodb_table = "locks"\n  }\n}\n',
      'dev.s3.tfbackend': 'bucket = "dev"\n',
      'prod.s3.tfbackend': 'bucket = "prod"\n',
    });
    expect(findings.map((f) => [f.file, f.line])).toEqual([['main.tf', 3]]);
  });
});
