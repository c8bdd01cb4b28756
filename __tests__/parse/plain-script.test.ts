import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { writeCorpus } from '../../bench/corpus';
import { CHECKERS } from '../../src/checkers';
import { splitDockerfile } from '../../src/checkers/dockerfile/source';
import { SourceFile } from '../../src/engine/workspace';
import { readPlainScript } from '../../src/parse/plain-script';
import { parseShell } from '../../src/parse/shell';

// The plain reader is only a shortcut: on every script it accepts, parseShell must return exactly what
// mvdan-sh's tree gives, down to offsets, lines, connectors, pipelines and `set` options.

/** Scripts written to probe the edges of what the reader accepts. */
const PROBES = [
  '',
  '   ',
  'make',
  '# nothing but a comment',
  'make # and a comment',
  'make #not-an-arg x',
  'echo a#b c',
  'a\n\n  b',
  'a;b',
  'a ; b ;',
  'a ;\n b',
  'a && \n b',
  'a &&\n\n b',
  'a | b | c',
  'a | b && c | d || e',
  'a |\n b',
  'a || b && c',
  'a 2>/dev/null',
  'a 2> /dev/null',
  'a 2 >/dev/null',
  'a >/dev/null 2>&1',
  'a &>/dev/null && echo ok',
  'a &>> log',
  'a >> log 2>>err',
  'a < in > out',
  '> out a',
  '2>err a b',
  'a >&2',
  'a 1>&2 arg',
  'a <&0',
  'a >& f',
  'a 3>x 10>y',
  'a > f b > g',
  'a 2>&1 | b',
  'a | b > c | d',
  'FOO=1',
  'FOO=1 BAR=2 cmd arg X=3',
  'FOO= cmd',
  'FOO="a b" cmd',
  '"FOO"=1 cmd',
  'a=b=c cmd',
  'cmd FOO+=1',
  '=1',
  'echo if then fi',
  'a "" \'\'',
  'a \'x\'"y"z',
  'echo "wow!"',
  "echo 'not $expanded'",
  "echo 'multi\nline' && b",
  'echo "multi\nline" && b',
  "echo 'ünïcode' && a",
  'apt-get install -y pkg=1.2-3 libfoo:amd64',
  'echo %s ^x @y +z ,w',
  "sh -c 'a && b'",
  'bash -c "a | b"',
  "sh -c 'echo $HOME'",
  "bash -eo pipefail -c 'curl -fsSL x | sh'",
  'set -e && a',
  'set -eux; a',
  'set -o pipefail\na | b',
  'set +e; a; set -e; b',
  'sudo -u nobody env FOO=1 make',
  'timeout 5 curl x',
  'nohup a >/dev/null 2>&1',
  'a \\\n  b',
  'a && \\\n  b',
  // The most common RUN of all: a continuation before the operator that chains the next command.
  'apt-get update \\\n    && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*',
  'a \\\n || b',
  'a \\\n\t&&b',
  'a 2>&1 \\\n | b',
  'a \\\n|b',
  'a > f \\\n && b',
  'a \\\n || \\\n b',
  // Parameter expansions stay as written and make their word dynamic; globs are literal words.
  'exec java $JAVA_OPTS -jar /opt/app.jar',
  'echo "$HOME" "${APP}-x" a$B_1c',
  'FOO=$BAR BAZ="${QUX}/bin" cmd > $LOG 2>"$ERR"',
  '$CMD arg',
  'sudo -u $USER_NAME env A=$B make',
  "echo '$NOT' \"$YES\"'$not'",
  'sh -c "echo $X && y"',
  'cp $SRC/* /dst/ && ls a?b *.txt',
  'echo a#b$C',
  'curl https://example.com/x?y=1',
  'a\tb',
  'cd /x && make -j4 && make install',
  'a -- -b',
  '- a',
  'a;\n\nb',
  'a\n#c\nb',
  '#!/bin/sh\nset -e\na',
];

/** Scripts with a syntax error: the reader must leave them to mvdan-sh, which reports the error. */
const BROKEN = [
  ';a',
  'a;;b',
  'a; ;b',
  'a\n;b',
  'a &&',
  'a |',
  '| a',
  'a && && b',
  'a ||| b',
  'a >',
  'a > > b',
  'if',
  'echo "open',
  "echo 'open",
  'a >./out> 2>&1',
  'echo $X(y)',
];

