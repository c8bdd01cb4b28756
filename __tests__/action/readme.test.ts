import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { CHECKERS } from '../../src/checkers';
import { parseConfig } from '../../src/engine/config-file';

interface ActionMetadata {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const action = load(readFileSync('action.yml', 'utf8')) as ActionMetadata;
const readme = readFileSync('README.md', 'utf8');

/** The rows of the first Markdown table after a heading, as arrays of trimmed cells. */
function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, `README has a "${heading}" section`).toBeGreaterThan(-1);
  const lines = readme.slice(start + heading.length + 2).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows.slice(2); // header and separator
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '');

describe('README and action.yml', () => {
  it('runs the bundled action on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('lists every input of action.yml, with its default, and no other', () => {
    const rows = tableAfter('### Inputs');
    const documented = Object.fromEntries(rows.map((r) => [unquote(r[0]), unquote(r[1])]));
    const declared = Object.fromEntries(
      Object.entries(action.inputs).map(([name, spec]) => [name, String(spec.default ?? '')]),
    );
    expect(documented).toEqual(declared);
    for (const row of rows) expect(row[2], `description of ${row[0]}`).not.toBe('');
  });

  it('lists every output of action.yml and no other', () => {
    const documented = tableAfter('### Outputs').map((r) => unquote(r[0]));
    expect(documented.sort()).toEqual(Object.keys(action.outputs).sort());
  });

  it('gives every input and output a description in action.yml', () => {
    for (const [name, spec] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)]) {
      expect(spec.description?.trim(), name).toBeTruthy();
    }
  });

  it('is honest about which checkers exist', () => {
    const rows = tableAfter('## What it checks');
    const withStatus = (status: string) => rows.filter((r) => r[1] === status).map((r) => unquote(r[0]));
    const registered = CHECKERS.map((c) => c.id);
    // available: registered; in progress: may be registered with part of its rules; planned: not there.
    for (const id of withStatus('available')) expect(registered, `${id} is called available`).toContain(id);
    for (const id of withStatus('planned')) expect(registered, `${id} is called planned`).not.toContain(id);
    for (const id of registered)
      expect(['available', 'in progress'], id).toContain(rows.find((r) => unquote(r[0]) === id)?.[1]);
    expect(rows.map((r) => unquote(r[0])).sort()).toEqual([
      'coherence',
      'dockerfile',
      'iam',
      'kubernetes',
      'terraform',
      'topology',
    ]);
  });

  it('uses only real inputs in its workflow examples, which parse as YAML', () => {
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    const steps: { uses: string; with?: Record<string, unknown> }[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        const step = node as { uses?: unknown; with?: Record<string, unknown> };
        if (typeof step.uses === 'string' && step.uses.includes('/deploy-lint@'))
          steps.push(step as (typeof steps)[0]);
        Object.values(node).forEach(collect);
      }
    };
    for (const block of blocks) collect(load(block));
    expect(steps.length).toBeGreaterThanOrEqual(3);
    for (const step of steps) {
      for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    }
  });

  it('shows a config file example that the config loader accepts', () => {
    const example = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const config = parseConfig(example, '.deploy-lint.yml', CHECKERS);
    expect(config.exclude).toEqual(['vendor/**']);
    expect(config.ignore).toEqual([
      expect.objectContaining({ rule: 'terraform/*', paths: ['legacy/**'] }),
      expect.objectContaining({ rule: 'dockerfile/final-user-missing', paths: ['legacy/Dockerfile'] }),
    ]);
  });

  it('starts with exactly the two set-up commands for a fresh clone', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = firstBlock.trim().split('\n');
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/^node dist\/cli\/index\.js examples\/[\w-]+$/);
    expect(commands[1]).toBe('npm ci && npm test');
  });
});
