import { describe, expect, it } from 'vitest';
import { instructionAt, modelOf } from './helpers';
import {
  copyArguments,
  declaredVariables,
  finalImageStages,
  type Instruction,
} from '../../../src/checkers/dockerfile/model';

function lookup(instruction: Instruction, name: string) {
  const found = instruction.env.lookup(name);
  return found.state === 'defined' ? { state: found.state, value: found.value, kind: found.kind } : found;
}

describe('environment before each instruction', () => {
  const text = [
    'FROM alpine:3.20', //                         1
    'ENV A=1 B=$A', //                             2
    'ENV C=$B', //                                 3
    'RUN echo $C', //                              4
  ].join('\n');

  it('gives an ENV only the values set before it, not earlier pairs of the same ENV', () => {
    const model = modelOf(text);
    expect(lookup(model.instructionAt(3)!, 'A')).toEqual({ state: 'defined', value: '1', kind: 'env' });
    // B=$A was substituted with the A from before line 2: unknown base env, so B's value is unknown.
    expect(lookup(model.instructionAt(3)!, 'B')).toEqual({ state: 'defined', value: undefined, kind: 'env' });
    expect(lookup(model.instructionAt(2)!, 'A')).toEqual({ state: 'maybe', wellKnown: false });
  });

  it('treats names the base image may set as maybe, and nothing at all after scratch', () => {
    expect(lookup(instructionAt(text, 4), 'NOT_SET')).toEqual({ state: 'maybe', wellKnown: false });
    expect(lookup(instructionAt(text, 4), 'PATH')).toEqual({ state: 'maybe', wellKnown: true });
    expect(lookup(instructionAt(text, 4), 'HTTPS_PROXY')).toEqual({ state: 'maybe', wellKnown: true });
    const scratch = 'FROM scratch\nENV X=$Y\nCOPY a /a\n';
    expect(lookup(instructionAt(scratch, 3), 'Y')).toEqual({ state: 'undefined' });
    expect(lookup(instructionAt(scratch, 3), 'X')).toEqual({ state: 'defined', value: '', kind: 'env' });
  });

  it('knows HOME is a process variable, and platform args need an ARG in the stage', () => {
    const home = instructionAt(text, 4).env;
    expect(home.lookup('HOME')).toEqual({ state: 'maybe', wellKnown: true });
    expect(home.lookup('HOME', 'docker')).toEqual({ state: 'maybe', wellKnown: false });
    const platform =
      'ARG TARGETARCH\nFROM alpine:3.20\nRUN echo $TARGETARCH\nARG TARGETARCH\nRUN echo $TARGETARCH\n';
    expect(lookup(instructionAt(platform, 2), 'TARGETARCH')).toMatchObject({
      state: 'defined',
      kind: 'builtin',
    });
    expect(lookup(instructionAt(platform, 3), 'TARGETARCH')).toEqual({ state: 'maybe', wellKnown: false });
    expect(lookup(instructionAt(platform, 5), 'TARGETARCH')).toMatchObject({
      state: 'defined',
      kind: 'builtin',
    });
  });

  it('knows the environment of well-known official images', () => {
    const java = 'FROM eclipse-temurin:21-jre\nRUN echo $JAVA_HOME\n';
    expect(lookup(instructionAt(java, 2), 'JAVA_HOME')).toEqual({ state: 'maybe', wellKnown: true });
  });

  it('scopes global ARGs to FROM lines and to stages that redeclare them', () => {
    const scoped = [
      'ARG VERSION=3.20', //          1
      'ARG UNUSED=x', //              2
      'FROM alpine:${VERSION}', //    3
      'RUN echo $VERSION', //         4
      'ARG VERSION', //               5
      'RUN echo $VERSION', //         6
      'FROM alpine:3.20 AS second', // 7
      'RUN echo $VERSION', //         8
    ].join('\n');
    const model = modelOf(scoped);
    expect(model.globalArgs.map((a) => a.line)).toEqual([1, 2]);
    expect(model.stages[0].base.raw).toBe('alpine:3.20');
    expect(model.stages[0].base.tag).toBe('3.20');
    expect(lookup(model.instructionAt(4)!, 'VERSION')).toEqual({ state: 'maybe', wellKnown: false });
    expect(lookup(model.instructionAt(6)!, 'VERSION')).toEqual({
      state: 'defined',
      value: '3.20',
      kind: 'arg',
    });
    expect(lookup(model.instructionAt(8)!, 'VERSION')).toEqual({ state: 'maybe', wellKnown: false });
  });

  it('lets a stage built on an earlier stage inherit its ENV but not its ARGs', () => {
    const chained = [
      'FROM alpine:3.20 AS base',
      'ARG BUILD_ONLY=1',
      'ENV APP_HOME=/srv/app',
      'FROM base',
      'RUN echo $APP_HOME $BUILD_ONLY',
    ].join('\n');
    const run = instructionAt(chained, 5);
    expect(lookup(run, 'APP_HOME')).toEqual({ state: 'defined', value: '/srv/app', kind: 'env' });
    expect(lookup(run, 'BUILD_ONLY').state).toBe('maybe');
    expect(run.stage?.base.isStageRef).toBe(true);
    expect(run.stage?.binSh).toBe('ash');
  });

  it('marks an ARG without default as defined with an unknown value', () => {
    const text2 = 'FROM alpine:3.20\nARG TOKEN\nRUN echo $TOKEN\n';
    expect(lookup(instructionAt(text2, 3), 'TOKEN')).toEqual({
      state: 'defined',
      value: undefined,
      kind: 'arg',
    });
  });

  it('expands like Docker: defaults, quotes and escapes', () => {
    const text3 =
      'FROM alpine:3.20\nENV A=1\nENV B="$A x" C=\'$A\' D=\\$A E=${MISSING:-fallback}\nRUN true\n';
    const run = instructionAt(text3, 4);
    expect(lookup(run, 'B')).toMatchObject({ value: '1 x' });
    expect(lookup(run, 'C')).toMatchObject({ value: '$A' });
    expect(lookup(run, 'D')).toMatchObject({ value: '$A' });
    // MISSING is unknown (the base image may set it): the value is not exact.
    expect(lookup(run, 'E')).toMatchObject({ value: undefined });
    expect(run.env.expand('${MISSING:-fallback}').value).toBe('fallback');
  });

  it('lists ENV and ARG assignments with Docker-substituted values, legacy form included', () => {
    const text = 'FROM alpine:3.20\nARG V=1\nENV X="a b" Y=${V}2 Z\nENV LEGACY some value\n';
    const model = modelOf(text);
    const declared = (line: number) => declaredVariables(model, model.instructionAt(line)!);
    expect(declared(3)).toEqual([
      { name: 'X', value: 'a b', hasValue: true },
      { name: 'Y', value: '12', hasValue: true },
      { name: 'Z', value: undefined, hasValue: false },
    ]);
    expect(declared(4)).toEqual([{ name: 'LEGACY', value: 'some value', hasValue: true }]);
  });
});

