// Speed work must not change what a scan reports: the whole JSON report on the benchmark corpus at
// scale 1 is compared with the committed one. When a checker is added or a rule changes on purpose,
// review the diff and update it with `npx vitest run __tests__/bench -u`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PATHOLOGICAL, writeCorpus } from '../../bench/corpus';
import { CHECKERS } from '../../src/checkers';
import { scan } from '../../src/engine/scan';
import { renderJson } from '../../src/report/json';

const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the benchmark corpus at scale 1', () => {
  it('gives the same JSON report as the committed one', async () => {
    writeCorpus(dir, { scale: 1 });
    const result = await scan({ root: dir, checkers: CHECKERS });
    result.stats.durationMs = 0;
    await expect(renderJson(result, 'bench')).toMatchFileSnapshot('__snapshots__/corpus-findings.json');
  }, 120_000);
});

describe('the pathological files, scaled down', () => {
  it.each([
    ['runs-10000', 500],
    ['env-10000', 500],
    ['manifest-selects-all', 40],
    ['template-roles', 20],
  ])(
    '%s gives the same JSON report as the committed one',
    async (name, count) => {
      const root = path.join(dir, name);
      const { file, text } = PATHOLOGICAL[name];
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text(count));
      const { findings } = await scan({ root, checkers: CHECKERS });
      // One line per finding (the help text is the rule's, the same on every line).
      const rows = findings.map((f) =>
        [f.line, f.column, f.ruleId, f.severity, f.fingerprint, f.message].join(' '),
      );
      await expect(`${rows.join('\n')}\n`).toMatchFileSnapshot(`__snapshots__/${name}-${count}.txt`);
    },
    120_000,
  );
});
