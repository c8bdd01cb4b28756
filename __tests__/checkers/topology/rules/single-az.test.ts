import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/single-az';

describe(RULE, () => {
  it('fires when every replica shares one AZ, naming it and the stable layout', async () => {
    const [finding, ...rest] = await findingsOf(RULE, {
      'deploy-topology.yml': [
        'version: 1',
        'services:',
        '  - name: api',
        '    placements:',
        '      - { zone: eu-west-1b, count: 4 }',
      ].join('\n'),
    });
    expect(rest).toEqual([]);
    expect(finding.line).toBe(3);
    expect(finding.message).toContain(
      'All 4 replicas of service `api` run in one Availability Zone, eu-west-1b',
    );
    expect(finding.message).toContain('3 (1+1+1) over 3 AZs of eu-west-1');
    expect(finding.severity).toBeUndefined();
  });

  it('is an error for tier: prod', async () => {
    const [finding] = await findingsOf(RULE, {
      'deploy-topology.yml':
        'version: 1\nservices:\n  - name: api\n    tier: prod\n    placements:\n      - { zone: eu-west-1b, count: 2 }\n',
    });
    expect(finding.severity).toBe('error');
  });

  it('behind a regional load balancer, counts only the replicas in its region', async () => {
    const [finding] = await findingsOf(RULE, {
      'deploy-topology.yml': [
        'version: 1',
        'services:',
        '  - name: api',
        '    load-balancer: regional',
        '    placements:',
        '      - { zone: us-east-1a, count: 2 }',
        '      - { zone: us-east-2a, count: 1 }',
        '      - { zone: us-east-2b, count: 1 }',
      ].join('\n'),
    });
    // 2 in us-east-1 vs 2 in us-east-2: the first region with the most replicas serves.
    expect(finding.message).toContain('regional load balancer in us-east-1 reaches run in us-east-1a');
  });

  it('fires for count = 3 instances all in one subnet (Terraform)', async () => {
    const [finding] = await findingsOf(RULE, {
      'main.tf': [
        'provider "aws" { region = "eu-central-1" }',
        'resource "aws_subnet" "a" {',
        '  vpc_id            = "vpc-1"',
        '  cidr_block        = "10.0.0.0/24"',
        '  availability_zone = "eu-central-1a"',
        '}',
        'resource "aws_instance" "web" {',
        '  count     = 3',
        '  ami       = "ami-1"',
        '  subnet_id = aws_subnet.a.id',
        '}',
      ].join('\n'),
    });
    expect(finding.message).toContain(
      'All 3 replicas of `aws_instance.web` run in one Availability Zone, eu-central-1a',
    );
    expect(finding.line).toBe(7);
  });

  it('stays quiet for count = 3 over var.azs with element()', async () => {
    const findings = await findingsOf(RULE, {
      'main.tf': [
        'provider "aws" { region = "us-east-1" }',
        'variable "azs" { default = ["us-east-1a", "us-east-1b", "us-east-1c"] }',
        'resource "aws_instance" "web" {',
        '  count             = 3',
        '  ami               = "ami-1"',
        '  availability_zone = element(var.azs, count.index)',
        '}',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('stays quiet for one instance per AZ from for_each over data.aws_availability_zones', async () => {
    const findings = await findingsOf(RULE, {
      'main.tf': [
        'provider "aws" { region = "us-east-2" }',
        'data "aws_availability_zones" "all" {}',
        'resource "aws_instance" "web" {',
        '  for_each          = toset(data.aws_availability_zones.all.names)',
        '  ami               = "ami-1"',
        '  availability_zone = each.key',
        '}',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('stays quiet for a single replica (single-replica says it) and for spread services', async () => {
    expect(
      await findingsOf(RULE, {
        'deploy-topology.yml':
          'version: 1\nservices:\n  - name: api\n    placements:\n      - { zone: eu-west-1a, count: 1 }\n',
      }),
    ).toEqual([]);
    expect(
      await findingsOf(RULE, {
        'deploy-topology.yml':
          'version: 1\nservices:\n  - name: api\n    placements:\n      - { zone: eu-west-1a, count: 2 }\n      - { zone: eu-west-1b, count: 2 }\n',
      }),
    ).toEqual([]);
  });
});
