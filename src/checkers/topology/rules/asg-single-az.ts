import type { Rule } from '../../../engine/rule';
import type { TopologyModel } from '../model';

export const asgSingleAz: Rule<TopologyModel> = {
  id: 'topology/asg-single-az',
  severity: 'warning',
  title: 'Auto Scaling group in one AZ',
  help:
    'An Auto Scaling group balances its instances over the zones of its subnets; with one zone, a ' +
    'zone outage takes every instance down, and the group cannot launch replacements anywhere else. ' +
    'Give it subnets in two or three zones (`vpc_zone_identifier`, `VPCZoneIdentifier`).',
  example: {
    file: 'main.tf',
    bad: [
      'resource "aws_subnet" "private_a" {',
      '  vpc_id            = "vpc-0123456789abcdef0"',
      '  cidr_block        = "10.0.1.0/24"',
      '  availability_zone = "eu-west-1a"',
      '}',
      '',
      'resource "aws_autoscaling_group" "workers" {',
      '  min_size            = 2',
      '  max_size            = 6',
      '  vpc_zone_identifier = [aws_subnet.private_a.id]',
      '}',
      '',
    ].join('\n'),
    good: [
      'data "aws_availability_zones" "available" {}',
      '',
      'resource "aws_subnet" "private" {',
      '  count             = 3',
      '  vpc_id            = "vpc-0123456789abcdef0"',
      '  cidr_block        = "10.0.${count.index}.0/24"',
      '  availability_zone = data.aws_availability_zones.available.names[count.index]',
      '}',
      '',
      'resource "aws_autoscaling_group" "workers" {',
      '  min_size            = 2',
      '  max_size            = 6',
      '  vpc_zone_identifier = aws_subnet.private[*].id',
      '}',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const group of model.autoScalingGroups) {
      const zones = new Map(group.zones.map((z) => [z.key, z.label]));
      if (zones.size !== 1) continue;
      const [zone] = zones.values();
      report({
        file: group.file,
        line: group.line,
        subject: group.name,
        message: `Auto Scaling group ${group.name} launches only in ${zone}: an outage there stops every instance and leaves nowhere to launch replacements. Add subnets in two or three AZs.`,
      });
    }
  },
};