describe('stages and base images', () => {
  it('resolves FROM ${ARG} with a default, and records unresolved args', () => {
    const text = [
      'ARG REGISTRY=ghcr.io/acme',
      'ARG BASE=${REGISTRY}/python:3.12-slim',
      'ARG NODE_VERSION',
      'FROM ${BASE} AS app',
      'FROM node:${NODE_VERSION}-alpine AS assets',
      'FROM --platform=$BUILDPLATFORM golang:1.22@sha256:' + 'a'.repeat(64) + ' AS go',
      'FROM scratch',
    ].join('\n');
    const model = modelOf(text);
    const [app, assets, go, last] = model.stages;
    expect(app.name).toBe('app');
    expect(app.base).toMatchObject({
      raw: 'ghcr.io/acme/python:3.12-slim',
      registry: 'ghcr.io',
      repository: 'acme/python',
      tag: '3.12-slim',
      exact: true,
      unresolvedArgs: [],
    });
    expect(assets.base.unresolvedArgs).toEqual(['NODE_VERSION']);
    expect(assets.base.exact).toBe(false);
    expect(go.platform).toBe('$BUILDPLATFORM');
    expect(go.base.digest).toBe('sha256:' + 'a'.repeat(64));
    expect(go.base.unresolvedArgs).toEqual([]);
    expect(last.base.isScratch).toBe(true);
    expect(last.isFinal).toBe(true);
    expect(model.finalStage).toBe(last);
  });

  it('normalizes Docker Hub names and recognizes stage references only to earlier stages', () => {
    const model = modelOf('FROM python:3.12 AS build\nFROM build\nFROM later\nFROM alpine AS later\n');
    expect(model.stages[0].base).toMatchObject({ registry: 'docker.io', repository: 'library/python' });
    expect(model.stages[1].base.isStageRef).toBe(true);
    expect(model.stages[2].base.isStageRef).toBe(false);
    expect(model.stages[2].base.repository).toBe('library/later');
  });

  it('honours the configured final stage', () => {
    const text = 'FROM alpine:3.20 AS runtime\nUSER app\nFROM alpine:3.20 AS test\n';
    const model = modelOf(text, { config: { finalStage: 'runtime' } });
    expect(model.finalStage?.name).toBe('runtime');
    expect(model.stages[1].isFinal).toBe(false);
  });

  it('ships the final stage and the stages it builds on, not the ones it copies from', () => {
    const model = modelOf(
      'FROM debian:12 AS base\nFROM base AS build\nFROM base AS final\nCOPY --from=build /a /a\n',
    );
    expect([...finalImageStages(model)].map((s) => s.name)).toEqual(['final', 'base']);
  });

  it('knows what /bin/sh is on the base', () => {
    const model = modelOf(
      'FROM debian:12-slim\nFROM alpine:3.20\nFROM python:3.12-alpine\nFROM ubuntu:24.04\nFROM acme/base:1\n',
    );
    expect(model.stages.map((s) => s.binSh)).toEqual(['dash', 'ash', 'ash', 'dash', 'unknown']);
  });
});

