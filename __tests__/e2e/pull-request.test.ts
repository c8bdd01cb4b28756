// The action on a pull request, run from dist/index.js as the runner runs it, against a local
// stand-in for the GitHub API (every request checked against GitHub's OpenAPI description).
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeGitHub, type FakeFile, type FakeMode } from '../report/fake-github';
import { copyOfProjectDir, runActionAsync, workflowCommands, type ActionRun } from './run-dist';

const HEAD = '1'.repeat(40);

/** The PR adds the second half of the seed service's Dockerfile (lines 22-34). */
function dockerfilePatch(lines: string[], from: number, shift = 0): string {
  const added = lines.slice(from - 1);
  const context = lines.slice(from - 3, from - 1);
  return `@@ -${from - 2 - shift},2 +${from - 2},${added.length + 2} @@\n${context.map((l) => ` ${l}`).join('\n')}\n${added.map((l) => `+${l}`).join('\n')}`;
}

function prFiles(dockerfile: string[], firstAdded: number, extraHunk?: string): FakeFile[] {
  const patch = dockerfilePatch(dockerfile, firstAdded, extraHunk ? 2 : 0);
  return [
    { filename: 'Dockerfile', status: 'modified', patch: extraHunk ? `${extraHunk}\n${patch}` : patch },
    // GitHub withholds the patch of a large diff.
    { filename: 'terraform/main.tf', status: 'modified' },
    {
      filename: 'k8s/deployment.yaml',
      status: 'renamed',
      previous_filename: 'k8s/deploy.yaml',
      patch: '@@ -1,2 +1,2 @@\n apiVersion: apps/v1\n kind: Deployment',
    },
  ];
}

function pullRequestEvent(fork = false) {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number: 7,
      pull_request: {
        number: 7,
        head: { sha: HEAD, repo: { full_name: fork ? 'someone/seed-service' : 'acme/seed-service' } },
        base: { sha: '2'.repeat(40), repo: { full_name: 'acme/seed-service' } },
      },
      repository: { full_name: 'acme/seed-service' },
    },
  };
}

const INPUTS = {
  paths: '.',
  exclude: '',
  config: '',
  checkers: 'all',
  'fail-on': 'error',
  'filter-mode': 'added',
  baseline: '',
  'pr-review': 'auto',
  'max-comments': '4',
  suggestions: 'true',
  'resolve-stale': 'true',
  annotations: 'true',
  summary: 'true',
  'sarif-file': '',
  'github-token': 'ghs_fake',
};

