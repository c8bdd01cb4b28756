import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/lb-single-az';

const SUBNETS = [
  'provider "aws" { region = "eu-west-1" }',
  'variable "azs" { default = ["eu-west-1a", "eu-west-1b"] }',
  'resource "aws_subnet" "public" {',
  '  count             = length(var.azs)',
  '  vpc_id            = "vpc-1"',
  '  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)',
  '  availability_zone = var.azs[count.index]',
  '}',
];

describe(RULE, () => {
  it('an ALB with one subnet is an error (AWS rejects it)', async () => {
    const [finding] = await findingsOf(RULE, {
      'main.tf': [...SUBNETS, 'resource "aws_lb" "web" {', '  subnets = [aws_subnet.public[0].id]', '}'].join(
        '\n',
      ),
    });
    expect(finding.severity).toBe('error');
    expect(finding.message).toContain('Application Load Balancer aws_lb.web has subnets in only eu-west-1a');
  });

  it('an NLB in one AZ is a warning', async () => {
    const [finding] = await findingsOf(RULE, {
      'main.tf': [
        ...SUBNETS,
        'resource "aws_lb" "nlb" {',
        '  load_balancer_type = "network"',
        '  subnet_mapping {',
        '    subnet_id = aws_subnet.public[1].id',
        '  }',
        '}',
      ].join('\n'),
    });
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain('Network Load Balancer aws_lb.nlb is in only eu-west-1b');
  });

  it('stays quiet for subnets by splat over two AZs, and for a CloudFormation ALB over GetAZs', async () => {
    expect(
      await findingsOf(RULE, {
        'main.tf': [...SUBNETS, 'resource "aws_lb" "web" {', '  subnets = aws_subnet.public[*].id', '}'].join(
          '\n',
        ),
      }),
    ).toEqual([]);
    expect(
      await findingsOf(RULE, {
        'template.yaml': [
          'Resources:',
          '  SubnetA:',
          '    Type: AWS::EC2::Subnet',
          '    Properties:',
          '      AvailabilityZone: !Select [0, !GetAZs ""]',
          '  SubnetB:',
          '    Type: AWS::EC2::Subnet',
          '    Properties:',
          '      AvailabilityZone: !Select [1, !GetAZs ""]',
          '  LoadBalancer:',
          '    Type: AWS::ElasticLoadBalancingV2::LoadBalancer',
          '    Properties:',
          '      Subnets: [!Ref SubnetA, !Ref SubnetB]',
        ].join('\n'),
      }),
    ).toEqual([]);
  });

  it('fires for a CloudFormation ALB whose subnets both pick AZ 0', async () => {
    const [finding] = await findingsOf(RULE, {
      'template.yaml': [
        'Resources:',
        '  SubnetA:',
        '    Type: AWS::EC2::Subnet',
        '    Properties:',
        '      AvailabilityZone: !Select [0, !GetAZs ""]',
        '  SubnetB:',
        '    Type: AWS::EC2::Subnet',
        '    Properties:',
        '      AvailabilityZone:',
        '        Fn::Select: [0, { "Fn::GetAZs": "" }]',
        '  LoadBalancer:',
        '    Type: AWS::ElasticLoadBalancingV2::LoadBalancer',
        '    Properties:',
        '      Subnets: [!Ref SubnetA, !Ref SubnetB]',
      ].join('\n'),
    });
    expect(finding.line).toBe(11);
    expect(finding.message).toContain('only AZ 1 of the region');
  });
});
