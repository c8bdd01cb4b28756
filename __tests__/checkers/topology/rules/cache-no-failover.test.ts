import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/cache-no-failover';

describe(RULE, () => {
  it('fires without automatic failover (Terraform and CloudFormation)', async () => {
    const [tf] = await findingsOf(RULE, {
      'main.tf':
        'resource "aws_elasticache_replication_group" "r" {\n  automatic_failover_enabled = false\n}\n',
    });
    expect(tf.line).toBe(2);
    expect(tf.message).toContain(
      'aws_elasticache_replication_group.r sets automatic_failover_enabled = false',
    );
    const [cfn] = await findingsOf(RULE, {
      'cache.yaml':
        'Resources:\n  Redis:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      NumCacheClusters: 2\n',
    });
    expect(cfn.message).toContain('Redis does not enable AutomaticFailoverEnabled');
  });

  it('stays quiet with failover on, including through a variable default', async () => {
    expect(
      await findingsOf(RULE, {
        'main.tf': [
          'provider "aws" { region = "eu-west-1" }',
          'variable "failover" { default = true }',
          'resource "aws_elasticache_replication_group" "r" {',
          '  automatic_failover_enabled = var.failover',
          '}',
        ].join('\n'),
      }),
    ).toEqual([]);
  });
});
