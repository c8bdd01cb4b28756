import { describe, expect, it } from 'vitest';
import { findingsOf, runTopology } from '../helpers';

const RULE = 'topology/unresolved-placement';

describe(RULE, () => {
  it('says what and why when a subnet comes from a variable without a value', async () => {
    const [finding] = await findingsOf(RULE, {
      'main.tf': [
        'provider "aws" { region = "eu-west-1" }',
        'variable "subnet_ids" {}',
        'resource "aws_instance" "api" {',
        '  count     = 2',
        '  ami       = "ami-1"',
        '  subnet_id = var.subnet_ids[count.index]',
        '}',
      ].join('\n'),
    });
    expect(finding.line).toBe(3);
    expect(finding.message).toContain(
      'The placement of aws_instance.api could not be resolved: var.subnet_ids has no default',
    );
  });

  it('never guesses: a module output, a data source and a count from one give no spread finding', async () => {
    const findings = await runTopology({
      'main.tf': [
        'provider "aws" { region = "eu-west-1" }',
        'data "aws_subnets" "private" {}',
        'resource "aws_instance" "a" {',
        '  count     = 3',
        '  ami       = "ami-1"',
        '  subnet_id = module.vpc.private_subnets[0]',
        '}',
        'resource "aws_autoscaling_group" "b" {',
        '  min_size            = 2',
        '  max_size            = 2',
        '  vpc_zone_identifier = data.aws_subnets.private.ids',
        '}',
        'resource "aws_instance" "c" {',
        '  count     = length(module.vpc.private_subnets)',
        '  ami       = "ami-1"',
        '}',
      ].join('\n'),
    });
    expect(findings.map((f) => f.ruleId)).toEqual([RULE, RULE, RULE]);
    expect(findings.map((f) => f.message).join('\n')).toMatch(
      /module\.vpc[\s\S]*data\.aws_subnets\.private is read at plan time/,
    );
  });

  it('stays quiet for a lone instance with no zone (nothing to spread) and for resolvable code', async () => {
    expect(
      await findingsOf(RULE, {
        'main.tf': 'resource "aws_instance" "bastion" {\n  ami = "ami-1"\n}\n',
      }),
    ).toEqual([]);
    expect(
      await findingsOf(RULE, {
        'main.tf': [
          'provider "aws" { region = "us-east-1" }',
          'locals { azs = ["us-east-1a", "us-east-1b"] }',
          'resource "aws_instance" "w" {',
          '  count             = 4',
          '  ami               = "ami-1"',
          '  availability_zone = local.azs[count.index % length(local.azs)]',
          '}',
        ].join('\n'),
      }),
    ).toEqual([]);
  });
});
