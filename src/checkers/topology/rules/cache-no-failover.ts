import type { Rule } from '../../../engine/rule';
import type { TopologyModel } from '../model';

export const cacheNoFailover: Rule<TopologyModel> = {
  id: 'topology/cache-no-failover',
  severity: 'warning',
  title: 'ElastiCache replication group without automatic failover',
  help:
    'Without automatic failover a replication group does not promote a replica when the primary or ' +
    'its zone fails: writes stop until someone intervenes. Set `automatic_failover_enabled = true` and ' +
    '`multi_az_enabled = true` with at least one replica in another AZ ' +
    '(`AutomaticFailoverEnabled`, `MultiAZEnabled`).',
  example: {
    file: 'main.tf',
    bad: [
      'resource "aws_elasticache_replication_group" "sessions" {',
      '  replication_group_id = "sessions"',
      '  description          = "session store"',
      '  node_type            = "cache.t4g.small"',
      '  num_cache_clusters   = 2',
      '}',
      '',
    ].join('\n'),
    good: [
      'resource "aws_elasticache_replication_group" "sessions" {',
      '  replication_group_id       = "sessions"',
      '  description                = "session store"',
      '  node_type                  = "cache.t4g.small"',
      '  num_cache_clusters         = 2',
      '  automatic_failover_enabled = true',
      '  multi_az_enabled           = true',
      '}',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const cache of model.cachesWithoutFailover) {
      report({
        file: cache.file,
        line: cache.line,
        subject: cache.name,
        message: `${cache.kind ? `${cache.kind} ` : ''}${cache.name} ${cache.detail}: when the primary or its AZ fails, no replica is promoted and writes stop. Enable automatic failover and Multi-AZ with a replica in another AZ.`,
      });
    }
  },
};
