import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cdInsteadOfWorkdir } from '../../../../src/checkers/dockerfile/rules/cd-instead-of-workdir';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/cd-instead-of-workdir';

describe('dockerfile/cd-instead-of-workdir', () => {
  it('fires on the example', async () => {
    const found = await findingsFor(cdInsteadOfWorkdir.example!.bad, ID);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 3 });
    expect(found[0].message).toContain('WORKDIR /src');
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(cdInsteadOfWorkdir.example!.good, ID)).toEqual([]);
  });

  it('fires on the seed Dockerfile: RUN cd /app && poetry install', async () => {
    const seed = readFileSync('__tests__/fixtures/dockerfile/seed/Dockerfile', 'utf8');
    const [finding, ...rest] = await findingsFor(seed, ID);
    expect(rest).toEqual([]);
    expect(finding.message).toContain('WORKDIR /app');
  });

  it('says when the cd is the last command and changes nothing', async () => {
    const [finding] = await findingsFor('FROM alpine:3.20\nRUN mkdir -p /app && cd /app\n', ID);
    expect(finding.message).toContain('changes nothing');
  });

  it('reports once per RUN, on the line of the cd, in builder stages too', async () => {
    const text = [
      'FROM golang:1.22 AS build',
      'RUN git clone https://example.com/w.git /src/w \\',
      '    # then build it',
      '    && cd /src/w \\',
      '    && make && cd cmd && go build',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(4);
  });

  it('is quiet for scoped and temporary directories', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN (cd /opt/tool && ./configure && make install)',
      'RUN cd /tmp && curl -fsSLO https://example.com/x.tgz && tar -xzf x.tgz',
      'RUN cd "$(mktemp -d)" && curl -fsSLO https://example.com/y.tgz',
      'RUN dir=$(mktemp -d) && cd "$dir" && make',
      'RUN git clone https://example.com/z.git /usr/src/z && cd /usr/src/z && make install && rm -rf /usr/src/z',
      'RUN VERSION=$(cd /opt/app && git describe) && echo "$VERSION" > /version',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
  it('follows the cds of a build from source in a scratch directory, and skips loops and shell-only targets', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN cd /tmp && curl -fsSLO https://example.com/a-1.2.tgz && tar xzf a-1.2.tgz && cd a-1.2 && ./configure && make install && cd / && rm -rf /tmp/a*',
      'RUN for d in a b; do cd /$d && make; done',
      'RUN cd',
      'RUN cd "$SRC_DIR" && make',
      'RUN cd - && ls',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('suggests the absolute directory a relative cd reaches', async () => {
    const [finding] = await findingsFor('FROM golang:1.22\nWORKDIR /src\nRUN cd cmd/api && go build .\n', ID);
    expect(finding.message).toContain('`cd cmd/api` lasts only until the end of this RUN');
    expect(finding.message).toContain('use `WORKDIR /src/cmd/api`');
  });
});
