import { describe, expect, it } from 'vitest';
import { gitignoreMissingState } from '../../../../src/checkers/terraform/rules/gitignore-missing-state';
import { applySuggestion, findingsOf } from '../helpers';

const example = gitignoreMissingState.example!;
const main = 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n';

describe('terraform/gitignore-missing-state', () => {
  it('fires on the example, at its last line, with a suggestion that adds the patterns', async () => {
    const findings = await findingsOf(gitignoreMissingState.id, {
      'main.tf': main,
      [example.file]: example.bad,
    });
    expect(findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        '.gitignore',
        2,
        '`.gitignore` does not ignore `*.tfstate`, `*.tfstate.*`, which Terraform writes in `.`.',
      ],
    ]);
    const fixed = applySuggestion(example.bad, findings[0].suggestion!);
    expect(fixed).toBe(example.good);
    expect(await findingsOf(gitignoreMissingState.id, { 'main.tf': main, '.gitignore': fixed })).toEqual([]);
  });

  it('is quiet on the fixed example', async () => {
    expect(
      await findingsOf(gitignoreMissingState.id, { 'main.tf': main, [example.file]: example.good }),
    ).toEqual([]);
  });

  it('accepts any pattern git would apply', async () => {
    for (const gitignore of [
      '*.tfstate*\n**/.terraform/*\n',
      '**/*.tfstate\n**/*.tfstate.*\n.terraform\n',
      '*\n',
    ]) {
      expect(
        await findingsOf(gitignoreMissingState.id, { 'main.tf': main, '.gitignore': gitignore }),
        gitignore,
      ).toEqual([]);
    }
  });

  it('points at the first .tf file when there is no .gitignore at all', async () => {
    const findings = await findingsOf(gitignoreMissingState.id, { 'infra/prod/main.tf': main });
    expect(findings.map((f) => [f.file, f.line, f.suggestion])).toEqual([
      ['infra/prod/main.tf', 1, undefined],
    ]);
    expect(findings[0].message).toBe(
      'No .gitignore covers `infra/prod`: add one that ignores `*.tfstate`, `*.tfstate.*`, `.terraform/`, which Terraform writes there.',
    );
  });

  it('groups the root modules under one .gitignore into one finding', async () => {
    const findings = await findingsOf(gitignoreMissingState.id, {
      '.gitignore': '.terraform/\n',
      'a/main.tf': main,
      'b/main.tf': main,
      'c/main.tf': main,
      'd/main.tf': main,
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('`a`, `b`, `c` and 1 more');
  });

  it('is quiet for a repository without Terraform', async () => {
    expect(await findingsOf(gitignoreMissingState.id, { '.gitignore': '' })).toEqual([]);
  });
});
