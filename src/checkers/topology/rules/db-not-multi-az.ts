import type { Rule } from '../../../engine/rule';
import type { TopologyModel } from '../model';

export const dbNotMultiAz: Rule<TopologyModel> = {
  id: 'topology/db-not-multi-az',
  severity: 'warning',
  title: 'Database instance without a Multi-AZ standby',
  help:
    'A single-AZ RDS instance is down for the whole of a zone outage, and for every maintenance that ' +
    'restarts it; restoring elsewhere takes a snapshot restore and loses recent writes. With Multi-AZ ' +
    'a synchronous standby in another zone takes over in a minute or two. Set `multi_az = true` ' +
    '(`MultiAZ: true`). Aurora instances and read replicas are left out: their availability comes ' +
    'from the cluster and the primary.',
  example: {
    file: 'main.tf',
    bad: [
      'resource "aws_db_instance" "orders" {',
      '  identifier        = "orders"',
      '  engine            = "postgres"',
      '  instance_class    = "db.t3.medium"',
      '  allocated_storage = 50',
      '}',
      '',
    ].join('\n'),
    good: [
      'resource "aws_db_instance" "orders" {',
      '  identifier        = "orders"',
      '  engine            = "postgres"',
      '  instance_class    = "db.t3.medium"',
      '  allocated_storage = 50',
      '  multi_az          = true',
      '}',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const db of model.singleAzDatabases) {
      const how = db.setting ? `sets ${db.setting.text}` : 'does not set multi-AZ (the default is off)';
      report({
        file: db.setting?.file ?? db.file,
        line: db.setting?.line ?? db.line,
        subject: db.name,
        message: `${db.kind ? `${db.kind} ` : ''}${db.name} ${how}: it runs in one AZ, so a zone outage or a restart for maintenance takes the database down. Enable Multi-AZ for a standby in another zone.`,
      });
    }
  },
};
