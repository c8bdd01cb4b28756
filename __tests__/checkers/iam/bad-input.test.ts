import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runIam } from './helpers';

describe('bad input gives one clear finding with its line, never a crash', () => {
  it('a comment in a policy file is invalid JSON at its line', async () => {
    const text = '{\n  "Version": "2012-10-17",\n  // allow reads\n  "Statement": []\n}\n';
    const findings = await runIam({ 'p.json': text });
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['iam/invalid-json', 3]]);
  });

  it('a trailing comma is invalid JSON at its line', async () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", }\n  ]\n}\n';
    const [finding] = await findingsOf('iam/invalid-json', { 'p.json': text });
    expect(finding.line).toBe(4);
  });

  it('a JSON file that is not a policy is not read at all', async () => {
    expect(await runIam({ 'tsconfig.json': '{ // comment\n "compilerOptions": {}, }\n' })).toEqual([]);
  });

  it('placeholders like <region> and <account_id> are invalid ARNs', async () => {
    const findings = await findingsOf('iam/invalid-arn', {
      'p.json': policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::<bucket>/*' }),
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('`<bucket>`');
  });

  it('a policy of 1 MB is too large, and is checked in reasonable time', async () => {
    const statements = Array.from({ length: 9000 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: `arn:aws:s3:::bucket-${i}/*`,
    }));
    const text = policy(...statements);
    expect(text.length).toBeGreaterThan(1_000_000);
    const findings = await runIam({ 'big.json': text });
    expect(findings.map((f) => f.ruleId)).toEqual(['iam/policy-too-large']);
    expect(findings[0].line).toBe(1);
  });

  it('a Statement that is a single object is valid IAM grammar and is read as one statement', async () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": { "Effect": "Allow", "Action": "s3:GetObjects", "Resource": "arn:aws:s3:::r/*" }\n}\n';
    const findings = await runIam({ 'p.json': text });
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['iam/unknown-action', 3]]);
  });

  it('a Statement that is a string is a malformed statement', async () => {
    const findings = await runIam({
      'p.json': '{\n  "Version": "2012-10-17",\n  "Statement": "allow all"\n}\n',
    });
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['iam/malformed-statement', 3]]);
  });

  it('an Action that is a number is a malformed statement at its line, and the other actions are still checked', async () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Allow",\n    "Action": [\n      42,\n      "s3:GetObjects"\n    ],\n    "Resource": "arn:aws:s3:::r/*"\n  }]\n}\n';
    const findings = await runIam({ 'p.json': text });
    expect(findings.map((f) => [f.ruleId, f.line]).sort()).toEqual([
      ['iam/malformed-statement', 6],
      ['iam/unknown-action', 7],
    ]);
    expect(findings.find((f) => f.ruleId === 'iam/malformed-statement')!.message).toContain('the number 42');
  });

  it('a heredoc policy with a JSON error is reported at the line inside the heredoc', async () => {
    const tf =
      'resource "aws_iam_policy" "p" {\n  policy = <<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}\nEOF\n}\n';
    const [finding] = await findingsOf('iam/invalid-json', { 'main.tf': tf });
    expect(finding.line).toBe(5);
  });

  it('a Terraform policy from a variable or file() is one unresolved notice', async () => {
    const tf =
      'resource "aws_iam_policy" "a" {\n  policy = var.policy\n}\nresource "aws_iam_policy" "b" {\n  policy = file("${path.module}/b.json")\n}\n';
    const findings = await runIam({ 'main.tf': tf });
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['iam/unresolved-policy', 2],
      ['iam/unresolved-policy', 5],
    ]);
  });

  it('a CloudFormation template that does not parse does not stop the JSON policies beside it', async () => {
    const findings = await runIam({
      'template.yaml': 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: [unclosed\n',
      'p.json': policy({ Effect: 'Allow', Action: 's3:GetObjects', Resource: 'arn:aws:s3:::r/*' }),
    });
    expect(findings.map((f) => f.ruleId)).toEqual(['iam/unknown-action']);
  });
});
