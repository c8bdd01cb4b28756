// One measurement, in a process of its own so its peak RSS is its own. bench/run.ts bundles this file
// and runs it once per measurement and repetition; it prints one line of JSON.
// Usage: node measure.mjs scan|floor|peers DIR
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CHECKERS } from '../src/checkers';
import { splitDockerfile } from '../src/checkers/dockerfile/source';
import { discover } from '../src/engine/discover';
import type { Checker, CheckerId, RunContext } from '../src/engine/rule';
import { scan } from '../src/engine/scan';
import { SourceFile } from '../src/engine/workspace';
import { ensureHclParser, parseHcl, parseTerraformJson } from '../src/parse/hcl';
import { parseJson } from '../src/parse/json';
import { clearShellParseCache, parseShell } from '../src/parse/shell';
import { parseYaml } from '../src/parse/yaml';
import { createRunContext } from '../src/engine/rule';
import { loadConfig, scanLimits } from '../src/engine/config-file';
import { keepYoungGenerationSmall } from '../src/young-generation';

// Every measurement runs in a process set up as the fronts set up theirs.
keepYoungGenerationSmall();

const [mode, dir] = process.argv.slice(2);

const peakRssMiB = () => process.resourceUsage().maxRSS / 1024;
/** CPU time (user + system) since `since`: steadier than the wall clock on a busy machine. */
const cpuMsSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Times each checker's run() inside the full scan, so one run gives the whole and the parts. */
function timed(checkers: readonly Checker[], into: Record<string, number>): Checker[] {
  return checkers.map((checker) => ({
    ...checker,
    async run(files, ctx) {
      const started = performance.now();
      try {
        return await checker.run(files, ctx);
      } finally {
        into[checker.id] = (into[checker.id] ?? 0) + performance.now() - started;
      }
    },
  }));
}

/**
 * The parse each checker's rules start from, with the parsers the checkers use: what a scan cannot
 * avoid doing. A checker not registered yet claims no file, so it adds nothing to the floor either.
 */
const FLOOR_PARSE: Record<CheckerId, (file: SourceFile) => unknown> = {
  dockerfile(file) {
    const split = splitDockerfile(file);
    for (const instruction of split.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const script = instruction.heredocs[0]?.body ?? instruction.args.text;
      if (!script.trimStart().startsWith('[')) parseShell(script);
    }
    return split;
  },
  terraform(file) {
    if (file.path.endsWith('.tf.json')) return parseTerraformJson(file);
    if (/\.(tf|hcl|tfvars)$/.test(file.path)) return parseHcl(file);
    return undefined;
  },
  kubernetes: (file) => parseYaml(file.text),
  topology: (file) => parseYaml(file.text),
  coherence: (file) => parseYaml(file.text),
  iam: (file) => (/\.json$/i.test(file.path) ? parseJson(file.text) : parseYaml(file.text)),
};

async function measureScan(root: string) {
  const checkerMs: Record<string, number> = {};
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await scan({ root, checkers: timed(CHECKERS, checkerMs) });
  const ms = performance.now() - started;
  return {
    ms,
    cpuMs: cpuMsSince(cpu),
    rssMiB: peakRssMiB(),
    files: result.stats.files,
    filesByChecker: result.stats.filesByChecker,
    findings: result.findings.length,
    checkerMs,
  };
}

async function measureFloor(root: string) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const config = loadConfig(root, undefined, CHECKERS);
  // Like the scan, the floor keeps the text of claimed files only.
  const claimers = new Map<SourceFile, Checker[]>();
  const claimed = (file: SourceFile) => {
    const by = CHECKERS.filter((c) => c.claims(file));
    if (by.length) claimers.set(file, by);
    return by.length > 0;
  };
  const { files } = await discover({
    root,
    include: ['**'],
    exclude: config.exclude,
    maxFileBytes: scanLimits(config).maxFileBytes,
    retain: claimed,
  });
  if ([...claimers.values()].some((by) => by.some((c) => c.id === 'terraform'))) await ensureHclParser();
  let parsed = 0;
  for (const file of files) {
    for (const checker of claimers.get(file) ?? []) {
      // A fresh file per parse: the floor keeps nothing, and a parse cached by another checker is not free.
      FLOOR_PARSE[checker.id](new SourceFile(file.path, file.absPath, file.text));
      parsed++;
    }
  }
  return {
    ms: performance.now() - started,
    cpuMs: cpuMsSince(cpu),
    rssMiB: peakRssMiB(),
    files: files.length,
    parsed,
  };
}

