import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/db-not-multi-az';

describe(RULE, () => {
  it('fires for an RDS instance without multi_az, and at the line of multi_az = false', async () => {
    const findings = await findingsOf(RULE, {
      'main.tf': [
        'provider "aws" { region = "eu-west-1" }',
        'variable "ha" { default = false }',
        'resource "aws_db_instance" "a" {',
        '  engine = "postgres"',
        '}',
        'resource "aws_db_instance" "b" {',
        '  engine   = "mysql"',
        '  multi_az = var.ha',
        '}',
      ].join('\n'),
    });
    expect(findings.map((f) => f.line)).toEqual([3, 8]);
    expect(findings[0].message).toContain('aws_db_instance.a does not set multi-AZ');
    expect(findings[1].message).toContain('sets multi_az = var.ha (false)');
  });

  it('fires for a CloudFormation DBInstance with MultiAZ false', async () => {
    const [finding] = await findingsOf(RULE, {
      'db.yaml':
        'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      MultiAZ: false\n',
    });
    expect(finding.line).toBe(6);
    expect(finding.message).toContain('AWS::RDS::DBInstance Db sets MultiAZ: false');
  });

  it('stays quiet for multi-AZ RDS, Aurora instances, read replicas and a condition that holds', async () => {
    expect(
      await findingsOf(RULE, {
        'main.tf': [
          'resource "aws_db_instance" "main" {',
          '  engine   = "postgres"',
          '  multi_az = true',
          '}',
          'resource "aws_db_instance" "replica" {',
          '  replicate_source_db = aws_db_instance.main.identifier',
          '}',
          'resource "aws_db_instance" "aurora" {',
          '  engine = "aurora-postgresql"',
          '}',
        ].join('\n'),
      }),
    ).toEqual([]);
    expect(
      await findingsOf(RULE, {
        'db.yaml': [
          'Parameters:',
          '  Env:',
          '    Type: String',
          '    Default: prod',
          'Conditions:',
          '  IsProd: !Equals [!Ref Env, prod]',
          'Resources:',
          '  Db:',
          '    Type: AWS::RDS::DBInstance',
          '    Properties:',
          '      MultiAZ: !If [IsProd, true, false]',
        ].join('\n'),
      }),
    ).toEqual([]);
  });

  it('is only a notice in a staging environment directory', async () => {
    const [finding] = await findingsOf(RULE, {
      'live/stage/data-stores/mysql/main.tf': 'resource "aws_db_instance" "db" {\n  engine = "mysql"\n}\n',
    });
    expect(finding.severity).toBe('notice');
    expect(finding.message).toContain('stage/ is a non-production environment');
    const [prod] = await findingsOf(RULE, {
      'live/prod/data-stores/mysql/main.tf': 'resource "aws_db_instance" "db" {\n  engine = "mysql"\n}\n',
    });
    expect(prod.severity).toBeUndefined();
  });

  it('leaves a reusable module’s multi_az to its caller (unresolved, not a finding)', async () => {
    const findings = await findingsOf(RULE, {
      'modules/db/main.tf':
        'variable "multi_az" { default = false }\nresource "aws_db_instance" "this" {\n  multi_az = var.multi_az\n}\n',
    });
    expect(findings).toEqual([]);
    const unresolved = await findingsOf('topology/unresolved-placement', {
      'modules/db/main.tf':
        'variable "multi_az" { default = false }\nresource "aws_db_instance" "this" {\n  multi_az = var.multi_az\n}\n',
    });
    expect(unresolved[0].message).toContain("var.multi_az is set by the module's caller");
  });
});
