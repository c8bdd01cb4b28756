import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubContext } from '../../src/action/run';
import { readInputs } from '../../src/action/inputs';
import { makeRepo } from '../cli/helpers';

describe('the pull-request input (the workflow_run half of the fork-safe pair)', () => {
  it('accepts a pull request number and nothing else', () => {
    const read = (value: string) => readInputs((name) => (name === 'pull-request' ? value : ''));
    expect(read('42').pullRequest).toBe(42);
    expect(read('').pullRequest).toBeUndefined();
    for (const bad of ['0', '-1', '4.2', '42; rm -rf /', '12345678901', 'abc']) {
      expect(() => read(bad), bad).toThrow(/Invalid input 'pull-request' value/);
    }
  });

  it('reports on that pull request at the commit the other run scanned', () => {
    const dir = makeRepo({
      'event.json': JSON.stringify({ workflow_run: { head_sha: 'scanned-sha', pull_requests: [] } }),
    });
    const env = {
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SHA: 'default-branch-sha',
      GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    };
    expect(githubContext(env, 42)).toMatchObject({ pullRequest: 42, headSha: 'scanned-sha' });
    expect(githubContext(env)).not.toHaveProperty('pullRequest');
  });

  it('lets the input name the pull request over the event payload', () => {
    const dir = makeRepo({
      'event.json': JSON.stringify({ pull_request: { number: 7, head: { sha: 'h' } } }),
    });
    const env = { GITHUB_REPOSITORY: 'acme/app', GITHUB_EVENT_PATH: path.join(dir, 'event.json') };
    expect(githubContext(env, 9)).toMatchObject({ pullRequest: 9, headSha: 'h' });
    expect(githubContext(env)).toMatchObject({ pullRequest: 7 });
  });
});
