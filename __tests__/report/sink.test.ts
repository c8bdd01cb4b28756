import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  annotationsSink,
  docsBaseUrlFor,
  projectUrlFor,
  publishAll,
  sarifSink,
  summarySink,
  type Sink,
} from '../../src/report/sink';
import { makeResult, manyFindings, reportInput } from './helpers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'deploy-lint-report-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('sinks', () => {
  it('annotations: writes the limited command list', async () => {
    const written: string[] = [];
    const sink = annotationsSink({ write: (text) => written.push(text) });
    const scan = makeResult(manyFindings(12, 'error'));
    await sink.publish(
      reportInput({ scan, result: 'pass', failOn: 'never', gating: [], pathPrefix: 'infra' }),
    );
    const lines = written.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/^::error file=infra\/svc\/s0000\.yml,line=1,/);
    expect(lines[10]).toBe(
      '::notice title=deploy-lint%3A more findings::2 more findings: see the job summary.',
    );
  });

  it('annotations: leaves one error slot for the failure message of a failing step', async () => {
    const written: string[] = [];
    const scan = makeResult(manyFindings(12, 'error'));
    await annotationsSink({ write: (text) => written.push(text) }).publish(reportInput({ scan }));
    const lines = written.join('').trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(9);
    expect(lines.at(-1)).toBe(
      '::notice title=deploy-lint%3A more findings::3 more findings: see the job summary.',
    );
  });

  it('annotations: writes nothing for a clean scan', async () => {
    const written: string[] = [];
    await annotationsSink({ write: (text) => written.push(text) }).publish(
      reportInput({ scan: makeResult([]) }),
    );
    expect(written).toEqual([]);
  });

  it('summary: appends to the step summary file, linking docs at the action ref', async () => {
    const file = path.join(dir, 'summary.md');
    writeFileSync(file, '# earlier step\n');
    await summarySink({ summaryFile: file }).publish(reportInput());
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# earlier step\n## deploy-lint\n')).toBe(true);
    expect(text).toContain(
      '(https://github.com/acme/deploy-lint/blob/v1/docs/rules.md#iammalformed-statement)',
    );
  });

  it('summary: fails clearly when there is no summary file', async () => {
    const saved = process.env.GITHUB_STEP_SUMMARY;
    delete process.env.GITHUB_STEP_SUMMARY;
    try {
      await expect(summarySink().publish(reportInput())).rejects.toThrow('GITHUB_STEP_SUMMARY is not set');
    } finally {
      if (saved !== undefined) process.env.GITHUB_STEP_SUMMARY = saved;
    }
  });

  it('sarif: writes the log, creating the directory', async () => {
    const file = path.join(dir, 'out', 'deploy-lint.sarif');
    await sarifSink({ file }).publish(reportInput({ version: '2.0.0' }));
    const log = JSON.parse(readFileSync(file, 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].tool.driver).toMatchObject({
      version: '2.0.0',
      informationUri: 'https://github.com/acme/deploy-lint',
    });
    expect(log.runs[0].results).toHaveLength(9);
  });

  it('publishAll: a failing sink is reported and the others still run', async () => {
    const ran: string[] = [];
    const ok = (name: string): Sink => ({ name, publish: async () => void ran.push(name) });
    const broken: Sink = {
      name: 'review',
      publish: async () => {
        throw new Error('HTTP 403');
      },
    };
    const errors: string[] = [];
    const outcome = await publishAll([ok('summary'), broken, ok('sarif')], reportInput(), (sink, error) =>
      errors.push(`${sink.name}: ${(error as Error).message}`),
    );
    expect(ran).toEqual(['summary', 'sarif']);
    expect(outcome).toEqual({ failed: ['review'] });
    expect(errors).toEqual(['review: HTTP 403']);
  });
});

describe('links from the GitHub context', () => {
  const github = { serverUrl: 'https://github.example.com/', repository: 'acme/shop', headSha: 'abc' };

  it('points docs at the action repository and ref', () => {
    expect(
      docsBaseUrlFor({ ...github, actionRepository: 'acme/deploy-lint', actionRef: 'releases/v1' }),
    ).toBe('https://github.example.com/acme/deploy-lint/blob/releases/v1/docs/rules.md');
    expect(docsBaseUrlFor({ ...github, actionRepository: 'acme/deploy-lint' })).toBe(
      'https://github.example.com/acme/deploy-lint/blob/HEAD/docs/rules.md',
    );
    expect(projectUrlFor({ ...github, actionRepository: 'acme/deploy-lint' })).toBe(
      'https://github.example.com/acme/deploy-lint',
    );
  });

  it('gives no link when the action repository is unknown', () => {
    expect(docsBaseUrlFor(github)).toBeUndefined();
    expect(docsBaseUrlFor(undefined)).toBeUndefined();
    expect(projectUrlFor(github)).toBeUndefined();
  });
});
