import { describe, expect, it } from 'vitest';
import { lbZoneWithoutTargets } from '../../../../src/checkers/topology/rules/lb-zone-without-targets';
import { findingsOf } from '../helpers';

const RULE = 'topology/lb-zone-without-targets';

describe(RULE, () => {
  it('fires for an ALB in three AZs with instances in two', async () => {
    const [finding] = await findingsOf(RULE, { 'main.tf': lbZoneWithoutTargets.example!.bad });
    expect(finding.message).toContain('aws_lb.web is enabled in eu-west-1c, where none of its targets run');
    expect(finding.message).toContain('they run in eu-west-1a, eu-west-1b');
  });

  it('stays quiet when the load balancer’s zones are data-source indexes and the targets’ are names', async () => {
    const mixed = lbZoneWithoutTargets
      .example!.bad.replace(
        '["eu-west-1a", "eu-west-1b", "eu-west-1c"][count.index]',
        'data.aws_availability_zones.all.names[count.index]',
      )
      .replace(
        'resource "aws_instance" "web" {',
        'data "aws_availability_zones" "all" {}\nresource "aws_instance" "web" {',
      )
      .replace('  subnet_id = aws_subnet.public[count.index].id', '  availability_zone = "eu-west-1a"');
    expect(mixed).toContain('availability_zone = "eu-west-1a"');
    expect(await findingsOf(RULE, { 'main.tf': mixed })).toEqual([]);
  });

  it('stays quiet when targets cover every zone, and when a target cannot be followed', async () => {
    expect(await findingsOf(RULE, { 'main.tf': lbZoneWithoutTargets.example!.good })).toEqual([]);
    const unfollowed = lbZoneWithoutTargets.example!.bad.replace(
      'target_id        = aws_instance.web[count.index].id',
      'target_id        = var.target_ids[count.index]',
    );
    expect(await findingsOf(RULE, { 'main.tf': unfollowed })).toEqual([]);
  });
});
