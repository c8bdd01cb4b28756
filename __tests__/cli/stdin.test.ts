import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding';
import { runCli } from '../../src/cli/run';
import { LOCAL_STATE_TF, makeRepo, TERRAFORM_GITIGNORE } from './helpers';

async function stdin(argv: string[], cwd: string, input: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    env: {},
    stdoutIsTTY: false,
    readStdin: async () => input,
  });
  return { code, stdout, stderr };
}

describe('deploy-lint - --stdin-filename NAME', () => {
  it('judges the text as the file NAME in the repository: its config and its ignore files apply', async () => {
    const root = makeRepo({
      '.gitignore': TERRAFORM_GITIGNORE,
      '.deploy-lint.yml': 'rules:\n  terraform/no-remote-backend: error\n',
      'infra/other.tf': '# not read: only the text from stdin is checked\n',
    });
    mkdirSync(path.join(root, '.git'));
    const out = await stdin(
      ['-', '--stdin-filename', 'main.tf', '-f', 'json'],
      path.join(root, 'infra'),
      LOCAL_STATE_TF,
    );
    expect(out.stderr).toBe('');
    const findings = JSON.parse(out.stdout).findings as Finding[];
    expect(findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`)).toEqual([
      'infra/main.tf terraform/no-remote-backend error',
    ]);
    expect(out.code).toBe(1);
  });

  it('refuses a name outside the current directory', async () => {
    const out = await stdin(['-', '--stdin-filename', '../main.tf'], makeRepo({}), LOCAL_STATE_TF);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--stdin-filename \.\.\/main\.tf/);
  });
});
