// Precision from labelled findings: reads labels/*.tsv (repo, file, line, rule, severity, label,
// reason, message; label is true, debatable or false) and prints per-severity and per-rule
// figures against the targets of the precision policy.
// Usage: npx tsx bench/realworld/score.ts [labels/kubernetes.tsv ...]   (default: every labels file)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

type Label = 'true' | 'debatable' | 'false';
const here = path.dirname(new URL(import.meta.url).pathname);
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(path.join(here, 'labels'))
      .filter((f) => f.endsWith('.tsv'))
      .map((f) => path.join(here, 'labels', f));

const bySeverity = new Map<string, Record<Label, number>>();
const byRule = new Map<string, Record<Label, number>>();
let unlabelled = 0;
for (const file of files) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#') || line.startsWith('repo\t')) continue;
    const [, , , rule, severity, label] = line.split('\t');
    if (label !== 'true' && label !== 'debatable' && label !== 'false') {
      unlabelled++;
      continue;
    }
    for (const [map, key] of [
      [bySeverity, severity],
      [byRule, rule],
    ] as const) {
      const c = map.get(key) ?? { true: 0, debatable: 0, false: 0 };
      c[label]++;
      map.set(key, c);
    }
  }
}

const pct = (c: Record<Label, number>) => {
  const n = c.true + c.debatable + c.false;
  return n
    ? `${((100 * c.true) / n).toFixed(1)}% true of ${n} (${c.debatable} debatable, ${c.false} false)`
    : 'none';
};
for (const [severity, c] of bySeverity) console.log(`${severity}: ${pct(c)}`);
console.log('per rule:');
for (const [rule, c] of [...byRule].sort(([a], [b]) => a.localeCompare(b)))
  console.log(`  ${rule}: ${pct(c)}`);
if (unlabelled) console.log(`${unlabelled} rows have no label yet`);

const errors = bySeverity.get('error');
const warnings = bySeverity.get('warning');
const missed = [
  errors && errors.true / (errors.true + errors.debatable + errors.false) < 0.95 && 'errors under 95% true',
  errors && errors.debatable > 0 && 'a debatable error',
  warnings &&
    warnings.true / (warnings.true + warnings.debatable + warnings.false) < 0.8 &&
    'warnings under 80% true',
  [...byRule].some(([, c]) => c.false > c.true + c.debatable) && 'a rule whose findings are mostly false',
].filter(Boolean);
console.log(missed.length ? `targets missed: ${missed.join(', ')}` : 'targets met');
process.exitCode = missed.length ? 1 : 0;
