import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildToolsInFinalStage,
  isBuildTool,
} from '../../../../src/checkers/dockerfile/rules/build-tools-in-final-stage';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/build-tools-in-final-stage';

describe('dockerfile/build-tools-in-final-stage', () => {
  it('fires on the example, naming the tools', async () => {
    const found = await findingsFor(buildToolsInFinalStage.example!.bad, ID);
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(3);
    expect(found[0].message).toContain('`gcc`, `musl-dev`, `libffi-dev`');
  });

  it('is quiet on the fixed example (a virtual group deleted in the same RUN)', async () => {
    expect(await findingsFor(buildToolsInFinalStage.example!.good, ID)).toEqual([]);
  });

  it('fires on the seed Dockerfile, whose one stage installs the compilers it runs with', async () => {
    const seed = readFileSync('__tests__/fixtures/dockerfile/seed/Dockerfile', 'utf8');
    const [finding] = await findingsFor(seed, ID);
    expect(finding.message).toContain('`python3-dev`, `gcc`, `libressl-dev`, `musl-dev`, `libffi-dev`');
  });

  it('recognises compilers and header packages', () => {
    for (const name of [
      'gcc',
      'g++',
      'gcc-12',
      'clang-17',
      'build-essential',
      'build-base',
      'libpq-dev',
      'openssl-devel',
      'make',
    ])
      expect(isBuildTool(name), name).toBe(true);
    for (const name of ['curl', 'libpq5', 'ca-certificates', 'udev', 'python3', 'devscripts'])
      expect(isBuildTool(name), name).toBe(false);
  });

  it('accepts removal in the same RUN: apt-get purge, apk del by name, apt-mark auto + autoremove', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \\',
      '    && make -C /src install \\',
      '    && apt-get purge -y gcc libc6-dev && rm -rf /var/lib/apt/lists/*',
      'RUN savedAptMark="$(apt-mark showmanual)" \\',
      '    && apt-get update && apt-get install -y --no-install-recommends build-essential \\',
      "    && apt-mark auto '.*' > /dev/null && apt-mark manual $savedAptMark \\",
      '    && apt-get purge -y --auto-remove && rm -rf /var/lib/apt/lists/*',
      'FROM alpine:3.20',
      'RUN apk add --no-cache make && make -C /src && apk del make',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('fires when the tools are removed only in a later RUN, and for stages the final one builds on', async () => {
    const text = [
      'FROM debian:12-slim AS base',
      'RUN apt-get update && apt-get install -y --no-install-recommends g++ && rm -rf /var/lib/apt/lists/*',
      'FROM base',
      'RUN apt-get purge -y g++',
      'CMD ["/srv/app"]',
    ].join('\n');
    const [finding, ...rest] = await findingsFor(text, ID);
    expect(rest).toEqual([]);
    expect(finding.line).toBe(2);
    expect(finding.message).toContain('stage `base`, which the final image builds on');
  });

  it('ignores builder stages the final image only copies from', async () => {
    const text = [
      'FROM python:3.12 AS build',
      'RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*',
      'RUN pip wheel --no-cache-dir -w /wheels psycopg2',
      'FROM python:3.12-slim',
      'COPY --from=build /wheels /wheels',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('is quiet on a toolchain image, whose compilers are its purpose', async () => {
    const text =
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*\nCMD ["bash"]\n';
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('is quiet on python3/make/g++ that only build native node modules (node-gyp)', async () => {
    // In a builder stage whose node_modules the final stage copies.
    const builder = [
      'FROM node:22-alpine AS deps',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN apk add --no-cache python3 make g++ && npm ci --omit=dev',
      'FROM node:22-alpine',
      'WORKDIR /app',
      'COPY --from=deps /app/node_modules ./node_modules',
      'COPY . .',
      'CMD ["node", "server.js"]',
    ].join('\n');
    expect(await findingsFor(builder, ID)).toEqual([]);
    // In the final stage, removed by the RUN that needed them.
    const sameRun = [
      'FROM node:22-bookworm-slim',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \\',
      '    && npm ci --omit=dev \\',
      '    && apt-get purge -y --auto-remove python3 make g++ && rm -rf /var/lib/apt/lists/*',
      'COPY . .',
      'CMD ["node", "server.js"]',
    ].join('\n');
    expect(await findingsFor(sameRun, ID)).toEqual([]);
    // Kept in the image that runs: make and g++ are reported, python3 is no build tool.
    const kept =
      'FROM node:22-alpine\nRUN apk add --no-cache python3 make g++ && npm ci\nCMD ["node", "server.js"]\n';
    const [finding] = await findingsFor(kept, ID);
    expect(finding.message).toContain('`make`, `g++` are installed in the final stage');
  });

  it('is quiet on a packaging image, whose compilers build the packages it exists to make', async () => {
    const text = [
      'FROM rockylinux:9',
      'RUN dnf install -y gcc make rpm-build && dnf clean all',
      'COPY . /src',
      'WORKDIR /src',
      'CMD ["rpmbuild", "-bb", "SPECS/agent.spec"]',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
