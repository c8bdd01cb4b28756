import { describe, expect, it } from 'vitest';
import { stateCommitted } from '../../../../src/checkers/terraform/rules/state-committed';
import { findingsOf } from '../helpers';

const state = '{\n  "version": 4,\n  "resources": []\n}\n';

describe('terraform/state-committed', () => {
  it('fires on every state file git tracks, at line 1 of the state file', async () => {
    const findings = await findingsOf(
      stateCommitted.id,
      { 'main.tf': '' },
      {
        gitTrackedFiles: [
          'main.tf',
          'envs/prod/terraform.tfstate',
          'envs/prod/terraform.tfstate.backup',
          'terraform.tfstate.d/dev/terraform.tfstate',
          'old.tfstate.1712345678.backup',
        ],
      },
    );
    expect(findings.map((f) => [f.file, f.line])).toEqual([
      ['envs/prod/terraform.tfstate', 1],
      ['envs/prod/terraform.tfstate.backup', 1],
      ['old.tfstate.1712345678.backup', 1],
      ['terraform.tfstate.d/dev/terraform.tfstate', 1],
    ]);
    expect(findings[0].message).toContain('tracked by git');
  });

  it('trusts git over the files on disk: an untracked state file is not committed', async () => {
    const findings = await findingsOf(
      stateCommitted.id,
      { 'main.tf': '', 'terraform.tfstate': state },
      { gitTrackedFiles: ['main.tf'] },
    );
    expect(findings).toEqual([]);
  });

  it('uses the discovered files outside a git checkout', async () => {
    const findings = await findingsOf(stateCommitted.id, { 'main.tf': '', 'terraform.tfstate': state });
    expect(findings.map((f) => f.file)).toEqual(['terraform.tfstate']);
    expect(findings[0].message).toContain('no .gitignore excludes');
  });

  it('fires even without any .tf file in the repository', async () => {
    expect(await findingsOf(stateCommitted.id, { 'terraform.tfstate': state })).toHaveLength(1);
  });

  it('stays quiet on look-alikes and on .terraform/ (another rule)', async () => {
    const findings = await findingsOf(
      stateCommitted.id,
      { 'main.tf': '' },
      {
        gitTrackedFiles: [
          'docs/tfstate.md',
          'terraform.tfstate.md.d/x',
          'state.json',
          '.terraform/terraform.tfstate',
        ],
      },
    );
    expect(findings).toEqual([]);
  });
  it('is a notice for state files among test data, an error beside them', async () => {
    const findings = await findingsOf(
      stateCommitted.id,
      {},
      {
        gitTrackedFiles: [
          'internal/state/testdata/v4.tfstate',
          'test/fixtures/drift/terraform.tfstate',
          'live/prod/terraform.tfstate',
        ],
      },
    );
    expect(findings.map((f) => [f.file, f.severity])).toEqual([
      ['internal/state/testdata/v4.tfstate', 'notice'],
      ['live/prod/terraform.tfstate', undefined],
      ['test/fixtures/drift/terraform.tfstate', 'notice'],
    ]);
  });
  it('is a warning for an empty state (no resources, no outputs), an error once it holds a resource', async () => {
    const empty =
      '{\n  "version": 4,\n  "serial": 1,\n  "outputs": {},\n  "resources": [],\n  "check_results": null\n}\n';
    const full = JSON.stringify({
      version: 4,
      outputs: {},
      resources: [{ type: 'aws_db_instance', name: 'db' }],
    });
    const findings = await findingsOf(
      stateCommitted.id,
      { 'prod/terraform.tfstate': empty, 'prod/terraform.tfstate.backup': full },
      { gitTrackedFiles: ['prod/terraform.tfstate', 'prod/terraform.tfstate.backup'] },
    );
    expect(findings.map((f) => [f.file, f.severity])).toEqual([
      ['prod/terraform.tfstate', 'warning'],
      ['prod/terraform.tfstate.backup', undefined],
    ]);
    expect(findings[0].message).toContain(
      'is an empty Terraform state (no resources, no outputs) tracked by git',
    );
  });
});
