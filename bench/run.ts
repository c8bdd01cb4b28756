// The benchmark: scans a generated monorepo at two scales and pathological single files, each
// measurement in a child process of its own (clean peak RSS), the median of several runs, and prints
// the ratios the targets are stated in. Writes bench/results.json.
// Usage: npm run bench [-- --runs 5 --scales 1,10 --no-build --node PATH]
// --node measures under another node binary (the action runs on node 24), the default being this one.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { PATHOLOGICAL, writeCorpus, type CorpusSummary } from './corpus';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);

const TARGETS = {
  /** Full scan at scale 10 against the floor (walk + read + parse, no rules). */
  fullOverFloor: 1.3,
  peakRssMiB: 250,
  /** Growth of the full scan's peak RSS per file between scale 1 and scale 10 ("flat"). */
  rssKiBPerFile: 2,
  coldStartMs: 150,
  /** Per Dockerfile, against the dockerfile-ast parse alone. */
  dockerfileOverParse: 2,
  pathologicalMs: 2000,
};

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    scales: { type: 'string', default: '1,10' },
    'no-build': { type: 'boolean', default: false },
    node: { type: 'string', default: process.execPath },
  },
});
/** The node every measurement runs under. */
const node = values.node;
const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
const runs = Number(values.runs);
const scales = values.scales.split(',').map(Number);

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// The measurements run bundled, like the product: no transpiler in the process being measured.
const measureScript = path.join(here, 'out', 'measure.mjs');
await build({
  entryPoints: [path.join(here, 'measure.ts')],
  outfile: measureScript,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // CommonJS dependencies bundled into an ES module still call require.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
const cli = path.join(repo, 'dist', 'cli', 'index.js');
if (!values['no-build'] || !existsSync(cli)) {
  execFileSync(process.execPath, [path.join(repo, 'scripts', 'build.mjs')], { cwd: repo, stdio: 'inherit' });
}

type Sample = Record<string, unknown> & { ms: number; rssMiB: number };

/** One measurement in a fresh process. */
function measureOnce(mode: string, dir: string): Sample {
  const child = spawnSync(node, [measureScript, mode, dir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`measure ${mode} ${dir} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Sample;
}

/** Runs one measurement `runs` times, each in a fresh process; numeric fields are medians. */
function measure(mode: string, dir: string): Sample {
  return mergeMedians(Array.from({ length: runs }, () => measureOnce(mode, dir))) as Sample;
}

interface CorpusMeasure {
  summary: CorpusSummary;
  scan: Sample;
  floor: Sample;
  /** Medians of each repetition's full / floor, wall clock and CPU time. */
  ratio: number;
  cpuRatio: number;
}

/**
 * The full scan and the floor of one corpus, one after the other in each repetition: a machine that
 * gets busier or quieter during the run then weighs on both sides of each ratio alike.
 */
function measureCorpus(summary: CorpusSummary, dir: string): CorpusMeasure {
  const scans: Sample[] = [];
  const floors: Sample[] = [];
  for (let r = 0; r < runs; r++) {
    scans.push(measureOnce('scan', dir));
    floors.push(measureOnce('floor', dir));
  }
  const cpu = (s: Sample) => s.cpuMs as number;
  return {
    summary,
    scan: mergeMedians(scans) as Sample,
    floor: mergeMedians(floors) as Sample,
    ratio: round(median(scans.map((s, i) => s.ms / floors[i].ms))),
    cpuRatio: round(median(scans.map((s, i) => cpu(s) / cpu(floors[i])))),
  };
}

function mergeMedians(samples: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(samples[0])) {
    const first = samples[0][key];
    if (typeof first === 'number') out[key] = round(median(samples.map((s) => s[key] as number)));
    else if (first && typeof first === 'object')
      out[key] = mergeMedians(samples.map((s) => (s[key] ?? {}) as Record<string, unknown>));
    else out[key] = first;
  }
  return out;
}

const round = (n: number) => Math.round(n * 100) / 100;

// Reports, as the CLI process exits, its CPU time and its own clock since it started.
const exitProbe = path.join(here, 'out', 'exit-probe.cjs');
writeFileSync(
  exitProbe,
  "process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeFileSync(process.env.BENCH_PROBE_OUT, JSON.stringify({ cpuMs: (u.user + u.system) / 1000, processMs: performance.now() })); });\n",
);

type Timing = { ms: number; cpuMs: number };

/** One process as a user starts it: wall clock, and CPU time (steadier on a busy machine). */
function startOnce(args: string[]): Timing {
  const probeOut = path.join(work, 'probe.json');
  const started = performance.now();
  const child = spawnSync(node, ['--require', exitProbe, ...args], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_PROBE_OUT: probeOut },
  });
  const ms = performance.now() - started;
  if (child.status === null || child.status > 1) throw new Error(`node ${args.join(' ')}: ${child.stderr}`);
  return { ms, cpuMs: (JSON.parse(readFileSync(probeOut, 'utf8')) as { cpuMs: number }).cpuMs };
}

/**
 * Cold starts of the CLI, and of a bare `node -e 0` (what no change to deploy-lint can go below),
 * taken in turn in each repetition so that each figure is measured on the same machine state.
 */
function coldStarts(commands: Record<string, string[]>): Record<string, Timing> {
  const samples: Record<string, Timing[]> = {};
  for (let r = 0; r < runs; r++) {
    for (const [name, args] of Object.entries(commands)) (samples[name] ??= []).push(startOnce(args));
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, timings]) => [name, mergeMedians(timings) as Timing]),
  );
}

const work = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-bench-'));
const results: Record<string, unknown> = {
  runs,
  node: nodeVersion,
  cpus: os.cpus().length,
  targets: TARGETS,
};
try {
  const corpora: Record<string, CorpusMeasure> = {};
  for (const scale of scales) {
    const dir = path.join(work, `scale-${scale}`);
    const summary = writeCorpus(dir, { scale });
    process.stderr.write(`scale ${scale}: ${summary.files} files, measuring...\n`);
    corpora[scale] = measureCorpus(summary, dir);
  }
  results.corpora = corpora;

  const pathological: Record<string, Sample> = {};
  for (const [name, { file, text }] of Object.entries(PATHOLOGICAL)) {
    const dir = path.join(work, name);
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text());
    process.stderr.write(`${name}, measuring...\n`);
    pathological[name] = measure('scan', dir);
  }
  results.pathological = pathological;

  // A repository with neither Terraform nor IAM files: nothing should load the HCL grammar or IAM data.
  const light = path.join(work, 'cold');
  mkdirSync(path.join(light, 'deploy'), { recursive: true });
  writeFileSync(path.join(light, 'Dockerfile'), 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 1000\n');
  writeFileSync(
    path.join(light, 'deploy', 'app.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n',
  );
  writeFileSync(path.join(light, 'README.md'), '# app\n');
  results.coldStart = coldStarts({
    node: ['-e', '0'],
    version: [cli, '--version'],
    scan: [cli, '--format', 'json', light],
  });

  const peerDir = path.join(work, `scale-${scales[0]}`);
  process.stderr.write('per-Dockerfile comparison, measuring...\n');
  results.peers = mergeMedians(Array.from({ length: runs }, () => runPeers(peerDir)));

  writeFileSync(path.join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  printTable(results, corpora, pathological);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function runPeers(dir: string): Record<string, unknown> {
  const child = spawnSync(node, [measureScript, 'peers', dir], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`measure peers failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

function printTable(
  all: Record<string, unknown>,
  corpora: Record<string, CorpusMeasure>,
  pathological: Record<string, Sample>,
): void {
  const rows: [string, string, string, string][] = [];
  const check = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  const scaleKeys = Object.keys(corpora)
    .map(Number)
    .sort((a, b) => a - b);
  for (const scale of scaleKeys) {
    const { summary, scan, floor, ratio, cpuRatio } = corpora[scale];
    rows.push([`scale ${scale}: files`, String(summary.files), '', '']);
    rows.push([`scale ${scale}: full scan`, `${Math.round(scan.ms)} ms`, '', '']);
    rows.push([`scale ${scale}: floor`, `${Math.round(floor.ms)} ms`, '', '']);
    const isTarget = scale === Math.max(...scaleKeys);
    rows.push([
      `scale ${scale}: full / floor`,
      ratio.toFixed(2),
      `<= ${TARGETS.fullOverFloor}`,
      isTarget ? check(ratio <= TARGETS.fullOverFloor) : '',
    ]);
    rows.push([
      `scale ${scale}: full / floor, CPU time`,
      cpuRatio.toFixed(2),
      `<= ${TARGETS.fullOverFloor}`,
      '',
    ]);
    for (const [id, ms] of Object.entries(scan.checkerMs as Record<string, number>)) {
      rows.push([
        `scale ${scale}: ${id} share`,
        `${((ms / scan.ms) * 100).toFixed(1)}% (${Math.round(ms)} ms)`,
        '',
        '',
      ]);
    }
    rows.push([
      `scale ${scale}: peak RSS full / floor`,
      `${Math.round(scan.rssMiB)} / ${Math.round(floor.rssMiB)} MiB`,
      `< ${TARGETS.peakRssMiB}`,
      isTarget ? check(scan.rssMiB < TARGETS.peakRssMiB) : '',
    ]);
  }
  if (scaleKeys.length > 1) {
    const [low, high] = [corpora[scaleKeys[0]], corpora[scaleKeys[scaleKeys.length - 1]]];
    const perFile = ((high.scan.rssMiB - low.scan.rssMiB) * 1024) / (high.summary.files - low.summary.files);
    rows.push([
      'peak RSS growth per file',
      `${perFile.toFixed(2)} KiB`,
      `<= ${TARGETS.rssKiBPerFile}`,
      check(perFile <= TARGETS.rssKiBPerFile),
    ]);
  }
  const cold = all.coldStart as { node: Timing; version: Timing; scan: Timing };
  const coldRow = (label: string, t: Timing) =>
    rows.push([
      label,
      `${Math.round(t.ms)} ms wall, ${Math.round(t.cpuMs)} ms CPU (node -e 0: ${Math.round(cold.node.ms)} / ${Math.round(cold.node.cpuMs)})`,
      `< ${TARGETS.coldStartMs}`,
      check(t.ms < TARGETS.coldStartMs),
    ]);
  coldRow('cold start --version', cold.version);
  coldRow('cold start, scan without .tf/IAM', cold.scan);
  const peers = all.peers as {
    dockerfiles: number;
    msPerFile: Record<string, number>;
    deployLintFirstPassMsPerFile: number;
    cpuMsPerFile: Record<string, number>;
  };
  const ours = peers.msPerFile['deploy-lint'];
  for (const [tool, ms] of Object.entries(peers.msPerFile)) {
    rows.push([`per Dockerfile (${peers.dockerfiles}): ${tool}`, `${ms.toFixed(3)} ms`, '', '']);
  }
  rows.push([
    `per Dockerfile (${peers.dockerfiles}): deploy-lint, first pass, JIT included`,
    `${peers.deployLintFirstPassMsPerFile.toFixed(3)} ms`,
    '',
    '',
  ]);
  const cpu = peers.cpuMsPerFile;
  rows.push([
    'per Dockerfile, CPU time: deploy-lint / dockerfile-utils / dockerfile-ast parse',
    `${cpu['deploy-lint'].toFixed(3)} / ${cpu['dockerfile-utils'].toFixed(3)} / ${cpu['dockerfile-ast parse'].toFixed(3)} ms`,
    '',
    '',
  ]);
  const parse = peers.msPerFile['dockerfile-ast parse'];
  rows.push([
    'deploy-lint / dockerfile-utils',
    (ours / peers.msPerFile['dockerfile-utils']).toFixed(2),
    '< 1',
    check(ours < peers.msPerFile['dockerfile-utils']),
  ]);
  rows.push([
    'deploy-lint / dockerfile-ast parse',
    (ours / parse).toFixed(2),
    `<= ${TARGETS.dockerfileOverParse}`,
    check(ours / parse <= TARGETS.dockerfileOverParse),
  ]);
  for (const [name, sample] of Object.entries(pathological)) {
    rows.push([
      `pathological ${name}`,
      `${Math.round(sample.ms)} ms wall, ${Math.round(sample.cpuMs as number)} ms CPU, ${Math.round(sample.rssMiB)} MiB`,
      `< ${TARGETS.pathologicalMs} ms`,
      check(sample.ms < TARGETS.pathologicalMs),
    ]);
  }
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length)));
  console.log(
    `deploy-lint benchmark, medians of ${runs} runs (node ${nodeVersion}, ${os.cpus().length} cpus)\n`,
  );
  for (const row of rows)
    console.log(
      row
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    );
}
