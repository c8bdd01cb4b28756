import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pullRequestOf } from '../../src/action/pull-request';
import { makeRepo } from '../cli/helpers';

function env(payload: object) {
  const dir = makeRepo({});
  const file = path.join(dir, 'event.json');
  writeFileSync(file, JSON.stringify(payload));
  return { GITHUB_REPOSITORY: 'acme/api', GITHUB_EVENT_PATH: file };
}

describe('pullRequestOf', () => {
  it('takes the number and the head commit (not the merge commit) of a pull request event', () => {
    const pull = pullRequestOf(
      env({ pull_request: { number: 12, head: { sha: 'abc', repo: { full_name: 'acme/api' } } } }),
    );
    expect(pull).toEqual({ owner: 'acme', repo: 'api', number: 12, headSha: 'abc', fromFork: false });
  });

  it('knows a fork by the head repository, and a deleted fork as one', () => {
    const fork = (repo: object | null) =>
      pullRequestOf(env({ pull_request: { number: 3, head: { sha: 'abc', repo } } }))?.fromFork;
    expect(fork({ full_name: 'someone/api' })).toBe(true);
    expect(fork(null)).toBe(true);
    expect(fork({ full_name: 'ACME/api' })).toBe(false);
  });

  it('is undefined on a push, and without an event file', () => {
    expect(pullRequestOf(env({ ref: 'refs/heads/main', head_commit: { id: 'abc' } }))).toBeUndefined();
    expect(pullRequestOf({ GITHUB_REPOSITORY: 'acme/api' })).toBeUndefined();
  });
});
