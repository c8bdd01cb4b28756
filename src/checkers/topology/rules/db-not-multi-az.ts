import type { Rule } from '../../../engine/rule';
import type { TopologyModel } from '../model';

const NON_PRODUCTION =
  /^(dev|devel|develop|development|stage|staging|stg|test|tests|testing|qa|sandbox|demo)$/i;

/** The directory that names a non-production environment (`live/stage/...`), if any. */
function nonProductionEnvironment(file: string): string | undefined {
  return file
    .split('/')
    .slice(0, -1)
    .find((segment) => NON_PRODUCTION.test(segment));
}

export const dbNotMultiAz: Rule<TopologyModel> = {
  id: 'topology/db-not-multi-az',
  severity: 'warning',
  title: 'Database instance without a Multi-AZ standby',
  help:
    'A single-AZ RDS instance is down for the whole of a zone outage, and for every maintenance that ' +
    'restarts it; restoring elsewhere takes a snapshot restore and loses recent writes. With Multi-AZ ' +
    'a synchronous standby in another zone takes over in a minute or two. Set `multi_az = true` ' +
    '(`MultiAZ: true`). Aurora instances and read replicas are left out: their availability comes ' +
    'from the cluster and the primary. In a directory named for a non-production environment ' +
    '(`stage/`, `dev/`, `test/`...) it is a notice: one AZ there is often a deliberate saving.',
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
      const environment = nonProductionEnvironment(db.file);
      report({
        file: db.setting?.file ?? db.file,
        line: db.setting?.line ?? db.line,
        subject: db.name,
        // A staging or test database is often single-AZ on purpose, to halve its cost.
        severity: environment ? 'notice' : undefined,
        message:
          `${db.kind ? `${db.kind} ` : ''}${db.name} ${how}: it runs in one AZ, so a zone outage or a restart for maintenance takes the database down. Enable Multi-AZ for a standby in another zone` +
          (environment
            ? ` (a notice: ${environment}/ is a non-production environment, where one AZ may be a cost choice).`
            : '.'),
      });
    }
  },
};