describe('USER, WORKDIR and SHELL per instruction', () => {
  const text = [
    'FROM debian:12-slim AS build', //                      1
    'RUN make', //                                          2
    'USER 1000:1000', //                                    3
    'WORKDIR /src', //                                      4
    'WORKDIR app/../lib', //                                5
    'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]', //      6
    'RUN make | tee log', //                                7
    'FROM build AS final', //                               8
    'ARG NAME=app', //                                      9
    'USER $NAME', //                                        10
    'CMD ["x"]', //                                         11
  ].join('\n');

  it('tracks the user, numeric or not, across stages built on each other', () => {
    const model = modelOf(text);
    expect(model.instructionAt(2)!.user.value).toBeUndefined();
    expect(model.instructionAt(4)!.user).toMatchObject({ value: '1000:1000', numeric: true, isRoot: false });
    expect(model.instructionAt(9)!.user.value).toBe('1000:1000');
    expect(model.instructionAt(11)!.user).toMatchObject({ value: 'app', numeric: false, isRoot: false });
    expect(model.instructionAt(11)!.user.setAt?.line).toBe(10);
  });

  it('resolves relative WORKDIRs against the previous one', () => {
    const model = modelOf(text);
    expect(model.instructionAt(2)!.workdir.path).toBeUndefined();
    expect(model.instructionAt(5)!.workdir.path).toBe('/src');
    expect(model.instructionAt(6)!.workdir.path).toBe('/src/lib');
    expect(model.instructionAt(11)!.workdir.path).toBe('/src/lib');
  });

  it('applies SHELL options to later RUNs', () => {
    const model = modelOf(text);
    expect(model.instructionAt(2)!.shell).toMatchObject({ name: 'sh', posix: true, binSh: 'dash' });
    const run = model.instructionAt(7)!;
    expect(run.shell).toMatchObject({ name: 'bash', options: { errexit: true, pipefail: true } });
    const tee = run.run!.commands.find((c) => c.name === 'tee')!;
    expect(tee.options.pipefail).toBe(true);
    expect(tee.pipeline).toMatchObject({ index: 1, length: 2 });
  });

  it('does not parse scripts of a non-POSIX SHELL', () => {
    const model = modelOf(
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object Name\n',
    );
    const run = model.instructionAt(3)!;
    expect(run.shell.posix).toBe(false);
    expect(run.run!.commands).toEqual([]);
    expect(model.problems).toEqual([]);
  });
});

