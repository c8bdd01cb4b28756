// How the links follow what real workflows write: metadata-action outputs, the repository's own
// name, literal matrices, reusable workflows and composite actions of the repository, and shell
// variables of run steps. Each resolution comes with the case that must stay unknown.
import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../../src/engine/rule';
import { SourceFile } from '../../../src/engine/workspace';
import { deploymentLinks } from '../../../src/checkers/coherence/links';
import { metadataMayYieldLatest } from '../../../src/checkers/coherence/workflows';
import { CONFIG } from './helpers';

function links(repo: Record<string, string>) {
  const files = Object.entries(repo).map(([p, t]) => new SourceFile(p, `/nonexistent/${p}`, t));
  const ctx = createRunContext({ root: '/nonexistent', config: CONFIG, allFiles: files });
  return deploymentLinks(files, ctx, 'acme/shop');
}

const builds = (result: ReturnType<typeof links>) =>
  result.builds.map((b) => [b.image.repository, b.image.tag ?? b.runtimeTag, b.dockerfile]);
const pushes = (result: ReturnType<typeof links>) =>
  result.workflows.flatMap((w) =>
    w.jobs.flatMap((j) => j.pushes.map((p) => [j.id, p.image.repository, p.role?.roleName])),
  );

const ROLE_STEP = `      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/gha-push
          aws-region: eu-west-1
`;

describe('docker/metadata-action', () => {
  const workflow = (meta: string) => `on: push
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - id: meta
        uses: docker/metadata-action@v5
        with:
${meta}
      - uses: docker/build-push-action@v6
        with:
          context: api
          push: \${{ github.event_name != 'pull_request' }}
          tags: \${{ steps.meta.outputs.tags }}
`;

  it('gives the images its `images:` input names to the build that tags with its output', () => {
    const result = links({
      '.github/workflows/image.yml': workflow(`          images: |
            ghcr.io/\${{ github.repository }}
            name=docker.io/acme/shop-api,enable=\${{ github.ref == 'refs/heads/main' }}
            name=quay.io/acme/shop-api,enable=false
          tags: |
            type=sha
            type=ref,event=branch
          flavor: latest=false`),
      'api/Dockerfile': 'FROM scratch\n',
    });
    expect(builds(result)).toEqual([
      ['ghcr.io/acme/shop', 'versioned', 'api/Dockerfile'],
      ['acme/shop-api', 'versioned', 'api/Dockerfile'],
    ]);
  });

  it('leaves the tag unknown when the tag rules can yield latest, and an image it cannot resolve out', () => {
    const result = links({
      '.github/workflows/image.yml': workflow(`          images: |
            \${{ vars.REGISTRY }}/api
            ghcr.io/acme/api
          tags: type=semver,pattern={{version}}`),
      'api/Dockerfile': 'FROM scratch\n',
    });
    expect(builds(result)).toEqual([['ghcr.io/acme/api', 'unknown', 'api/Dockerfile']]);
  });

  it('knows which tag rules can give latest', () => {
    expect(metadataMayYieldLatest(undefined, undefined)).toBe(true); // defaults include the git tag ref
    expect(metadataMayYieldLatest(undefined, 'latest=false')).toBe(false);
    expect(metadataMayYieldLatest('type=sha\ntype=ref,event=pr', undefined)).toBe(false);
    expect(metadataMayYieldLatest('type=ref,event=tag', undefined)).toBe(true);
    expect(metadataMayYieldLatest('type=semver,pattern={{version}}', 'latest=false')).toBe(false);
    expect(metadataMayYieldLatest('type=sha', 'latest=true')).toBe(true);
    expect(metadataMayYieldLatest('type=raw,value=latest', 'latest=false')).toBe(true);
    expect(metadataMayYieldLatest('type=raw,value={{branch}}', 'latest=false')).toBe(true);
    expect(metadataMayYieldLatest('type=sha', "latest=${{ github.ref == 'refs/heads/main' }}")).toBe(true);
  });
});

