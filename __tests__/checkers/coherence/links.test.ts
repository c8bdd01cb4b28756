import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../../src/engine/rule';
import type { ResolvedConfig } from '../../../src/engine/config';
import { SourceFile } from '../../../src/engine/workspace';
import { deploymentLinks } from '../../../src/checkers/coherence/links';
import { readWorkflow } from '../../../src/checkers/coherence/workflows';
import { parseImageName } from '../../../src/checkers/coherence/images';

const CONFIG: ResolvedConfig = {
  checkers: [],
  exclude: [],
  rules: {},
  ignore: [],
  dockerfile: { trustedRegistries: [] },
  topology: { instanceAvailability: 0.95, targetAvailability: 0.999 },
  sections: {},
};

function links(repo: Record<string, string>) {
  const files = Object.entries(repo).map(([p, t]) => new SourceFile(p, `/nonexistent/${p}`, t));
  const ctx = createRunContext({ root: '/nonexistent', config: CONFIG, allFiles: files });
  return deploymentLinks(files, ctx, 'acme/shop');
}

const PUSH_WORKFLOW = `name: release
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
env:
  ECR_REPOSITORY: checkout
jobs:
  image:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
      contents: read
    steps:
      - uses: actions/checkout@v5
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/gha-push
          aws-region: us-east-1
      - id: login
        uses: aws-actions/amazon-ecr-login@v2
      - run: |
          docker build -f services/checkout/Dockerfile -t \${{ steps.login.outputs.registry }}/\${{ env.ECR_REPOSITORY }}:\${{ github.sha }} services/checkout
          docker push \${{ steps.login.outputs.registry }}/\${{ env.ECR_REPOSITORY }}:v1
`;

describe('workflow links', () => {
  it('resolves the role, the ECR login registry and env values, and skips what needs run-time data', () => {
    const result = links({
      '.github/workflows/release.yml': PUSH_WORKFLOW,
      'services/checkout/Dockerfile': 'FROM scratch\n',
    });
    const workflow = result.workflows[0];
    expect(workflow.subjectContexts.sort()).toEqual(['pull_request', 'ref:refs/heads/main']);
    expect(workflow.hasUnknownSubjects).toBe(false);
    const job = workflow.jobs[0];
    expect(job.idTokenWrite).toBe(true);
    expect(job.roles).toEqual([
      expect.objectContaining({
        roleName: 'gha-push',
        account: '123456789012',
        region: 'us-east-1',
        oidc: true,
        at: { file: '.github/workflows/release.yml', line: 20 },
      }),
    ]);
    // The build tag holds github.sha, which only the run knows: the image is linked, its tag is
    // some commit, never latest.
    expect(result.builds).toEqual([
      expect.objectContaining({
        image: { repository: '123456789012.dkr.ecr.us-east-1.amazonaws.com/checkout' },
        runtimeTag: 'versioned',
        dockerfile: 'services/checkout/Dockerfile',
      }),
    ]);
    expect(job.pushes).toEqual([
      expect.objectContaining({
        repository: { account: '123456789012', region: 'us-east-1', name: 'checkout' },
        at: { file: '.github/workflows/release.yml', line: 26 },
        role: expect.objectContaining({ roleName: 'gha-push' }),
      }),
    ]);
  });

  it('reads docker/build-push-action context, file and tags, and docker build in run steps', () => {
    const result = links({
      '.github/workflows/build.yml': `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          context: ./api
          push: true
          tags: |
            ghcr.io/acme/api:1.4.0
            ghcr.io/acme/api:latest
      - run: docker buildx build --platform linux/amd64 -t ghcr.io/acme/worker:2 -f worker/Dockerfile.prod .
        working-directory: services
`,
      'api/Dockerfile': 'FROM scratch\n',
      'services/worker/Dockerfile.prod': 'FROM scratch\n',
    });
    expect(result.builds.map((b) => [b.image.repository, b.image.tag, b.dockerfile, b.at.line])).toEqual([
      ['ghcr.io/acme/api', '1.4.0', 'api/Dockerfile', 11],
      ['ghcr.io/acme/api', 'latest', 'api/Dockerfile', 12],
      ['ghcr.io/acme/worker', '2', 'services/worker/Dockerfile.prod', 13],
    ]);
    const workflow = result.workflows[0];
    expect(workflow.hasUnknownSubjects).toBe(true);
    expect(workflow.jobs[0].idTokenWrite).toBe(false);
  });

  it('takes the environment subject and job-level permissions over the workflow ones', () => {
    const file = new SourceFile(
      '.github/workflows/deploy.yml',
      '/x',
      `on:
  push:
    tags: ['v1.0.0']
permissions: write-all
jobs:
  deploy:
    environment: production
    permissions:
      contents: read
    runs-on: ubuntu-latest
    steps: []
  other:
    runs-on: ubuntu-latest
    steps: []
`,
    );
    const workflow = readWorkflow(file)!;
    expect(workflow.subjectContexts).toEqual(['ref:refs/tags/v1.0.0']);
    expect(workflow.jobs.map((j) => [j.id, j.environment, j.idTokenWrite])).toEqual([
      ['deploy', 'production', false],
      ['other', undefined, true],
    ]);
  });

  it('links docker-compose and Skaffold builds, and ignores builds of Dockerfiles that are not there', () => {
    const result = links({
      'deploy/docker-compose.yml': `services:
  web:
    build:
      context: ../web
      dockerfile: Dockerfile.web
    image: registry.example.com/shop/web:3
  db:
    image: postgres:16
  ghost:
    build: ./missing
    image: ghost/app:1
`,
      'skaffold.yaml': `apiVersion: skaffold/v4beta11
kind: Config
build:
  artifacts:
    - image: docker.io/acme/cart
      context: cart
`,
      'web/Dockerfile.web': 'FROM scratch\n',
      'cart/Dockerfile': 'FROM scratch\n',
    });
    expect(result.builds.map((b) => [b.via, b.image.repository, b.dockerfile])).toEqual([
      ['compose', 'registry.example.com/shop/web', 'web/Dockerfile.web'],
      ['skaffold', 'acme/cart', 'cart/Dockerfile'],
    ]);
    expect(result.repository).toEqual({ owner: 'acme', name: 'shop', source: 'config' });
  });
});

describe('image names', () => {
  it('drops Docker Hub prefixes, tags and digests; rejects unresolved text', () => {
    expect(parseImageName('docker.io/library/nginx:1.27')).toEqual({ repository: 'nginx', tag: '1.27' });
    expect(parseImageName('localhost:5000/app@sha256:abc')).toEqual({
      repository: 'localhost:5000/app',
      digest: 'sha256:abc',
    });
    expect(parseImageName('$REGISTRY/app:1')).toBeUndefined();
    expect(parseImageName('')).toBeUndefined();
  });
});

describe('a workflow of a repository nested in the scan', () => {
  it('resolves its paths from the directory that holds its .github', () => {
    const result = links({
      'services/shop/.github/workflows/build.yml': `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: docker build -t ghcr.io/acme/shop:1.0.0 .
`,
      'services/shop/Dockerfile': 'FROM scratch\n',
    });
    expect(result.builds.map((b) => b.dockerfile)).toEqual(['services/shop/Dockerfile']);
  });
});
