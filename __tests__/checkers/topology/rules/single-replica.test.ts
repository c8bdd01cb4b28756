import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/single-replica';

describe(RULE, () => {
  it('fires for a service with one instance', async () => {
    const [finding] = await findingsOf(RULE, {
      'deploy-topology.yml':
        'version: 1\nservices:\n  - name: billing\n    placements:\n      - { zone: eu-central-1a, count: 1 }\n',
    });
    expect(finding.message).toContain('service `billing` runs 1 instance (in eu-central-1a)');
    expect(finding.message).toContain('at best 95%');
  });

  it('fires for an ECS service with desired_count = 1 in a root module', async () => {
    const [finding] = await findingsOf(RULE, {
      'main.tf': [
        'provider "aws" { region = "eu-west-1" }',
        'resource "aws_subnet" "a" {',
        '  vpc_id            = "vpc-1"',
        '  cidr_block        = "10.0.0.0/24"',
        '  availability_zone = "eu-west-1a"',
        '}',
        'resource "aws_ecs_service" "api" {',
        '  name          = "api"',
        '  desired_count = 1',
        '  network_configuration {',
        '    subnets = [aws_subnet.a.id]',
        '  }',
        '}',
      ].join('\n'),
    });
    expect(finding.message).toContain('`aws_ecs_service.api` runs 1 instance');
  });

  it('stays quiet for a lone aws_instance (a bastion is one by design) and for two replicas', async () => {
    expect(
      await findingsOf(RULE, {
        'main.tf':
          'provider "aws" { region = "eu-west-1" }\nresource "aws_instance" "bastion" {\n  ami               = "ami-1"\n  availability_zone = "eu-west-1a"\n}\n',
      }),
    ).toEqual([]);
    expect(
      await findingsOf(RULE, {
        'deploy-topology.yml':
          'version: 1\nservices:\n  - name: b\n    placements:\n      - { zone: eu-central-1a, count: 1 }\n      - { zone: eu-central-1b, count: 1 }\n',
      }),
    ).toEqual([]);
  });
});
