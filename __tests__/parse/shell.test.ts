import { describe, expect, it } from 'vitest';
import {
  commandChain,
  effectiveCommand,
  hasFlag,
  parseShell,
  parseShellInvocation,
  prefetchShellScripts,
  type ShellCommand,
} from '../../src/parse/shell';

function commands(script: string): ShellCommand[] {
  const parsed = parseShell(script);
  expect(parsed.error).toBeUndefined();
  return parsed.commands;
}

function byName(script: string, name: string): ShellCommand {
  const found = commands(script).find((c) => c.name === name);
  if (!found) throw new Error(`no ${name} in ${script}`);
  return found;
}

describe('parseShell: words', () => {
  it('removes quotes, keeps expansions as written and flags them dynamic', () => {
    const [cmd] = commands(
      `FOO=bar BAZ="a b" apt-get install -y "curl" 'x y' $HOME/bin\${X:-y} a\\ b $'t\\n'`,
    );
    expect(cmd.name).toBe('apt-get');
    expect(cmd.args).toEqual(['install', '-y', 'curl', 'x y', '$HOME/bin${X:-y}', 'a b', 't\n']);
    expect(cmd.words.map((w) => w.dynamic)).toEqual([false, false, false, false, false, true, false, false]);
    expect(cmd.envAssignments).toEqual([
      { name: 'FOO', value: 'bar', dynamic: false },
      { name: 'BAZ', value: 'a b', dynamic: false },
    ]);
  });

  it('gives character positions for non-ASCII scripts (the parser counts bytes)', () => {
    const cmds = commands('echo "héllo → wörld" && ls -l');
    expect(cmds[0].args).toEqual(['héllo → wörld']);
    expect(cmds[1]).toMatchObject({ name: 'ls', column: 25, text: 'ls -l' });
  });

  it('reports a bare assignment as a command without a name', () => {
    const [date, cmd] = commands('X=$(date) Y=2');
    // The command substitution runs first.
    expect(date).toMatchObject({ name: 'date', context: ['command-substitution'] });
    expect(cmd.name).toBe('');
    expect(cmd.envAssignments.map((a) => [a.name, a.dynamic])).toEqual([
      ['X', true],
      ['Y', false],
    ]);
  });

  it('lists export / declare arguments', () => {
    expect(byName('export A=1 B', 'export').args).toEqual(['A=1', 'B']);
  });
});

