import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { terraformChecker } from '../../../src/checkers/terraform';
import { loadGitignores } from '../../../src/checkers/terraform/gitignores';
import type { ResolvedConfig } from '../../../src/engine/config';
import { createRunContext, type RunContext } from '../../../src/engine/rule';
import { SourceFile } from '../../../src/engine/workspace';

const CONFIG: ResolvedConfig = {
  checkers: ['terraform'],
  exclude: [],
  rules: {},
  ignore: [],
  dockerfile: { trustedRegistries: [] },
  topology: { instanceAvailability: 0.95, targetAvailability: 0.999 },
  sections: {},
};

let top: string;

/** Writes files below the work tree top (a directory with a `.git` entry). */
function write(files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(top, p)), { recursive: true });
    writeFileSync(path.join(top, p), text);
  }
}

/** The context of a scan rooted at `rootDir` that discovered `discovered` (root-relative paths). */
function context(rootDir: string, discovered: string[]): RunContext {
  const root = path.join(top, rootDir);
  const allFiles = discovered.map(
    (p) => new SourceFile(p, path.join(root, p), readFileSync(path.join(root, p), 'utf8')),
  );
  return createRunContext({ root, config: CONFIG, allFiles });
}

beforeEach(() => {
  top = mkdtempSync(path.join(tmpdir(), 'deploy-lint-terraform-'));
  mkdirSync(path.join(top, '.git'));
});

afterEach(() => {
  rmSync(top, { recursive: true, force: true });
});

const main = 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n';

describe('loadGitignores', () => {
  it('reads the .gitignore files above the scan root up to the work tree top, and the ones it skipped', () => {
    write({
      '.gitignore': '.terraform/\n',
      'infra/.gitignore': '*.tfstate\n',
      'infra/prod/main.tf': main,
      'infra/prod/.gitignore': '*.tfstate.*\n',
      'other/.gitignore': '*\n',
    });
    const repo = loadGitignores(context('infra', ['prod/main.tf', 'prod/.gitignore']), ['prod']);
    expect(repo.rootPrefix).toBe('infra');
    expect(repo.files.map((g) => [g.repoDir, g.displayPath, g.file?.path])).toEqual([
      ['infra/prod', 'prod/.gitignore', 'prod/.gitignore'],
      ['', '../.gitignore', undefined],
      ['infra', '.gitignore', '.gitignore'],
    ]);
  });

  it('reads nothing from disk outside a work tree above the root', () => {
    rmSync(path.join(top, '.git'), { recursive: true });
    write({ 'infra/main.tf': main, '.gitignore': '*\n' });
    const repo = loadGitignores(context('infra', ['main.tf']), ['']);
    expect(repo.files.map((g) => g.displayPath)).toEqual([]);
  });
});

describe('gitignore-missing-state with .gitignore files the scan did not discover', () => {
  const gitignoreFindings = async (ctx: RunContext) =>
    (
      await terraformChecker.run(
        ctx.allFiles.filter((f) => terraformChecker.claims(f)),
        ctx,
      )
    ).filter((f) => f.ruleId === 'terraform/gitignore-missing-state');

  it('is quiet when a .gitignore above the scan root ignores everything', async () => {
    write({ '.gitignore': '.terraform/\n*.tfstate\n*.tfstate.*\n', 'infra/prod/main.tf': main });
    expect(await gitignoreFindings(context('infra', ['prod/main.tf']))).toEqual([]);
  });

  it('names the .gitignore above the root that misses patterns, at the Terraform file', async () => {
    write({ '.gitignore': '.terraform/\n', 'infra/prod/main.tf': main });
    const findings = await gitignoreFindings(context('infra', ['prod/main.tf']));
    expect(findings.map((f) => [f.file, f.line, f.message, f.suggestion])).toEqual([
      [
        'prod/main.tf',
        1,
        '`../.gitignore` does not ignore `*.tfstate`, `*.tfstate.*`, which Terraform writes in `prod`.',
        undefined,
      ],
    ]);
  });

  it('edits a .gitignore inside the root that the scan paths left out', async () => {
    write({ '.gitignore': 'node_modules/\n.terraform/\n', 'infra/prod/main.tf': main });
    const findings = await gitignoreFindings(context('', ['infra/prod/main.tf']));
    expect(findings.map((f) => [f.file, f.line, f.suggestion])).toEqual([
      ['.gitignore', 2, { line: 2, endLine: 2, replacement: '.terraform/\n*.tfstate\n*.tfstate.*' }],
    ]);
  });
});
