// The GitHub API client of the review sink: @actions/github's Octokit with retries for 5xx and
// waits for rate limits, so a flaky or busy API costs time, never a finding.
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export interface GithubClientOptions {
  /** `GITHUB_API_URL`; the default is @actions/github's (api.github.com). */
  baseUrl?: string;
  /** Told once per wait, so the log says why the step pauses. */
  info?: (message: string) => void;
  /** Retries after a rate limit before the request fails. */
  rateLimitRetries?: number;
}

export function createGithubClient(token: string, options: GithubClientOptions = {}) {
  const retries = options.rateLimitRetries ?? 2;
  const wait =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      if (retryCount >= retries) return false;
      options.info?.(
        `deploy-lint: GitHub's ${kind} rate limit on ${request.method} ${request.url}; retrying in ${retryAfter} s.`,
      );
      return true;
    };
  return getOctokit(
    token,
    {
      ...(options.baseUrl && { baseUrl: options.baseUrl }),
      throttle: { onRateLimit: wait('primary'), onSecondaryRateLimit: wait('secondary') },
      retry: { retries: 2 },
    },
    retry,
    throttling,
  );
}

export type GithubClient = ReturnType<typeof createGithubClient>;

/** The HTTP status of an Octokit request error, if it is one. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
