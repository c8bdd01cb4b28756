import { describe, expect, it } from 'vitest';
import { lockfileVersionFloor } from '../../../../src/checkers/terraform/rules/lockfile-version-floor';
import { findingsOf } from '../helpers';

const example = lockfileVersionFloor.example!;
const withVersion = (constraint: string) => example.good.replace('">= 1.11.0"', `"${constraint}"`);

describe('terraform/lockfile-version-floor', () => {
  it('fires on the example, at use_lockfile, naming the constraint and where it is', async () => {
    const findings = await findingsOf(lockfileVersionFloor.id, { [example.file]: example.bad });
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [
        9,
        '`use_lockfile = true` needs Terraform 1.11, but `required_version = ">= 1.5.0"` (main.tf:2) admits versions before 1.11.',
      ],
    ]);
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsOf(lockfileVersionFloor.id, { [example.file]: example.good })).toEqual([]);
  });

  it('fires when no required_version is set', async () => {
    const noFloor = example.good.replace('  required_version = ">= 1.11.0"\n', '');
    const [finding] = await findingsOf(lockfileVersionFloor.id, { 'main.tf': noFloor });
    expect(finding.message).toContain('no `required_version` is set');
  });

  it('evaluates the constraint instead of matching text', async () => {
    for (const fires of ['~> 1.10', '> 1.10', '>= 1.9, < 2.0', '!= 1.11.0']) {
      expect(
        await findingsOf(lockfileVersionFloor.id, { 'main.tf': withVersion(fires) }),
        fires,
      ).toHaveLength(1);
    }
    for (const quiet of ['~> 1.11', '>= 1.11, < 2.0', '1.12.1', '~> 1.11.0', '>= 2']) {
      expect(await findingsOf(lockfileVersionFloor.id, { 'main.tf': withVersion(quiet) }), quiet).toEqual([]);
    }
  });

  it('takes the floor from any file of the module', async () => {
    const findings = await findingsOf(lockfileVersionFloor.id, {
      'main.tf': example.good.replace('  required_version = ">= 1.11.0"\n', ''),
      'versions.tf': 'terraform {\n  required_version = ">= 1.11"\n}\n',
    });
    expect(findings).toEqual([]);
  });

  it('is quiet when use_lockfile is off or the constraint is unreadable', async () => {
    expect(
      await findingsOf(lockfileVersionFloor.id, {
        'main.tf': example.bad.replace('use_lockfile = true', 'use_lockfile = false'),
      }),
    ).toEqual([]);
    expect(await findingsOf(lockfileVersionFloor.id, { 'main.tf': withVersion('>= latest') })).toEqual([]);
  });
});
