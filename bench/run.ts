// Benchmark: scans a generated monorepo and checks time and memory against the targets below.
// Usage: npm run bench [-- --services N]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus } from './corpus';
import { scan } from '../src/engine/scan';
import { CHECKERS } from '../src/checkers';

/** What a 2-core CI runner must manage for a large monorepo. */
const TARGETS = { msPerThousandFiles: 2000, peakRssMiB: 768 };

const { values } = parseArgs({ options: { services: { type: 'string', default: '1000' } } });
const services = Number(values.services);
const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-bench-'));
try {
  const written = writeCorpus(dir, { services });
  const started = performance.now();
  const result = await scan({ root: dir, checkers: CHECKERS });
  const ms = performance.now() - started;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  const msPerThousandFiles = (ms / result.stats.files) * 1000;
  const report = {
    files: result.stats.files,
    written,
    filesByChecker: result.stats.filesByChecker,
    findings: result.findings.length,
    durationMs: Math.round(ms),
    msPerThousandFiles: Math.round(msPerThousandFiles),
    peakRssMiB: Math.round(peakRssMiB),
    targets: TARGETS,
  };
  console.log(JSON.stringify(report, null, 2));
  const missed = [
    msPerThousandFiles > TARGETS.msPerThousandFiles && `${Math.round(msPerThousandFiles)} ms per 1000 files`,
    peakRssMiB > TARGETS.peakRssMiB && `${Math.round(peakRssMiB)} MiB peak RSS`,
  ].filter(Boolean);
  if (missed.length) {
    console.error(`Benchmark target missed: ${missed.join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
