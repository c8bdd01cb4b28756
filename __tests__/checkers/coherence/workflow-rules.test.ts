import { describe, expect, it } from 'vitest';
import { ecrPushDenied } from '../../../src/checkers/coherence/rules/ecr-push-denied';
import { oidcTrustMismatch } from '../../../src/checkers/coherence/rules/oidc-trust-mismatch';
import type { RoleView } from '../../../src/checkers/coherence/model';
import type { StatementView } from '../../../src/checkers/coherence/policy-eval';
import { findings, modelOf } from './helpers';

function workflow({
  permissions = '      id-token: write\n      contents: read',
  environment = '',
  extra = '',
} = {}) {
  return `on:
  push:
    branches: [main]
jobs:
  release:
    runs-on: ubuntu-latest
${environment}    permissions:
${permissions}
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/gha-push
          aws-region: us-east-1
${extra}      - id: ecr
        uses: aws-actions/amazon-ecr-login@v2
      - run: docker push \${{ steps.ecr.outputs.registry }}/checkout:v1
`;
}

const statement = (s: Partial<StatementView>, line: number) => ({
  effect: 'Allow' as const,
  hasCondition: false,
  unresolved: false,
  at: { file: 'iam/push.json', line },
  actionLines: (s.actions ?? []).map((action, i) => ({ action, line: line + 1 + i })),
  ...s,
});

function role(
  identity: RoleView['identity'],
  subjects: string[] = ['repo:acme/shop:ref:refs/heads/main'],
): RoleView {
  return {
    name: 'gha-push',
    account: '123456789012',
    definedAt: { file: 'iam/role.json', line: 1 },
    identity,
    trust: [
      {
        file: 'iam/trust.json',
        github: true,
        subjects: [{ operator: 'StringLike', patterns: subjects }],
        line: 14,
        unresolved: false,
      },
    ],
    policiesComplete: true,
  };
}

const PUSH = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage',
];
const REPO_ARN = 'arn:aws:ecr:us-east-1:123456789012:repository/checkout';

describe('coherence/ecr-push-denied', () => {
  it("fires when the token action is scoped to the repository ARN (the review's policy)", () => {
    const model = modelOf(
      { '.github/workflows/release.yml': workflow() },
      {
        roles: [
          role([statement({ actions: ['ecr:GetAuthorizationToken', ...PUSH], resources: [REPO_ARN] }, 5)]),
        ],
      },
    );
    const [finding, ...rest] = findings(ecrPushDenied, model);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ file: 'iam/push.json', line: 6 });
    expect(finding.message).toContain('`ecr:GetAuthorizationToken` on `*`');
    expect(finding.message).toContain('.github/workflows/release.yml:17');
  });

  it('fires for push actions missing on the repository', () => {
    const model = modelOf(
      { '.github/workflows/release.yml': workflow() },
      {
        roles: [
          role([
            statement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }, 3),
            statement({ actions: ['ecr:PutImage'], resources: [REPO_ARN] }, 9),
          ]),
        ],
      },
    );
    const [finding] = findings(ecrPushDenied, model);
    expect(finding.message).toContain('`ecr:UploadLayerPart`');
    expect(finding.message).not.toContain('`ecr:PutImage`');
  });

  it('stays quiet for a complete policy, wildcards, conditions, managed policies from elsewhere, or an unknown role', () => {
    const complete = [
      statement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }, 3),
      statement({ actions: PUSH, resources: [REPO_ARN] }, 9),
    ];
    const repo = { '.github/workflows/release.yml': workflow() };
    expect(findings(ecrPushDenied, modelOf(repo, { roles: [role(complete)] }))).toEqual([]);
    const wildcard = [statement({ actions: ['ecr:*'], resources: ['*'] }, 3)];
    expect(findings(ecrPushDenied, modelOf(repo, { roles: [role(wildcard)] }))).toEqual([]);
    const conditional = [statement({ actions: ['ecr:*'], resources: ['*'], hasCondition: true }, 3)];
    expect(findings(ecrPushDenied, modelOf(repo, { roles: [role(conditional)] }))).toEqual([]);
    expect(
      findings(ecrPushDenied, modelOf(repo, { roles: [{ ...role([]), policiesComplete: false }] })),
    ).toEqual([]);
    expect(findings(ecrPushDenied, modelOf(repo))).toEqual([]);
  });
});