describe('parseShell: structure', () => {
  it('flattens and-or lists and pipelines with their connectors', () => {
    const cmds = commands('a && b || c | d |& e; f &\ng');
    expect(cmds.map((c) => [c.name, c.connectorBefore, c.connectorAfter, c.statement])).toEqual([
      ['a', '', '&&', 0],
      ['b', '&&', '||', 0],
      ['c', '||', '|', 0],
      ['d', '|', '|&', 0],
      ['e', '|&', ';', 0],
      ['f', ';', '&', 1],
      ['g', '&', '', 2],
    ]);
    expect(cmds[2].pipeline).toEqual({ id: 0, index: 0, length: 3 });
    expect(cmds[4].pipeline).toEqual({ id: 0, index: 2, length: 3 });
    expect(cmds[5].background).toBe(true);
  });

  it('knows the compound construct around each command', () => {
    const script = [
      'f() { g; }',
      'if h; then i; elif j; then k; else l; fi',
      'for x in 1 2; do m; done',
      'while n; do o; done',
      'case $v in a) p;; esac',
      '(q) > /log 2>&1',
      'r=$(s | t)',
      '! u',
    ].join('\n');
    const context = Object.fromEntries(commands(script).map((c) => [c.name, c.context.join('/')]));
    expect(context).toMatchObject({
      g: 'function/block',
      h: 'if-condition',
      i: 'if-body',
      j: 'if-condition',
      k: 'if-body',
      m: 'loop-body',
      n: 'loop-condition',
      o: 'loop-body',
      p: 'case',
      q: 'subshell',
      s: 'command-substitution',
      u: '',
    });
    // `else` branches are if-bodies too
    expect(commands(script).some((c) => c.name === 'l')).toBe(true);
    expect(byName(script, 'q').redirects).toEqual([
      { op: '>', target: '/log', dynamic: false },
      { op: '>&', fd: '2', target: '1', dynamic: false },
    ]);
    expect(byName(script, 'u').negated).toBe(true);
  });

  it('keeps heredoc bodies as data of the command', () => {
    const cmd = byName("cat <<'EOF' > /etc/app.conf\nkey=$VALUE\nFROM x\nEOF\necho done", 'cat');
    expect(cmd.redirects).toEqual([
      { op: '<<', target: 'EOF', dynamic: false, heredoc: 'key=$VALUE\nFROM x\n' },
      { op: '>', target: '/etc/app.conf', dynamic: false },
    ]);
    expect(
      commands("cat <<'EOF' > /etc/app.conf\nkey=$VALUE\nFROM x\nEOF\necho done").map((c) => c.name),
    ).toEqual(['cat', 'echo']);
  });

  it('parses literal sh -c scripts at the position of the shell', () => {
    const cmds = commands("echo start\nbash -eo pipefail -c 'curl -f x | tar x'");
    const curl = cmds.find((c) => c.name === 'curl')!;
    expect(curl).toMatchObject({ line: 2, context: ['sh-c'], options: { errexit: true, pipefail: true } });
    expect(curl.pipeline).toMatchObject({ index: 0, length: 2 });
    expect(commands('sh -c "$SCRIPT"').map((c) => c.name)).toEqual(['sh']);
  });

  it('maps lines through lineOf', () => {
    const parsed = parseShell('a\nb', { lineOf: (offset) => 10 + (offset > 1 ? 1 : 0) });
    expect(parsed.commands.map((c) => c.line)).toEqual([10, 11]);
  });
});

describe('parseShell: set options', () => {
  it('tracks set -e / -o pipefail / +e in order, scoped to subshells', () => {
    const cmds = commands('a\nset -euxo pipefail\nb\n(set +e; c)\nd\nset +o pipefail\ne');
    const options = Object.fromEntries(cmds.map((c) => [c.name, [c.options.errexit, c.options.pipefail]]));
    expect(options).toMatchObject({
      a: [false, false],
      b: [true, true],
      c: [false, true],
      d: [true, true],
      e: [true, false],
    });
  });

  it('applies a set that precedes a pipeline in the same and-or list', () => {
    const cmds = commands('set -o pipefail && curl x | sh');
    expect(cmds.find((c) => c.name === 'sh')!.options.pipefail).toBe(true);
  });

  it('starts from initial options', () => {
    const parsed = parseShell('a | b', { initialOptions: { pipefail: true } });
    expect(parsed.commands[1].options.pipefail).toBe(true);
    expect(parsed.finalOptions.pipefail).toBe(true);
  });
});

describe('wrappers', () => {
  it('keeps sudo visible and exposes the wrapped command, through several wrappers', () => {
    const [cmd] = commands('sudo -u app env FOO=1 nice -n 5 make install');
    expect(cmd.name).toBe('sudo');
    expect(commandChain(cmd).map((c) => c.name)).toEqual(['sudo', 'env', 'nice', 'make']);
    expect(cmd.wrapped!.wrapped!.envAssignments).toEqual([{ name: 'FOO', value: '1', dynamic: false }]);
    expect(effectiveCommand(cmd)).toMatchObject({ name: 'make', args: ['install'] });
  });

  it('knows wrappers with positional arguments and lookups that run nothing', () => {
    expect(effectiveCommand(commands('timeout 30s curl -f x')[0]).name).toBe('curl');
    expect(effectiveCommand(commands('gosu app node server.js')[0]).name).toBe('node');
    expect(commands('command -v curl')[0].wrapped).toBeUndefined();
    expect(commands('sudo')[0].wrapped).toBeUndefined();
  });
});

