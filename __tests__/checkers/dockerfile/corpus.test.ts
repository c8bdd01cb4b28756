// The whole dockerfile checker over a corpus of realistic Dockerfiles: it never crashes, no rule fails
// internally, and the findings (rule id and line per file) are pinned so any change in what the checker
// reports shows up in review.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintDockerfile } from './helpers';

const FIXTURES = new URL('../../fixtures/dockerfile/', import.meta.url);
const CORPUS = new URL('corpus/', FIXTURES);
const SEED = new URL('seed/Dockerfile', FIXTURES);

const corpusFiles = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.Dockerfile'))
  .sort();

async function lint(url: URL, fileName: string) {
  return lintDockerfile(readFileSync(url, 'utf8'), { fileName });
}

describe('dockerfile corpus', () => {
  it('has a corpus worth the name', () => {
    expect(corpusFiles.length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpusFiles)('%s: no crash, no internal error, findings pinned', async (name) => {
    const findings = await lint(new URL(name, CORPUS), name);
    expect(findings.filter((f) => f.ruleId === 'deploy-lint/internal-error')).toEqual([]);
    const pinned = findings
      .map((f) => `${String(f.line).padStart(3)} ${f.ruleId}${f.severity ? ` (${f.severity})` : ''}`)
      .sort();
    expect(pinned).toMatchSnapshot();
  });

  it('reports on the seed Dockerfile at least what the rule catalog requires', async () => {
    const findings = await lint(SEED, 'Dockerfile');
    expect(findings.filter((f) => f.ruleId === 'deploy-lint/internal-error')).toEqual([]);
    const rules = new Set(findings.map((f) => f.ruleId.replace('dockerfile/', '')));
    const required = [
      'from-missing-tag',
      'env-same-instruction-ref',
      'pipe-without-pipefail',
      'remote-script-exec',
      'curl-without-fail',
      'build-tools-in-final-stage',
      'python-on-musl',
      'copy-secret-file',
      'copy-owner-mismatch',
      'cd-instead-of-workdir',
      'missing-workdir',
      'deps-after-source-copy',
      'user-non-numeric',
      'exec-form-variable',
      'undefined-variable',
      'entrypoint-wrapper-pid1',
    ];
    expect(required.filter((r) => !rules.has(r))).toEqual([]);
    const pinned = findings
      .map((f) => `${String(f.line).padStart(3)} ${f.ruleId}${f.severity ? ` (${f.severity})` : ''}`)
      .sort();
    expect(pinned).toMatchSnapshot();
  });
});
