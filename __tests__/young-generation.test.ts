import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keepYoungGenerationSmall } from '../src/young-generation';

const moduleUrl = new URL('../src/young-generation.ts', import.meta.url).href;
const tsx = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/tsx/dist/loader.mjs');

/**
 * Allocates as a scan does (a window of objects that outlive a few young collections, and much
 * that dies at once) in a fresh node after `setup`, and returns the young generation's size in MiB.
 */
function youngGenerationAfterWork(setup: string): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-young-'));
  const script = path.join(dir, 'work.mts');
  writeFileSync(
    script,
    `import v8 from 'node:v8';
import { keepYoungGenerationSmall } from ${JSON.stringify(moduleUrl)};
${setup}
const window = [];
for (let i = 0; i < 3_000_000; i++) {
  window.push({ i, text: 'x' + i });
  if (window.length > 200_000) window.splice(0, 100_000);
}
const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
console.log(space.space_size / 1048576);
`,
  );
  const child = spawnSync(process.execPath, ['--import', tsx, script], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return Number(child.stdout.trim());
}

const node24 = { nodeMajor: 24, execArgv: [], nodeOptions: '' };

describe('keepYoungGenerationSmall', () => {
  it('keeps the young generation at its starting size where V8 would grow it', () => {
    expect(youngGenerationAfterWork('')).toBeGreaterThanOrEqual(16);
    const tuned = `keepYoungGenerationSmall(${JSON.stringify(node24)});`;
    expect(youngGenerationAfterWork(tuned)).toBeLessThanOrEqual(4);
  });

  it('leaves older nodes, and a young generation sized by hand, as they are', () => {
    expect(keepYoungGenerationSmall({ ...node24, nodeMajor: 20 })).toBe(false);
    expect(keepYoungGenerationSmall({ ...node24, nodeOptions: '--max-semi-space-size=8' })).toBe(false);
    expect(keepYoungGenerationSmall({ ...node24, execArgv: ['--min_semi_space_size=4'] })).toBe(false);
  });
});
