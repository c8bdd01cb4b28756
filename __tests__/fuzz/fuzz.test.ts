// Mutation fuzzing: the fixtures, cut, spliced and salted with the characters parsers trip on, go
// into every parser and through a whole scan with every registered checker. Nothing may throw, every
// finding must point at a real file and a line inside it, and each scan must finish in its budget.
// A fixed seed and few runs here; `npm run fuzz` runs longer (FUZZ_RUNS, FUZZ_SEED).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKERS } from '../../src/checkers';
import { splitDockerfile } from '../../src/checkers/dockerfile/source';
import { scan } from '../../src/engine/scan';
import { SourceFile } from '../../src/engine/workspace';
import { ensureHclParser, parseHcl } from '../../src/parse/hcl';
import { parseJson } from '../../src/parse/json';
import { readPlainScript } from '../../src/parse/plain-script';
import { parseShell } from '../../src/parse/shell';
import { parseYaml } from '../../src/parse/yaml';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
/** What one mutated file may cost a whole scan. */
const SCAN_BUDGET_MS = 15_000;

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full, keep);
    return keep(name) ? [readFileSync(full, 'utf8')] : [];
  });
}

const CORPORA = {
  dockerfile: filesUnder(path.join(FIXTURES, 'dockerfile'), (n) => /Dockerfile/i.test(n)),
  terraform: filesUnder(path.join(FIXTURES, 'terraform'), (n) => n.endsWith('.tf')),
  yaml: [
    ...filesUnder(path.join(FIXTURES, 'hostile'), (n) => n.endsWith('.yaml')),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a, labels: &l {app: a}}\nspec:\n  template:\n    metadata: {labels: *l}\n---\nkind: Service\n',
  ],
  json: [
    ...filesUnder(path.join(FIXTURES, 'hostile'), (n) => n.endsWith('.json')),
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":"*"}]}',
  ],
};

/** Fragments that sit on parser edge cases: continuations, heredocs, quotes, anchors, braces, NUL, BOM. */
const SALT = [
  '\\\n',
  '<<EOF\n',
  '\nEOF\n',
  '<<-"X"',
  '${',
  '}',
  '$(',
  ')',
  '[',
  ']',
  '{',
  '"',
  "'",
  '`',
  '\0',
  '\r\n',
  '\ufeff',
  '---\n',
  '&a ',
  '*a',
  '<<: *a',
  '#',
  '# syntax=docker/dockerfile:1\n',
  '# escape=`\n',
  '\t',
  'RUN ',
  'FROM ',
  'ONBUILD ',
  '\n  ',
  ': ',
  '- ',
  '=',
  ',',
  '//',
  '/*',
  '*/',
  '<<<<<<< HEAD\n',
  '\u2028',
];

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...SALT), fc.string({ maxLength: 8 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 200 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length ? m.at % (out.length + 1) : 0;
    if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.kind === 'duplicate')
      out = out.slice(0, at + m.length) + out.slice(at, at + m.length) + out.slice(at + m.length);
    else out = out.slice(0, at);
  }
  return out;
}

const mutated = (corpus: readonly string[]) =>
  fc
    .tuple(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([text, mutations]) => mutate(text, mutations));

/** Lines by the most generous reading of a line break, so no parser's count can exceed it. */
function lineCount(file: string): number {
  return readFileSync(file, 'utf8').split(/\r\n|[\n\r\u2028\u2029\u0085]/).length;
}

const options = { numRuns: RUNS, seed: SEED, endOnFailure: true };

beforeAll(() => ensureHclParser());

describe('parsers never throw on mutated input', () => {
  it('yaml', () => {
    fc.assert(
      fc.property(mutated(CORPORA.yaml), (text) => void parseYaml(text)),
      options,
    );
  });
  it('json', () => {
    fc.assert(
      fc.property(mutated(CORPORA.json), (text) => void parseJson(text)),
      options,
    );
  });
  it('shell', () => {
    fc.assert(
      fc.property(mutated(CORPORA.dockerfile), (text) => void parseShell(text)),
      options,
    );
  });
  it('hcl', () => {
    fc.assert(
      fc.property(
        mutated(CORPORA.terraform),
        (text) => void parseHcl(new SourceFile('main.tf', '/x/main.tf', text)),
      ),
      options,
    );
  });
  it('dockerfile', () => {
    fc.assert(
      fc.property(
        mutated(CORPORA.dockerfile),
        (text) => void splitDockerfile(new SourceFile('Dockerfile', '/x/Dockerfile', text)),
      ),
      options,
    );
  });
});

