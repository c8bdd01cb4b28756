import { describe, expect, it } from 'vitest';
import {
  cacheMountCovers,
  envValueFor,
  packageCommands,
  packagesKept,
  removesAfter,
  suggestEdits,
} from '../../../src/checkers/dockerfile/packages';
import { instructionAt, modelOf } from './helpers';

describe('packageCommands', () => {
  it('reads manager, action, options with their values and operands, through wrappers', () => {
    const run = instructionAt(
      'FROM alpine:3.20\nRUN sudo apk add --no-cache -t .deps --repository=http://r/x gcc musl-dev=1.2-r0\n',
      2,
    );
    const [pc] = packageCommands(run);
    expect(pc.manager).toBe('apk');
    expect(pc.outer.name).toBe('sudo');
    expect(pc.action).toBe('add');
    expect(pc.values('-t', '--virtual')).toEqual(['.deps']);
    expect(pc.values('--repository')).toEqual(['http://r/x']);
    expect(pc.operands.map((o) => o.value)).toEqual(['gcc', 'musl-dev=1.2-r0']);
  });

  it('splits short clusters, reads -q=2 and attached values, and stops options at --', () => {
    const run = instructionAt(
      'FROM debian:12\nRUN apt-get -qy -q=2 -o Dpkg::Options::=--force-confold install -- -weird curl\n',
      2,
    );
    const [pc] = packageCommands(run);
    expect(pc.options.map((o) => [o.name, o.value])).toEqual([
      ['-q', undefined],
      ['-y', undefined],
      ['-q', '2'],
      ['-o', 'Dpkg::Options::=--force-confold'],
    ]);
    expect(pc.action).toBe('install');
    expect(pc.operands.map((o) => o.value)).toEqual(['-weird', 'curl']);
    expect(pc.has('-y')).toBe(true);
    const pip = packageCommands(instructionAt('FROM python:3.12\nRUN pip install -rreq.txt flask\n', 2))[0];
    expect(pip.values('-r')).toEqual(['req.txt']);
    expect(pip.operands.map((o) => o.value)).toEqual(['flask']);
  });

  it('recognises python -m pip, versioned pips and go-style single-dash flags', () => {
    const run = instructionAt(
      'FROM python:3.12\nRUN python3.12 -I -m pip install x && pip3.11 install y && go install -ldflags "-s -w" ./cmd/z\n',
      2,
    );
    expect(
      packageCommands(run).map((pc) => [pc.manager, pc.action, pc.operands.map((o) => o.value)]),
    ).toEqual([
      ['pip', 'install', ['x']],
      ['pip', 'install', ['y']],
      ['go', 'install', ['./cmd/z']],
    ]);
  });

  it('ignores commands that are not package managers or only mention them', () => {
    const run = instructionAt(
      'FROM debian:12\nRUN echo apt-get install x && python3 script.py pip install\n',
      2,
    );
    expect(packageCommands(run)).toEqual([]);
  });
});

describe('removals and mounts', () => {
  it('knows what rm and find -delete remove, and when', () => {
    const run = instructionAt(
      'FROM debian:12\nRUN rm -rf /tmp/* && apt-get update && rm -rf /var/lib/apt/lists/* && find /var/cache/apt -type f -delete\n',
      2,
    );
    const update = packageCommands(run)[0].position;
    expect(removesAfter(run, '/var/lib/apt/lists', update)).toBe(true);
    expect(removesAfter(run, '/var/lib/apt/lists/partial', update)).toBe(true);
    expect(removesAfter(run, '/var/lib/apt', update)).toBe(false);
    expect(removesAfter(run, '/var/cache/apt/archives', update)).toBe(true);
    expect(removesAfter(run, '/tmp/x', update)).toBe(false);
  });

  it('treats cache and tmpfs mounts as covering the paths below their target', () => {
    const run = instructionAt(
      'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=tmpfs,dst=/var/lib/apt/ --mount=type=bind,target=/src true\n',
      2,
    );
    expect(cacheMountCovers(run, '/var/lib/apt/lists')).toBe(true);
    expect(cacheMountCovers(run, '/var/cache/apt')).toBe(true);
    expect(cacheMountCovers(run, '/var/cache/apk')).toBe(false);
    expect(cacheMountCovers(run, '/src')).toBe(false);
  });
});

describe('the environment a command sees', () => {
  it('gives the value a command sees: its own prefix, an earlier export, then ENV', () => {
    const text =
      'FROM python:3.12\nENV A=env\nRUN export A=exported && A=prefix pip install x && pip install y\n';
    const run = instructionAt(text, 3);
    const [first, second] = packageCommands(run);
    expect(envValueFor(run, 'A', first.outer)?.value).toBe('prefix');
    expect(envValueFor(run, 'A', second.outer)?.value).toBe('exported');
    expect(envValueFor(run, 'A')?.value).toBe('env');
    expect(envValueFor(run, 'B')).toBeUndefined();
  });
});

describe('packagesKept', () => {
  it('drops what the same RUN removes by name or by apk virtual group', () => {
    const run = instructionAt(
      'FROM alpine:3.20\nRUN apk add --no-cache curl && apk add --no-cache --virtual .b gcc make && apk del .b\n',
      2,
    );
    expect(packagesKept(run).map((p) => p.name)).toEqual(['curl']);
    const apt = instructionAt(
      'FROM debian:12\nRUN apt-get install -y gcc=4:12 curl && apt-get purge -y gcc\n',
      2,
    );
    expect(packagesKept(apt).map((p) => p.name)).toEqual(['curl']);
  });
});

describe('suggestEdits', () => {
  it('rewrites only the edited words of the instruction lines', () => {
    const text = 'FROM debian:12\nRUN apt-get update \\\n  && apt-get install curl\n';
    const model = modelOf(text);
    const run = model.instructionAt(2)!;
    const install = packageCommands(run)[1];
    expect(
      suggestEdits(model, run, [
        { command: install.command, word: install.command.words[install.actionIndex], insertAfter: ' -y' },
      ]),
    ).toEqual({ line: 3, endLine: 3, replacement: '  && apt-get install -y curl' });
  });

  it('gives up rather than guess inside sh -c scripts and tab-stripped heredocs', () => {
    const text =
      "FROM debian:12\nRUN sh -c 'apt-get install curl'\nRUN <<-EOF\n\tapt-get install jq\n\tEOF\n";
    const model = modelOf(text);
    for (const line of [2, 3]) {
      const run = model.instructionAt(line)!;
      const pc = packageCommands(run)[0];
      expect(pc.action).toBe('install');
      expect(
        suggestEdits(model, run, [
          { command: pc.command, word: pc.command.words[pc.actionIndex], insertAfter: ' -y' },
        ]),
      ).toBeUndefined();
    }
  });
});
