import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint, type Finding, type Severity } from '../../src/engine/finding';
import { changedFileOf, DiffIndex, listPullRequestFiles, parsePatch } from '../../src/report/diff';
import { selectFindings } from '../../src/report/filter';
import { createGithubClient } from '../../src/report/octokit';
import { commentBody, reviewPullRequest, type ReviewOptions } from '../../src/report/review';
import { BOT, FakeGitHub, type FakeFile } from './fake-github';

function finding(
  ruleId: string,
  severity: Severity,
  file: string,
  line: number,
  extra: Partial<Finding> & { subject?: string } = {},
): Finding {
  const { subject, ...rest } = extra;
  return {
    ruleId,
    severity,
    file,
    line,
    message: `\`${file}\` line ${line} breaks ${ruleId}`,
    help: 'Why it matters. How to fix it.',
    title: ruleId,
    fingerprint: fingerprint(ruleId, file, subject ?? `${file}:${line}`, 0),
    ...rest,
  };
}

const DOCKERFILE_PATCH =
  '@@ -1,3 +1,5 @@\n FROM node:20\n+RUN apt-get install curl\n+USER root\n WORKDIR /app\n COPY . .';
const FILES: FakeFile[] = [
  { filename: 'Dockerfile', status: 'modified', patch: DOCKERFILE_PATCH },
  {
    filename: 'deploy/app.yaml',
    status: 'renamed',
    previous_filename: 'k8s/app.yaml',
    patch: '@@ -8,3 +8,4 @@\n   replicas: 1\n+  image: web:latest\n   ports: []\n   env: []',
  },
  { filename: 'assets/logo.png', status: 'modified' },
  {
    filename: 'terraform/main.tf',
    status: 'added',
    patch: '@@ -0,0 +1,3 @@\n+terraform {\n+  backend "local" {}\n+}',
  },
  { filename: 'old/removed.tf', status: 'removed', patch: '@@ -1,1 +0,0 @@\n-x' },
];

const A = finding('dockerfile/apt-get-missing-yes', 'error', 'Dockerfile', 2);
const B = finding('dockerfile/root-user', 'warning', 'Dockerfile', 3, {
  suggestion: { line: 3, endLine: 3, replacement: 'USER 10001' },
});
const C = finding('dockerfile/context-line', 'notice', 'Dockerfile', 5);
const D = finding('k8s/latest-tag', 'warning', 'deploy/app.yaml', 9);
const E = finding('dockerfile/far-away', 'error', 'Dockerfile', 40);
const F = finding('dockerfile/in-binary', 'warning', 'assets/logo.png', 1);
const G = finding('terraform/untouched', 'error', 'other/untouched.tf', 3);
const H = finding('terraform/local-backend', 'error', 'terraform/main.tf', 1, { endLine: 3 });
const ALL = [A, B, C, D, E, F, G, H];

const HEAD = 'a'.repeat(40);

describe('parsePatch and DiffIndex', () => {
  it('reads RIGHT-side hunks and ignores the no-newline marker', () => {
    const hunks = parsePatch(
      '@@ -1,2 +1,3 @@\n a\n+b\n c\n@@ -10,1 +11,1 @@\n-x\n+y\n\\ No newline at end of file',
    );
    expect(hunks.map((h) => [h.start, h.end, [...h.added]])).toEqual([
      [1, 3, [2]],
      [11, 11, [11]],
    ]);
  });

  it('places findings: added, context, outside hunks, withheld patch, untouched file, renamed path', () => {
    const diff = new DiffIndex(FILES.map(changedFileOf));
    expect(diff.placement('Dockerfile', 2)).toBe('added');
    expect(diff.placement('Dockerfile', 5)).toBe('context');
    expect(diff.placement('Dockerfile', 4, 6)).toBe('context');
    expect(diff.placement('Dockerfile', 1, 3)).toBe('added');
    expect(diff.placement('Dockerfile', 40)).toBe('file');
    expect(diff.placement('assets/logo.png', 1)).toBe('withheld');
    expect(diff.placement('other/untouched.tf', 3)).toBe('outside');
    expect(diff.placement('deploy/app.yaml', 9)).toBe('added');
    expect(diff.placement('k8s/app.yaml', 9)).toBe('outside');
    expect(diff.placement('old/removed.tf', 1)).toBe('outside');
    expect(new DiffIndex([], true).placement('any.tf', 1)).toBe('unknown');
  });

  it('anchors a span in one hunk as a multi-line comment, else at its first commentable line', () => {
    const diff = new DiffIndex(FILES.map(changedFileOf));
    expect(diff.anchor('terraform/main.tf', 1, 3)).toEqual({
      path: 'terraform/main.tf',
      startLine: 1,
      line: 3,
    });
    expect(diff.anchor('Dockerfile', 4, 9)).toEqual({ path: 'Dockerfile', line: 4 });
    expect(diff.anchor('Dockerfile', 40)).toBeUndefined();
    expect(diff.anchor('assets/logo.png', 1)).toBeUndefined();
  });
});

