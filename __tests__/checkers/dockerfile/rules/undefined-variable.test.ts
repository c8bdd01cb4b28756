import { describe, expect, it } from 'vitest';
import { undefinedVariable } from '../../../../src/checkers/dockerfile/rules/undefined-variable';
import { findingsFor, lintDockerfile } from '../helpers';

const ID = 'dockerfile/undefined-variable';

describe('dockerfile/undefined-variable', () => {
  it('fires on variables no ARG or ENV defines', async () => {
    const found = await findingsFor(undefinedVariable.example!.bad, ID);
    expect(found.map((f) => [f.line, f.column])).toEqual([[2, 9]]);
    expect(found[0].message).toContain('`APP_DIR` is not defined by any ARG or ENV before this WORKDIR');
    expect(found[0].message).toContain('Docker substitutes an empty string');
  });

  it('fires on a build arg read by CMD at run time', async () => {
    const found = await findingsFor('FROM alpine:3.20\nARG PORT=8080\nCMD serve --port "$PORT"\n', ID);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('only an ARG');
  });

  it('is quiet on declared, well-known, defaulted and base-image variables', async () => {
    expect(await findingsFor(undefinedVariable.example!.good, ID)).toEqual([]);
    const text = [
      'ARG VERSION=1',
      'FROM eclipse-temurin:21-jre AS app',
      'ARG TARGETARCH',
      'ARG VERSION',
      'ENV PATH=$JAVA_HOME/bin:$PATH APP_VERSION=$VERSION',
      'LABEL arch=$TARGETARCH proxy=$HTTP_PROXY',
      'WORKDIR ${APP_DIR:-/srv/app}',
      'RUN for f in a b; do echo $f $UNDECLARED_IN_RUN; done',
      'CMD ["sh", "-c", "PORT=8080; exec java -jar app.jar --port=$PORT"]',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('knows the ENV of a base image another Dockerfile of the repository builds', async () => {
    const ID = 'dockerfile/undefined-variable';
    const extraFiles = {
      'images/py-base/Dockerfile':
        'FROM python:3.12-slim\nENV VENV=/opt/venv PIP_INDEX=https://pypi.internal\n',
      'Dockerfile.tools': 'FROM debian:12-slim AS toolbox\nENV TOOLS_DIR=/opt/tools\n',
    };
    const text = [
      'FROM acme/py-base:2024.1 AS app',
      'RUN python -m venv $VENV',
      'WORKDIR ${VENV}/app',
      'FROM toolbox',
      'WORKDIR $TOOLS_DIR',
      'WORKDIR $NOWHERE',
    ].join('\n');
    const found = await findingsFor(text, ID, { fileName: 'services/api/Dockerfile', extraFiles });
    expect(found.map((f) => f.message.split('`')[1])).toEqual(['NOWHERE']);
  });

  it('knows a stage built on an earlier one inherits its ENV', async () => {
    const text = 'FROM alpine:3.20 AS base\nENV APP_HOME=/srv\nFROM base\nWORKDIR $APP_HOME\n';
    expect(await findingsFor(text, ID)).toEqual([]);
  });
  it('leaves a variable set earlier in the same ENV to env-same-instruction-ref, one finding per mistake', async () => {
    const same = 'FROM alpine:3.20\nENV APP_HOME=/opt/app PATH=$APP_HOME/bin:$PATH\n';
    expect(await findingsFor(same, ID)).toEqual([]);
    const atReference = (await lintDockerfile(same)).filter((f) => f.line === 2).map((f) => f.ruleId);
    expect(atReference).toEqual(['dockerfile/env-same-instruction-ref']);
    // Used before the pair that assigns it: nothing sets it at all, so it is this rule's.
    const before = await findingsFor('FROM alpine:3.20\nENV B=$A A=1\n', ID);
    expect(before.map((f) => [f.line, f.column])).toEqual([[2, 7]]);
  });
  it('reports an automatic platform arg a stage uses without declaring it, RUN included', async () => {
    const text = [
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build', //                  1
      'WORKDIR /src', //                                                         2
      'RUN GOARCH=$TARGETARCH go build -o /out/app .', //                        3
      'RUN echo "${TARGETOS:-linux}"', //                                        4
      'FROM build AS again', //                                                  5
      'ARG TARGETARCH', //                                                       6
      'RUN GOARCH=$TARGETARCH go build -o /out/app .', //                        7
      'FROM alpine:3.20', //                                                     8
      'COPY --from=again /out/app /app-$TARGETPLATFORM', //                      9
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => [f.line, f.column])).toEqual([
      [3, 12],
      [9, 33],
    ]);
    expect(found[0].message).toContain('BuildKit defines only before the first FROM');
    expect(found[0].message).toContain('Add `ARG TARGETARCH`');
    // In a heredoc script too, at its line and column.
    const heredoc =
      'FROM golang:1.22\nRUN <<EOF\nset -e\nGOARCH=$TARGETARCH go build .\necho "$OTHER"\nEOF\n';
    expect((await findingsFor(heredoc, ID)).map((f) => [f.line, f.column])).toEqual([[4, 8]]);
  });

  it('knows Docker has no HOME to substitute, while a shell or the container does', async () => {
    const text = 'FROM node:20-slim\nWORKDIR $HOME/app\nRUN cd "$HOME" && ls\nCMD ls "$HOME"\n';
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([2]);
    expect(found[0].message).toContain('HOME is set for processes when the container runs');
    expect(await findingsFor('FROM node:20-slim\nENV HOME=/home/node\nWORKDIR $HOME/app\n', ID)).toEqual([]);
  });

  it('is quiet on the runtime environment of a shell-form CMD and on an ENV extending its own list', async () => {
    const text = [
      'FROM python:3.13-slim',
      'ENV LD_LIBRARY_PATH=/opt/lib:$LD_LIBRARY_PATH PYTHONPATH="${PYTHONPATH}:/srv"',
      'CMD exec gunicorn --bind ":$PORT" app:server',
      'ENTRYPOINT exec myd --dir "$PWD"',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
