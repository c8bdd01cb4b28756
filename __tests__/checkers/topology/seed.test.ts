import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runTopology } from './helpers';

// Section 3 of the review: 4 instances, 3 in us-east-1a and 1 in us-west-1a, behind a regional
// load balancer. The review says losing us-west-1a loses 25%; the real risk is us-east-1a, 75%.

const EXPECTED = [
  'topology/account-specific-zone',
  'topology/az-capacity-loss',
  'topology/cross-region-split',
  'topology/not-statically-stable',
  'topology/single-az',
  'topology/uneven-spread',
];

function byRule(findings: { ruleId: string; message: string }[]): Map<string, string> {
  return new Map(findings.map((f) => [f.ruleId, f.message]));
}

function expectSeedFindings(findings: { ruleId: string; message: string }[]): void {
  expect([...new Set(findings.map((f) => f.ruleId))].sort()).toEqual(EXPECTED);
  const messages = byRule(findings);
  expect(messages.get('topology/az-capacity-loss')).toMatch(
    /^Losing us-east-1a removes 75% of .* \(3 of 4 replicas\)/,
  );
  expect(messages.get('topology/cross-region-split')).toContain('spans us-east-1 and us-west-1');
  expect(messages.get('topology/single-az')).toContain(
    'regional load balancer in us-east-1 reaches run in us-east-1a',
  );
  expect(messages.get('topology/not-statically-stable')).toContain(
    'no replica remains that can take its traffic',
  );
  expect(messages.get('topology/account-specific-zone')).toMatch(/^us-west-1a/);
  // The review's own reading (losing us-west-1a costs 25%) appears nowhere.
  expect(findings.some((f) => /Losing us-west-1a/.test(f.message))).toBe(false);
}

describe('the review’s AZ layout', () => {
  it('as a topology file (the example repository’s own)', async () => {
    const text = readFileSync('examples/seed-service/deploy-topology.yml', 'utf8');
    expectSeedFindings(await runTopology({ 'deploy-topology.yml': text }));
  });

  it('as Terraform: two providers, one Service tag, an ALB in us-east-1', async () => {
    const findings = await runTopology({
      'main.tf': [
        'provider "aws" { region = "us-east-1" }',
        'provider "aws" {',
        '  alias  = "west"',
        '  region = "us-west-1"',
        '}',
        'data "aws_availability_zones" "east" {}',
        'resource "aws_subnet" "public" {',
        '  count             = 2',
        '  vpc_id            = "vpc-1"',
        '  cidr_block        = "10.0.${count.index}.0/24"',
        '  availability_zone = data.aws_availability_zones.east.names[count.index]',
        '}',
        'resource "aws_instance" "east" {',
        '  count             = 3',
        '  ami               = "ami-1"',
        '  availability_zone = "us-east-1a"',
        '  tags              = { Service = "seed-service" }',
        '}',
        'resource "aws_instance" "west" {',
        '  provider          = aws.west',
        '  ami               = "ami-2"',
        '  availability_zone = "us-west-1a"',
        '  tags              = { Service = "seed-service" }',
        '}',
        'resource "aws_lb" "seed" {',
        '  subnets = aws_subnet.public[*].id',
        '}',
        'resource "aws_lb_target_group" "seed" {',
        '  port     = 8080',
        '  protocol = "HTTP"',
        '  vpc_id   = "vpc-1"',
        '}',
        'resource "aws_lb_listener" "seed" {',
        '  load_balancer_arn = aws_lb.seed.arn',
        '  port              = 80',
        '  default_action {',
        '    type             = "forward"',
        '    target_group_arn = aws_lb_target_group.seed.arn',
        '  }',
        '}',
        'resource "aws_lb_target_group_attachment" "seed" {',
        '  count            = 3',
        '  target_group_arn = aws_lb_target_group.seed.arn',
        '  target_id        = aws_instance.east[count.index].id',
        '}',
      ].join('\n'),
    });
    // The load balancer's subnets are AZ 1 and 2 of us-east-1 (data-source indexes), which may or
    // may not include us-east-1a: no claim about zones without targets is made.
    expectSeedFindings(findings);
  });
});
