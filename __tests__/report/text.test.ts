import { describe, expect, it } from 'vitest';
import { renderText, wrapLine } from '../../src/report/text';
import { makeFinding, makeResult, sampleResult } from './helpers';

const ESC = '\u001b';

describe('renderText', () => {
  it('groups findings under a header per file: line:col, severity, message, rule', () => {
    const text = renderText(sampleResult(), { color: false });
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      '3 errors, 2 warnings, 1 notice in 12 files checked (dockerfile 3, kubernetes 4, iam 2, topology 1, terraform 2) (3 suppressed)',
    );
    const headers = lines.filter((l) => /^\S/.test(l) && !/^(Why|\d+ error)/.test(l));
    expect(headers).toEqual([
      'deploy-topology.yml',
      'deploy/k8s/web.yaml',
      'iam/ci-role.json',
      'services/api/Dockerfile',
    ]);
    const dockerfile = lines.indexOf('services/api/Dockerfile');
    expect(lines.slice(dockerfile + 1, dockerfile + 4).map((l) => l.trim().split(/\s+/).slice(0, 2))).toEqual(
      [
        ['1:1', 'warning'],
        ['14:27', 'error'],
        ['20:1', 'notice'],
      ],
    );
    expect(lines[dockerfile + 2]).toMatch(
      /^ +14:27 +error +CMD passes "\$PORT" to node literally.*  dockerfile\/exec-form-variable$/,
    );
    // Columns line up: severities, messages and rule ids start at one offset within a file.
    const group = lines.slice(dockerfile + 1, dockerfile + 4);
    expect(new Set(group.map((l) => l.search(/(error|warning|notice) /))).size).toBe(1);
    expect(new Set(group.map((l) => l.search(/dockerfile\/\S+$/))).size).toBe(1);
  });

  it('separates files with a blank line and ends with the docs pointer and the count line', () => {
    const lines = renderText(sampleResult(), {
      color: false,
      docsBaseUrl: 'https://x.test/docs/rules.md',
    }).split('\n');
    expect(lines[lines.indexOf('services/api/Dockerfile') - 1]).toBe('');
    expect(lines.at(-3)).toBe(
      'Why and how to fix: deploy-lint --explain <rule-id> or https://x.test/docs/rules.md',
    );
    expect(lines.at(-2)).toMatch(/^3 errors/);
  });

  it('wraps messages to the terminal width, under the message column, and not without a width', () => {
    const long = 'word '.repeat(60).trim();
    const result = makeResult([
      makeFinding({ ruleId: 'topology/single-az', file: 'a.yml', line: 3, column: 7, message: long }),
    ]);
    const wrapped = renderText(result, { color: false, width: 80 }).split('\n');
    const first = wrapped.findIndex((l) => l.includes('word'));
    expect(wrapped[first]).toMatch(/^ +3:7 +warning +word( word)* +topology\/single-az$/);
    const continuation = wrapped.slice(first + 1).filter((l) => l.includes('word'));
    expect(continuation.length).toBeGreaterThan(1);
    for (const line of wrapped.filter((l) => l.includes('word'))) expect(line.length).toBeLessThanOrEqual(80);
    const column = wrapped[first].indexOf('word');
    for (const line of continuation) expect(line.search(/\S/)).toBe(column);
    // Piped: one line, however long.
    expect(
      renderText(result, { color: false })
        .split('\n')
        .filter((l) => l.includes('word')),
    ).toHaveLength(1);
  });

  it('wraps on spaces and keeps a word longer than the width whole', () => {
    expect(wrapLine('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapLine('https://example.test/a/very/long/url x', 10)).toEqual([
      'https://example.test/a/very/long/url',
      'x',
    ]);
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
    const at = verbose.findIndex((l) => /^ +1:1 +warning/.test(l));
    expect(verbose[at + 1]).toMatch(/^ {10,}`latest` moves: two builds/);
  });

  it('counts the files checkers read, and says so when no checker read any', () => {
    expect(renderText(makeResult([], [], 1), { color: false })).toBe(
      'No findings in 1 file checked (dockerfile 3, kubernetes 4, iam 2, topology 1, terraform 2)\n',
    );
    const nothingRead = makeResult([], [], 0);
    nothingRead.stats = {
      files: 7,
      filesChecked: 0,
      filesByChecker: { dockerfile: 0, terraform: 0 },
      durationMs: 1,
    };
    expect(renderText(nothingRead, { color: false })).toBe(
      'No files checked: none of the 7 files found is one a checker reads.\n',
    );
    nothingRead.stats.files = 0;
    expect(renderText(nothingRead, { color: false })).toBe(
      'No files checked: the paths given hold no files.\n',
    );
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
    expect(text).toContain('evil[2J.yml\n');
    // A multi-line message continues under the message column.
    expect(text).toMatch(/value \]0;pwned here +topology\/single-az\n {10,}second line\n/);
  });

  it('keeps a file name with a line break or tab on its one header line', () => {
    const odd = makeResult([
      makeFinding({ ruleId: 'topology/single-az', file: 'new\nline/a\tb.yml', line: 2, message: 'm' }),
    ]);
    const [header, finding] = renderText(odd, { color: false }).split('\n');
    expect(header).toBe('new\\nline/a\\tb.yml');
    expect(finding).toMatch(/^ +2:1 +warning +m +topology\/single-az$/);
  });
});
