import { describe, expect, it } from 'vitest';
import { invalidSyntax } from '../../../../src/checkers/terraform/rules/invalid-syntax';
import { findingsOf, runTerraform } from '../helpers';

const example = invalidSyntax.example!;

describe('terraform/invalid-syntax', () => {
  it('fires on the example, at the unclosed block', async () => {
    const findings = await findingsOf(invalidSyntax.id, { [example.file]: example.bad });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: 'main.tf', line: 1, column: 1 });
    expect(findings[0].message).toContain('resource "aws_s3_bucket" "logs"');
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsOf(invalidSyntax.id, { [example.file]: example.good })).toEqual([]);
  });

  it('reports one finding per file, at the first error, and still checks the rest of the file', async () => {
    const findings = await runTerraform({
      'main.tf': [
        'locals {',
        '  a = ',
        '}',
        'locals {',
        '  b = ]',
        '}',
        'terraform {',
        '  backend "etcd" {',
        '    path = "x"',
        '  }',
        '}',
      ].join('\n'),
      'ok.tf': 'locals {\n  c = 1\n}\n',
    });
    const syntax = findings.filter((f) => f.ruleId === invalidSyntax.id);
    expect(syntax.map((f) => [f.file, f.line])).toEqual([['main.tf', 2]]);
    expect(findings.some((f) => f.ruleId === 'terraform/removed-backend' && f.line === 8)).toBe(true);
  });

  it('reports a broken .tfbackend file too', async () => {
    const findings = await findingsOf(invalidSyntax.id, {
      'main.tf': 'terraform {\n  backend "s3" {}\n}\n',
      'prod.s3.tfbackend': 'bucket = "x\n',
    });
    expect(findings.map((f) => [f.file, f.line])).toEqual([['prod.s3.tfbackend', 1]]);
  });
});
