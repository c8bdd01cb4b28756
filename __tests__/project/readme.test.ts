// The README and the other project pages say only what is true: links resolve, the examples use
// rule ids that exist and do what they say, the terminal sample is what the CLI prints.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { allRules, scan } from '../../src/engine/scan';
import { CHECKERS } from '../../src/checkers';
import { selectsKnownRule } from '../../src/engine/rule-ids';
import { terminalSample } from '../../scripts/docs';
import { makeRepo } from '../cli/helpers';

const PAGES = ['README.md', 'CONTRIBUTING.md', 'SECURITY.md', 'CHANGELOG.md'];
const readme = readFileSync('README.md', 'utf8');
const ruleIds = allRules(CHECKERS).map((r) => r.id);

/** The body of a `## Heading` section, up to the next heading of that level. */
function section(heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const next = readme.indexOf('\n## ', start + heading.length + 2);
  return readme.slice(start, next < 0 ? undefined : next);
}

describe('project pages', () => {
  it.each(PAGES)('%s links only to files that exist', (page) => {
    const text = readFileSync(page, 'utf8').replace(/```[\s\S]*?```/g, '');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    const relative = targets.filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'));
    if (page === 'README.md') expect(relative.length).toBeGreaterThan(5);
    for (const target of relative) {
      const file = path.join(path.dirname(page), decodeURIComponent(target.replace(/#.*$/, '')));
      expect(existsSync(file), `${page} links ${target}`).toBe(true);
    }
  });

  it('shows the text output as the CLI prints it on a terminal (npm run docs regenerates it)', async () => {
    const sample = await terminalSample(process.cwd());
    expect(readme).toContain(sample);
    // It really is the wrapped terminal layout: a header per file, indented findings, the counts.
    expect(sample).toMatch(/\n +\d+:\d+ +(error|warning|notice) +\S/);
    expect(sample).toMatch(/\n\d+ errors?, .* files? checked \([^)]*terraform \d+[^)]*\)\n```$/);
    for (const line of sample.split('\n').filter((l) => /^ {3}/.test(l))) {
      expect(line.length, line).toBeLessThanOrEqual(100);
    }
  });
});

describe('README examples', () => {
  it('configures only rules that exist, and the config loads and scans without unknown-rule notices', async () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section('## Configuration'))?.[1] ?? '';
    const config = load(yaml) as { rules: Record<string, string>; ignore: { rule: string }[] };
    const named = [...Object.keys(config.rules), ...config.ignore.map((i) => i.rule)];
    for (const id of named) expect(selectsKnownRule(id, ruleIds), id).toBe(true);

    const root = makeRepo({
      '.deploy-lint.yml': yaml,
      Dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["/app/server"]\n',
      'legacy/Dockerfile': 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["/app/server"]\n',
      'legacy/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
    });
    const result = await scan({ root, checkers: CHECKERS });
    expect(result.findings.map((f) => f.ruleId)).not.toContain('deploy-lint/unknown-rule');
    // What the comments in the example say happens, happens.
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'dockerfile/healthcheck-missing',
        severity: 'notice',
        file: 'Dockerfile',
      }),
    );
    expect(result.suppressed.map((f) => `${f.file} ${f.ruleId}`)).toEqual(
      expect.arrayContaining([
        'legacy/main.tf terraform/no-remote-backend',
        'legacy/Dockerfile dockerfile/final-user-missing',
      ]),
    );
  });

  it('suppresses with pragmas that name existing rules, and they work', async () => {
    const text = section('## Suppressing a finding');
    const pragmas = [...text.matchAll(/`(# deploy-lint ignore(?:-file)?=[^`]+)`/g)].map((m) => m[1]);
    expect(pragmas.length).toBeGreaterThanOrEqual(3);
    for (const pragma of pragmas) {
      const ids = /=(\S+)/.exec(pragma)![1].split(',');
      for (const id of ids) expect(ruleIds, pragma).toContain(id);
    }
    const [fromTag, twoIds, wholeFile] = pragmas;
    const root = makeRepo({
      Dockerfile: `${fromTag}\nFROM alpine\nUSER 1000\n`,
      'b/Dockerfile': `FROM alpine:3.20\n${twoIds}\nRUN apk add curl\nUSER 1000\n`,
      'c/main.tf': `${wholeFile}\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n`,
    });
    const result = await scan({ root, checkers: CHECKERS });
    expect(result.suppressed.map((f) => `${f.file} ${f.ruleId}`).sort()).toEqual(
      expect.arrayContaining([
        'Dockerfile dockerfile/from-missing-tag',
        'b/Dockerfile dockerfile/apk-no-cache',
        'c/main.tf terraform/no-remote-backend',
      ]),
    );
    expect(result.findings.map((f) => f.ruleId)).not.toContain('deploy-lint/unknown-rule');
  });
});