describe('exec form and shell form', () => {
  it('parses JSON arrays itself, comments inside continued arrays included', () => {
    const text =
      'FROM alpine:3.20\nCMD ["sh", \\\n  # a comment\n  "-c", "echo $HOME  twice"]\nENTRYPOINT ["app", "--port=$PORT"]\n';
    const model = modelOf(text);
    const cmd = model.instructionAt(2)!;
    expect(cmd.line).toBe(2);
    expect(cmd.endLine).toBe(4);
    expect(cmd.form).toBe('exec');
    expect(cmd.execArgs).toEqual(['sh', '-c', 'echo $HOME  twice']);
    expect(cmd.execution?.execShell).toBe(true);
    expect(cmd.variables).toMatchObject([{ name: 'HOME', expandedBy: 'shell' }]);
    const entrypoint = model.instructionAt(5)!;
    expect(entrypoint.variables).toMatchObject([
      { name: 'PORT', expandedBy: 'none', line: 5, column: 28, argument: '--port=$PORT' },
    ]);
  });

  it('reports a broken JSON array and runs it as shell form', () => {
    const model = modelOf("FROM alpine:3.20\nCMD ['python', 'app.py']\n");
    const cmd = model.instructionAt(2)!;
    expect(cmd.form).toBe('shell');
    expect(cmd.jsonError).toBeDefined();
    expect(model.problems).toMatchObject([{ line: 2 }]);
  });

  it('reads shell commands with their structure and file lines', () => {
    const text =
      'FROM debian:12\nRUN apt-get update && \\\n    # comment inside the continuation\n    sudo apt-get install -y curl \\\n && curl -fsSL https://x | sh\n';
    const run = modelOf(text).instructionAt(2)!;
    expect(run.args).not.toContain('comment');
    const commands = run.run!.commands;
    expect(commands.map((c) => [c.name, c.line])).toEqual([
      ['apt-get', 2],
      ['sudo', 4],
      ['curl', 5],
      ['sh', 5],
    ]);
    expect(commands[1].wrapped).toMatchObject({ name: 'apt-get', args: ['install', '-y', 'curl'] });
    expect(commands[1].connectorBefore).toBe('&&');
    expect(commands[3].pipeline).toMatchObject({ index: 1, length: 2 });
  });

  it('parses HEALTHCHECK CMD in both forms and knows HEALTHCHECK NONE', () => {
    const model = modelOf(
      'FROM alpine:3.20\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK NONE\n',
    );
    const check = model.instructionAt(2)!;
    expect(check.flag('interval')).toBe('30s');
    expect(check.execution?.commands.map((c) => c.name)).toEqual(['curl', 'exit']);
    expect(model.instructionAt(3)!.healthcheckNone).toBe(true);
  });
});

describe('heredocs', () => {
  it('runs a RUN <<EOF body as the script, with set -e tracked', () => {
    const text =
      'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\nRUN true\n';
    const model = modelOf(text);
    const run = model.instructionAt(2)!;
    expect(run.endLine).toBe(6);
    expect(run.heredocs[0]).toMatchObject({ delimiter: 'EOF', isScript: true, line: 3, closingLine: 6 });
    const install = run.run!.commands.find((c) => c.args[0] === 'install')!;
    expect(install.line).toBe(5);
    expect(install.options.errexit).toBe(true);
    expect(model.instructionAt(7)!.keyword).toBe('RUN');
  });

  it('takes errexit from a shell shebang and leaves other interpreters unparsed', () => {
    const text =
      'FROM debian:12\nRUN <<EOF\n#!/bin/sh -e\nmkdir /x\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nprint("hi" | 1)\nEOF\n';
    const model = modelOf(text);
    expect(model.instructionAt(4)!.run!.commands[0].options.errexit).toBe(true);
    const python = model.instructionAt(8)!.run!;
    expect(python.interpreter).toBe('python3');
    expect(python.commands).toEqual([]);
    expect(model.problems).toEqual([]);
  });

  it("keeps a heredoc fed to a command as data, and repairs the `<< 'EOF'` mis-split", () => {
    const text =
      "FROM alpine:3.20\nRUN cat << 'EOF' > /etc/banner\nFROM not-an-instruction\nhello $USER\nEOF\nUSER app\n";
    const model = modelOf(text);
    expect(model.instructions.map((i) => [i.keyword, i.line, i.endLine])).toEqual([
      ['FROM', 1, 1],
      ['RUN', 2, 5],
      ['USER', 6, 6],
    ]);
    expect(model.stages).toHaveLength(1);
    const run = model.instructionAt(2)!;
    expect(run.heredocs[0]).toMatchObject({
      quoted: true,
      isScript: false,
      body: 'FROM not-an-instruction\nhello $USER\n',
    });
    expect(run.run!.commands.map((c) => c.name)).toEqual(['cat']);
    expect(run.run!.commands[0].redirects).toMatchObject([{ op: '<<' }, { op: '>', target: '/etc/banner' }]);
    expect(model.problems).toEqual([]);
  });

  it('strips tabs for <<- and reports an unterminated heredoc', () => {
    const model = modelOf(
      'FROM alpine:3.20\nRUN <<-EOT\n\tset -eu\n\techo hi\n\tEOT\nRUN <<EOF\necho never closed\n',
    );
    expect(model.instructionAt(2)!.run!.commands.map((c) => [c.name, c.line, c.options.errexit])).toEqual([
      ['set', 3, false],
      ['echo', 4, true],
    ]);
    expect(model.problems).toMatchObject([{ line: 6 }]);
  });

  it('does not treat COPY <<EOF bodies as instructions', () => {
    const model = modelOf('FROM alpine:3.20\nCOPY <<EOF /etc/app.conf\nRUN this is config text\nEOF\n');
    expect(model.instructions.map((i) => i.keyword)).toEqual(['FROM', 'COPY']);
    expect(model.problems).toEqual([]);
  });
});

