// Compares the shell parsers a RUN script could be read with: mvdan-sh (what src/parse/shell.ts uses) and
// tree-sitter-bash's wasm grammar on web-tree-sitter (the runtime the HCL grammar already uses). It measures
// speed per script on the RUN scripts of the benchmark corpus and of the repository's fixtures, the size
// each adds to the bundle, the time to load it, and where the two disagree on what parses.
//
// tree-sitter-bash is not a dependency (its install script builds a native addon this comparison does not
// need): `npm install --no-save --ignore-scripts tree-sitter-bash@0.25.1`, or point TREE_SITTER_BASH_WASM at
// its tree-sitter-bash.wasm. Usage: npx tsx bench/shell-parsers.ts [--runs 5]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { splitDockerfile } from '../src/checkers/dockerfile/source';
import { claimsDockerfile } from '../src/checkers/dockerfile';
import { SourceFile } from '../src/engine/workspace';
import { writeCorpus } from './corpus';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

/** The script each RUN gives its shell: the shell-form text, or the body of `RUN <<EOF`. */
function runScripts(root: string): string[] {
  const scripts: string[] = [];
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (name === 'node_modules' || name === '.git') continue;
      if (statSync(full).isDirectory()) visit(full);
      else {
        const file = new SourceFile(path.relative(root, full), full, readFileSync(full, 'utf8'));
        if (!claimsDockerfile(file)) continue;
        for (const instruction of splitDockerfile(file).instructions) {
          if (instruction.keyword !== 'RUN') continue;
          const text = instruction.args.text.replace(/^\s*(--\S+\s+)*/, '').trim();
          // As the model reads it: heredoc bodies follow the header, each closed by its delimiter.
          const script = /^<<-?\s*["']?\w+["']?$/.test(text)
            ? instruction.heredocs[0]?.body
            : [text, ...instruction.heredocs.map((h) => `${h.body}${h.delimiter}`)].join('\n');
          if (script && !script.startsWith('[')) scripts.push(script);
        }
      }
    }
  };
  visit(root);
  return scripts;
}

