import type { Rule } from '../../../engine/rule';
import { mentionProblems, type TopologyModel } from '../model';

export const zoneRegionMismatch: Rule<TopologyModel> = {
  id: 'topology/zone-region-mismatch',
  severity: 'error',
  title: 'Availability Zone of another region',
  help:
    'An Availability Zone belongs to exactly one region: `us-west-1a` does not exist for a provider ' +
    'or stack in `us-east-1`, and AWS rejects the resource at apply time. Use a zone of the region in ' +
    'use, or better `data.aws_availability_zones` (Terraform) or `Fn::GetAZs` (CloudFormation), which ' +
    'always name zones of the right region.',
  example: {
    file: 'main.tf',
    bad: [
      'provider "aws" {',
      '  region = "us-east-1"',
      '}',
      '',
      'resource "aws_subnet" "b" {',
      '  vpc_id            = "vpc-0123456789abcdef0"',
      '  cidr_block        = "10.0.2.0/24"',
      '  availability_zone = "us-west-1a"',
      '}',
      '',
    ].join('\n'),
    good: [
      'provider "aws" {',
      '  region = "us-east-1"',
      '}',
      '',
      'resource "aws_subnet" "b" {',
      '  vpc_id            = "vpc-0123456789abcdef0"',
      '  cidr_block        = "10.0.2.0/24"',
      '  availability_zone = "us-east-1b"',
      '}',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const mention of model.zoneMentions) {
      for (const problem of mentionProblems(mention)) {
        if (problem.kind !== 'region-mismatch') continue;
        const from = mention.regionSource ? ` (${mention.regionSource})` : '';
        report({
          file: mention.file,
          line: mention.line,
          subject: mention.zone,
          message: `${mention.zone} is a zone of ${problem.zoneRegion}, but the region in use here is ${problem.regionInUse}${from}: AWS rejects it. Use a zone of ${problem.regionInUse}.`,
        });
      }
    }
  },
};
