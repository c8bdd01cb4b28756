// The action on a pull request: which lines changed (for the filter mode), and the review.
// Everything here degrades to "no diff" or "no review" with one log line; it never fails the run.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Finding } from '../engine/finding';
import type { ScanResult } from '../engine/scan';
import { plural } from '../report/common';
import { escapeInline } from '../report/summary';
import { listPullRequestFiles, MAX_PULL_REQUEST_FILES, type DiffIndex } from '../report/diff';
import type { Selection } from '../report/filter';
import { createGithubClient, httpStatus, type GithubClient } from '../report/octokit';
import { reviewPullRequest, type ReviewOutcome } from '../report/review';
import { docsBaseUrlFor, type GithubContext, type ReportSection } from '../report/sink';
import type { ActionInputs } from './inputs';

type Env = Readonly<Record<string, string | undefined>>;

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  /** The head branch lives in another repository: the token is read-only there. */
  fromFork: boolean;
}

/** The pull request of a `pull_request`-like event; undefined on a push and elsewhere. */
export function pullRequestOf(env: Env): PullRequestRef | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || !env.GITHUB_EVENT_PATH) return undefined;
  let event: {
    pull_request?: { number?: number; head?: { sha?: string; repo?: { full_name?: string } | null } };
  };
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch {
    return undefined;
  }
  const pull = event?.pull_request;
  if (typeof pull?.number !== 'number' || !pull.head?.sha) return undefined;
  const headRepo = pull.head.repo?.full_name;
  return {
    owner,
    repo,
    number: pull.number,
    headSha: pull.head.sha,
    fromFork: !headRepo || headRepo.toLowerCase() !== `${owner}/${repo}`.toLowerCase(),
  };
}

export interface PullRequestChange {
  pull?: PullRequestRef;
  client?: GithubClient;
  /** The PR's changed lines; undefined outside a PR or when they could not be read. */
  diff?: DiffIndex;
  /** What the summary should say about the change (a file list cut at GitHub's limit, a failed read). */
  notes: string[];
}

interface Log {
  info(message: string): void;
  warning(message: string): void;
}

/** On a pull request: a client and the PR's files. Outside one, nothing is looked up. */
export async function readPullRequestChange(
  env: Env,
  inputs: ActionInputs,
  log: Log,
): Promise<PullRequestChange> {
  const pull = pullRequestOf(env);
  if (!pull) return { notes: [] };
  if (!inputs.githubToken) {
    const note = `No github-token, so the pull request's changed lines are unknown: every finding gates (as with filter-mode nofilter) and no review is posted.`;
    log.warning(`deploy-lint: ${note}`);
    return { pull, notes: [note] };
  }
  const client = createGithubClient(inputs.githubToken, {
    ...(env.GITHUB_API_URL && { baseUrl: env.GITHUB_API_URL }),
    info: (message) => log.info(message),
  });
  try {
    const diff = await listPullRequestFiles(client, pull);
    const notes = diff.truncated
      ? [
          `The pull request changes more than ${MAX_PULL_REQUEST_FILES} files, the most GitHub lists: findings in files past that limit gate as if changed.`,
        ]
      : [];
    return { pull, client, diff, notes };
  } catch (error) {
    const status = httpStatus(error);
    const note = `Could not list the pull request's files (${status ? `HTTP ${status}` : error instanceof Error ? error.message : String(error)}): every finding gates (as with filter-mode nofilter).`;
    log.warning(`deploy-lint: ${note}`);
    return { pull, client, notes: [note] };
  }
}

/** Whether this run posts a review: `auto` stays away from forks, whose token cannot write. */
export function wantsReview(change: PullRequestChange, inputs: ActionInputs, log: Log): boolean {
  if (inputs.prReview === 'off' || !change.pull || !change.client || !change.diff) return false;
  if (inputs.prReview === 'auto' && change.pull.fromFork) {
    log.info(
      'deploy-lint: a pull request from a fork gets a read-only token, so no review comments (pr-review: auto); the summary and annotations have the findings.',
    );
    return false;
  }
  return true;
}

/** Posts and reconciles the review; undefined when the run posts none. */
export async function postReview(
  change: PullRequestChange,
  selection: Selection,
  result: ScanResult,
  inputs: ActionInputs,
  github: GithubContext | undefined,
  env: Env,
  log: Log,
): Promise<ReviewOutcome | undefined> {
  if (!wantsReview(change, inputs, log) || !change.pull || !change.client || !change.diff) return undefined;
  const docsBaseUrl = docsBaseUrlFor(github);
  return reviewPullRequest(selection.selected, new Set(result.findings.map((f) => f.fingerprint)), {
    client: change.client,
    owner: change.pull.owner,
    repo: change.pull.repo,
    pullNumber: change.pull.number,
    headSha: change.pull.headSha,
    diff: change.diff,
    maxComments: inputs.maxComments,
    suggestions: inputs.suggestions,
    resolveStale: inputs.resolveStale,
    ...(docsBaseUrl && { docsBaseUrl }),
    runMarker: `${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}-${randomUUID()}`,
    info: (message) => log.info(message),
    warning: (message) => log.warning(message),
  });
}

/** The summary's account of the pull request: what the filter left out and what the review did. */
export function pullRequestSection(
  change: PullRequestChange,
  selection: Selection,
  inputs: ActionInputs,
  review: ReviewOutcome | undefined,
): ReportSection | undefined {
  if (!change.pull) return undefined;
  const lines: string[] = [...change.notes.map((n) => `> ${n}`)];
  if (change.diff) {
    const where: Record<string, string> = {
      added: 'on the changed lines',
      diff_context: 'inside the diff hunks',
      file: 'in the changed files',
      nofilter: 'anywhere',
    };
    lines.push(
      `Filter mode \`${inputs.filterMode}\`: ${plural(selection.selected.length + selection.known.length, 'finding')} ${where[inputs.filterMode]}; ${plural(selection.outsideChange.length, 'finding')} elsewhere ${selection.outsideChange.length === 1 ? 'is' : 'are'} listed above and ${selection.outsideChange.length === 1 ? 'does' : 'do'} not gate.`,
    );
  }
  if (selection.known.length) {
    lines.push(
      `${plural(selection.known.length, 'finding')} in the baseline ${selection.known.length === 1 ? 'does' : 'do'} not gate.`,
    );
  }
  if (!review && inputs.prReview === 'auto' && change.pull.fromFork) {
    lines.push('No review comments: a pull request from a fork gets a read-only token (pr-review: auto).');
  }
  if (review) {
    lines.push(
      `Review: ${plural(review.posted, 'new comment')} posted, ${review.alreadyCommented} already commented${review.updated ? ` (${review.updated} updated)` : ''}, ${plural(review.resolved, 'thread')} resolved.`,
    );
    if (review.stopped) lines.push(`> The review stopped: ${review.stopped}`);
    const list = (title: string, findings: readonly Finding[]) => {
      if (!findings.length) return;
      lines.push('', `${title}:`, '');
      for (const f of findings.slice(0, 100)) {
        lines.push(`- \`${f.ruleId}\` ${escapeInline(f.file)}:${f.line}`);
      }
      if (findings.length > 100) lines.push(`- …and ${findings.length - 100} more in the findings table.`);
    };
    list(`Not commented: over max-comments (${inputs.maxComments})`, review.overflow);
    list('Listed in an earlier review instead of commented', review.listedEarlier);
    list('Not commented: no line of the diff to attach them to', review.notCommented);
  }
  return { title: 'Pull request', markdown: lines.join('\n') };
}
