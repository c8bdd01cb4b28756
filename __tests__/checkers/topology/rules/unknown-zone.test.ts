import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/unknown-zone';

describe(RULE, () => {
  it('fires for a letter the region does not have, listing the real ones', async () => {
    const [finding] = await findingsOf(RULE, {
      'deploy-topology.yml':
        'version: 1\nservices:\n  - name: s\n    placements:\n      - { zone: us-east-1g, count: 2 }\n',
    });
    expect(finding.line).toBe(5);
    expect(finding.message).toContain(
      'us-east-1g does not exist: us-east-1 has the zones us-east-1a, us-east-1b',
    );
  });

  it('fires for us-west-1d and for a tfvars value', async () => {
    const findings = await findingsOf(RULE, {
      'main.tf': [
        'variable "zone" {}',
        'provider "aws" { region = "us-west-1" }',
        'resource "aws_subnet" "a" {',
        '  vpc_id            = "vpc-1"',
        '  cidr_block        = "10.0.0.0/24"',
        '  availability_zone = var.zone',
        '}',
      ].join('\n'),
      'terraform.tfvars': 'zone = "us-west-1d"\n',
    });
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('us-west-1d does not exist')]);
  });

  it('reports a region that does not exist, as a warning when only the dated table says so', async () => {
    const findings = await findingsOf(RULE, {
      'deploy-topology.yml':
        'version: 1\nservices:\n  - name: s\n    placements:\n      - { zone: us-middle-9a, count: 1 }\n      - { zone: mars-1a, count: 1 }\n',
    });
    expect(findings.map((f) => [f.line, f.severity ?? 'error'])).toEqual([
      [5, 'warning'],
      [6, 'error'],
    ]);
    expect(findings[0].message).toContain('which is not an AWS region as of');
  });

  it('says when a region stands where a zone belongs', async () => {
    const [finding] = await findingsOf(RULE, {
      'stack.yaml':
        'Resources:\n  Box:\n    Type: AWS::EC2::Instance\n    Properties:\n      AvailabilityZone: us-west-2\n',
    });
    expect(finding.line).toBe(5);
    expect(finding.message).toContain('us-west-2 is a region, not an Availability Zone');
  });

  it('stays quiet for real zones, AZ ids and Local Zones', async () => {
    const findings = await findingsOf(RULE, {
      'deploy-topology.yml': [
        'version: 1',
        'services:',
        '  - name: s',
        '    placements:',
        '      - { zone: us-east-1f, count: 1 }',
        '      - { zone: use1-az4, count: 1 }',
        '      - { zone: us-west-2-lax-1a, count: 1 }',
        '      - { zone: ca-central-1d, count: 1 }',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });
});
