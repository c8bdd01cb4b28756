import { describe, expect, it } from 'vitest';
import { dotTerraformCommitted } from '../../../../src/checkers/terraform/rules/dotterraform-committed';
import { findingsOf } from '../helpers';

describe('terraform/dotterraform-committed', () => {
  it('fires once per tracked .terraform/ directory, at its cached backend state', async () => {
    const findings = await findingsOf(
      dotTerraformCommitted.id,
      { 'infra/main.tf': '' },
      {
        gitTrackedFiles: [
          'infra/main.tf',
          'infra/.terraform/environment',
          'infra/.terraform/terraform.tfstate',
          'infra/.terraform/providers/registry.terraform.io/hashicorp/aws/5.0.0/linux_amd64/terraform-provider-aws',
          '.terraform/modules/modules.json',
        ],
      },
    );
    expect(findings.map((f) => [f.file, f.line, f.subject])).toEqual([
      ['.terraform/modules/modules.json', 1, '.terraform'],
      ['infra/.terraform/terraform.tfstate', 1, 'infra/.terraform'],
    ]);
    expect(findings[1].message).toContain('`infra/.terraform/` is tracked by git (3 files)');
  });

  it('uses the discovered files outside a git checkout', async () => {
    const findings = await findingsOf(dotTerraformCommitted.id, {
      'main.tf': '',
      '.terraform/environment': 'default',
    });
    expect(findings.map((f) => f.file)).toEqual(['.terraform/environment']);
  });

  it('is quiet for the lock file and for untracked working directories', async () => {
    const findings = await findingsOf(
      dotTerraformCommitted.id,
      { 'main.tf': '', '.terraform/environment': 'default' },
      { gitTrackedFiles: ['main.tf', '.terraform.lock.hcl', 'docs/.terraform-notes.md'] },
    );
    expect(findings).toEqual([]);
  });
  it('is an error when the cached backend configuration holds a credential, naming the setting only', async () => {
    const cached = JSON.stringify({
      version: 3,
      backend: {
        type: 's3',
        config: { bucket: 'acme-state', access_key: 'AKIA0000FAKE', secret_key: 's3cr3t' },
      },
    });
    const findings = await findingsOf(dotTerraformCommitted.id, {
      'main.tf': '',
      '.terraform/terraform.tfstate': cached,
    });
    expect(findings.map((f) => f.severity)).toEqual(['error']);
    expect(findings[0].message).toContain('sets `access_key`, `secret_key`: rotate those credentials');
    expect(findings[0].message).not.toContain('s3cr3t');
  });

  it('is a warning when the cached configuration holds none (null credentials, module copies only)', async () => {
    const cached = JSON.stringify({
      backend: { type: 's3', config: { bucket: 'acme-state', access_key: null } },
    });
    const findings = await findingsOf(dotTerraformCommitted.id, {
      'main.tf': '',
      '.terraform/terraform.tfstate': cached,
      '.terraform/modules/modules.json': '{"Modules":[]}',
    });
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
  });
});
