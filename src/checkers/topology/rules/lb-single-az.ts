import type { Rule } from '../../../engine/rule';
import type { TopologyModel } from '../model';

export const lbSingleAz: Rule<TopologyModel> = {
  id: 'topology/lb-single-az',
  severity: 'error',
  title: 'Load balancer in fewer than two AZs',
  help:
    'An Application Load Balancer needs subnets in at least two Availability Zones: AWS rejects one ' +
    'with a single zone (an error). A Network Load Balancer or Classic Load Balancer may sit in one ' +
    'zone, but then that zone’s outage takes the entry point down with it, whatever the targets do ' +
    '(a warning). Give it a subnet in every zone the targets use.',
  example: {
    file: 'main.tf',
    bad: [
      'resource "aws_subnet" "public_a" {',
      '  vpc_id            = "vpc-0123456789abcdef0"',
      '  cidr_block        = "10.0.1.0/24"',
      '  availability_zone = "eu-west-1a"',
      '}',
      '',
      'resource "aws_lb" "web" {',
      '  name    = "web"',
      '  subnets = [aws_subnet.public_a.id]',
      '}',
      '',
    ].join('\n'),
    good: [
      'resource "aws_subnet" "public" {',
      '  count             = 2',
      '  vpc_id            = "vpc-0123456789abcdef0"',
      '  cidr_block        = "10.0.${count.index}.0/24"',
      '  availability_zone = ["eu-west-1a", "eu-west-1b"][count.index]',
      '}',
      '',
      'resource "aws_lb" "web" {',
      '  name    = "web"',
      '  subnets = aws_subnet.public[*].id',
      '}',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const lb of model.loadBalancers) {
      const zones = new Map(lb.zones.map((z) => [z.key, z.label]));
      if (zones.size >= 2) continue;
      const where = zones.size ? `only ${[...zones.values()].join('')}` : 'no Availability Zone';
      const application = lb.kind === 'application';
      report({
        file: lb.file,
        line: lb.line,
        subject: lb.name,
        severity: application ? 'error' : 'warning',
        message: application
          ? `Application Load Balancer ${lb.name} has subnets in ${where}: AWS requires at least two AZs and rejects it. Add a subnet in a second AZ.`
          : `${lb.kind === 'network' ? 'Network' : lb.kind === 'gateway' ? 'Gateway' : 'Classic'} Load Balancer ${lb.name} is in ${where}: an outage there takes the entry point down whatever the targets do. Add a subnet in each AZ its targets use.`,
      });
    }
  },
};
