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
