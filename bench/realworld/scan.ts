// Real-world precision run: scans each repository snapshot under a corpus directory (one
// subdirectory per repository, named owner+name, laid out by the person measuring; nothing here
// fetches) and prints per-rule counts. With --out it writes every error and warning as rows ready
// to label, in the column order of labels/*.tsv.
// Usage: npx tsx bench/realworld/scan.ts CORPUS_DIR [--checkers a,b] [--out rows.tsv]
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scan } from '../../src/engine/scan';
import { CHECKERS } from '../../src/checkers';
import type { CheckerId } from '../../src/engine/rule';
import type { Finding, Severity } from '../../src/engine/finding';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { checkers: { type: 'string' }, out: { type: 'string' } },
});
const corpus = positionals[0];
if (!corpus) {
  console.error('usage: tsx bench/realworld/scan.ts CORPUS_DIR [--checkers a,b] [--out rows.tsv]');
  process.exit(2);
}
const checkers = values.checkers?.split(',').map((c) => c.trim()) as CheckerId[] | undefined;

const counts = new Map<string, Record<Severity, number>>();
const rows: string[] = [];
const filesByChecker: Record<string, number> = {};
let repositories = 0;
for (const repo of readdirSync(corpus).sort()) {
  const root = path.join(corpus, repo);
  if (!statSync(root).isDirectory()) continue;
  repositories++;
  // The directory names the repository, as the git remote of a checkout would.
  const result = await scan({ root, checkers: CHECKERS, only: checkers, repository: repo.replace('+', '/') });
  for (const [id, n] of Object.entries(result.stats.filesByChecker))
    filesByChecker[id] = (filesByChecker[id] ?? 0) + n;
  for (const f of result.findings) {
    const c = counts.get(f.ruleId) ?? { error: 0, warning: 0, notice: 0 };
    c[f.severity]++;
    counts.set(f.ruleId, c);
    if (f.severity !== 'notice') rows.push(labelRow(repo.replace('+', '/'), f));
  }
}

console.log(`${repositories} repositories; files read per checker: ${JSON.stringify(filesByChecker)}`);
console.log(['rule', 'error', 'warning', 'notice'].join('\t'));
for (const [id, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
  console.log([id, c.error, c.warning, c.notice].join('\t'));
}
if (values.out) {
  writeFileSync(values.out, rows.join('\n') + '\n');
  console.log(`${rows.length} errors and warnings written to ${values.out} (label column empty)`);
}

/** repo, file, line, rule, severity, label, reason, message: the columns of labels/*.tsv. */
function labelRow(repo: string, f: Finding): string {
  const oneLine = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  return [repo, f.file, f.line, f.ruleId, f.severity, '', '', oneLine(f.message)].join('\t');
}
