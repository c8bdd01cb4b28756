import { describe, expect, it } from 'vitest';
import { policy, runIam } from './helpers';

// Patterns from public repositories that once gave false findings: each must stay quiet.
describe('real-world patterns stay quiet', () => {
  it('statements a CloudFormation macro fills in (a !Ref where a statement goes) are not malformed', async () => {
    const yaml = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ExtraStatement:
    Type: String
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: merged
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - !Ref ExtraStatement
`;
    expect(await runIam({ 'template.yaml': yaml })).toEqual([]);
  });

  it('a CloudFront origin access identity principal is a valid ARN', async () => {
    const findings = await runIam({
      'bucket-policy.json': policy({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHEXAMPLE' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::site/*',
      }),
    });
    expect(findings).toEqual([]);
  });

  it('an ARN cut short by a trailing wildcard is not malformed', async () => {
    const findings = await runIam({
      'p.json': policy({ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:*' }),
    });
    expect(findings.map((f) => f.ruleId)).not.toContain('iam/invalid-arn');
  });

  it('a JSON template for templatefile() is not reported as invalid JSON', async () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": ${queue_arns} }\n  ]\n}\n';
    const findings = await runIam({ 'policies/publish.json': text });
    expect(findings.map((f) => f.ruleId)).toEqual(['iam/unresolved-policy']);
  });

  it('a resource named with !Sub is not read as the literal text of its template', async () => {
    const yaml = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${AWS::StackName}-hook'
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: drain
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:ReceiveMessage
                Resource: !GetAtt Queue.Arn
`;
    const findings = await runIam({ 'template.yaml': yaml });
    expect(findings.map((f) => f.ruleId)).not.toContain('iam/variables-need-2012-version');
  });

  it('an ARN the data has no resource type for (a CloudFormation transform) is not a type mismatch', async () => {
    const findings = await runIam({
      'p.json': policy({
        Effect: 'Allow',
        Action: 'cloudformation:CreateChangeSet',
        Resource: 'arn:aws:cloudformation:us-west-2:aws:transform/Serverless-2016-10-31',
      }),
    });
    expect(findings.map((f) => f.ruleId)).not.toContain('iam/resource-type-mismatch');
  });

  it('a wildcard-only action scoped to a resource type no action of the data uses is left alone', async () => {
    const findings = await runIam({
      'p.json': policy({
        Effect: 'Allow',
        Action: 'ssm:PutInventory',
        Resource: 'arn:aws:ssm:eu-west-1:111122223333:managed-instance-inventory/i-0123456789abcdef0',
      }),
    });
    expect(findings.map((f) => f.ruleId)).not.toContain('iam/action-requires-wildcard-resource');
  });

  it('network-interface permissions for ECS trunking are not policy changes', async () => {
    const findings = await runIam({
      'p.json': policy({
        Effect: 'Allow',
        Action: ['ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterfacePermission'],
        Resource: '*',
      }),
    });
    expect(findings.map((f) => f.ruleId)).not.toContain('iam/permissions-management-unscoped');
  });

  it('condition values computed in Terraform are not compared as text', async () => {
    const tf = `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/ci"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = concat(var.anchor_arns, aws_rolesanywhere_trust_anchor.this[*].arn)
    }
  }
}
`;
    expect(await runIam({ 'main.tf': tf })).toEqual([]);
  });

  it('a permissions boundary grants nothing, so its breadth is not an escalation', async () => {
    const tf = `resource "aws_iam_policy" "boundary" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["lambda:UpdateFunctionCode", "s3:*"], Resource = "*" }]
  })
}
resource "aws_iam_role" "runner" {
  name                 = "runner"
  permissions_boundary = aws_iam_policy.boundary.arn
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
`;
    expect(await runIam({ 'main.tf': tf })).toEqual([]);
  });

  it('appending logs and metrics on "*" is not a write worth reporting, nor is creating', async () => {
    const findings = await runIam({
      'p.json': policy({
        Effect: 'Allow',
        Action: [
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'cloudwatch:PutMetricData',
          'ec2:CreateSecurityGroup',
        ],
        Resource: '*',
      }),
    });
    expect(findings).toEqual([]);
  });
});
