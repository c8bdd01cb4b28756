import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../src/engine/finding';
import { toAnnotations } from '../../src/report/annotations';
import { renderGithubCommands } from '../../src/report/github';
import { renderJson } from '../../src/report/json';
import { renderSarif } from '../../src/report/sarif';
import { renderSummary } from '../../src/report/summary';
import { renderText } from '../../src/report/text';
import { makeFinding, makeResult, reportInput } from './helpers';

/** More findings than a function call can take as spread arguments (about 120,000 on V8). */
const COUNT = 250_000;
const SEVERITIES: Severity[] = ['error', 'warning', 'notice'];

function manyFindings(): Finding[] {
  return Array.from({ length: COUNT }, (_, i) =>
    makeFinding({
      ruleId: 'dockerfile/from-latest-tag',
      severity: SEVERITIES[i % 3],
      file: `services/s${Math.floor(i / 10)}/Dockerfile`,
      line: (i % 10) + 1,
      message: `finding ${i}`,
      subject: `FROM ${i}`,
    }),
  );
}

describe('every format on a very large scan', () => {
  const result = makeResult(manyFindings());

  it('renders text, JSON, SARIF, workflow commands and the summary without overflowing', () => {
    const text = renderText(result, { color: false });
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^83,?334 errors/);
    expect(JSON.parse(renderJson(result, '1.0.0')).findings).toHaveLength(COUNT);
    expect(renderSarif(result, { version: '1.0.0' }).runs[0].results).toHaveLength(COUNT);
    expect(toAnnotations(result.findings)).toHaveLength(30);
    expect(renderGithubCommands(result).trimEnd().split('\n')).toHaveLength(30);
    const summary = renderSummary(reportInput({ scan: result, gating: result.findings }));
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(900 * 1024);
    expect(summary).toMatch(/findings? not shown/);
  }, 60_000);
});