describe('coherence/oidc-trust-mismatch', () => {
  const allowAll = [statement({ actions: ['ecr:*'], resources: ['*'] }, 3)];

  it('fires when the job lacks id-token: write, at its permissions block', () => {
    const model = modelOf(
      { '.github/workflows/release.yml': workflow({ permissions: '      contents: read' }) },
      { roles: [role(allowAll)] },
    );
    const [finding, ...rest] = findings(oidcTrustMismatch, model);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ file: '.github/workflows/release.yml', line: 7 });
    expect(finding.message).toContain('id-token: write');
  });

  it('fires when a job with an environment meets a trust policy pinned to a branch', () => {
    const model = modelOf(
      { '.github/workflows/release.yml': workflow({ environment: '    environment: production\n' }) },
      { roles: [role(allowAll)] },
    );
    const [finding] = findings(oidcTrustMismatch, model);
    expect(finding).toMatchObject({ file: 'iam/trust.json', line: 14 });
    expect(finding.message).toContain('`repo:acme/shop:environment:production`');
  });

  it('stays quiet for the matching branch, an immutable-id pattern, a wildcard, and a role with keys', () => {
    const repo = { '.github/workflows/release.yml': workflow() };
    expect(findings(oidcTrustMismatch, modelOf(repo, { roles: [role(allowAll)] }))).toEqual([]);
    const immutable = role(allowAll, ['repo:acme@1234/shop@5678:ref:refs/heads/main']);
    expect(findings(oidcTrustMismatch, modelOf(repo, { roles: [immutable] }))).toEqual([]);
    expect(
      findings(oidcTrustMismatch, modelOf(repo, { roles: [role(allowAll, ['repo:acme/shop:*'])] })),
    ).toEqual([]);
    const keys = workflow({ permissions: '      contents: read', extra: '' }).replace(
      'aws-region: us-east-1',
      'aws-region: us-east-1\n          aws-access-key-id: ${{ secrets.KEY }}',
    );
    expect(
      findings(
        oidcTrustMismatch,
        modelOf({ '.github/workflows/release.yml': keys }, { roles: [role(allowAll)] }),
      ),
    ).toEqual([]);
    const selfHosted = workflow({ permissions: '      contents: read' }).replace(
      'ubuntu-latest',
      '[self-hosted, linux]',
    );
    expect(
      findings(
        oidcTrustMismatch,
        modelOf({ '.github/workflows/release.yml': selfHosted }, { roles: [role(allowAll)] }),
      ),
    ).toEqual([]);
  });

  it("judges a reusable workflow's job with its caller's permissions and subjects, and not alone", () => {
    // The called workflow writes no permissions: its jobs get the caller's.
    const called = workflow({ permissions: '      contents: read' })
      .replace('on:\n  push:\n    branches: [main]', 'on:\n  workflow_call:')
      .replace('    permissions:\n      contents: read\n', '');
    const caller = (permissions: string) => `on:
  push:
    branches: [main]
jobs:
  call:
${permissions}    uses: ./.github/workflows/push.yml
`;
    const granted = modelOf(
      {
        '.github/workflows/release.yml': caller('    permissions:\n      id-token: write\n'),
        '.github/workflows/push.yml': called,
      },
      { roles: [role(allowAll)] },
    );
    expect(findings(oidcTrustMismatch, granted)).toEqual([]);
    // Alone, nobody in the scan calls it: its permissions come from outside and are not judged.
    const alone = modelOf({ '.github/workflows/push.yml': called }, { roles: [role(allowAll)] });
    expect(findings(oidcTrustMismatch, alone)).toEqual([]);
    // A caller that does not grant id-token: the called job gets no token.
    const withheld = modelOf(
      {
        '.github/workflows/release.yml': caller('    permissions:\n      contents: read\n'),
        '.github/workflows/push.yml': called,
      },
      { roles: [role(allowAll)] },
    );
    const [finding] = findings(oidcTrustMismatch, withheld);
    expect(finding).toMatchObject({ file: '.github/workflows/release.yml', line: 6 });
    expect(finding.message).toContain('Job `call/release`');
  });
});
