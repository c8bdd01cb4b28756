import { describe, expect, it } from 'vitest';
import { planCommitted } from '../../../../src/checkers/terraform/rules/plan-committed';
import { findingsOf } from '../helpers';

describe('terraform/plan-committed', () => {
  it('fires on every saved plan git tracks, at line 1, and is a notice among test data', async () => {
    const findings = await findingsOf(
      planCommitted.id,
      { 'infra/main.tf': 'resource "null_resource" "x" {}\n' },
      {
        gitTrackedFiles: [
          'infra/main.tf',
          'infra/prod.tfplan',
          'infra/tfplan',
          'internal/plans/testdata/simple.tfplan',
        ],
      },
    );
    expect(findings.map((f) => [f.file, f.line, f.severity])).toEqual([
      ['infra/prod.tfplan', 1, undefined],
      ['infra/tfplan', 1, undefined],
      ['internal/plans/testdata/simple.tfplan', 1, 'notice'],
    ]);
    expect(findings[0].message).toBe(
      '`infra/prod.tfplan` is a saved Terraform plan tracked by git: it holds the configuration, the prior state and the planned values, secrets included, in plain text.',
    );
  });

  it('is quiet for look-alikes, untracked plans and plans in .terraform/', async () => {
    const findings = await findingsOf(
      planCommitted.id,
      { 'main.tf': '', 'prod.tfplan': 'PK' },
      {
        gitTrackedFiles: [
          'main.tf',
          'docs/tfplan.md',
          'scripts/make-tfplan.sh',
          'terraform.tfplan.example.json',
          '.tfplan',
          '.terraform/plans/x.tfplan',
        ],
      },
    );
    expect(findings).toEqual([]);
  });
});
