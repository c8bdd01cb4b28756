import { describe, expect, it } from 'vitest';
import { extract, findingsOf } from './helpers';

describe('Terraform policies', () => {
  it('reads jsonencode, heredoc and policy_document forms with their kinds, principals and lines', async () => {
    const tf = `resource "aws_iam_role" "ci" {
  name = "ci-deployer"
  assume_role_policy = data.aws_iam_policy_document.ci_trust.json
}

data "aws_iam_policy_document" "ci_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:acme/web:*"]
    }
  }
}

resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:PutObject", "Resource": "\${aws_s3_bucket.site.arn}/*" }
  ]
}
EOF
}

resource "aws_iam_role_policy_attachment" "deploy" {
  role       = aws_iam_role.ci.name
  policy_arn = aws_iam_policy.deploy.arn
}

resource "aws_iam_user_policy" "reader" {
  user   = "reporting"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = ["\${aws_s3_bucket.site.arn}/*"] }]
  })
}

resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
}
`;
    const { documents, roles, unresolved } = await extract({ 'infra/main.tf': tf });
    expect(unresolved).toEqual([]);
    const byAddress = Object.fromEntries(documents.map((d) => [d.address, d]));
    expect(Object.keys(byAddress).sort()).toEqual([
      'aws_iam_policy.deploy',
      'aws_iam_user_policy.reader',
      'data.aws_iam_policy_document.ci_trust',
    ]);

    const trust = byAddress['data.aws_iam_policy_document.ci_trust'];
    expect(trust.kind).toBe('trust');
    expect(trust.principal).toEqual({ type: 'role', name: 'ci-deployer', address: 'aws_iam_role.ci' });
    expect(trust.statements[0].conditions[0]).toMatchObject({
      operator: 'StringLike',
      key: 'token.actions.githubusercontent.com:sub',
      line: 13,
    });
    expect(trust.statements[0].principals![0]).toMatchObject({ type: 'Federated', line: 11 });

    const deploy = byAddress['aws_iam_policy.deploy'];
    expect(deploy.kind).toBe('identity');
    expect(deploy.sizeClass).toBe('managed');
    expect(deploy.principal?.name).toBe('ci-deployer');
    expect(deploy.statements[0].resources).toEqual([{ value: 'arn:aws:s3:::acme-site/*', line: 27 }]);

    const reader = byAddress['aws_iam_user_policy.reader'];
    expect(reader.principal).toEqual({ type: 'user', name: 'reporting', address: undefined });
    expect(reader.statements[0].actions).toEqual([{ value: 's3:GetObject', line: 42 }]);

    expect(roles).toHaveLength(1);
    expect(roles[0].trust).toBe(trust);
    expect(roles[0].policies).toEqual([deploy]);
  });

  it('a resource policy on an ECR repository is a resource document', async () => {
    const tf = `resource "aws_ecr_repository_policy" "web" {
  repository = aws_ecr_repository.web.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "CrossAccountPull"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}
`;
    const { documents } = await extract({ 'main.tf': tf });
    expect(documents.map((d) => [d.kind, d.resourceAddress])).toEqual([
      ['resource', 'aws_ecr_repository.web'],
    ]);
    // A repository policy has no Resource element, and that is right.
    expect(await findingsOf('iam/malformed-statement', { 'main.tf': tf })).toEqual([]);
  });

  it('Terraform escapes for policy variables ($${aws:username}) come out as the variable', async () => {
    const tf = `resource "aws_iam_policy" "home" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::home/$\${aws:username}/*" }]
  })
}
`;
    const { documents } = await extract({ 'main.tf': tf });
    expect(documents[0].statements[0].resources![0].value).toBe('arn:aws:s3:::home/${aws:username}/*');
  });
});

