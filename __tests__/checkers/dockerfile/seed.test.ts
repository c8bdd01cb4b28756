// The reviewed Dockerfile from the origin document: the checker must find what the review found, what
// it missed (the unexpanded `$PORT`, the empty `${HOME}`), and nothing else above notice.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dockerfileChecker } from '../../../src/checkers/dockerfile';
import type { RawFinding } from '../../../src/engine/finding';
import { lintDockerfile } from './helpers';

const SEED = readFileSync(new URL('../../fixtures/dockerfile/seed/Dockerfile', import.meta.url), 'utf8');

interface Expected {
  rule: string;
  /** The line, or the first and last acceptable line when the rule may anchor anywhere in an instruction. */
  line: number | [number, number];
  mentions?: string[];
}

// Lines: 1 FROM, 3-6 ENV, 9-20 install RUN, 23 COPY app/, 24 COPY id_rsa, 27 RUN cd, 30 USER, 33 ENTRYPOINT, 34 CMD.
const EXPECTED: Expected[] = [
  { rule: 'from-missing-tag', line: 1, mentions: ['alpine:latest'] },
  { rule: 'env-same-instruction-ref', line: 5, mentions: ['`HOME`', '/.local/bin'] },
  { rule: 'pipe-without-pipefail', line: [9, 20] },
  { rule: 'remote-script-exec', line: [9, 20] },
  { rule: 'curl-without-fail', line: [9, 20] },
  { rule: 'build-tools-in-final-stage', line: [9, 20] },
  { rule: 'python-on-musl', line: [1, 20] },
  { rule: 'missing-workdir', line: 23, mentions: ['/app/', 'cd /app'] },
  { rule: 'copy-secret-file', line: 24, mentions: ['id_rsa'] },
  { rule: 'copy-owner-mismatch', line: 24 },
  { rule: 'deps-after-source-copy', line: [23, 27] },
  { rule: 'cd-instead-of-workdir', line: 27 },
  { rule: 'user-non-numeric', line: 30, mentions: ['USER user'] },
  { rule: 'entrypoint-wrapper-pid1', line: 33, mentions: ['poetry run', 'uvicorn'] },
  { rule: 'exec-form-variable', line: 34, mentions: ['$PORT', '$UVICORN_WORKERS'] },
  { rule: 'undefined-variable', line: 34, mentions: ['UVICORN_WORKERS'] },
];

const registered = new Set(dockerfileChecker.rules.map((r) => r.id));
const severityOf = (f: RawFinding) =>
  f.severity ?? dockerfileChecker.rules.find((r) => r.id === f.ruleId)?.severity;

function inRange(line: number, expected: Expected['line']): boolean {
  return typeof expected === 'number' ? line === expected : line >= expected[0] && line <= expected[1];
}

describe('the seed Dockerfile', () => {
  // A catalog rule that is not registered yet shows up as a skipped test, never as a passed one.
  for (const expected of EXPECTED) {
    const id = `dockerfile/${expected.rule}`;
    it.skipIf(!registered.has(id))(`reports ${id} at line ${String(expected.line)}`, async () => {
      const found = (await lintDockerfile(SEED)).filter((f) => f.ruleId === id);
      expect(found.length, `${id} findings`).toBeGreaterThan(0);
      expect(
        found.some((f) => inRange(f.line, expected.line)),
        `${id} lines: ${found.map((f) => f.line).join(', ')}`,
      ).toBe(true);
      for (const mention of expected.mentions ?? []) {
        expect(
          found.some((f) => f.message.includes(mention)),
          `${id} mentions ${mention}`,
        ).toBe(true);
      }
    });
  }

  it('reports nothing else above notice', async () => {
    const expectedIds = new Set(EXPECTED.map((e) => `dockerfile/${e.rule}`));
    const unexpected = (await lintDockerfile(SEED)).filter(
      (f) => !expectedIds.has(f.ruleId) && severityOf(f) !== 'notice',
    );
    expect(unexpected).toEqual([]);
  });

  it('does not report a rule the review got right as a problem', async () => {
    const ids = new Set((await lintDockerfile(SEED)).map((f) => f.ruleId));
    // The review does switch to a non-root user and uses `apk add --no-cache`.
    expect(ids.has('dockerfile/final-user-missing')).toBe(false);
    expect(ids.has('dockerfile/final-user-root')).toBe(false);
    expect(ids.has('dockerfile/apk-no-cache')).toBe(false);
  });
});