describe('RUN mounts and flags', () => {
  it('parses --mount options', () => {
    const text =
      'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip,id=pip,sharing=locked \\\n    --mount=type=secret,id=npmrc,target=/root/.npmrc,required \\\n    --mount=type=bind,from=build,source=/out,target=/in,ro \\\n    --network=none pip install -r /in/req.txt\n';
    const run = modelOf(text).instructionAt(2)!.run!;
    expect(run.mounts).toMatchObject([
      { type: 'cache', target: '/root/.cache/pip', id: 'pip', readonly: false },
      { type: 'secret', id: 'npmrc', target: '/root/.npmrc' },
      { type: 'bind', from: 'build', source: '/out', target: '/in', readonly: true },
    ]);
    expect(run.network).toBe('none');
    expect(run.commands.map((c) => c.name)).toEqual(['pip']);
  });

  it('reads COPY flags and substitutes their variables', () => {
    const model = modelOf(
      'FROM alpine:3.20\nARG UID=1000\nCOPY --from=build --chown=${UID}:${UID} --chmod=0644 --link a /b\n',
    );
    const copy = model.instructionAt(3)!;
    expect(copy.flags.map((f) => [f.name, f.value, f.expanded])).toEqual([
      ['from', 'build', 'build'],
      ['chown', '${UID}:${UID}', '1000:1000'],
      ['chmod', '0644', '0644'],
      ['link', undefined, undefined],
    ]);
    expect(copy.args).toBe('a /b');
  });

  it('lists COPY sources in both forms', () => {
    const text = 'FROM alpine:3.20\nCOPY --chown=1:1 a "b c" /dst/\nCOPY ["x", "y z", "/dst/"]\n';
    const model = modelOf(text);
    const copySources = (line: number) =>
      copyArguments(model, model.instructionAt(line)!)?.sources.map((source) => source.value);
    expect(copySources(2)).toEqual(['a', 'b c']);
    expect(copySources(3)).toEqual(['x', 'y z']);
  });
});

describe('bad input', () => {
  it('reports unknown instructions and missing arguments and still reads the rest', () => {
    const model = modelOf('FROM alpine:3.20\nRUNN apk add curl\nCOPY\nUSER app\n');
    expect(model.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(model.instructionAt(4)!.user.value).toBeUndefined();
    expect(model.finalStage!.instructions.map((i) => i.keyword)).toEqual(['RUNN', 'COPY', 'USER']);
  });

  it('gives one problem for a binary file', () => {
    const model = modelOf('\u0000\u0001\u0002ELF\u0000binary');
    expect(model.binary).toBe(true);
    expect(model.problems).toHaveLength(1);
    expect(model.instructions).toEqual([]);
  });

  it('reports a shell syntax error at its line', () => {
    const model = modelOf('FROM alpine:3.20\nRUN echo ok && \\\n    if then fi\n');
    expect(model.problems).toMatchObject([{ line: 3 }]);
  });

  it('honours the escape directive', () => {
    const model = modelOf(
      '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n    C:\\\\\n',
    );
    expect(model.escapeChar).toBe('`');
    expect(model.instructionAt(3)!.endLine).toBe(4);
    expect(model.directives).toMatchObject([{ name: 'escape', value: '`', line: 1 }]);
  });
});
