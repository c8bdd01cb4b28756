import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text';
import { makeFinding, makeResult, sampleResult } from './helpers';

const ESC = '\u001b';

describe('renderText', () => {
  it('prints one aligned line per finding, grouped by file, then the counts', () => {
    const text = renderText(sampleResult(), { color: false });
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('3 errors, 2 warnings, 1 notice in 12 files (3 suppressed)');
    const findingLines = lines.filter((l) => /^\S+:\d+/.test(l));
    expect(findingLines).toHaveLength(6);
    // Files in path order; inside a file by line.
    expect(findingLines.map((l) => l.split(/\s+/)[0])).toEqual([
      'deploy-topology.yml:3',
      'deploy/k8s/web.yaml:8',
      'iam/ci-role.json:5',
      'services/api/Dockerfile:1',
      'services/api/Dockerfile:14:27',
      'services/api/Dockerfile:20',
    ]);
    expect(findingLines[4]).toMatch(
      /^services\/api\/Dockerfile:14:27\s+error\s+dockerfile\/exec-form-variable\s+CMD passes "\$PORT" to node literally/,
    );
    // Columns line up: the severity starts at the same offset on every line.
    const severityOffsets = findingLines.map((l) => l.search(/ (error|warning|notice) /));
    expect(new Set(severityOffsets).size).toBe(1);
  });

  it('separates files with one blank line and keeps lines of one file together', () => {
    const lines = renderText(sampleResult(), { color: false }).split('\n');
    const dockerfile = lines.findIndex((l) => l.startsWith('services/api/Dockerfile:1 '));
    expect(lines[dockerfile - 1]).toBe('');
    expect(lines[dockerfile + 1]).toMatch(/^services\/api\/Dockerfile:14:27/);
    expect(lines[dockerfile + 2]).toMatch(/^services\/api\/Dockerfile:20/);
    expect(lines.filter((l) => l === '')).toHaveLength(5); // 3 between the 4 files, 1 before the counts, 1 at the end
  });

  it('uses no escape sequences without colour, and colours severities with it', () => {
    expect(renderText(sampleResult(), { color: false })).not.toContain(ESC);
    const colored = renderText(sampleResult(), { color: true });
    expect(colored).toContain(`${ESC}[31merror  ${ESC}[0m`);
    expect(colored).toContain(`${ESC}[33mwarning${ESC}[0m`);
    expect(colored).toContain(`${ESC}[36mnotice ${ESC}[0m`);
  });

  it('shows help only when verbose, indented under its finding', () => {
    const plain = renderText(sampleResult(), { color: false });
    expect(plain).not.toContain('Pin a version tag');
    const verbose = renderText(sampleResult(), { color: false, verbose: true }).split('\n');
    const at = verbose.findIndex((l) => l.startsWith('services/api/Dockerfile:1 '));
    expect(verbose[at + 1]).toMatch(/^ {10,}`latest` moves: two builds/);
  });

  it('says so when nothing was found, with singular wording', () => {
    expect(renderText(makeResult([], [], 1), { color: false })).toBe('No findings in 1 file\n');
    const one = makeResult([
      makeFinding({ ruleId: 'topology/single-az', file: 't.yml', line: 1, message: 'm' }),
    ]);
    expect(renderText(one, { color: false }).trimEnd().split('\n').at(-1)).toBe('1 warning in 12 files');
  });

  it('strips terminal control sequences that came from scanned content', () => {
    const hostile = makeResult([
      makeFinding({
        ruleId: 'topology/single-az',
        file: `evil${ESC}[2J.yml`,
        line: 2,
        message: `value ${ESC}]0;pwned\u0007 here\r\nsecond line`,
      }),
    ]);
    const text = renderText(hostile, { color: false });
    expect(text).not.toContain(ESC);
    expect(text).not.toContain('\u0007');
    expect(text).toContain('evil[2J.yml:2');
    // A multi-line message continues indented under the first line.
    expect(text).toMatch(/value \]0;pwned here\n {10,}second line\n/);
  });

  it('keeps a file name with a line break or tab on its one line', () => {
    const odd = makeResult([
      makeFinding({ ruleId: 'topology/single-az', file: 'new\nline/a\tb.yml', line: 2, message: 'm' }),
    ]);
    const [first] = renderText(odd, { color: false }).split('\n');
    expect(first).toMatch(/^new\\nline\/a\\tb\.yml:2 +warning +topology\/single-az +m$/);
  });

  it('does not pad every line to the width of one very deep path', () => {
    const deep = `${'d/'.repeat(100)}deploy.yaml`;
    const result = makeResult([
      makeFinding({ ruleId: 'topology/single-az', file: deep, line: 1, message: 'deep' }),
      makeFinding({ ruleId: 'topology/single-az', file: 'a.yml', line: 1, message: 'shallow' }),
    ]);
    const lines = renderText(result, { color: false }).split('\n');
    const shallow = lines.find((l) => l.startsWith('a.yml:1'));
    expect(shallow?.indexOf('warning')).toBeLessThanOrEqual(50);
    expect(lines.find((l) => l.startsWith(deep))).toMatch(/deploy\.yaml:1  warning/);
  });
});
