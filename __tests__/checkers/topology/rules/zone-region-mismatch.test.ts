import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers';

const RULE = 'topology/zone-region-mismatch';

describe(RULE, () => {
  it('fires for a us-west-1 zone under a us-east-1 provider, at the attribute line', async () => {
    const [finding] = await findingsOf(RULE, {
      'main.tf': [
        'provider "aws" {',
        '  region = "us-east-1"',
        '}',
        'resource "aws_instance" "w" {',
        '  ami               = "ami-1"',
        '  availability_zone = "us-west-1a"',
        '}',
      ].join('\n'),
    });
    expect(finding.line).toBe(6);
    expect(finding.message).toContain(
      'us-west-1a is a zone of us-west-1, but the region in use here is us-east-1 (provider "aws")',
    );
  });

  it('follows the provider alias a resource names', async () => {
    const repo = {
      'main.tf': [
        'provider "aws" { region = "us-east-1" }',
        'provider "aws" {',
        '  alias  = "west"',
        '  region = "us-west-2"',
        '}',
        'resource "aws_subnet" "w" {',
        '  provider          = aws.west',
        '  vpc_id            = "vpc-1"',
        '  cidr_block        = "10.0.0.0/24"',
        '  availability_zone = "us-west-2a"',
        '}',
        'resource "aws_subnet" "e" {',
        '  provider          = aws.west',
        '  vpc_id            = "vpc-1"',
        '  cidr_block        = "10.0.1.0/24"',
        '  availability_zone = "us-east-1a"',
        '}',
      ].join('\n'),
    };
    const findings = await findingsOf(RULE, repo);
    expect(findings.map((f) => f.line)).toEqual([16]);
    expect(findings[0].message).toContain('provider "aws" alias west');
  });

  it('takes the region from the provider, never from the backend', async () => {
    const findings = await findingsOf(RULE, {
      'main.tf': [
        'terraform {',
        '  backend "s3" {',
        '    bucket = "state"',
        '    key    = "k"',
        '    region = "us-east-1"',
        '  }',
        '}',
        'provider "aws" { region = "eu-west-1" }',
        'resource "aws_subnet" "a" {',
        '  vpc_id            = "vpc-1"',
        '  cidr_block        = "10.0.0.0/24"',
        '  availability_zone = "eu-west-1a"',
        '}',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('stays quiet when the region comes from a variable that matches', async () => {
    const findings = await findingsOf(RULE, {
      'main.tf': [
        'variable "region" { default = "ap-southeast-2" }',
        'provider "aws" { region = var.region }',
        'resource "aws_subnet" "a" {',
        '  vpc_id            = "vpc-1"',
        '  cidr_block        = "10.0.0.0/24"',
        '  availability_zone = "${var.region}b"',
        '}',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });
});
