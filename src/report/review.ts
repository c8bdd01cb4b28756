// PR review comments: at most one review per run, only on lines of the diff, never the same
// finding twice, and threads cleaned up when their finding is gone. Every comment carries a hidden
// marker with the finding's fingerprint; each run reconciles what it finds against the comments
// its own user left before. An API failure is logged once and never changes the result.
import type { Finding } from '../engine/finding';
import { compareBySeverity, plural, repoPath, ruleDocsUrl } from './common';
import type { Anchor, DiffIndex } from './diff';
import { httpStatus, type GithubClient } from './octokit';
import { escapeMessage } from './summary';

export interface ReviewOptions {
  client: GithubClient;
  owner: string;
  repo: string;
  pullNumber: number;
  /** The PR head commit from the event (GITHUB_SHA is the merge commit). */
  headSha: string;
  diff: DiffIndex;
  /** New comments per run; the rest are listed in the review body and the summary. */
  maxComments: number;
  suggestions: boolean;
  resolveStale: boolean;
  docsBaseUrl?: string;
  /** The scan root relative to the repository root. */
  pathPrefix?: string;
  /** Unique to this run: marks its review, so a retry finds one that landed despite an error. */
  runMarker: string;
  info(message: string): void;
  warning(message: string): void;
}

export interface ReviewOutcome {
  /** New top-level comments, file-level ones included. */
  posted: number;
  /** Threads resolved (or, where resolving was refused, answered) because their finding is gone. */
  resolved: number;
  /** Existing comments whose text was brought up to date. */
  updated: number;
  /** Findings with a comment from an earlier run that is still current. */
  alreadyCommented: number;
  /** Findings an earlier review listed in its body (over max-comments then): not posted again. */
  listedEarlier: Finding[];
  /** New findings beyond max-comments. */
  overflow: Finding[];
  /** Findings the review cannot point at: not on a commentable line or file of the diff. */
  notCommented: Finding[];
  /** Why the review stopped early, when it did; the findings are in the summary and annotations. */
  stopped?: string;
}

/** GitHub's limit on a comment or review body is 65536 characters. */
const MAX_BODY = 60_000;
/** Fingerprints a review body lists in its hidden marker (33 characters each). */
const MAX_LISTED = 1000;
const LISTED_MARKER = /<!-- deploy-lint listed=([0-9a-f,]+) -->/g;
const MARKER = /<!-- deploy-lint fingerprint=([0-9a-f]+) rule=(\S+) -->/;
const RESOLVED_MARKER = /<!-- deploy-lint resolved fingerprint=([0-9a-f]+) -->/;
const DEFAULT_BOT = 'github-actions[bot]';

export function commentMarker(f: Finding): string {
  return `<!-- deploy-lint fingerprint=${f.fingerprint} rule=${f.ruleId} -->`;
}

const SEVERITY_BADGE = { error: '🛑 **error**', warning: '⚠️ **warning**', notice: 'ℹ️ **notice**' } as const;

