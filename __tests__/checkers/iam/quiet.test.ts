import { describe, expect, it } from 'vitest';
import { policy, runIam } from './helpers';

// Correct, tricky policies: nothing may fire on them.
describe('correct policies stay quiet', () => {
  it('Deny statements with wildcards raise no breadth finding', async () => {
    const findings = await runIam({
      'p.json': policy(
        {
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
        {
          Effect: 'Deny',
          Action: ['s3:*', 'iam:*'],
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
      ),
    });
    expect(findings).toEqual([]);
  });

  it('the token action in its own "*" statement beside a complete push statement', async () => {
    const findings = await runIam({
      'p.json': policy(
        { Sid: 'Login', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Sid: 'Push',
          Effect: 'Allow',
          Action: [
            'ecr:BatchCheckLayerAvailability',
            'ecr:InitiateLayerUpload',
            'ecr:UploadLayerPart',
            'ecr:CompleteLayerUpload',
            'ecr:PutImage',
            'ecr:BatchGetImage',
            'ecr:GetDownloadUrlForLayer',
          ],
          Resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/web',
        },
      ),
    });
    expect(findings).toEqual([]);
  });

  it('trust to a specific role ARN of another account with an ExternalId', async () => {
    const findings = await runIam(
      {
        'trust.json': policy({
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::999988887777:role/vendor-scanner' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'a1b2c3' } },
        }),
      },
      { iam: { 'own-accounts': ['111122223333'] } },
    );
    expect(findings).toEqual([]);
  });

  it('GitHub OIDC trust with sub pinned to one repository and branch, in the immutable form', async () => {
    const findings = await runIam({
      'trust.json': policy({
        Effect: 'Allow',
        Principal: {
          Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': 'repo:acme@4242/web@987654:ref:refs/heads/main',
          },
        },
      }),
    });
    expect(findings).toEqual([]);
  });

  it('GitHub OIDC trust pinned by name reports only the mutable-subject notice', async () => {
    const findings = await runIam({
      'trust.json': policy({
        Effect: 'Allow',
        Principal: {
          Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/web:ref:refs/heads/main' },
        },
      }),
    });
    expect(findings.map((f) => f.ruleId)).toEqual(['iam/oidc-mutable-sub']);
  });

  it('s3 bucket and object ARNs each fit their actions, variables and wildcards included', async () => {
    const findings = await runIam({
      'p.json': policy(
        { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: 'arn:aws:s3:::home' },
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: 'arn:aws:s3:::home/${aws:username}/*',
        },
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::logs-*' },
        {
          Effect: 'Allow',
          Action: ['logs:PutLogEvents', 'logs:CreateLogStream'],
          Resource: 'arn:aws:logs:eu-west-1:111122223333:log-group:/app/web:*',
        },
        { Effect: 'Allow', Action: ['sts:GetCallerIdentity', 'ec2:DescribeInstances'], Resource: '*' },
      ),
    });
    expect(findings).toEqual([]);
  });

  it('an administrator role that says so gets a notice, not an error', async () => {
    const tf =
      'resource "aws_iam_role_policy" "admin" {\n  role = aws_iam_role.break_glass_admin.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]\n  })\n}\n' +
      'resource "aws_iam_role" "break_glass_admin" {\n  name = "break-glass-admin"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/security-oncall" }, Action = "sts:AssumeRole" }]\n  })\n}\n';
    const findings = await runIam({ 'main.tf': tf });
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['iam/admin-access', 'notice']]);
  });

  it('actions the data knows are never unknown, whatever their case', async () => {
    const findings = await runIam({
      'p.json': policy({
        Effect: 'Allow',
        Action: ['S3:getobject', 'ECR:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: 'arn:aws:s3:::a/*',
      }),
    });
    expect(findings.map((f) => f.ruleId)).not.toContain('iam/unknown-action');
  });
});
