import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/uneven-spread';

describe(RULE, () => {
  it('fires when zones differ by more than one', async () => {
    const [finding] = await findingsOf(RULE, {
      'deploy-topology.yml':
        'version: 1\nservices:\n  - name: s\n    placements:\n      - { zone: eu-west-1a, count: 4 }\n      - { zone: eu-west-1b, count: 2 }\n',
    });
    expect(finding.message).toContain('4 in eu-west-1a, 2 in eu-west-1b: the zones differ by 2');
  });

  it('stays quiet for 3+3+2 and for count = 4 over three data-source AZs (2+1+1)', async () => {
    expect(
      await findingsOf(RULE, {
        'deploy-topology.yml':
          'version: 1\nservices:\n  - name: s\n    placements:\n      - { zone: eu-west-1a, count: 3 }\n      - { zone: eu-west-1b, count: 3 }\n      - { zone: eu-west-1c, count: 2 }\n',
      }),
    ).toEqual([]);
    expect(
      await findingsOf(RULE, {
        'main.tf': [
          'provider "aws" { region = "us-east-2" }',
          'data "aws_availability_zones" "available" {}',
          'resource "aws_instance" "w" {',
          '  count             = 4',
          '  ami               = "ami-1"',
          '  availability_zone = element(data.aws_availability_zones.available.names, count.index)',
          '}',
        ].join('\n'),
      }),
    ).toEqual([]);
  });
});