describe('the repository name and secrets', () => {
  it('resolves github.repository and its parts; secrets and vars stay unknown', () => {
    const result = links({
      '.github/workflows/image.yml': `on: push
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          tags: |
            ghcr.io/\${{ github.repository_owner }}/\${{ github.event.repository.name }}-web:1.0.0
            \${{ secrets.REGISTRY }}/web:1.0.0
            ghcr.io/acme/\${{ vars.IMAGE }}:1.0.0
`,
      Dockerfile: 'FROM scratch\n',
    });
    expect(builds(result)).toEqual([['ghcr.io/acme/shop-web', '1.0.0', 'Dockerfile']]);
  });
});

describe('strategy.matrix', () => {
  const workflow = (matrix: string) => `on: push
jobs:
  image:
    runs-on: ubuntu-latest
    strategy:
      matrix:
${matrix}
    steps:
      - uses: docker/build-push-action@v6
        with:
          context: services/\${{ matrix.service }}
          tags: ghcr.io/acme/\${{ matrix.service }}:\${{ matrix.version }}
`;

  it('reads each combination of a literal matrix, include entries extending them', () => {
    const result = links({
      '.github/workflows/image.yml': workflow(`        service: [api, worker]
        version: ['1.2']
        include:
          - service: worker
            version: '1.2'
            extra: x
          - service: admin
            version: '2.0'`),
      'services/api/Dockerfile': 'FROM scratch\n',
      'services/worker/Dockerfile': 'FROM scratch\n',
      'services/admin/Dockerfile': 'FROM scratch\n',
    });
    expect(builds(result)).toEqual([
      ['ghcr.io/acme/api', '1.2', 'services/api/Dockerfile'],
      ['ghcr.io/acme/worker', '1.2', 'services/worker/Dockerfile'],
      ['ghcr.io/acme/admin', '2.0', 'services/admin/Dockerfile'],
    ]);
    expect(result.workflows[0].jobs).toHaveLength(1);
  });

  it('leaves a matrix computed at run time unknown', () => {
    const result = links({
      '.github/workflows/image.yml':
        workflow(`        service: \${{ fromJSON(needs.changes.outputs.services) }}
        version: ['1.2']`),
      'services/api/Dockerfile': 'FROM scratch\n',
    });
    expect(result.builds).toEqual([]);
  });
});