describe('CloudFormation policies', () => {
  it('resolves short-form tags into ARNs of the right shape', async () => {
    const yaml = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Stage:
    Type: String
Resources:
  Images:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: web
  Bucket:
    Type: AWS::S3::Bucket
  Pusher:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: codebuild.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: push
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action:
                  - ecr:BatchGetImage
                Resource: !GetAtt Images.Arn
              - Effect: Allow
                Action: s3:GetObject
                Resource: !Join ['', [!GetAtt Bucket.Arn, '/', !Ref Stage, '/*']]
              - Effect: Allow
                Action: logs:PutLogEvents
                Resource: !Sub 'arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/codebuild/\${Stage}:*'
              - !If
                - IsProd
                - Effect: Allow
                  Action: s3:ListBucket
                  Resource: !GetAtt Bucket.Arn
                - !Ref AWS::NoValue
`;
    const { documents } = await extract({ 'template.yaml': yaml });
    expect(documents.map((d) => [d.kind, d.address])).toEqual([
      ['trust', 'Resources.Pusher.AssumeRolePolicyDocument'],
      ['identity', 'Resources.Pusher.Policies[0]'],
    ]);
    const resources = documents[1].statements.map((s) => s.resources![0].value.replaceAll('\u{E000}', '…'));
    expect(resources).toEqual([
      'arn:aws:ecr:…:…:repository/web',
      'arn:aws:s3:::…/…/*',
      'arn:aws:logs:…:…:log-group:/aws/codebuild/…:*',
      'arn:aws:s3:::…',
    ]);
    expect(documents[1].statements[0].resources![0].line).toBe(30);
    expect(documents[1].principal).toEqual({ type: 'role', name: 'Pusher', address: 'Resources.Pusher' });
  });

  it('reads a JSON template with intrinsic-function maps', async () => {
    const json = JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Resources: {
          Policy: {
            Type: 'AWS::IAM::ManagedPolicy',
            Properties: {
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: 's3:GetObject',
                    Resource: { 'Fn::Sub': 'arn:aws:s3:::${Bucket}' },
                  },
                ],
              },
            },
          },
          Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'reports' } },
        },
      },
      null,
      2,
    );
    const findings = await findingsOf('iam/resource-type-mismatch', { 'stack.json': json });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('arn:aws:s3:::reports');
  });
});

describe('policies Terraform reads from JSON files of the repository', () => {
  const push = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: 'ecr:PutImage',
        Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/app',
      },
    ],
  };
  const trust = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:user/ci' }, Action: 'sts:AssumeRole' },
    ],
  };

  it('binds the file to the role once, without reading it twice or calling it unresolved', async () => {
    const extraction = await extract({
      'iam/push.json': JSON.stringify(push, null, 2),
      'iam/trust.json': JSON.stringify(trust, null, 2),
      'infra/role.tf': `resource "aws_iam_role" "pusher" {
  name               = "ecr-pusher"
  assume_role_policy = file("\${path.module}/../iam/trust.json")
}

resource "aws_iam_role_policy" "push" {
  role   = aws_iam_role.pusher.id
  policy = file("../iam/push.json")
}
`,
    });
    expect(extraction.unresolved).toEqual([]);
    expect(extraction.documents.map((d) => [d.file, d.kind, d.principal?.name])).toEqual([
      ['iam/push.json', 'identity', 'ecr-pusher'],
      ['iam/trust.json', 'trust', 'ecr-pusher'],
    ]);
    const [role] = extraction.roles;
    expect(role.trust?.file).toBe('iam/trust.json');
    expect(role.policies.map((p) => p.file)).toEqual(['iam/push.json']);
  });

  it('leaves a file() it cannot locate unresolved', async () => {
    const extraction = await extract({
      'infra/role.tf': `resource "aws_iam_role_policy" "push" {
  role   = "ecr-pusher"
  policy = file("\${var.policy_dir}/push.json")
}
`,
    });
    expect(extraction.unresolved.map((u) => u.subject)).toEqual(['aws_iam_role_policy.push']);
  });

  it('names the file a file() reads when that file is not part of the scan', async () => {
    const extraction = await extract({
      'infra/role.tf': `resource "aws_iam_role_policy" "push" {
  role   = "ecr-pusher"
  policy = file("../iam/push.json")
}
`,
    });
    expect(extraction.unresolved).toHaveLength(1);
    expect(extraction.unresolved[0].line).toBe(3);
    expect(extraction.unresolved[0].message).toContain(
      '`iam/push.json`, which is not among the scanned files',
    );
  });
});