describe('helpers', () => {
  it('hasFlag understands clusters, long options with values and --', () => {
    expect(hasFlag(['-qy', 'curl'], '-y')).toBe(true);
    expect(hasFlag(['--yes'], '-y', '--yes')).toBe(true);
    expect(hasFlag(['--target=/x'], '--target')).toBe(true);
    expect(hasFlag(['--', '-y'], '-y')).toBe(false);
    expect(hasFlag(['--no-cache'], '-n')).toBe(false);
  });

  it('parseShellInvocation reads shells, their options and the -c script', () => {
    expect(parseShellInvocation(['/bin/bash', '-eo', 'pipefail', '-c', 'x'])).toEqual({
      shell: 'bash',
      options: { errexit: true, pipefail: true },
      scriptIndex: 4,
      expectsScript: false,
    });
    expect(parseShellInvocation(['/bin/sh', '-c'])).toMatchObject({ shell: 'sh', expectsScript: true });
    expect(parseShellInvocation(['/usr/bin/env', 'bash', 'script.sh'])).toMatchObject({ shell: 'bash' });
    expect(parseShellInvocation(['busybox', 'sh', '-c', 'x'])).toMatchObject({ shell: 'sh', scriptIndex: 3 });
    expect(parseShellInvocation(['python3', '-c', 'x'])).toBeUndefined();
    expect(parseShellInvocation(['powershell', '-Command'])).toBeUndefined();
  });
});

describe('errors', () => {
  it('returns a syntax error with line and column instead of throwing', () => {
    expect(parseShell('echo ok\necho "unterminated')).toMatchObject({
      commands: [],
      error: { line: 2, column: 6 },
    });
    expect(parseShell('if then fi').error?.message).toContain('must be followed by');
    expect(parseShell('cat <<EOF\nno end').error?.message).toContain('here-document');
  });

  it('parses an empty script to nothing', () => {
    expect(parseShell('')).toMatchObject({ commands: [] });
    expect(parseShell('# only a comment\n')).toMatchObject({ commands: [] });
  });
});

describe('parsing ahead in batches', () => {
  // Each group is parsed ahead together. Scripts that would read into each other when joined (a trailing
  // backslash or `&&`, an open quote, a heredoc, a syntax error) must still parse as they do alone.
  const groups: string[][] = [
    [
      'apt-get update -q && apt-get install -y curl-batch',
      'echo "a b" | tee /etc/batch.conf',
      'cd /opt/batch && make -j2',
      '( cd batch && y ) > log 2>&1 &',
      'case $batch in x) echo x;; esac',
      '# a batch comment only',
      '',
      'FOO=1 sudo -E env BAR=2 make batch',
      'set -o pipefail; curl -fsSL https://batch.example | sh',
      'bash -c "apt-get install -y batch-inner"',
    ],
    ['echo batch-a \\', 'echo batch-b'],
    ['apt-get update --batch &&', 'apt-get install -y batch-two'],
    ['echo "batch-open', 'batch-close" && ls'],
    ['cat <<EOF > /batch-heredoc', 'echo body', 'EOF'],
    ['if true-batch; then', 'echo batch-then'],
    ['echo batch-fine', 'echo $(( 1 +', '2 ))', 'echo batch-after'],
  ];
  // Parsed alone first (other options, so nothing is taken from the cache), then ahead and through the cache.
  const alone = groups.map((group) =>
    group.map((script) => parseShell(script, { initialOptions: { xtrace: false } })),
  );

  it.each(groups.map((group, i) => [i, group] as const))(
    'group %i parses as each script alone',
    (i, group) => {
      prefetchShellScripts(group);
      expect(group.map((script) => parseShell(script))).toEqual(alone[i]);
    },
  );
});
