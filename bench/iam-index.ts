/**
 * The cost of the IAM action index: how long its first load takes (read, parse and the first
 * lookups) in a fresh process, from a bundle as the action ships it (tsx's JSON loader would
 * measure itself), and proof that a scan without IAM policies never loads it.
 *   npx tsx bench/iam-index.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { iamIndexLoaded } from '../src/checkers/iam/actions';
import { CHECKERS } from '../src/checkers';
import { scan } from '../src/engine/scan';

const RUNS = 7;
const ROOT = path.resolve(import.meta.dirname, '..');

const PROBE = `
import { loadIamIndex } from ${JSON.stringify(path.join(ROOT, 'src/checkers/iam/actions.ts'))};
const started = performance.now();
const cpu = process.cpuUsage();
const index = await loadIamIndex();
index.expand('ecr', '*');
index.action('s3', 'GetObject');
index.conditionKeyType('aws:SourceIp');
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ loadMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }));
`;

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-iam-bench-'));
  writeFileSync(path.join(root, 'Dockerfile'), 'FROM node:22-alpine\nUSER node\n');
  writeFileSync(path.join(root, 'package.json'), '{ "name": "app" }\n');
  writeFileSync(path.join(root, 'main.tf'), 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n');
  await scan({ root, checkers: CHECKERS });
  console.log(`scan without IAM policies loaded the index: ${iamIndexLoaded()}`);

  const out = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-iam-probe-'));
  const entry = path.join(out, 'probe.ts');
  writeFileSync(entry, PROBE);
  await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    outdir: out,
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
    // As ncc ships JSON: a string handed to JSON.parse, which V8 reads faster than an object literal.
    plugins: [
      {
        name: 'json-as-parse',
        setup(builder) {
          builder.onLoad({ filter: /\.json$/ }, (args) => ({
            contents: `export default JSON.parse(${JSON.stringify(readFileSync(args.path, 'utf8'))});`,
            loader: 'js',
          }));
        },
      },
    ],
  });
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const line = execFileSync(process.execPath, [path.join(out, 'probe.mjs')], { encoding: 'utf8' }).trim();
    const measured = JSON.parse(line) as { loadMs: number; cpuMs: number };
    wall.push(measured.loadMs);
    cpu.push(measured.cpuMs);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[RUNS >> 1].toFixed(1);
  const [load1] = os.loadavg();
  // Wall time counts waiting for a core on a busy machine; CPU time is what the load itself costs.
  console.log(
    `index first load, ${RUNS} fresh processes: median wall ${median(wall)} ms, median CPU ${median(cpu)} ms (budget 150 ms; load average ${load1.toFixed(1)} on ${os.cpus().length} cores)`,
  );
}

await main();
