import { describe, expect, it } from 'vitest';
import {
  escapeCell,
  escapeMessage,
  renderMarkdown,
  renderSummary,
  shellQuote,
} from '../../src/report/summary';
import { makeFinding, makeResult, manyFindings, reportInput, sampleResult } from './helpers';

const DOCS = 'https://github.com/acme/deploy-lint/blob/v1/docs/rules.md';
const BLOB = 'https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567';

/** Cells of a markdown table row, split on unescaped pipes. */
function cells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

function tableRows(markdown: string, afterHeading: string): string[] {
  const start = markdown.indexOf(afterHeading);
  const lines = markdown.slice(start).split('\n');
  const header = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}

describe('renderSummary status line', () => {
  it('fails with the gating count and the threshold', () => {
    const md = renderSummary(reportInput());
    expect(
      md.startsWith('## deploy-lint\n\n❌ **Failed**: 3 findings at or above `error` (fail-on: `error`).\n'),
    ).toBe(true);
    expect(md).toContain(
      '\n3 errors, 2 warnings, 1 notice in 12 files checked; 2 suppressed, 1 baselined.\n',
    );
  });

  it('passes, and says how many findings at the threshold do not gate (outside the diff, baselined)', () => {
    const input = reportInput();
    const md = renderSummary({ ...input, gating: [], result: 'pass' });
    expect(md).toContain(
      '✅ **Passed**: no findings at or above `error` gate this run (fail-on: `error`). 3 other findings at or above `error` do not gate this run (outside the changed lines or in the baseline).',
    );
    const one = renderSummary({ ...input, gating: input.gating.slice(0, 2), result: 'fail' });
    expect(one).toContain(
      '❌ **Failed**: 2 findings at or above `error` (fail-on: `error`). 1 other finding at or above `error` does not gate',
    );
  });

  it('explains fail-on never and errors', () => {
    expect(renderSummary(reportInput({ failOn: 'never', gating: [], result: 'pass' }))).toContain(
      '✅ **Passed**: fail-on is `never`, so findings do not fail the run.',
    );
    expect(
      renderSummary(
        reportInput({ result: 'error', errorMessage: '.deploy-lint.yml:3: unknown checker <foo>' }),
      ),
    ).toContain('⚠️ **Error**: .deploy-lint.yml:3: unknown checker &lt;foo&gt;');
  });

  it('counts findings per checker and severity, with the files each checker read', () => {
    const rows = tableRows(renderSummary(reportInput()), '| Checker |');
    expect(rows.map(cells)).toEqual([
      ['dockerfile', '3', '1', '1', '1'],
      ['kubernetes', '4', '1', '0', '0'],
      ['iam', '2', '1', '0', '0'],
      ['topology', '1', '0', '1', '0'],
      ['terraform', '2', '0', '0', '0'],
      ['**total**', '12', '3', '2', '1'],
    ]);
  });

  it('adds a row for the engine’s own findings', () => {
    const scan = makeResult([
      makeFinding({ ruleId: 'deploy-lint/skipped-file', file: 'big.tf', line: 1, message: 'over 5 MiB' }),
    ]);
    const rows = tableRows(renderSummary(reportInput({ scan, gating: [], result: 'pass' })), '| Checker |');
    expect(rows.map(cells)).toContainEqual(['deploy-lint', '–', '0', '0', '1']);
  });
});

