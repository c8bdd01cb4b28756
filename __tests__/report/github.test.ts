import { describe, expect, it } from 'vitest';
import { renderGithubCommands } from '../../src/report/github';
import { makeResult, manyFindings, sampleResult } from './helpers';

describe('renderGithubCommands', () => {
  it('prints one workflow command per finding, most severe first', () => {
    const lines = renderGithubCommands(sampleResult()).trimEnd().split('\n');
    expect(lines.map((l) => l.slice(0, l.indexOf(' ')))).toEqual([
      '::error',
      '::error',
      '::error',
      '::warning',
      '::warning',
      '::notice',
    ]);
    expect(lines[2]).toMatch(
      /^::error file=services\/api\/Dockerfile,line=14,col=27,title=Variable in exec form is never expanded::CMD passes .* \(dockerfile\/exec-form-variable\)$/,
    );
  });

  it('never prints suppressed findings', () => {
    const text = renderGithubCommands(sampleResult());
    expect(text).not.toContain('tools/Dockerfile');
    expect(text).not.toContain('charts/legacy');
  });

  it('applies the per-step limits and points to the formats that list everything', () => {
    const lines = renderGithubCommands(makeResult(manyFindings(25, 'error')))
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(11);
    expect(lines.at(-1)).toBe(
      '::notice title=deploy-lint%3A more findings::15 more findings: run deploy-lint with --format text (or json, sarif) to list them all.',
    );
  });

  it('prefixes paths when the scan root is a subdirectory of the repository', () => {
    const text = renderGithubCommands(makeResult(manyFindings(1, 'warning')), { pathPrefix: 'infra' });
    expect(text).toContain('::warning file=infra/svc/s0000.yml,line=1,');
  });

  it('prints nothing for a clean scan', () => {
    expect(renderGithubCommands(makeResult([]))).toBe('');
  });
});
