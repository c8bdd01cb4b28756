import type { Rule } from '../../../engine/rule';
import type { TopologyModel } from '../model';

const BAD_EXAMPLE = [
  'resource "aws_subnet" "public" {',
  '  count             = 3',
  '  vpc_id            = "vpc-0123456789abcdef0"',
  '  cidr_block        = "10.0.${count.index}.0/24"',
  '  availability_zone = ["eu-west-1a", "eu-west-1b", "eu-west-1c"][count.index]',
  '}',
  '',
  'resource "aws_lb" "web" {',
  '  name    = "web"',
  '  subnets = aws_subnet.public[*].id',
  '}',
  '',
  'resource "aws_lb_target_group" "web" {',
  '  name     = "web"',
  '  port     = 80',
  '  protocol = "HTTP"',
  '  vpc_id   = "vpc-0123456789abcdef0"',
  '}',
  '',
  'resource "aws_lb_listener" "web" {',
  '  load_balancer_arn = aws_lb.web.arn',
  '  port              = 80',
  '  default_action {',
  '    type             = "forward"',
  '    target_group_arn = aws_lb_target_group.web.arn',
  '  }',
  '}',
  '',
  'resource "aws_instance" "web" {',
  '  count     = 2',
  '  ami       = "ami-0123456789abcdef0"',
  '  subnet_id = aws_subnet.public[count.index].id',
  '}',
  '',
  'resource "aws_lb_target_group_attachment" "web" {',
  '  count            = 2',
  '  target_group_arn = aws_lb_target_group.web.arn',
  '  target_id        = aws_instance.web[count.index].id',
  '}',
  '',
].join('\n');

export const lbZoneWithoutTargets: Rule<TopologyModel> = {
  id: 'topology/lb-zone-without-targets',
  severity: 'warning',
  title: 'Load balancer enabled in an AZ without targets',
  help:
    'A load balancer node in a zone with no healthy target either sends that zone’s share of ' +
    'traffic across zones (when cross-zone load balancing is on: extra latency and transfer cost) or ' +
    'fails it (a Network Load Balancer without cross-zone balancing answers from that zone with ' +
    'nothing behind it). Place targets in every zone the load balancer is enabled in, or remove the ' +
    'zone from it.',
  example: {
    file: 'main.tf',
    bad: BAD_EXAMPLE,
    // The same configuration with a target in every zone the load balancer is enabled in.
    good: BAD_EXAMPLE.replace(/(count +)= 2/g, '$1= 3'),
  },
  check(model, report) {
    for (const lb of model.loadBalancers) {
      if (!lb.targetZones || lb.targetZones.length === 0) continue;
      // `AZ 1 of us-east-1` (a data-source index) and `us-east-1a` may be the same zone or not:
      // compare only zones named the same way.
      const indexed = [...lb.zones, ...lb.targetZones].map((z) => z.ordinal !== undefined);
      if (indexed.some((i) => i !== indexed[0])) continue;
      const targets = new Set(lb.targetZones.map((z) => z.key));
      const empty = lb.zones.filter(
        (z, i, all) => !targets.has(z.key) && all.findIndex((o) => o.key === z.key) === i,
      );
      if (!empty.length) continue;
      const targetLabels = [...new Map(lb.targetZones.map((z) => [z.key, z.label])).values()];
      report({
        file: lb.file,
        line: lb.line,
        subject: lb.name,
        message: `Load balancer ${lb.name} is enabled in ${empty.map((z) => z.label).join(', ')}, where none of its targets run (they run in ${targetLabels.join(', ')}): that zone’s traffic crosses zones or fails. Place targets there or drop the zone.`,
      });
    }
  },
};