/**
 * Per-Dockerfile milliseconds: this checker, the dockerfile-ast parse alone, and the two npm peers, each after
 * the same warm-up; and this checker's first pass in a fresh process.
 */
async function measurePeers(root: string) {
  const require = createRequire(import.meta.url);
  const { DockerfileParser } = require('dockerfile-ast') as typeof import('dockerfile-ast');
  const utils = require('dockerfile-utils') as { validate(text: string): unknown[] };
  const { run: dockerfilelint } = require('dockerfilelint') as { run(dir: string, text: string): unknown[] };
  const dockerfile = CHECKERS.find((c) => c.id === 'dockerfile')!;
  const config = loadConfig(root, undefined, CHECKERS);
  const { files: all } = await discover({
    root,
    include: ['**'],
    exclude: [],
    maxFileBytes: scanLimits(config).maxFileBytes,
  });
  const files = all.filter((f) => dockerfile.claims(f));
  const texts = files.map((f) => readFileSync(f.absPath, 'utf8'));
  const ctx: RunContext = createRunContext({ root, config, allFiles: all });
  const crashes = new Set<number>();
  /** CPU milliseconds per file of each timed pass (steadier than the wall clock on a busy machine). */
  const cpuMsPerFile: Record<string, number> = {};
  const timedPass = async (fn: (i: number) => unknown, tool?: string) => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < files.length; i++) await fn(i);
    if (tool) cpuMsPerFile[tool] = cpuMsSince(cpu) / files.length;
    return (performance.now() - started) / files.length;
  };
  // Every tool gets the same warm-up, a whole pass over the files, so the timed pass measures the work per
  // file rather than the JIT compiling whichever tool runs first. `reset` empties what the warm-up left in
  // a tool's own caches, so the timed pass pays for them again as the first pass of a scan does.
  const perFile = async (tool: string, fn: (i: number) => unknown, reset?: () => void) => {
    for (let i = 0; i < files.length; i++) await fn(i);
    reset?.();
    return timedPass(fn, tool);
  };
  const ours = (i: number) =>
    dockerfile.run([new SourceFile(files[i].path, files[i].absPath, texts[i])], ctx);
  // The first pass in a fresh process, JIT compilation included (5 files of warm-up, as this used to be).
  for (let i = 0; i < Math.min(5, files.length); i++) await ours(i);
  const firstPass = await timedPass(ours);
  return {
    dockerfiles: files.length,
    deployLintFirstPassMsPerFile: firstPass,
    msPerFile: {
      'deploy-lint': await perFile('deploy-lint', ours, clearShellParseCache),
      'dockerfile-ast parse': await perFile('dockerfile-ast parse', (i) => DockerfileParser.parse(texts[i])),
      'dockerfile-utils': await perFile('dockerfile-utils', (i) => utils.validate(texts[i])),
      dockerfilelint: await perFile('dockerfilelint', (i) => {
        try {
          dockerfilelint(files[i].absPath, texts[i]);
        } catch {
          // It throws on some valid files (a HEALTHCHECK without options); the time spent still counts.
          crashes.add(i);
        }
      }),
    },
    cpuMsPerFile,
    dockerfilelintCrashedOn: crashes.size,
  };
}

const measurements: Record<string, (root: string) => Promise<object>> = {
  scan: measureScan,
  floor: measureFloor,
  peers: measurePeers,
};
const measure = measurements[mode];
if (!measure || !dir) {
  console.error('usage: measure scan|floor|peers DIR');
  process.exit(2);
}
console.log(JSON.stringify(await measure(dir)));
