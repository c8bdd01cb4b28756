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
  it('reports the line where parsing fails, not the top of the file, when recovery swallows the blocks before it', async () => {
    // Terraform 0.11 style: a nested block inside an object value, after several complete blocks.
    const text = [
      'terraform {',
      '  required_version = ">= 0.11.11"',
      '}',
      '',
      'provider "kubernetes" {',
      '  host = "${var.host}"',
      '}',
      '',
      'resource "kubernetes_pod" "web" {',
      '  spec {',
      '    container {',
      '      env = {',
      '        name = "TOKEN"',
      '        value_from {',
      '          secret_key_ref {',
      '            key = "token"',
      '          }',
      '        }',
      '      }',
      '    }',
      '  }',
      '}',
      '',
      'resource "kubernetes_service" "web" {',
      '  metadata {',
      '    name = "web"',
      '  }',
      '}',
      '',
    ].join('\n');
    const findings = await findingsOf(invalidSyntax.id, { 'main.tf': text });
    expect(findings.map((f) => [f.line, f.column, f.message])).toEqual([
      [14, 9, 'Syntax error: unexpected `value_from {`.'],
    ]);
  });

  it('is quiet on the same configuration written for Terraform 0.12 and later', async () => {
    const text = [
      'resource "kubernetes_pod" "web" {',
      '  spec {',
      '    container {',
      '      env {',
      '        name = "TOKEN"',
      '        value_from {',
      '          secret_key_ref {',
      '            key = "token"',
      '          }',
      '        }',
      '      }',
      '      labels = { app = "web", tier = { name = "front" } }',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    expect(await findingsOf(invalidSyntax.id, { 'main.tf': text })).toEqual([]);
  });
  it('is a warning, said to be HCL 1, when required_version holds the module to 0.11', async () => {
    const text =
      'terraform {\n  required_version = "~> 0.11.0"\n}\n\nresource "x" "y" {\n  env = {\n    name = "A"\n    value_from {\n    }\n  }\n}\n';
    const findings = await findingsOf(invalidSyntax.id, { 'main.tf': text });
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[8, 'warning']]);
    expect(findings[0].message).toContain('holds this module to 0.11');
    const current = await findingsOf(invalidSyntax.id, {
      'main.tf': text.replace('~> 0.11.0', '>= 0.11.11'),
    });
    expect(current.map((f) => [f.line, f.severity])).toEqual([[8, undefined]]);
  });
});
