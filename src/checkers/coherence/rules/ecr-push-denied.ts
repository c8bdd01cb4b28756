import type { Rule } from '../../../engine/rule';
import type { CoherenceModel } from '../model';
import { evaluate } from '../policy-eval';
import { place } from '../linked';

/** What `docker push` calls on the repository, after `ecr:GetAuthorizationToken` on `*` to log in. */
export const ECR_PUSH_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage',
];

export const ecrPushDenied: Rule<CoherenceModel> = {
  id: 'coherence/ecr-push-denied',
  severity: 'error',
  title: 'Workflow pushes to ECR with a role whose policies deny it',
  help:
    'A workflow job assumes a role and pushes an image to an ECR repository, but the policies this ' +
    'repository attaches to that role do not allow the push: `ecr:GetAuthorizationToken` must be ' +
    'allowed on `"Resource": "*"` (it is not a repository action, so a repository ARN never matches ' +
    'it and the login fails), and the layer and image actions (BatchCheckLayerAvailability, ' +
    'InitiateLayerUpload, UploadLayerPart, CompleteLayerUpload, PutImage) on the repository ARN. The ' +
    'release job fails at login or at the first layer. Add the missing actions to the role policy, ' +
    'with the token action in its own statement on `*`.',
  example: {
    file: 'infra/release-role.tf',
    bad: `resource "aws_iam_role" "release" {
  name               = "shop-release"
  assume_role_policy = data.aws_iam_policy_document.github.json
}

resource "aws_iam_role_policy" "push" {
  role = aws_iam_role.release.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "ecr:GetAuthorizationToken",
        "ecr:BatchCheckLayerAvailability",
        "ecr:InitiateLayerUpload",
        "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload",
        "ecr:PutImage",
      ]
      Resource = "arn:aws:ecr:us-east-1:111122223333:repository/shop-api"
    }]
  })
}
`,
    good: `resource "aws_iam_role" "release" {
  name               = "shop-release"
  assume_role_policy = data.aws_iam_policy_document.github.json
}

resource "aws_iam_role_policy" "push" {
  role = aws_iam_role.release.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "ecr:BatchCheckLayerAvailability",
        "ecr:InitiateLayerUpload",
        "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload",
        "ecr:PutImage",
      ]
      Resource = "arn:aws:ecr:us-east-1:111122223333:repository/shop-api"
    }, {
      Effect   = "Allow"
      Action   = "ecr:GetAuthorizationToken"
      Resource = "*"
    }]
  })
}
`,
    files: {
      '.github/workflows/release.yml': `on:
  push:
    branches: [main]
jobs:
  image:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::111122223333:role/shop-release
          aws-region: us-east-1
      - id: ecr
        uses: aws-actions/amazon-ecr-login@v2
      - run: docker push \${{ steps.ecr.outputs.registry }}/shop-api:1.4.0
`,
    },
  },
  check(model, report) {
    for (const workflow of model.links.workflows) {
      for (const job of workflow.jobs) {
        for (const push of job.pushes) {
          const role = push.role ? model.roles.get(push.role.roleName) : undefined;
          if (!push.role || !role || !role.policiesComplete) continue;
          if (role.account && role.account !== push.role.account) continue;
          // Cross-account pushes also need the registry's resource policy, which may live elsewhere.
          if (push.repository.account !== push.role.account) continue;
          const arn = `arn:aws:ecr:${push.repository.region}:${push.repository.account}:repository/${push.repository.name}`;
          const missing: string[] = [];
          if (evaluate(role.identity, 'ecr:GetAuthorizationToken', '*') === 'denied') {
            missing.push('`ecr:GetAuthorizationToken` on `*`');
          }
          const denied = ECR_PUSH_ACTIONS.filter(
            (action) => evaluate(role.identity, action, arn) === 'denied',
          );
          if (denied.length) missing.push(`${denied.map((a) => `\`${a}\``).join(', ')} on \`${arn}\``);
          if (!missing.length) continue;
          // The token action scoped to a repository is the usual mistake: point at it when it is written.
          const token = role.identity
            .flatMap((s) => s.actionLines.map((a) => ({ ...a, file: s.at.file })))
            .find((a) => /^ecr:GetAuthorizationToken$/i.test(a.action));
          const at = token ?? role.identity[0]?.at ?? role.definedAt;
          report({
            file: at.file,
            line: at.line,
            message:
              `Role \`${role.name}\` is assumed by job \`${job.id}\` (${place(push.role.at.file, push.role.at.line)}) ` +
              `to push \`${push.image.repository}\` (${place(push.at.file, push.at.line)}), but its policies in this ` +
              `repository do not allow ${missing.join(', nor ')}: the push fails.`,
            subject: `${role.name}/${push.repository.name}`,
          });
        }
      }
    }
  },
};
