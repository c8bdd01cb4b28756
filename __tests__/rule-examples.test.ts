import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKERS } from '../src/checkers';
import { scan } from '../src/engine/scan';
import type { RuleMeta } from '../src/engine/rule';

// docs/rules.md shows each rule's example; this proves every one of them: the failing snippet
// fires its rule and the fixed snippet does not.

/** Rules about a file being present in git, which a snippet cannot show: their own tests build repositories. */
const WITHOUT_EXAMPLE = new Set([
  'terraform/state-committed',
  'terraform/dotterraform-committed',
  'terraform/plan-committed',
]);

const scratch = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-examples-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
async function rulesFiredOn(rule: RuleMeta, text: string): Promise<string[]> {
  const example = rule.example!;
  const root = path.join(scratch, String(counter++));
  for (const [file, content] of Object.entries({ ...example.files, [example.file]: text })) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  // Default-off rules are switched on, as a user would to see them.
  const config = `${example.config ?? ''}rules:\n  ${rule.id}: ${rule.severity}\n`;
  writeFileSync(path.join(root, '.deploy-lint.yml'), config);
  const result = await scan({ root, checkers: CHECKERS });
  return result.findings.map((f) => f.ruleId);
}

const rules = CHECKERS.flatMap((c) => c.rules);

describe.each(rules.filter((r) => r.example).map((r) => [r.id, r] as const))('%s example', (_id, rule) => {
  const example = rule.example!;

  it('the failing snippet fires the rule', async () => {
    expect(await rulesFiredOn(rule, example.bad)).toContain(rule.id);
  });
  it('the fixed snippet does not', async () => {
    expect(await rulesFiredOn(rule, example.good)).not.toContain(rule.id);
  });
});

it('every rule has a failing and a fixed example for the docs', () => {
  const missing = rules.filter((r) => !r.example && !WITHOUT_EXAMPLE.has(r.id)).map((r) => r.id);
  expect(missing).toEqual([]);
});