describe('renderSummary findings table', () => {
  it('lists findings most severe first, linking rules to their docs and locations to the head commit', () => {
    const md = renderSummary({ ...reportInput(), docsBaseUrl: DOCS });
    const rows = tableRows(md, '### Findings').map(cells);
    expect(rows.map((r) => r[0])).toEqual([
      '🛑 error',
      '🛑 error',
      '🛑 error',
      '⚠️ warning',
      '⚠️ warning',
      'ℹ️ notice',
    ]);
    expect(rows[0]).toEqual([
      '🛑 error',
      `[\`k8s/selector-template-mismatch\`](${DOCS}#k8sselector-template-mismatch)`,
      `[deploy/k8s/web.yaml:8](${BLOB}/deploy/k8s/web.yaml#L8-L12)`,
      'Deployment/web selector {app: web} does not match template labels {app: &lt;web-v2&gt;}',
    ]);
    expect(rows[2][2]).toBe(`[services/api/Dockerfile:14](${BLOB}/services/api/Dockerfile#L14)`);
    // No baseline in use: no "New?" column.
    expect(md).toContain('| Severity | Rule | Location | Message |\n');
  });

  it('marks findings the baseline does not hold as new', () => {
    const scan = sampleResult();
    const known = scan.findings.find((f) => f.ruleId === 'topology/single-az')!;
    const md = renderSummary(reportInput({ scan, baseline: new Set([known.fingerprint]) }));
    expect(md).toContain('| Severity | Rule | Location | Message | New? |');
    const rows = tableRows(md, '### Findings').map(cells);
    expect(rows.filter((r) => r[4] === '🆕 new')).toHaveLength(5);
    expect(rows.find((r) => r[1].includes('topology/single-az'))![4]).toBe('');
  });

  it('escapes what scanned files put in messages, so each row keeps its cells', () => {
    const scan = makeResult([
      makeFinding({
        ruleId: 'iam/malformed-statement',
        file: 'iam/a|b.json',
        line: 2,
        message:
          'Sid `x|y` <script>alert(1)</script> [click](https://evil.example) *bold* _it_ ~s~\nsecond & line',
      }),
    ]);
    const md = renderSummary(reportInput({ scan }));
    const [row] = tableRows(md, '### Findings');
    const [severity, rule, location, message] = cells(row);
    expect(cells(row)).toHaveLength(4);
    expect(severity).toBe('🛑 error');
    expect(rule).toBe('`iam/malformed-statement`');
    expect(location).toBe(`[iam/a\\|b.json:2](${BLOB}/iam/a%7Cb.json#L2)`);
    expect(message).toBe(
      'Sid `x\\|y` &lt;script&gt;alert(1)&lt;/script&gt; \\[click\\](https://evil.example) \\*bold\\* \\_it\\_ \\~s\\~<br>second &amp; line',
    );
    expect(md).not.toContain('<script>');
  });

  it('cuts very long messages in the table', () => {
    const scan = makeResult([
      makeFinding({ ruleId: 'topology/single-az', file: 'a.yml', line: 1, message: 'x'.repeat(5000) }),
    ]);
    const [row] = tableRows(renderSummary(reportInput({ scan, maxMessageLength: 100 })), '### Findings');
    expect(cells(row)[3]).toBe(`${'x'.repeat(100)}…`);
  });

  it('links nothing without GitHub context or docs location (the CLI markdown format)', () => {
    const md = renderMarkdown(sampleResult(), { failOn: 'warning', version: '0.1.0' });
    expect(md).not.toMatch(/\]\(/);
    expect(md).toContain('❌ **Failed**: 5 findings at or above `warning` (fail-on: `warning`).');
    const rows = tableRows(md, '### Findings').map(cells);
    expect(rows[0].slice(1, 3)).toEqual(['`k8s/selector-template-mismatch`', 'deploy/k8s/web.yaml:8']);
    expect(renderMarkdown(makeResult([]), { failOn: 'error', version: '0.1.0' })).toContain(
      '✅ **Passed**: no findings at or above `error` gate this run',
    );
  });

  it('prefixes repository paths when the scan root is a subdirectory', () => {
    const md = renderSummary(reportInput({ pathPrefix: 'infra' }));
    expect(md).toContain(`[infra/deploy/k8s/web.yaml:8](${BLOB}/infra/deploy/k8s/web.yaml#L8-L12)`);
  });
});

