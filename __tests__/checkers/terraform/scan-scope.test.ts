import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { terraformChecker } from '../../../src/checkers/terraform';
import { scan } from '../../../src/engine/scan';

let root: string;

function write(files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), text);
  }
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'deploy-lint-terraform-scope-'));
  write({
    '.gitignore': '.terraform/\n*.tfstate\n*.tfstate.*\n',
    'infra/prod/main.tf': 'terraform {\n  backend "gcs" {\n    bucket = "state"\n  }\n}\n',
    'infra/prod/terraform.tfstate': '{}\n',
    'infra/prod/.terraform/terraform.tfstate': '{}\n',
    'legacy/terraform.tfstate': '{}\n',
    'legacy/.terraform/environment': 'default\n',
  });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-f', '.');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const findingsOf = async (paths?: string[]) =>
  (await scan({ root, paths, checkers: [terraformChecker] })).findings.map((f) => [f.ruleId, f.file]);

describe('a terraform scan restricted to some paths', () => {
  it('reports the committed state and .terraform/ of those paths only, and finds the top .gitignore', async () => {
    expect(await findingsOf(['infra'])).toEqual([
      ['terraform/dotterraform-committed', 'infra/prod/.terraform/terraform.tfstate'],
      ['terraform/state-committed', 'infra/prod/terraform.tfstate'],
    ]);
  });

  it('reports everything tracked when the whole repository is scanned', async () => {
    expect(await findingsOf()).toEqual([
      ['terraform/dotterraform-committed', 'infra/prod/.terraform/terraform.tfstate'],
      ['terraform/state-committed', 'infra/prod/terraform.tfstate'],
      ['terraform/dotterraform-committed', 'legacy/.terraform/environment'],
      ['terraform/state-committed', 'legacy/terraform.tfstate'],
    ]);
  });
});
