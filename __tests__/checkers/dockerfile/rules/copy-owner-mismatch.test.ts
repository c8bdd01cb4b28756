import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingsFor } from '../helpers';
import { copyOwnerMismatch } from '../../../../src/checkers/dockerfile/rules/copy-owner-mismatch';

const ID = copyOwnerMismatch.id;
const SEED = readFileSync(new URL('../../../fixtures/dockerfile/seed/Dockerfile', import.meta.url), 'utf8');

describe(ID, () => {
  it('reports the documented bad example: the mkdir and the COPY into the home, both as root', async () => {
    const findings = await findingsFor(copyOwnerMismatch.example!.bad, ID);
    expect(findings.map((f) => f.line)).toEqual([2, 3]);
    expect(findings[0].message).toContain('/home/app/.config');
    expect(findings[1].message).toContain('--chown=app');
  });

  it('stays quiet on the documented good example', async () => {
    expect(await findingsFor(copyOwnerMismatch.example!.good, ID)).toEqual([]);
  });

  it("reports the seed's root-owned .ssh directory and id_rsa under the runtime user's home", async () => {
    const findings = await findingsFor(SEED, ID);
    expect(findings.map((f) => f.line)).toEqual([20, 24]);
    expect(findings[0].message).toContain('/home/user/.ssh');
    expect(findings[1].message).toContain('/home/user/.ssh/id_rsa');
  });

  it('accepts a chown in the same RUN or a later one', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN useradd -m -u 1000 app && mkdir -p /home/app/.cache && chown app:app /home/app/.cache',
      'COPY settings.toml /home/app/.config/settings.toml',
      'RUN chown -R app:app /home/app/.config',
      'USER 1000',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('ignores root-owned files outside what the user must own, and images that run as root', async () => {
    const appCode = [
      'FROM python:3.12-slim',
      'RUN useradd -m app',
      'COPY app/ /srv/app/',
      'USER app',
      'CMD ["python", "/srv/app/main.py"]',
    ].join('\n');
    expect(await findingsFor(appCode, ID)).toEqual([]);
    const rootImage = 'FROM alpine:3.20\nRUN adduser -D app && mkdir /home/app/.ssh\n';
    expect(await findingsFor(rootImage, ID)).toEqual([]);
  });

  it('falls back to ENV HOME for a user the Dockerfile does not create, but not to scratch directories', async () => {
    const home = 'FROM debian:12-slim\nENV HOME=/home/svc\nRUN mkdir -p /home/svc/.cache\nUSER 1000\n';
    expect((await findingsFor(home, ID)).map((f) => f.line)).toEqual([3]);
    const tmp = 'FROM debian:12-slim\nENV HOME=/tmp\nRUN mkdir -p /tmp/cache\nUSER 65534\n';
    expect(await findingsFor(tmp, ID)).toEqual([]);
  });

  it('does not count a later WORKDIR into an existing home as root-owned', async () => {
    const text =
      'FROM debian:12-slim\nRUN useradd -m analyst\nUSER analyst\nWORKDIR /home/analyst\nRUN mkdir notebooks\n';
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('reports a root-owned VOLUME directory', async () => {
    const text = 'FROM alpine:3.20\nRUN adduser -D -u 1000 app && mkdir -p /data\nVOLUME /data\nUSER 1000\n';
    const findings = await findingsFor(text, ID);
    expect(findings.map((f) => f.line)).toEqual([2]);
    expect(findings[0].message).toContain('VOLUME');
  });

  it('reports an install by the runtime user into a directory root created', async () => {
    const text = [
      'FROM node:20-slim', //           1
      'WORKDIR /app', //                2
      'COPY . .', //                    3
      'USER node', //                   4
      'RUN npm ci', //                  5
    ].join('\n');
    const findings = await findingsFor(text, ID);
    expect(findings.map((f) => f.line)).toEqual([5]);
    expect(findings[0].message).toContain('WORKDIR /app');
    const fixed = text.replace('WORKDIR /app', 'WORKDIR /app\nRUN chown node:node /app');
    expect(await findingsFor(fixed, ID)).toEqual([]);
  });
  it('accepts root-owned files in a home the user owns: the user can still replace them', async () => {
    const text = [
      'FROM ubuntu:24.04', //                                  1
      'RUN useradd -r -u 1001 -m -d /home/app app', //         2
      'COPY app/ /home/app/', //                               3
      'COPY .bashrc /home/app/.bashrc', //                     4
      'RUN mkdir -p /home/app', //                             5
      'COPY config.yml /home/app/.config/app.yml', //          6
      'USER app', //                                           7
    ].join('\n');
    const findings = await findingsFor(text, ID);
    // Only the directory the COPY creates on the way is root's.
    expect(findings.map((f) => f.line)).toEqual([6]);
    expect(findings[0].message).toContain('creates /home/app/.config owned by root');
  });

  it('reports a home that COPY creates because the account got none', async () => {
    const text = 'FROM ubuntu:24.04\nRUN useradd -r -u 1001 app\nCOPY app/ /home/app/\nUSER app\n';
    const findings = await findingsFor(text, ID);
    expect(findings.map((f) => f.line)).toEqual([3]);
    expect(findings[0].message).toContain('/home/app owned by root');
  });

  it('reports ssh files by root even in a directory the user owns, since ssh checks their owner', async () => {
    const text = [
      'FROM alpine:3.20',
      'RUN adduser -D -u 1000 app && mkdir /home/app/.ssh && chown app /home/app/.ssh',
      'COPY known_hosts /home/app/.ssh/config',
      'USER 1000',
    ].join('\n');
    expect((await findingsFor(text, ID)).map((f) => f.line)).toEqual([3]);
  });
});