describe('renderSummary collapsed sections', () => {
  it('explains each rule in the table once, collapsed', () => {
    const md = renderSummary(reportInput());
    const details = md.slice(md.indexOf('<details><summary>What the rules mean'), md.indexOf('</details>'));
    expect(details).toContain('(6)</summary>');
    expect(details.match(/^#### /gm)).toHaveLength(6);
    expect(details).toContain(
      '#### `dockerfile/from-latest-tag`: Base image uses the latest tag\n\n`latest` moves',
    );
  });

  it('lists suppressed findings with their reason, and baselined ones apart', () => {
    const md = renderSummary(reportInput());
    const suppressed = tableRows(md, '<details><summary>Suppressed findings (2)</summary>').map(cells);
    expect(suppressed.map((r) => r[4])).toEqual([
      'config ignore: legacy chart, replaced in Q3',
      'comment: scratch image for local debugging only',
    ]);
    const baselined = tableRows(md, 'Baselined findings').map(cells);
    expect(baselined).toHaveLength(1);
    expect(baselined[0][2]).toContain('deploy/k8s/ingress.yaml:1');
  });

  it('adds sections contributed by checkers, in order, after the findings', () => {
    const md = renderSummary(
      reportInput({
        sections: [
          {
            title: 'Topology',
            markdown: '| service | zones | availability |\n|---|---|---|\n| payments | 1 | 95.0% |\n',
          },
          { title: 'Terraform backends', markdown: 'All 3 roots use a remote backend.' },
        ],
      }),
    );
    const topology = md.indexOf('### Topology\n\n| service | zones | availability |');
    expect(topology).toBeGreaterThan(md.indexOf('### Findings'));
    expect(md.indexOf('### Terraform backends\n\nAll 3 roots use a remote backend.')).toBeGreaterThan(
      topology,
    );
  });
});

describe('renderSummary reproduce section', () => {
  it('clones the action at the ref that ran and repeats the scan options', () => {
    const md = renderSummary(
      reportInput({
        failOn: 'warning',
        reproduce: {
          paths: ['k8s', 'charts/**'],
          config: 'ci/deploy lint.yml',
          checkers: ['kubernetes', 'iam'],
        },
      }),
    );
    expect(md).toContain(
      [
        '### Reproduce locally',
        '',
        'From the repository root, with a clone of deploy-lint (`dist/` is committed, so it runs without an install):',
        '',
        '```sh',
        'git clone --depth 1 --branch v1 https://github.com/acme/deploy-lint /tmp/deploy-lint',
        "node /tmp/deploy-lint/dist/cli/index.js k8s 'charts/**' --config 'ci/deploy lint.yml' --checkers kubernetes,iam --fail-on warning",
        '```',
      ].join('\n'),
    );
  });

  it('checks out a pinned commit, works without GitHub context, and takes a ready command', () => {
    const sha = 'a'.repeat(40);
    const pinned = renderSummary(reportInput({ github: { ...reportInput().github!, actionRef: sha } }));
    expect(pinned).toContain(
      `git clone https://github.com/acme/deploy-lint /tmp/deploy-lint && git -C /tmp/deploy-lint checkout ${sha}`,
    );
    const local = renderMarkdown(sampleResult(), { failOn: 'error', version: '0.1.0' });
    expect(local).toContain('with a clone of deploy-lint at `/tmp/deploy-lint`');
    expect(local).toContain('```sh\nnode /tmp/deploy-lint/dist/cli/index.js . --fail-on error\n```');
    const custom = renderSummary(reportInput({ reproduce: { command: 'make lint' } }));
    expect(custom).toContain('From the repository root:\n\n```sh\nmake lint\n```');
  });

  it('keeps the scan root for a lone directory, repeats excludes and names where to run', () => {
    const md = renderSummary(reportInput({ reproduce: { paths: ['infra/'], exclude: ['infra/legacy/**'] } }));
    expect(md).toContain(
      "node /tmp/deploy-lint/dist/cli/index.js 'infra/**' --exclude 'infra/legacy/**' --fail-on error",
    );
    const glob = renderSummary(reportInput({ reproduce: { paths: ['k8s/*.yaml'], from: 'services/api' } }));
    expect(glob).toContain('From `services/api`, with a clone of deploy-lint');
    expect(glob).toContain("node /tmp/deploy-lint/dist/cli/index.js 'k8s/*.yaml' --fail-on error");
  });

  it('quotes shell words only when needed', () => {
    expect(shellQuote('k8s/base')).toBe('k8s/base');
    expect(shellQuote('**/*.yml')).toBe("'**/*.yml'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});

describe('renderSummary byte budget', () => {
  it('stays under the budget by dropping the least severe rows, and says how many are missing', () => {
    const findings = [
      ...manyFindings(300, 'notice'),
      ...manyFindings(200, 'error'),
      ...manyFindings(300, 'warning'),
    ];
    const budget = 60 * 1024;
    const md = renderSummary(reportInput({ scan: makeResult(findings), byteBudget: budget }));
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(budget);
    const rows = tableRows(md, '### Findings').map(cells);
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.length).toBeLessThan(800);
    // Most severe first, so the cut falls on warnings/notices, never on an error while a notice remains.
    expect(rows.slice(0, 200).every((r) => r[0] === '🛑 error')).toBe(true);
    expect(md).toContain(`> ${800 - rows.length} findings not shown: see the SARIF or JSON report.`);
    // The reproduce section always survives the cut.
    expect(md.trimEnd().endsWith('```')).toBe(true);
  });

  it('keeps the default budget (900 KiB, under GitHub’s 1 MiB) for a very large scan', () => {
    const findings = manyFindings(6000, 'warning').map((f) => ({
      ...f,
      message: `${f.message} ${'detail '.repeat(30)}`,
    }));
    const md = renderSummary(reportInput({ scan: makeResult(findings, manyFindings(2000, 'notice')) }));
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(900 * 1024);
    expect(md).toMatch(/> \d+ findings not shown: see the SARIF or JSON report\./);
    expect(md).toContain('### Reproduce locally');
  });

  it('shows everything when it fits, with no truncation note', () => {
    const md = renderSummary(reportInput());
    expect(md).not.toContain('not shown');
  });

  it('replaces a section that does not fit with a note instead of cutting it mid-table', () => {
    const big = { title: 'Topology', markdown: `| a |\n|---|\n${'| row |\n'.repeat(20000)}` };
    const md = renderSummary(reportInput({ sections: [big], byteBudget: 40 * 1024 }));
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(40 * 1024);
    expect(md).toMatch(/### Topology\n\n> Left out: \d+ KiB does not fit in the job summary\./);
    expect(tableRows(md, '### Findings')).toHaveLength(6);
  });
});

describe('escapeMessage', () => {
  it('keeps the code spans a rule wrote, literal but for pipes, and escapes the text around them', () => {
    expect(escapeMessage('`HOME` is *unset* in `ENV a=$HOME|b`')).toBe(
      '`HOME` is \\*unset\\* in `ENV a=$HOME\\|b`',
    );
    expect(escapeMessage('value `<script>x</script>` here')).toBe('value `<script>x</script>` here');
    expect(escapeMessage('`two\nlines`')).toBe('`two lines`');
  });

  it('escapes everything when the backticks do not pair up, or a span is empty', () => {
    expect(escapeMessage('`a` and `b <i>')).toBe('\\`a\\` and \\`b &lt;i&gt;');
    expect(escapeMessage('empty `` here')).toBe('empty \\`\\` here');
  });

  it('cuts long messages, escaping all when the cut splits a code span', () => {
    expect(escapeMessage('`abc` and `defgh`', 12)).toBe('\\`abc\\` and \\`d…');
    expect(escapeMessage('`abc` and more', 9)).toBe('`abc` and…');
  });
});

describe('escapeCell', () => {
  it('escapes pipes, HTML, code and emphasis marks, and joins lines with <br>', () => {
    expect(escapeCell('a|b')).toBe('a\\|b');
    expect(escapeCell('<b>&amp;</b>')).toBe('&lt;b&gt;&amp;amp;&lt;/b&gt;');
    expect(escapeCell('`code`')).toBe('\\`code\\`');
    expect(escapeCell('a\\|b')).toBe('a\\\\\\|b');
    expect(escapeCell('one\r\ntwo\nthree')).toBe('one<br>two<br>three');
  });
});

describe('renderSummary counts', () => {
  it('counts the files a checker read, and says so when none was read', async () => {
    const { makeResult } = await import('./helpers');
    const { renderMarkdown } = await import('../../src/report/summary');
    const nothing = makeResult([], [], 0);
    nothing.stats = { files: 4, filesChecked: 0, filesByChecker: { dockerfile: 0 }, durationMs: 1 };
    const md = renderMarkdown(nothing, { failOn: 'error', version: '1.0.0' });
    expect(md).toContain('\nNo files checked: none of the 4 files found is one a checker reads.\n');
    expect(md).not.toMatch(/No findings/);
    const some = makeResult([], [], 3);
    expect(renderMarkdown(some, { failOn: 'error', version: '1.0.0' })).toContain('| **total** | 3 |');
  });
});