describe('selectFindings', () => {
  const diff = new DiffIndex(FILES.map(changedFileOf));
  const ids = (list: Finding[]) => list.map((f) => f.ruleId).sort();

  it('keeps what each filter mode names', () => {
    const selected = (mode: 'added' | 'diff_context' | 'file' | 'nofilter') =>
      ids(selectFindings(ALL, { diff, mode }).selected);
    expect(selected('added')).toEqual(ids([A, B, D, H]));
    expect(selected('diff_context')).toEqual(ids([A, B, C, D, H]));
    expect(selected('file')).toEqual(ids([A, B, C, D, E, F, H]));
    expect(selected('nofilter')).toEqual(ids(ALL));
  });

  it('keeps every finding without a diff, and the baseline out of the selection', () => {
    const result = selectFindings(ALL, { mode: 'added', baseline: new Set([G.fingerprint, A.fingerprint]) });
    expect(ids(result.selected)).toEqual(ids([B, C, D, E, F, H]));
    expect(ids(result.known)).toEqual(ids([A, G]));
    expect(result.outsideChange).toEqual([]);
  });
});

describe('commentBody', () => {
  it('says what, why and how, links the docs, suggests the fix and ends with the marker', () => {
    const body = commentBody(B, {
      docsBaseUrl: 'https://github.com/acme/deploy-lint/blob/v1/docs/rules.md',
      suggestion: true,
    });
    expect(body).toContain(
      '⚠️ **warning** [`dockerfile/root-user`](https://github.com/acme/deploy-lint/blob/v1/docs/rules.md#dockerfileroot-user)',
    );
    expect(body).toContain('Why it matters. How to fix it.');
    expect(body).toContain('```suggestion\nUSER 10001\n```');
    expect(body.endsWith(`<!-- deploy-lint fingerprint=${B.fingerprint} rule=dockerfile/root-user -->`)).toBe(
      true,
    );
  });

  it('fences a suggestion that holds a fence with a longer one', () => {
    const f = { ...B, suggestion: { line: 3, endLine: 3, replacement: 'RUN <<EOF\n```\nEOF' } };
    expect(commentBody(f, { suggestion: true })).toContain('````suggestion\nRUN <<EOF\n```\nEOF\n````');
    expect(commentBody(f, { suggestion: false })).not.toContain('suggestion');
  });
});