// Six runs of the bundle in one scenario, each pacing its writes as GitHub asks: minutes, not seconds.
describe('the action on a pull request, against a stand-in GitHub API', () => {
  let server: FakeGitHub;
  afterEach(async () => {
    expect(server.problems).toEqual([]);
    await server.stop();
  });

  function setUp() {
    const workspace = copyOfProjectDir('examples/seed-service');
    const dockerfile = readFileSync(path.join(workspace, 'Dockerfile'), 'utf8')
      .replace(/\n$/, '')
      .split('\n');
    return { workspace, dockerfile };
  }

  async function run(
    workspace: string,
    inputs: Partial<typeof INPUTS> = {},
    fork = false,
  ): Promise<ActionRun> {
    const run = await runActionAsync(
      workspace,
      { ...INPUTS, ...inputs },
      {
        event: pullRequestEvent(fork),
        env: { GITHUB_API_URL: server.url, GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1' },
      },
    );
    expect(run.stderr).toBe('');
    return run;
  }

  it('posts at most max-comments, then stays silent, follows moved lines and resolves what was fixed', async () => {
    const { workspace, dockerfile } = setUp();
    server = await new FakeGitHub(HEAD, prFiles(dockerfile, 22)).start();

    const first = await run(workspace);
    expect(first.outputs['comments-posted']).toBe('4');
    expect(first.outputs['comments-resolved']).toBe('0');
    expect(first.outputs.result).toBe('fail');
    expect(server.reviews).toHaveLength(1);
    expect(server.reviews[0]).toMatchObject({ event: 'COMMENT', commit_id: HEAD });
    expect(server.topLevel().map((c) => [c.path, c.line])).toEqual([
      ['Dockerfile', 24],
      ['Dockerfile', 34],
      ['Dockerfile', 23],
      ['Dockerfile', 24],
    ]);
    expect(server.topLevel()[1].body).toContain('```suggestion');
    expect(server.topLevel()[0].body).toMatch(
      /<!-- deploy-lint fingerprint=[0-9a-f]{32} rule=dockerfile\/copy-secret-file -->$/,
    );
    // Only the findings on the changed lines gate and are annotated; the rest are counted.
    const annotated = [
      ...workflowCommands(first.stdout, 'error'),
      ...workflowCommands(first.stdout, 'warning'),
    ];
    expect(annotated.map((a) => a.properties.file).filter(Boolean)).not.toContain(
      'terraform/terraform.tfstate',
    );
    expect(first.summary).toContain('Filter mode `added`');
    expect(first.summary).toContain('Not commented: over max-comments (4)');
    expect(first.summary).toContain('terraform/state-committed');

    const second = await run(workspace);
    expect(second.outputs['comments-posted']).toBe('0');
    expect(server.reviews).toHaveLength(1);

    // Two lines inserted above every finding: GitHub moves the comments along, nothing is new.
    const shifted = ['# syntax=docker/dockerfile:1', '# The seed service', ...dockerfile];
    writeFileSync(path.join(workspace, 'Dockerfile'), `${shifted.join('\n')}\n`);
    const top = '@@ -1,1 +1,3 @@\n+# syntax=docker/dockerfile:1\n+# The seed service\n FROM alpine';
    server.push('3'.repeat(40), prFiles(shifted, 24, top), (c) => (c.line ?? 0) + 2);
    const moved = await runWithHead(workspace, '3'.repeat(40));
    expect(moved.outputs['comments-posted']).toBe('0');
    expect(server.reviews).toHaveLength(1);

    // The secret key is no longer copied: both findings of that line are gone, their threads resolved.
    const fixed = shifted.filter((l) => !l.startsWith('COPY ssh-keys/'));
    writeFileSync(path.join(workspace, 'Dockerfile'), `${fixed.join('\n')}\n`);
    server.push('4'.repeat(40), prFiles(fixed, 24, top), (c) =>
      c.line === 26 ? null : (c.line ?? 0) > 26 ? (c.line ?? 0) - 1 : c.line,
    );
    const afterFix = await runWithHead(workspace, '4'.repeat(40));
    expect(afterFix.outputs['comments-posted']).toBe('0');
    expect(afterFix.outputs['comments-resolved']).toBe('2');
    expect(server.resolvedThreads.size).toBe(2);
    expect(server.reviews).toHaveLength(1);

    // Nothing left to find: the run still reconciles and resolves the rest, without a review.
    for (const entry of readdirSync(workspace)) {
      if (entry !== '.git') rmSync(path.join(workspace, entry), { recursive: true, force: true });
    }
    const clean = await runWithHead(workspace, '4'.repeat(40));
    expect(clean.outputs.findings).toBe('0');
    expect(clean.outputs['comments-resolved']).toBe('2');
    expect(clean.outputs.result).toBe('pass');
    expect(server.resolvedThreads.size).toBe(4);
    expect(server.reviews).toHaveLength(1);
  }, 300_000);

  async function runWithHead(workspace: string, sha: string): Promise<ActionRun> {
    const event = pullRequestEvent();
    event.payload.pull_request.head.sha = sha;
    const result = await runActionAsync(workspace, INPUTS, {
      event,
      env: { GITHUB_API_URL: server.url, GITHUB_RUN_ID: '43', GITHUB_RUN_ATTEMPT: '1' },
    });
    expect(result.stderr).toBe('');
    return result;
  }

  it('on a fork pull request fails on the findings alone, with summary and annotations intact', async () => {
    const { workspace, dockerfile } = setUp();
    server = await new FakeGitHub(HEAD, prFiles(dockerfile, 22)).start();
    server.setMode('fork');

    // pr-review auto: a fork's token is read-only, so the run does not even try to write.
    const auto = await run(workspace, {}, true);
    expect(auto.code).toBe(1);
    expect(auto.outputs.result).toBe('fail');
    expect(auto.outputs['comments-posted']).toBe('0');
    expect(server.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql')).toEqual([]);
    expect(auto.summary).toContain('No review comments: a pull request from a fork gets a read-only token');

    // pr-review on: GitHub answers 403; one warning, the rest unchanged.
    const forced = await run(workspace, { 'pr-review': 'on' }, true);
    expect(forced.code).toBe(1);
    expect(forced.outputs.result).toBe('fail');
    expect(forced.outputs.errors).toBe(auto.outputs.errors);
    const warnings = workflowCommands(forced.stdout, 'warning').filter((w) => w.message.includes('HTTP 403'));
    expect(warnings).toHaveLength(1);
    expect(forced.summary).toContain('dockerfile/copy-secret-file');
    expect(workflowCommands(forced.stdout, 'error').map((e) => e.properties.file)).toContain('Dockerfile');
    expect(server.reviews).toHaveLength(0);
  }, 120_000);

  it.each(['flaky', 'rate-limited'] as FakeMode[])(
    'posts exactly one review when the API is %s',
    async (mode) => {
      const { workspace, dockerfile } = setUp();
      server = await new FakeGitHub(HEAD, prFiles(dockerfile, 22)).start();
      server.setMode(mode);
      const result = await run(workspace);
      expect(result.outputs['comments-posted']).toBe('4');
      expect(server.reviews).toHaveLength(1);
      expect(server.topLevel()).toHaveLength(4);
    },
    120_000,
  );
});