describe('reusable workflows and composite actions of the repository', () => {
  const CALLED = `on:
  workflow_call:
    inputs:
      service:
        type: string
        required: true
      registry:
        type: string
        default: 123456789012.dkr.ecr.eu-west-1.amazonaws.com
jobs:
  push:
    runs-on: ubuntu-latest
    steps:
${ROLE_STEP}      - uses: docker/build-push-action@v6
        with:
          context: \${{ inputs.service }}
          push: true
          tags: \${{ inputs.registry }}/\${{ inputs.service }}:\${{ github.sha }}
`;

  it("reads a called workflow with the caller's inputs and permissions", () => {
    const result = links({
      '.github/workflows/release.yml': `on:
  push:
    branches: [main]
permissions:
  id-token: write
jobs:
  api:
    uses: ./.github/workflows/push.yml
    with:
      service: api
  secret:
    uses: ./.github/workflows/push.yml
    with:
      service: \${{ vars.SERVICE }}
`,
      '.github/workflows/push.yml': CALLED,
      'api/Dockerfile': 'FROM scratch\n',
    });
    // The called file is read where it is called, not again on its own.
    expect(result.workflows.map((w) => w.file)).toEqual(['.github/workflows/release.yml']);
    const jobs = result.workflows[0].jobs;
    expect(jobs.map((j) => [j.id, j.idTokenWrite])).toEqual([
      ['api/push', true],
      ['secret/push', true],
    ]);
    expect(result.workflows[0].subjectContexts).toEqual(['ref:refs/heads/main']);
    expect(builds(result)).toEqual([
      ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/api', 'versioned', 'api/Dockerfile'],
    ]);
    expect(pushes(result)).toEqual([
      ['api/push', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/api', 'gha-push'],
    ]);
  });

  it('does not judge the permissions of a reusable workflow no caller in the scan runs', () => {
    const result = links({ '.github/workflows/push.yml': CALLED, 'api/Dockerfile': 'FROM scratch\n' });
    const job = result.workflows[0].jobs[0];
    expect([job.idTokenWrite, job.idTokenUnknown]).toEqual([false, true]);
    expect(result.builds).toEqual([]);
  });

  it("runs a composite action's steps with the inputs the step passes", () => {
    const result = links({
      '.github/workflows/release.yml': `on: push
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
${ROLE_STEP}      - uses: ./.github/actions/push
        with:
          image: checkout
      - uses: ./.github/actions/push
        with:
          image: \${{ secrets.IMAGE }}
`,
      '.github/actions/push/action.yml': `name: push
inputs:
  image:
    required: true
runs:
  using: composite
  steps:
    - id: ecr
      uses: aws-actions/amazon-ecr-login@v2
    - shell: bash
      run: |
        docker build -t \${{ steps.ecr.outputs.registry }}/\${{ inputs.image }}:\${{ github.sha }} .
        docker push \${{ steps.ecr.outputs.registry }}/\${{ inputs.image }}:\${{ github.sha }}
`,
      Dockerfile: 'FROM scratch\n',
    });
    expect(pushes(result)).toEqual([
      ['release', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/checkout', 'gha-push'],
    ]);
    expect(builds(result)).toEqual([
      ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/checkout', 'versioned', 'Dockerfile'],
    ]);
  });
});

describe('run steps', () => {
  it('expands the step environment and the script’s own assignments; the rest stays unknown', () => {
    const result = links({
      '.github/workflows/release.yml': `on: push
env:
  REGISTRY: 123456789012.dkr.ecr.eu-west-1.amazonaws.com
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
${ROLE_STEP}      - run: aws ecr get-login-password --region eu-west-1 | docker login --username AWS --password-stdin $REGISTRY
      - env:
          REPO: orders
        run: |
          IMAGE="$REGISTRY/$REPO"
          docker build -t "$IMAGE:$GITHUB_SHA" -t $IMAGE:$(git describe --tags) .
          docker tag "$IMAGE:$GITHUB_SHA" "$REGISTRY/orders-mirror:$GITHUB_SHA"
          docker push "$IMAGE:$GITHUB_SHA"
          docker push "$REGISTRY/orders-mirror:$GITHUB_SHA"
          docker push "\${REGISTRY:-public.ecr.aws}/other:1"
          docker push "$UNSET_REGISTRY/other:1"
`,
      Dockerfile: 'FROM scratch\n',
    });
    expect(builds(result)).toEqual([
      ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders', 'versioned', 'Dockerfile'],
      ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders', 'unknown', 'Dockerfile'],
      ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-mirror', 'versioned', 'Dockerfile'],
    ]);
    expect(pushes(result)).toEqual([
      ['release', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders', 'gha-push'],
      ['release', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-mirror', 'gha-push'],
    ]);
  });

  it('takes the registry amazon-ecr-login logs in to from its one `registries:` account', () => {
    const result = links({
      '.github/workflows/release.yml': `on: push
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
${ROLE_STEP}      - id: one
        uses: aws-actions/amazon-ecr-login@v2
        with:
          registries: '210987654321'
      - id: many
        uses: aws-actions/amazon-ecr-login@v2
        with:
          registries: '210987654321,123456789012'
      - run: |
          docker push \${{ steps.one.outputs.registry }}/shared:1
          docker push \${{ steps.many.outputs.registry }}/shared:1
`,
    });
    expect(pushes(result)).toEqual([
      ['release', '210987654321.dkr.ecr.eu-west-1.amazonaws.com/shared', 'gha-push'],
    ]);
  });

  it('follows values a step writes to $GITHUB_OUTPUT and $GITHUB_ENV; one written two ways stays unknown', () => {
    const result = links({
      '.github/workflows/release.yml': `on: push
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
${ROLE_STEP}      - id: ecr
        uses: aws-actions/amazon-ecr-login@v2
      - id: names
        run: |
          echo "image=\${{ steps.ecr.outputs.registry }}/runner:$(git rev-parse --short HEAD)" >> $GITHUB_OUTPUT
          echo "REPO=\${{ steps.ecr.outputs.registry }}/cache" >> "$GITHUB_ENV"
          if [ -n "$X" ]; then echo "other=a/b:1" >> $GITHUB_OUTPUT; else echo "other=c/d:1" >> $GITHUB_OUTPUT; fi
      - uses: docker/build-push-action@v6
        with:
          push: true
          tags: |
            \${{ steps.names.outputs.image }}
            \${{ steps.names.outputs.other }}
      - run: docker push $REPO:1
`,
      Dockerfile: 'FROM scratch\n',
    });
    // `git rev-parse --short HEAD` is the commit: a versioned tag.
    expect(builds(result)).toEqual([
      ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/runner', 'versioned', 'Dockerfile'],
    ]);
    expect(pushes(result)).toEqual([
      ['release', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/runner', 'gha-push'],
      ['release', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/cache', 'gha-push'],
    ]);
  });

  it('knows lowercasing and the commit in command substitutions; any other stays unknown', () => {
    const result = links({
      '.github/workflows/package.yml': `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - id: vars
        run: |
          echo "REPOSITORY=ghcr.io/$(echo \${{ github.repository_owner }}/Shop | tr '[:upper:]' '[:lower:]')" >> "$GITHUB_OUTPUT"
          echo "VERSION=$(echo \${GITHUB_SHA} | cut -c1-7)" >> "$GITHUB_OUTPUT"
          echo "OTHER=$(cat version.txt)" >> "$GITHUB_OUTPUT"
      - uses: docker/build-push-action@v6
        with:
          tags: |
            \${{ steps.vars.outputs.REPOSITORY }}/orders:\${{ steps.vars.outputs.VERSION }}
            \${{ steps.vars.outputs.REPOSITORY }}/orders:\${{ steps.vars.outputs.OTHER }}
            ghcr.io/$(cat owner)/orders:1
`,
      Dockerfile: 'FROM scratch\n',
    });
    expect(builds(result)).toEqual([
      ['ghcr.io/acme/shop/orders', 'versioned', 'Dockerfile'],
      ['ghcr.io/acme/shop/orders', 'unknown', 'Dockerfile'],
    ]);
  });
});

describe('docker-compose with its .env', () => {
  it("interpolates the project's .env and defaults; a variable neither gives stays unknown", () => {
    const result = links({
      'deploy/compose.yaml': `services:
  cart:
    image: \${IMAGE_NAME}:\${DEMO_VERSION}-cart
    build:
      context: ../
      dockerfile: \${CART_DOCKERFILE}
  ads:
    image: \${REGISTRY:-ghcr.io/acme}/ads:\${TAG:-1.0}
    build: ../ads
  secret:
    image: \${UNSET_REGISTRY}/secret:1
    build: ../secret
`,
      'deploy/.env':
        'IMAGE_NAME=ghcr.io/acme/demo\nDEMO_VERSION="2.1"\nCART_DOCKERFILE=./src/cart/Dockerfile # the cart\n',
      'src/cart/Dockerfile': 'FROM scratch\n',
      'ads/Dockerfile': 'FROM scratch\n',
      'secret/Dockerfile': 'FROM scratch\n',
    });
    expect(builds(result)).toEqual([
      ['ghcr.io/acme/demo', '2.1-cart', 'src/cart/Dockerfile'],
      ['ghcr.io/acme/ads', '1.0', 'ads/Dockerfile'],
    ]);
  });
});