/** A comment's text: what, why and how to fix, the docs link, a suggestion, the hidden marker. */
export function commentBody(
  f: Finding,
  options: { docsBaseUrl?: string; suggestion?: boolean } = {},
): string {
  const url = ruleDocsUrl(f.ruleId, options.docsBaseUrl);
  const rule = `\`${f.ruleId.replace(/`/g, '')}\``;
  const parts = [
    `${SEVERITY_BADGE[f.severity]} ${url ? `[${rule}](${url})` : rule}: ${escapeMessage(f.message)}`,
  ];
  if (f.help.trim()) parts.push(f.help.trim());
  if (options.suggestion && f.suggestion) {
    const longestFence = Math.max(
      2,
      ...(f.suggestion.replacement.match(/`{3,}/g) ?? []).map((m) => m.length),
    );
    const fence = '`'.repeat(longestFence + 1);
    const replacement = f.suggestion.replacement.replace(/\n$/, '');
    parts.push(`${fence}suggestion\n${replacement}\n${fence}`);
  }
  let body = parts.join('\n\n');
  if (body.length > MAX_BODY) body = `${body.slice(0, MAX_BODY)}…`;
  return `${body}\n\n${commentMarker(f)}`;
}

/** A review comment as the REST API lists it (the fields used here). */
interface ExistingComment {
  id: number;
  node_id: string;
  body: string;
  user: { login: string } | null;
  in_reply_to_id?: number;
  line?: number | null;
  subject_type?: string;
}

interface OurComment {
  comment: ExistingComment;
  fingerprint: string;
  outdated: boolean;
  /** Logins of everyone who replied in the thread. */
  repliers: string[];
  /** A reply of ours already says the finding is gone. */
  answeredAsGone: boolean;
}

interface PlannedComment {
  finding: Finding;
  path: string;
  anchor?: Anchor;
  body: string;
  /** An outdated comment of ours this one replaces (minimized once the new one is posted). */
  replaces?: OurComment;
}

/** Raised to end the review; the message says why. A quiet stop is no problem (a newer push). */
class StopReview extends Error {
  constructor(
    message: string,
    readonly quiet = false,
  ) {
    super(message);
  }
}

/**
 * Posts the new findings as one review and reconciles the comments of earlier runs.
 * `findings`: what the run is about (in the change, not baselined), in any order.
 * `present`: fingerprints of every unsuppressed finding of the scan: a thread whose fingerprint is
 * among them is not stale, whether or not it is in the change. Never throws.
 */
export async function reviewPullRequest(
  findings: readonly Finding[],
  present: ReadonlySet<string>,
  options: ReviewOptions,
): Promise<ReviewOutcome> {
  const outcome: ReviewOutcome = {
    posted: 0,
    resolved: 0,
    updated: 0,
    alreadyCommented: 0,
    listedEarlier: [],
    overflow: [],
    notCommented: [],
  };
  const api = new Api(options);
  try {
    const me = await api.viewerLogin();
    const ours = await api.ourComments(me);
    const listed = await api.listedInReviews(me);
    const current = new Map<string, OurComment>();
    const outdated = new Map<string, OurComment>();
    for (const c of ours) {
      const byFingerprint = c.outdated ? outdated : current;
      if (!byFingerprint.has(c.fingerprint)) byFingerprint.set(c.fingerprint, c);
    }

    const planned: PlannedComment[] = [];
    for (const finding of [...findings].sort(compareBySeverity)) {
      const path = repoPath(finding.file, options.pathPrefix);
      const { anchor, suggestion } = anchorFor(finding, path, options);
      const body = commentBody(finding, { docsBaseUrl: options.docsBaseUrl, suggestion });
      const existing = current.get(finding.fingerprint);
      if (existing) {
        outcome.alreadyCommented++;
        if (normalized(existing.comment.body) !== normalized(body)) {
          await api.call('update a review comment', () =>
            options.client.rest.pulls.updateReviewComment({
              owner: options.owner,
              repo: options.repo,
              comment_id: existing.comment.id,
              body,
            }),
          );
          outcome.updated++;
        }
        continue;
      }
      if (listed.has(finding.fingerprint)) {
        outcome.listedEarlier.push(finding);
        continue;
      }
      if (!anchor && !options.diff.file(path)) {
        outcome.notCommented.push(finding);
        continue;
      }
      planned.push({
        finding,
        path,
        body,
        ...(anchor && { anchor }),
        replaces: outdated.get(finding.fingerprint),
      });
    }

    const cap = Math.max(0, options.maxComments);
    const toPost = planned.slice(0, cap);
    outcome.overflow = planned.slice(cap).map((p) => p.finding);
    const inline = toPost.filter((p) => p.anchor);
    const fileLevel = toPost.filter((p) => !p.anchor);

    if (inline.length || (outcome.overflow.length && cap > 0)) {
      const posted = await api.submitReview(inline, outcome.overflow, options);
      outcome.posted += posted;
      if (posted) await minimizeReplaced(api, inline);
    }
    const postedFileLevel: PlannedComment[] = [];
    for (const p of fileLevel) {
      try {
        await api.call('post a file comment', () =>
          options.client.rest.pulls.createReviewComment({
            owner: options.owner,
            repo: options.repo,
            pull_number: options.pullNumber,
            commit_id: options.headSha,
            path: p.path,
            body: p.body,
            subject_type: 'file',
          }),
        );
        postedFileLevel.push(p);
        outcome.posted++;
      } catch (error) {
        // GitHub refused this one file (422): the finding stays in the summary, the rest goes on.
        if (httpStatus(error) !== 422) throw error;
        outcome.notCommented.push(p.finding);
      }
    }
    await minimizeReplaced(api, postedFileLevel);

    if (options.resolveStale) {
      for (const c of ours) {
        if (present.has(c.fingerprint)) continue;
        if (await api.resolveGone(c)) outcome.resolved++;
      }
    }
  } catch (error) {
    outcome.stopped = error instanceof StopReview ? error.message : `the review failed: ${describe(error)}`;
    const log = error instanceof StopReview && error.quiet ? options.info : options.warning;
    log(`deploy-lint: ${outcome.stopped} The summary and annotations have every finding.`);
  }
  return outcome;
}

/** Hides the outdated comments the posted ones replace, unless a person replied there. */
async function minimizeReplaced(api: Api, posted: readonly PlannedComment[]) {
  for (const p of posted) {
    if (p.replaces && !p.replaces.repliers.length) await api.minimizeOutdated(p.replaces.comment);
  }
}

/**
 * Where a finding's comment goes: its span when one hunk holds it, its suggestion's span when the
 * finding has a suggestion (a suggestion replaces exactly the lines it is attached to), else the
 * first commentable line of the span; undefined when no line of it is in the diff.
 */
function anchorFor(
  finding: Finding,
  path: string,
  options: ReviewOptions,
): { anchor?: Anchor; suggestion: boolean } {
  const s = finding.suggestion;
  if (options.suggestions && s && options.diff.inOneHunk(path, s.line, s.endLine)) {
    return {
      anchor: s.endLine > s.line ? { path, startLine: s.line, line: s.endLine } : { path, line: s.line },
      suggestion: true,
    };
  }
  return {
    anchor: options.diff.anchor(path, finding.line, finding.endLine ?? finding.line),
    suggestion: false,
  };
}

function normalized(body: string): string {
  return body.replace(/\r\n/g, '\n').trim();
}

function sameUser(a: string | undefined, b: string): boolean {
  const plain = (login: string) => login.toLowerCase().replace(/\[bot\]$/, '');
  return a !== undefined && plain(a) === plain(b);
}

function describe(error: unknown): string {
  const status = httpStatus(error);
  const message = error instanceof Error ? error.message : String(error);
  return status ? `HTTP ${status}: ${message}` : message;
}

function reviewComment(p: PlannedComment) {
  const anchor = p.anchor as Anchor;
  return {
    path: anchor.path,
    body: p.body,
    line: anchor.line,
    side: 'RIGHT',
    ...(anchor.startLine !== undefined && { start_line: anchor.startLine, start_side: 'RIGHT' }),
  };
}

/** The review's own text: what it holds, what did not fit, and this run's marker. */
function reviewBody(
  inline: number,
  overflow: readonly Finding[],
  options: ReviewOptions,
  listed: Finding[] = [],
) {
  const lines = ['**deploy-lint**'];
  if (inline) lines.push(`${plural(inline, 'new finding')} on the changed lines, commented below.`);
  const list = (title: string, items: readonly Finding[]) => {
    if (!items.length) return;
    lines.push('', title, '');
    const shown = items.slice(0, 50);
    for (const f of shown) {
      const path = repoPath(f.file, options.pathPrefix);
      lines.push(
        `- ${SEVERITY_BADGE[f.severity]} \`${f.ruleId}\` ${path}:${f.line}: ${escapeMessage(f.message, 300)}`,
      );
    }
    if (items.length > shown.length)
      lines.push(`- …and ${items.length - shown.length} more: see the job summary.`);
  };
  list(
    `${plural(overflow.length, 'more new finding')} not commented here (max-comments: ${options.maxComments}):`,
    overflow,
  );
  list(`${plural(listed.length, 'new finding')} (GitHub refused them as line comments):`, listed);
  const body = lines.join('\n');
  const fingerprints = [...overflow, ...listed].slice(0, MAX_LISTED).map((f) => f.fingerprint);
  const listedMarker = fingerprints.length ? `\n<!-- deploy-lint listed=${fingerprints.join(',')} -->` : '';
  return `${body.length > MAX_BODY - 3 * MAX_LISTED ? `${body.slice(0, MAX_BODY - 3 * MAX_LISTED)}…` : body}\n\n<!-- deploy-lint review run=${options.runMarker} -->${listedMarker}`;
}

/** The API calls of one review, each failure mapped to what the run does about it. */
class Api {
  private threads?: Map<number, { id: string; isResolved: boolean }>;

  constructor(private readonly options: ReviewOptions) {}

  private get repo() {
    return { owner: this.options.owner, repo: this.options.repo };
  }

  /** A 403 means the token may not do this (a fork PR, no `pull-requests: write`): stop, once. */
  async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (httpStatus(error) === 403 && !/rate limit/i.test(describe(error))) {
        throw new StopReview(
          `the token may not ${what} on this pull request (HTTP 403), so no review comments were posted or cleaned up. Give the job \`permissions: pull-requests: write\`; on a pull request from a fork the token is read-only by design.`,
        );
      }
      throw error;
    }
  }

  /** The login our comments are written by: GraphQL `viewer` answers for app tokens too. */
  async viewerLogin(): Promise<string> {
    try {
      const data = await this.options.client.graphql<{ viewer: { login: string } }>(
        'query { viewer { login } }',
      );
      return data.viewer.login || DEFAULT_BOT;
    } catch {
      return DEFAULT_BOT;
    }
  }

  async ourComments(me: string): Promise<OurComment[]> {
    const all = (await this.call('list review comments', () =>
      this.options.client.paginate(this.options.client.rest.pulls.listReviewComments, {
        ...this.repo,
        pull_number: this.options.pullNumber,
        per_page: 100,
      }),
    )) as ExistingComment[];
    const replies = new Map<number, ExistingComment[]>();
    for (const c of all) {
      if (c.in_reply_to_id) replies.set(c.in_reply_to_id, [...(replies.get(c.in_reply_to_id) ?? []), c]);
    }
    const ours: OurComment[] = [];
    for (const c of all) {
      const marker = MARKER.exec(c.body ?? '');
      if (!marker || c.in_reply_to_id || !sameUser(c.user?.login, me)) continue;
      const thread = replies.get(c.id) ?? [];
      ours.push({
        comment: c,
        fingerprint: marker[1],
        outdated: c.subject_type !== 'file' && c.line == null,
        repliers: thread.filter((r) => !sameUser(r.user?.login, me)).map((r) => r.user?.login ?? 'ghost'),
        answeredAsGone: thread.some((r) => sameUser(r.user?.login, me) && RESOLVED_MARKER.test(r.body ?? '')),
      });
    }
    return ours;
  }

  /** Fingerprints our earlier reviews listed in their body instead of commenting them. */
  async listedInReviews(me: string): Promise<Set<string>> {
    const reviews = await this.call('list reviews', () =>
      this.options.client.paginate(this.options.client.rest.pulls.listReviews, {
        ...this.repo,
        pull_number: this.options.pullNumber,
        per_page: 100,
      }),
    );
    const listed = new Set<string>();
    for (const review of reviews) {
      if (!sameUser(review.user?.login, me)) continue;
      for (const m of (review.body ?? '').matchAll(LISTED_MARKER))
        for (const fp of m[1].split(',')) listed.add(fp);
    }
    return listed;
  }

  /**
   * One review with every inline comment. GitHub rejects the whole review when one comment is off
   * the diff (422); then: a newer push makes this run stale (stop quietly); a review of this run
   * that landed anyway is kept; else one retry with the findings listed in the body instead.
   * Returns the number of inline comments posted.
   */
  async submitReview(inline: PlannedComment[], overflow: Finding[], options: ReviewOptions): Promise<number> {
    const send = (comments: PlannedComment[], body: string) =>
      this.call('post a review', () =>
        options.client.rest.pulls.createReview({
          ...this.repo,
          pull_number: options.pullNumber,
          commit_id: options.headSha,
          event: 'COMMENT',
          body,
          comments: comments.map(reviewComment),
          // Not idempotent: a retry after a 5xx is decided below, after looking for the review.
          request: { retries: 0 },
        }),
      );
    try {
      await send(inline, reviewBody(inline.length, overflow, options));
      return inline.length;
    } catch (error) {
      if (error instanceof StopReview) throw error;
      const status = httpStatus(error);
      if (status !== undefined && status !== 422 && status < 500) throw error;
      const head = await this.headSha();
      if (head && head !== options.headSha) {
        throw new StopReview(
          `the pull request moved on to ${head.slice(0, 7)} while this run checked ${options.headSha.slice(0, 7)}; the run for the new commit reviews it.`,
          true,
        );
      }
      if (await this.reviewOfThisRun()) return inline.length;
      if (status === 422) {
        options.warning(
          `deploy-lint: GitHub refused the review's line comments (${describe(error)}); posting the findings in the review body instead.`,
        );
        await send(
          [],
          reviewBody(
            0,
            overflow,
            options,
            inline.map((p) => p.finding),
          ),
        );
        return 0;
      }
      await send(inline, reviewBody(inline.length, overflow, options));
      return inline.length;
    }
  }

  private async headSha(): Promise<string | undefined> {
    const pull = await this.call('read the pull request', () =>
      this.options.client.rest.pulls.get({ ...this.repo, pull_number: this.options.pullNumber }),
    );
    return pull.data.head?.sha;
  }

  private async reviewOfThisRun(): Promise<boolean> {
    const reviews = await this.call('list reviews', () =>
      this.options.client.paginate(this.options.client.rest.pulls.listReviews, {
        ...this.repo,
        pull_number: this.options.pullNumber,
        per_page: 100,
      }),
    );
    const marker = `<!-- deploy-lint review run=${this.options.runMarker} -->`;
    return reviews.some((r) => (r.body ?? '').includes(marker));
  }

  /** Hides an outdated comment whose finding was posted again at its new line. */
  async minimizeOutdated(comment: ExistingComment): Promise<void> {
    try {
      await this.options.client.graphql(
        'mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }',
        { id: comment.node_id },
      );
    } catch (error) {
      this.options.info(`deploy-lint: could not hide the outdated comment ${comment.id}: ${describe(error)}`);
    }
  }

  /**
   * Resolves the thread of a finding that is gone; where the token may not resolve it, replies
   * once instead. A thread a person replied in is theirs to close. True when something was done.
   */
  async resolveGone(c: OurComment): Promise<boolean> {
    if (c.repliers.length || c.answeredAsGone) return false;
    const thread = (await this.reviewThreads()).get(c.comment.id);
    if (thread?.isResolved) return false;
    if (thread) {
      try {
        await this.options.client.graphql(
          'mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { isResolved } } }',
          { id: thread.id },
        );
        thread.isResolved = true;
        return true;
      } catch (error) {
        this.options.info(
          `deploy-lint: could not resolve a review thread (${describe(error)}); replying instead.`,
        );
      }
    }
    await this.call('reply to a review comment', () =>
      this.options.client.rest.pulls.createReplyForReviewComment({
        ...this.repo,
        pull_number: this.options.pullNumber,
        comment_id: c.comment.id,
        body: `Fixed: deploy-lint no longer finds this as of ${this.options.headSha.slice(0, 7)}.\n\n<!-- deploy-lint resolved fingerprint=${c.fingerprint} -->`,
      }),
    );
    return true;
  }

  /** Review threads by the id of their first comment; empty when GraphQL is not available. */
  private async reviewThreads(): Promise<Map<number, { id: string; isResolved: boolean }>> {
    if (this.threads) return this.threads;
    const threads = new Map<number, { id: string; isResolved: boolean }>();
    try {
      let cursor: string | null = null;
      do {
        const data: ThreadsPage = await this.options.client.graphql<ThreadsPage>(THREADS_QUERY, {
          owner: this.options.owner,
          repo: this.options.repo,
          number: this.options.pullNumber,
          cursor,
        });
        const page = data.repository?.pullRequest?.reviewThreads;
        for (const t of page?.nodes ?? []) {
          const first = t.comments.nodes[0]?.databaseId;
          if (typeof first === 'number') threads.set(first, { id: t.id, isResolved: t.isResolved });
        }
        cursor = page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (cursor);
    } catch (error) {
      this.options.info(`deploy-lint: could not list the review threads: ${describe(error)}`);
    }
    this.threads = threads;
    return threads;
  }
}

const THREADS_QUERY = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 1) { nodes { databaseId } } }
      }
    }
  }
}`;

interface ThreadsPage {
  repository?: {
    pullRequest?: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: { id: string; isResolved: boolean; comments: { nodes: { databaseId: number | null }[] } }[];
      };
    };
  };
}
