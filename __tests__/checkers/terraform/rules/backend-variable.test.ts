import { describe, expect, it } from 'vitest';
import { backendVariable } from '../../../../src/checkers/terraform/rules/backend-variable';
import { findingsOf } from '../helpers';

const example = backendVariable.example!;
const backend = (settings: string) => `terraform {\n  backend "s3" {\n${settings}\n  }\n}\n`;

describe('terraform/backend-variable', () => {
  it('fires on the example, at the setting, quoting the expression', async () => {
    const findings = await findingsOf(backendVariable.id, { [example.file]: example.bad });
    expect(findings.map((f) => [f.file, f.line])).toEqual([['main.tf', 8]]);
    expect(findings[0].message).toBe(
      'backend "s3" sets `key` with `"${var.environment}/network.tfstate"`: `terraform init` accepts only literal values in a backend block. Write a literal, or pass it with `-backend-config`.',
    );
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsOf(backendVariable.id, { [example.file]: example.good })).toEqual([]);
  });

  it('fires for references, locals, function calls and values nested in blocks, lists and objects, and in a cloud block', async () => {
    const findings = await findingsOf(backendVariable.id, {
      'a/main.tf': backend(
        '    bucket = var.state_bucket\n    region = local.region\n    key = format("%s.tfstate", "x")\n    assume_role {\n      role_arn = data.aws_iam_role.ci.arn\n    }',
      ),
      'b/main.tf': 'terraform {\n  backend "etcdv3" {\n    endpoints = ["etcd:2379", var.etcd]\n  }\n}\n',
      'c/main.tf':
        'terraform {\n  cloud {\n    organization = var.org\n    workspaces {\n      name = "web"\n    }\n  }\n}\n',
    });
    expect(findings.map((f) => [f.file, f.line])).toEqual([
      ['a/main.tf', 3],
      ['a/main.tf', 4],
      ['a/main.tf', 5],
      ['a/main.tf', 7],
      ['b/main.tf', 3],
      ['c/main.tf', 3],
    ]);
  });

  it('is quiet for literals of every shape: strings with $$ escapes, numbers, booleans, lists, objects', async () => {
    const findings = await findingsOf(backendVariable.id, {
      'main.tf': backend(
        '    bucket = "acme-state"\n    key = "cost-$${center}.tfstate"\n    max_retries = 5\n    encrypt = true\n    allowed_account_ids = ["123456789012"]\n    endpoints = { s3 = "https://s3.internal" }',
      ),
      'prod.s3.tfbackend': 'key = "prod/network.tfstate"\n',
    });
    expect(findings).toEqual([]);
  });

  it('is quiet where the repository runs OpenTofu, which evaluates variables in a backend block', async () => {
    const bad = { 'main.tf': example.bad };
    const evidences: Record<string, string>[] = [
      { 'versions.tofu': 'terraform {}\n' },
      { '.opentofu-version': '1.8.3\n' },
      { '.tool-versions': 'opentofu 1.9.0\n' },
      { '.github/workflows/plan.yml': 'steps:\n  - uses: opentofu/setup-opentofu@v1\n  - run: tofu init\n' },
    ];
    for (const evidence of evidences) {
      expect(await findingsOf(backendVariable.id, { ...bad, ...evidence })).toEqual([]);
    }
    // A workflow that only mentions Terraform proves nothing.
    const terraformOnly = { '.github/workflows/plan.yml': 'steps:\n  - run: terraform init\n' };
    expect(await findingsOf(backendVariable.id, { ...bad, ...terraformOnly })).toHaveLength(1);
  });
});
