import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTerraform, type Repo } from './helpers';

const root = path.resolve(import.meta.dirname, '../../fixtures/terraform/repo');

function readTree(dir: string, prefix = ''): Repo {
  const repo: Repo = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(repo, readTree(path.join(dir, entry.name), relative));
    else repo[relative] = readFileSync(path.join(dir, entry.name), 'utf8');
  }
  return repo;
}

describe('a realistic infrastructure repository', () => {
  it('reports exactly what is wrong with it, where', async () => {
    const findings = await runTerraform(readTree(root));
    const summary = findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`).sort((a, b) => a.localeCompare(b));
    expect(summary).toEqual([
      'terraform/backend-hardcoded-credentials live/dev/config/dev.s3.tfbackend:6',
      'terraform/backend-hardcoded-credentials live/dev/config/dev.s3.tfbackend:7',
      'terraform/gitignore-missing-state .gitignore:3',
      'terraform/invalid-syntax broken/main.tf:1',
      'terraform/lockfile-version-floor live/staging/main.tf:8',
      'terraform/no-remote-backend bootstrap/main.tf:6',
      'terraform/no-remote-backend broken/main.tf:1',
      'terraform/removed-backend legacy/etcd/main.tf:2',
      'terraform/s3-backend-dynamodb-deprecated live/prod/backend.tf:7',
      'terraform/s3-backend-unencrypted live/staging/main.tf:4',
      'terraform/state-bucket-versioning bootstrap/main.tf:6',
      'terraform/state-committed bootstrap/terraform.tfstate:1',
    ]);
  });

  it('names the concrete values in its messages', async () => {
    const findings = await runTerraform(readTree(root));
    const message = (ruleId: string) => findings.find((f) => f.ruleId === ruleId)?.message ?? '';
    expect(message('terraform/state-bucket-versioning')).toBe(
      'S3 bucket `acme-terraform-state` holds Terraform state (backend "s3" in live/dev/main.tf with live/dev/config/dev.s3.tfbackend; backend "s3" in live/prod/backend.tf; backend "s3" in live/staging/main.tf), but no versioning is configured for it: a lost or corrupted state cannot be restored.',
    );
    expect(message('terraform/lockfile-version-floor')).toContain(
      '`required_version = ">= 1.10"` (live/staging/main.tf:2)',
    );
    expect(message('terraform/gitignore-missing-state')).toBe(
      '`.gitignore` does not ignore `*.tfstate`, `*.tfstate.*`, which Terraform writes in `bootstrap`, `broken`, `legacy/etcd` and 3 more.',
    );
  });
});
