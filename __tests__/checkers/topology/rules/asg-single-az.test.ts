import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/asg-single-az';

describe(RULE, () => {
  it('fires for an Auto Scaling group whose subnets resolve to one AZ', async () => {
    const [finding] = await findingsOf(RULE, {
      'main.tf': [
        'provider "aws" { region = "eu-west-1" }',
        'locals { zone = "eu-west-1c" }',
        'resource "aws_subnet" "p" {',
        '  count             = 2',
        '  vpc_id            = "vpc-1"',
        '  cidr_block        = "10.0.${count.index}.0/24"',
        '  availability_zone = local.zone',
        '}',
        'resource "aws_autoscaling_group" "w" {',
        '  min_size            = 2',
        '  max_size            = 4',
        '  vpc_zone_identifier = aws_subnet.p.*.id',
        '}',
      ].join('\n'),
    });
    expect(finding.line).toBe(9);
    expect(finding.message).toContain('aws_autoscaling_group.w launches only in eu-west-1c');
  });

  it('fires for a CloudFormation group with one AZ', async () => {
    const [finding] = await findingsOf(RULE, {
      'stack.yaml': [
        'Resources:',
        '  Group:',
        '    Type: AWS::AutoScaling::AutoScalingGroup',
        '    Properties:',
        '      MinSize: "2"',
        '      MaxSize: "4"',
        '      AvailabilityZones: [eu-west-1a]',
      ].join('\n'),
    });
    expect(finding.message).toContain('Group launches only in eu-west-1a');
  });

  it('stays quiet for node groups made one per AZ with for_each', async () => {
    const findings = await findingsOf(RULE, {
      'main.tf': [
        'provider "aws" { region = "eu-west-1" }',
        'variable "zones" { default = { a = "eu-west-1a", b = "eu-west-1b" } }',
        'resource "aws_subnet" "p" {',
        '  for_each          = var.zones',
        '  vpc_id            = "vpc-1"',
        '  cidr_block        = "10.0.0.0/24"',
        '  availability_zone = each.value',
        '}',
        'resource "aws_eks_node_group" "zonal" {',
        '  for_each   = var.zones',
        '  subnet_ids = [aws_subnet.p[each.key].id]',
        '  scaling_config {',
        '    desired_size = 2',
        '    min_size     = 1',
        '    max_size     = 3',
        '  }',
        '}',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('stays quiet for a group over every AZ of the region (Fn::GetAZs)', async () => {
    const findings = await findingsOf(RULE, {
      'stack.yaml':
        'Resources:\n  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      AvailabilityZones: !GetAZs ""\n',
    });
    expect(findings).toEqual([]);
  });
});