/** Plain RUN scripts, and what turns a plain script into a hard one or a broken one. */
const PLAIN_SCRIPTS = [
  'apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 ca-certificates',
  'CGO_ENABLED=0 GOOS=linux go build -o /out/app ./cmd/app 2>&1 | tee build.log',
  "echo 'done' > /tmp/state && sh -c 'set -e; make install' || exit 1",
  'set -eux; pip install --no-cache-dir -r requirements.txt # pinned\nnpm ci >/dev/null 2>>err.log',
  'FOO="a b" BAR=\'c\' cmd --opt="x y" \'z\'"w" > out.txt 2>/dev/null &>>all.log <in',
  'a \\\n  b && c \\\n  d | e # trailing\n\n# comment\nf 3>x\n',
  'echo "multi\nline" && printf \'%s\\n\' x; env A=1 sudo -u app make -j4',
  'apt-get update \\\n    && apt-get install -y curl \\\n    || exit 1 \\\n    | tee log',
  'exec java $JAVA_OPTS -jar "${APP_HOME}/app.jar" > $LOG && cp $SRC/*.so /usr/lib/',
];
const SHELL_SALT = [
  '&&',
  '||',
  '|',
  ';',
  ';;',
  '&',
  '>',
  '>>',
  '2>&1',
  '<',
  '<<',
  '"',
  "'",
  '=',
  '+=',
  '#',
  '\n',
  ' ',
  '\\\n',
  '\\',
  '$',
  '$(',
  '${',
  '$X',
  '?',
  '`',
  '(',
  ')',
  '{',
  '}',
  '*',
  '!',
  '~',
  'if ',
  'export ',
  '7',
  'sh -c ',
];
const shellMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...SHELL_SALT) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) }),
);

describe('the plain shell reader', () => {
  it('reads every mutated script it accepts exactly as mvdan-sh does', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.constantFrom(...PLAIN_SCRIPTS), fc.array(shellMutation, { minLength: 1, maxLength: 4 }))
          .map(([text, mutations]) => mutate(text, mutations)),
        (script) => {
          if (!readPlainScript(script)) return;
          const full = parseShell(script, { plainReader: false });
          expect(full.error).toBeUndefined();
          expect(JSON.stringify(parseShell(script))).toBe(JSON.stringify(full));
        },
      ),
      // Cheap enough to try many more variants than the scans below.
      { ...options, numRuns: RUNS * 40 },
    );
  });
});

describe('a scan of mutated files: no internal error, findings inside the files, within budget', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-fuzz-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let counter = 0;

  it.each([
    ['dockerfile', 'Dockerfile'],
    ['terraform', 'infra/main.tf'],
    ['yaml', 'deploy/app.yaml'],
    ['json', 'iam/policy.json'],
  ] as const)(
    '%s as %s',
    async (corpus, as) => {
      await fc.assert(
        fc.asyncProperty(mutated(CORPORA[corpus]), async (text) => {
          const root = path.join(scratch, String(counter++));
          mkdirSync(path.dirname(path.join(root, as)), { recursive: true });
          writeFileSync(path.join(root, as), text);
          const started = performance.now();
          const result = await scan({ root, checkers: CHECKERS });
          expect(performance.now() - started).toBeLessThan(SCAN_BUDGET_MS);
          for (const finding of result.findings) {
            expect(finding.ruleId).not.toBe('deploy-lint/internal-error');
            const file = path.join(root, finding.file);
            expect(existsSync(file)).toBe(true);
            expect(finding.line).toBeGreaterThanOrEqual(1);
            if (statSync(file).isFile()) expect(finding.line).toBeLessThanOrEqual(lineCount(file));
          }
          rmSync(root, { recursive: true, force: true });
        }),
        options,
      );
    },
    300_000,
  );
});