/** Median milliseconds a fresh node process spends running `code` (an async function body). */
function loadMs(code: string): number {
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const child = spawnSync(
      process.execPath,
      ['-e', `(async () => { const t = performance.now(); ${code}; console.log(performance.now() - t); })()`],
      { cwd: repo, encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(child.stderr);
    samples.push(Number(child.stdout.trim()));
  }
  return median(samples);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Contender {
  label: string;
  /** What one call gets: a script, or a batch of scripts. */
  items: readonly string[];
  /** Scripts in all the items. */
  scripts: number;
  run: (item: string) => void;
}

/**
 * CPU milliseconds per script of each contender: the median of `runs` passes over its items, after one
 * warm-up pass; the contenders take turns in every round, so a busy moment of the machine hits them alike.
 */
function timeInterleaved(contenders: readonly Contender[]): number[] {
  for (const contender of contenders) contender.items.forEach(contender.run);
  const samples: number[][] = contenders.map(() => []);
  for (let r = 0; r < runs; r++) {
    contenders.forEach((contender, i) => {
      const before = process.cpuUsage();
      contender.items.forEach(contender.run);
      const used = process.cpuUsage(before);
      samples[i].push((used.user + used.system) / 1000 / contender.scripts);
    });
  }
  return samples.map(median);
}

function locateBashWasm(): string | undefined {
  const fromEnv = process.env.TREE_SITTER_BASH_WASM;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    return require.resolve('tree-sitter-bash/tree-sitter-bash.wasm');
  } catch {
    return undefined;
  }
}

const work = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-shells-'));
try {
  writeCorpus(work, { scale: 1 });
  const corpus = runScripts(work);
  const fixtures = [
    ...runScripts(path.join(repo, '__tests__', 'fixtures')),
    ...runScripts(path.join(repo, 'examples')),
  ];
  const distinct = [...new Set([...corpus, ...fixtures])];
  const withHeredoc = distinct.filter((s) => s.includes('<<'));
  console.log(
    `RUN scripts: ${corpus.length} in the scale-1 corpus, ${fixtures.length} in fixtures and examples; ${distinct.length} distinct (${withHeredoc.length} with a heredoc)`,
  );

  // mvdan-sh: loading it, then parsing one script per call and 64 per call (as the model parses ahead).
  const mvdanLoadMs = loadMs("require('mvdan-sh')");
  const sh = require('mvdan-sh') as typeof import('mvdan-sh');
  const { syntax } = sh.default ?? sh;
  const mvdan = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  const mvdanError = (script: string): string | undefined => {
    try {
      mvdan.Parse(script, '');
      return undefined;
    } catch (error) {
      return (error as { Text?: string }).Text ?? String(error);
    }
  };
  // Timed on the scripts that parse: a syntax error costs a thrown error, which says nothing of speed.
  const valid = distinct.filter((s) => mvdanError(s) === undefined);
  // Batches as the model makes them; a batch that does not parse as a whole is left out of the timing.
  const batches: string[] = [];
  let batched = 0;
  const batchable = valid.filter((s) => !s.includes('<<'));
  for (let i = 0; i < batchable.length; i += 64) {
    const batch = batchable.slice(i, i + 64);
    if (mvdanError(batch.join('\n')) !== undefined) continue;
    batches.push(batch.join('\n'));
    batched += batch.length;
  }
  const contenders: Contender[] = [
    {
      label: 'mvdan-sh: parse, one script per call',
      items: valid,
      scripts: valid.length,
      run: (script) => void mvdan.Parse(script, ''),
    },
    {
      label: `mvdan-sh: parse, 64 scripts per call (${batched} scripts)`,
      items: batches,
      scripts: batched,
      run: (text) => void mvdan.Parse(text, ''),
    },
  ];
  const rows: [string, string][] = [
    ['scripts timed (those that parse)', String(valid.length)],
    ['mvdan-sh: load (require, fresh process)', `${mvdanLoadMs.toFixed(1)} ms`],
    [
      'mvdan-sh: bundle size (GopherJS)',
      `${(statSync(require.resolve('mvdan-sh')).size / 1024).toFixed(0)} KiB`,
    ],
    ['mvdan-sh: scripts with a syntax error', String(distinct.length - valid.length)],
  ];

  const bashWasm = locateBashWasm();
  if (!bashWasm) {
    rows.push([
      'tree-sitter-bash',
      'not installed: npm install --no-save --ignore-scripts tree-sitter-bash@0.25.1',
    ]);
  } else {
    const treeSitter = require('../src/parse/tree-sitter.cjs') as typeof import('web-tree-sitter');
    const runtimeWasm = require.resolve('web-tree-sitter/web-tree-sitter.wasm');
    const treeSitterLoadMs = loadMs(
      `const { Parser, Language } = require('web-tree-sitter'); const fs = require('node:fs');
       await Parser.init({ wasmBinary: fs.readFileSync(${JSON.stringify(runtimeWasm)}) });
       await Language.load(fs.readFileSync(${JSON.stringify(bashWasm)}));`,
    );
    await treeSitter.Parser.init({ wasmBinary: readFileSync(runtimeWasm) });
    const bash = await treeSitter.Language.load(readFileSync(bashWasm));
    const parser = new treeSitter.Parser();
    parser.setLanguage(bash);
    /** Node types of a script's tree, each once per node, by a cursor walk (what a walker must at least do). */
    const nodeTypes = (script: string): string[] => {
      const tree = parser.parse(script)!;
      const cursor = tree.walk();
      const types: string[] = [];
      for (let more = true; more;) {
        types.push(cursor.nodeType);
        if (cursor.gotoFirstChild()) continue;
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) {
            more = false;
            break;
          }
        }
      }
      cursor.delete();
      tree.delete();
      return types;
    };
    contenders.push(
      {
        label: 'tree-sitter-bash: parse, one script per call',
        items: valid,
        scripts: valid.length,
        run: (script) => parser.parse(script)?.delete(),
      },
      {
        label: 'tree-sitter-bash: parse + cursor walk over every node',
        items: valid,
        scripts: valid.length,
        run: (script) => void nodeTypes(script),
      },
    );
    const tsError = (script: string): boolean => {
      const tree = parser.parse(script)!;
      const broken = tree.rootNode.hasError;
      tree.delete();
      return broken;
    };
    const onlyMvdan = distinct.filter((s) => mvdanError(s) !== undefined && !tsError(s));
    const onlyTreeSitter = distinct.filter((s) => mvdanError(s) === undefined && tsError(s));
    const heredocs = valid.filter((s) => s.includes('<<'));
    rows.push(
      ['tree-sitter-bash: load (runtime + grammar, fresh process)', `${treeSitterLoadMs.toFixed(1)} ms`],
      [
        'tree-sitter-bash: bundle size (grammar wasm; the runtime ships already)',
        `${(statSync(bashWasm).size / 1024).toFixed(0)} KiB`,
      ],
      ['tree-sitter-bash: scripts with an error node', String(distinct.filter(tsError).length)],
      ['syntax error for mvdan-sh only', String(onlyMvdan.length)],
      ['error node for tree-sitter-bash only', String(onlyTreeSitter.length)],
      [
        'scripts with a heredoc whose body tree-sitter-bash finds',
        `${heredocs.filter((s) => nodeTypes(s).includes('heredoc_body')).length} of ${heredocs.length}`,
      ],
    );
    for (const script of [...onlyMvdan, ...onlyTreeSitter].slice(0, 5)) {
      rows.push(['  disagreement', JSON.stringify(script.length > 100 ? `${script.slice(0, 99)}…` : script)]);
    }
  }
  for (const [i, ms] of timeInterleaved(contenders).entries()) {
    rows.push([contenders[i].label, `${(ms * 1000).toFixed(1)} µs/script`]);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