/** Scripts the reader does not take on, though they are valid. */
const NOT_PLAIN = [
  'echo $(date)',
  'echo "$(date)"',
  'echo $1 $@ $? $$',
  'echo ${X:-y} ${#X} ${X[0]}',
  'echo "cost $"',
  "echo $'x'",
  'echo $"x"',
  'ls *(x)',
  'a\\\nb',
  'a>b',
  'a x2>/dev/null',
  'a &',
  'a |& b',
  'a >|f',
  'a <>f',
  'cat <<EOF\nx\nEOF',
  'FOO+=1 cmd',
  'export A=1',
  'time make',
  'if true; then a; fi',
  '{ a; b; }',
  '(a)',
  '! a',
  'xargs -I{} a',
  'cd ~',
  'a\r\nb',
  // Cases the fuzz test found: the parser reads each of them its own way.
  'a # x\\\nb',
  "echo 'done'# x",
  'set \\\n; make',
  'a \\\n & b',
  'a \\\n |& b',
  'a \\\n \\\n && b',
  'a \\\n',
  'a >out>x',
  // After an expansion the parser reads `#` as a comment.
  'echo $X# y',
  'echo ${X}#y',
];

function scriptsOf(dockerfile: string): string[] {
  const split = splitDockerfile(new SourceFile('Dockerfile', '', dockerfile));
  const scripts: string[] = [];
  for (const instruction of split.instructions) {
    for (const heredoc of instruction.heredocs) scripts.push(heredoc.body);
    if (!['RUN', 'CMD', 'ENTRYPOINT'].includes(instruction.keyword)) continue;
    if (!instruction.args.text.trimStart().startsWith('[')) scripts.push(instruction.args.text);
  }
  return scripts;
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-plain-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every shell script of the rule examples and of the benchmark corpus, plus the probes above. */
function allScripts(): string[] {
  const dockerfiles: string[] = [];
  for (const rule of CHECKERS.flatMap((c) => c.rules)) {
    if (!rule.example || !/Dockerfile/.test(rule.example.file)) continue;
    dockerfiles.push(rule.example.bad, rule.example.good);
  }
  writeCorpus(scratch, { scale: 1 });
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/Dockerfile/.test(name)) dockerfiles.push(readFileSync(full, 'utf8'));
    }
  };
  walk(scratch);
  return [...new Set([...PROBES, ...dockerfiles.flatMap(scriptsOf)])];
}

describe('readPlainScript', () => {
  it('yields exactly the commands mvdan-sh yields, on every script it accepts', () => {
    const scripts = allScripts();
    const accepted = scripts.filter((script) => readPlainScript(script));
    // Most scripts are plain; a reader that accepted nothing would make this test vacuous.
    expect(accepted.length).toBeGreaterThan(scripts.length / 2);
    for (const script of accepted) {
      for (const initialOptions of [undefined, { errexit: true, pipefail: true }]) {
        const plain = parseShell(script, { initialOptions });
        const full = parseShell(script, { initialOptions, plainReader: false });
        expect(full.error, script).toBeUndefined();
        expect(plain, script).toStrictEqual(full);
        // Same keys in the same order, so nothing downstream can tell the two apart.
        expect(JSON.stringify(plain), script).toBe(JSON.stringify(full));
      }
    }
  });

  it('accepts every probe above', () => {
    expect(PROBES.filter((script) => !readPlainScript(script))).toEqual([]);
  });

  it('never accepts a syntax error', () => {
    for (const script of BROKEN) {
      expect(readPlainScript(script), script).toBeUndefined();
      expect(parseShell(script).error, script).toBeDefined();
    }
  });

  it('leaves other expansions, extended globs, heredocs, compound commands and odd operators to mvdan-sh', () => {
    for (const script of NOT_PLAIN) {
      expect(readPlainScript(script), script).toBeUndefined();
      expect(parseShell(script).error, script).toBeUndefined();
    }
  });
});

describe('loading mvdan-sh', () => {
  it('happens only for a script the plain reader cannot read', async () => {
    vi.resetModules();
    const runtimeFile = await import('../../src/parse/runtime-file');
    const load = vi.spyOn(runtimeFile, 'requireRuntimeFile');
    const shell = await import('../../src/parse/shell');
    shell.parseShell('apt-get update && apt-get install -y curl');
    expect(load).not.toHaveBeenCalled();
    expect(shell.parseShell('echo "$(date)"').commands.map((c) => c.name)).toEqual(['date', 'echo']);
    expect(load).toHaveBeenCalledTimes(1);
    load.mockRestore();
  });
});