// Octokit paces writes a second apart, as GitHub asks: these tests take seconds each.
describe('reviewPullRequest against a fake GitHub', { timeout: 120_000 }, () => {
  let server: FakeGitHub;
  afterEach(async () => {
    expect(server.problems).toEqual([]);
    await server.stop();
  });

  async function start(files = FILES) {
    server = await new FakeGitHub(HEAD, files).start();
    return server;
  }

  function options(overrides: Partial<ReviewOptions> = {}) {
    const log = { warnings: [] as string[], infos: [] as string[] };
    const opts: ReviewOptions = {
      client: createGithubClient('ghs_fake', { baseUrl: server.url }),
      owner: server.owner,
      repo: server.repo,
      pullNumber: server.number,
      headSha: server.headSha,
      diff: new DiffIndex(server.files.map(changedFileOf)),
      maxComments: 25,
      suggestions: true,
      resolveStale: true,
      runMarker: `run-${Math.random()}`,
      info: (m) => log.infos.push(m),
      warning: (m) => log.warnings.push(m),
      ...overrides,
    };
    return { opts, log };
  }

  async function run(
    findings: Finding[],
    overrides: Partial<ReviewOptions> = {},
    mode: 'added' | 'file' = 'added',
  ) {
    const { opts, log } = options(overrides);
    const { selected } = selectFindings(findings, { diff: opts.diff, mode });
    const outcome = await reviewPullRequest(selected, new Set(findings.map((f) => f.fingerprint)), opts);
    return { outcome, log };
  }

  it('posts one review with at most max-comments comments, most severe first, the rest in its body', async () => {
    await start();
    const { outcome, log } = await run(ALL, { maxComments: 3 });
    expect(log.warnings).toEqual([]);
    expect(outcome.posted).toBe(3);
    expect(outcome.overflow.map((f) => f.ruleId)).toEqual([B.ruleId]);
    expect(server.reviews).toHaveLength(1);
    const [review] = server.reviews;
    expect(review).toMatchObject({ event: 'COMMENT', commit_id: HEAD });
    expect(review.body).toContain('1 more new finding not commented here (max-comments: 3)');
    expect(review.body).toContain('`dockerfile/root-user` Dockerfile:3');
    expect(server.topLevel().map((c) => [c.path, c.start_line, c.line])).toEqual([
      ['Dockerfile', null, 2],
      ['terraform/main.tf', 1, 3],
      ['deploy/app.yaml', null, 9],
    ]);
    expect(server.topLevel()[2].body).not.toContain('```suggestion');

    // The finding over the cap was listed: a second run does not drip it out as a comment.
    const again = await run(ALL, { maxComments: 3 });
    expect(again.outcome).toMatchObject({ posted: 0, alreadyCommented: 3, overflow: [] });
    expect(again.outcome.listedEarlier.map((f) => f.ruleId)).toEqual([B.ruleId]);
    expect(server.reviews).toHaveLength(1);
  });

  it('posts nothing on an identical second run, and nothing new when lines move', async () => {
    await start();
    await run(ALL);
    const before = server.comments.length;
    const second = await run(ALL);
    expect(second.outcome).toMatchObject({ posted: 0, resolved: 0, updated: 0, alreadyCommented: 4 });
    expect(server.reviews).toHaveLength(1);

    // Two lines inserted at the top of the Dockerfile: GitHub moves the comments with their lines.
    const shifted =
      '@@ -1,3 +1,7 @@\n+# syntax=docker/dockerfile:1\n+ARG NODE=20\n FROM node:20\n+RUN apt-get install curl\n+USER root\n WORKDIR /app\n COPY . .';
    server.push(
      'b'.repeat(40),
      FILES.map((f) => (f.filename === 'Dockerfile' ? { ...f, patch: shifted } : f)),
      (c) => (c.path === 'Dockerfile' ? (c.line ?? 0) + 2 : c.line),
    );
    const moved = ALL.map((f) =>
      f.file === 'Dockerfile'
        ? {
            ...f,
            line: f.line + 2,
            ...(f.suggestion && { suggestion: { ...f.suggestion, line: 5, endLine: 5 } }),
          }
        : f,
    );
    const third = await run(moved, { headSha: server.headSha });
    expect(third.outcome.posted).toBe(0);
    expect(server.reviews).toHaveLength(1);
    expect(server.comments).toHaveLength(before);
  });

  it('resolves the thread of a fixed finding, but never one a person replied in', async () => {
    await start();
    await run(ALL);
    const [a, h] = [A, H].map((f) => server.topLevel().find((c) => c.body.includes(f.fingerprint)));
    server.reply(h?.id ?? 0, 'octocat', 'We keep the local backend for now.');
    const { outcome } = await run(ALL.filter((f) => f !== A && f !== H));
    expect(outcome.resolved).toBe(1);
    expect([...server.resolvedThreads]).toEqual([a?.id]);
    expect(server.reviews).toHaveLength(1);
    // Already resolved: nothing more to do.
    expect((await run(ALL.filter((f) => f !== A && f !== H))).outcome.resolved).toBe(0);
  });

  it('reconciles with zero findings: every thread of ours resolved, no review', async () => {
    await start();
    await run(ALL);
    const { outcome } = await run([]);
    expect(outcome).toMatchObject({ posted: 0, resolved: 4 });
    expect(server.reviews).toHaveLength(1);
  });

  it('answers once in the thread where the token may not resolve it', async () => {
    await start();
    await run([A]);
    server.graphqlResolves = false;
    expect((await run([])).outcome.resolved).toBe(1);
    const replies = server.comments.filter((c) => c.in_reply_to_id);
    expect(replies).toHaveLength(1);
    expect(replies[0].body).toContain('no longer finds this');
    expect((await run([])).outcome.resolved).toBe(0);
    expect(server.comments.filter((c) => c.in_reply_to_id)).toHaveLength(1);
  });

  it('leaves the comments of other users and unmarked ones of its own alone', async () => {
    await start();
    await run([A]);
    const ours = server.topLevel()[0];
    server.comments.push({ ...ours, id: 5, node_id: 'x5', user: { login: 'mallory', type: 'User' } });
    server.comments.push({
      ...ours,
      id: 6,
      node_id: 'x6',
      body: 'a note',
      user: { login: BOT, type: 'Bot' },
    });
    expect((await run([])).outcome.resolved).toBe(1);
    expect([...server.resolvedThreads]).toEqual([ours.id]);
  });

  it('updates a comment whose text changed instead of posting it again', async () => {
    await start();
    await run([A]);
    const { outcome } = await run([{ ...A, message: 'a clearer message' }]);
    expect(outcome).toMatchObject({ posted: 0, updated: 1 });
    expect(server.topLevel()[0].body).toContain('a clearer message');
  });

  it('posts an outdated finding again at its new line and hides the old comment', async () => {
    await start();
    await run([A]);
    const old = server.topLevel()[0];
    const changed =
      '@@ -1,3 +1,5 @@\n FROM node:20\n+RUN apt-get update\n+RUN apt-get install curl\n WORKDIR /app\n COPY . .';
    server.push('c'.repeat(40), [{ filename: 'Dockerfile', status: 'modified', patch: changed }], () => null);
    const { outcome } = await run([{ ...A, line: 3 }], { headSha: server.headSha });
    expect(outcome.posted).toBe(1);
    expect(server.topLevel().at(-1)).toMatchObject({ line: 3, commit_id: 'c'.repeat(40) });
    expect([...server.minimized]).toEqual([old.node_id]);
  });

  it('puts file-level comments on a file whose patch is withheld and on lines outside the hunks (filter-mode file)', async () => {
    await start();
    const { outcome } = await run([E, F], {}, 'file');
    expect(outcome.posted).toBe(2);
    expect(server.reviews).toHaveLength(0);
    expect(server.topLevel().map((c) => [c.path, c.subject_type])).toEqual([
      ['Dockerfile', 'file'],
      ['assets/logo.png', 'file'],
    ]);
    expect((await run([E, F], {}, 'file')).outcome.posted).toBe(0);
  });

  it('on a 422 posts the findings in the review body instead of as line comments', async () => {
    await start();
    // The run believes line 30 is in the diff; GitHub does not.
    const wrong = new DiffIndex([
      { path: 'Dockerfile', status: 'modified', hunks: [{ start: 1, end: 40, added: new Set([30]) }] },
    ]);
    const { outcome, log } = await run([finding('dockerfile/x', 'error', 'Dockerfile', 30)], { diff: wrong });
    expect(outcome.posted).toBe(0);
    expect(server.reviews).toHaveLength(1);
    expect(server.reviews[0].body).toContain('Dockerfile:30');
    expect(server.comments).toHaveLength(0);
    expect(log.warnings.join('\n')).toContain('refused');
  });

  it('on a 422 after a newer push stops quietly', async () => {
    await start();
    const { opts, log } = options();
    server.headSha = 'd'.repeat(40);
    const wrong = new DiffIndex([
      { path: 'Dockerfile', status: 'modified', hunks: [{ start: 1, end: 40, added: new Set([30]) }] },
    ]);
    const outcome = await reviewPullRequest([finding('dockerfile/x', 'error', 'Dockerfile', 30)], new Set(), {
      ...opts,
      diff: wrong,
    });
    expect(outcome.posted).toBe(0);
    expect(outcome.stopped).toContain('moved on');
    expect(log.warnings).toEqual([]);
    expect(log.infos.join('\n')).toContain('moved on');
    expect(server.reviews).toHaveLength(0);
  });

  it('stops at the first 403 of a read-only token, with one warning', async () => {
    await start();
    server.setMode('fork');
    const { outcome, log } = await run(ALL);
    expect(outcome.posted).toBe(0);
    expect(outcome.stopped).toContain('HTTP 403');
    expect(log.warnings).toHaveLength(1);
    expect(server.reviews).toHaveLength(0);
  });

  it('lists the PR files page by page, up to the 3000 GitHub serves', async () => {
    const many: FakeFile[] = Array.from({ length: 3050 }, (_, i) => ({
      filename: `svc/${String(i).padStart(4, '0')}/Dockerfile`,
      status: 'modified',
      patch: '@@ -1,1 +1,2 @@\n FROM alpine:3.20\n+USER 10001',
    }));
    await start(many);
    const diff = await listPullRequestFiles(createGithubClient('ghs_fake', { baseUrl: server.url }), {
      owner: server.owner,
      repo: server.repo,
      number: server.number,
    });
    expect(diff.files).toHaveLength(3000);
    expect(diff.truncated).toBe(true);
    expect(diff.placement('svc/2999/Dockerfile', 2)).toBe('added');
    expect(diff.placement('svc/3049/Dockerfile', 2)).toBe('unknown');
  });

  it.each(['flaky', 'flaky-after-write', 'rate-limited'] as const)(
    'posts exactly one review when the API is %s',
    async (mode) => {
      await start();
      server.setMode(mode);
      const { outcome } = await run(ALL);
      expect(outcome.stopped).toBeUndefined();
      expect(outcome.posted).toBe(4);
      expect(server.reviews).toHaveLength(1);
      expect(server.topLevel()).toHaveLength(4);
    },
  );
});
