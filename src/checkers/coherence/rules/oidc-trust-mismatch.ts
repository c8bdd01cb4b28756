import type { Rule } from '../../../engine/rule';
import type { CoherenceModel } from '../model';
import { subjectAdmitted } from '../policy-eval';
import { place } from '../linked';

export const oidcTrustMismatch: Rule<CoherenceModel> = {
  id: 'coherence/oidc-trust-mismatch',
  severity: 'error',
  title: "Workflow's OIDC token cannot assume the role",
  help:
    "A job assumes an AWS role with GitHub's OIDC token. Two things must agree. The token is only " +
    'issued to a job whose effective permissions grant `id-token: write` (a job-level `permissions:` ' +
    "block replaces the workflow-level one entirely). And the role's trust policy must admit the " +
    "token's `sub` claim: `repo:OWNER/REPO:environment:NAME` for a job with an `environment:`, " +
    'otherwise `repo:OWNER/REPO:ref:refs/heads/BRANCH`, `...:ref:refs/tags/TAG` or ' +
    '`...:pull_request`. When either is wrong, configure-aws-credentials fails and the deploy stops. ' +
    'Grant `id-token: write` to the job, and write the trust condition for the subject the job ' +
    'really gets.',
  example: {
    file: 'infra/deploy-role.tf',
    bad: `resource "aws_iam_role" "deploy" {
  name = "shop-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          "token.actions.githubusercontent.com:sub" = "repo:acme/shop:ref:refs/heads/main"
        }
      }
    }]
  })
}
`,
    good: `resource "aws_iam_role" "deploy" {
  name = "shop-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          "token.actions.githubusercontent.com:sub" = "repo:acme/shop:environment:production"
        }
      }
    }]
  })
}
`,
    config: 'repository: acme/shop\n',
    files: {
      '.github/workflows/deploy.yml': `on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    permissions:
      id-token: write
      contents: read
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::111122223333:role/shop-deploy
          aws-region: us-east-1
`,
    },
  },
  check(model, report) {
    const repo = model.links.repository;
    for (const workflow of model.links.workflows) {
      for (const job of workflow.jobs) {
        for (const role of job.roles) {
          if (!role.oidc) continue;
          if (!job.idTokenWrite && !job.idTokenUnknown && job.hostedRunner) {
            const at = job.permissionsAt ?? job.at;
            report({
              file: at.file,
              line: at.line,
              message:
                `Job \`${job.id}\` assumes \`${role.arn}\` through OIDC (${place(role.at.file, role.at.line)}), but its ` +
                `effective permissions do not grant \`id-token: write\`${job.permissionsAt ? '' : ' (no permissions block gives it)'}: ` +
                "GitHub issues no token and the credentials step fails. Add `id-token: write` to the job's permissions.",
              subject: `${job.id}/${role.roleName}/id-token`,
            });
            continue;
          }
          const trusted = model.roles.get(role.roleName);
          if (!repo || !trusted || job.environmentUnknown) continue;
          if (trusted.account && trusted.account !== role.account) continue;
          const github = trusted.trust.filter((t) => t.github);
          if (!github.length || github.some((t) => t.unresolved)) continue;
          const contexts =
            job.environment !== undefined ? [`environment:${job.environment}`] : workflow.subjectContexts;
          const verdicts = contexts.map((context) => {
            const subject = `repo:${repo.owner}/${repo.name}:${context}`;
            const answers = github.map((t) => subjectAdmitted(t.subjects, subject));
            return {
              subject,
              answer: answers.includes('allowed')
                ? 'allowed'
                : answers.includes('unknown')
                  ? 'unknown'
                  : 'denied',
            };
          });
          const denied = verdicts.filter((v) => v.answer === 'denied');
          if (!denied.length) continue;
          // A conditional step or job may run only for the admitted subjects: report only when none is.
          if ((role.conditional || job.conditional) && denied.length < verdicts.length) continue;
          const statement = github[0];
          report({
            file: statement.file,
            line: statement.line,
            message:
              `The trust policy of \`${trusted.name}\` does not admit ${denied.map((d) => `\`${d.subject}\``).join(', ')}, ` +
              `the OIDC subject${denied.length > 1 ? 's' : ''} of job \`${job.id}\` in ${workflow.file} ` +
              `(${place(role.at.file, role.at.line)}${job.environment !== undefined ? `, environment \`${job.environment}\`` : ''}): ` +
              'AssumeRoleWithWebIdentity is denied and the job fails.',
            subject: `${trusted.name}/${workflow.file}/${job.id}`,
          });
        }
      }
    }
  },
};
