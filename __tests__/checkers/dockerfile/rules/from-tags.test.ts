import { describe, expect, it } from 'vitest';
import { fromMissingTag } from '../../../../src/checkers/dockerfile/rules/from-missing-tag';
import { fromLatestTag } from '../../../../src/checkers/dockerfile/rules/from-latest-tag';
import { findingsFor } from '../helpers';

describe('dockerfile/from-missing-tag', () => {
  const ID = 'dockerfile/from-missing-tag';

  it('fires on an untagged image and names what is pulled', async () => {
    const found = await findingsFor(fromMissingTag.example!.bad, ID);
    expect(found).toMatchObject([{ line: 1 }]);
    expect(found[0].message).toContain('pulls `alpine:latest`');
  });

  it('resolves ARG defaults first', async () => {
    const found = await findingsFor('ARG BASE=ghcr.io/acme/python\nFROM ${BASE}\n', ID);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('`${BASE}` resolves to `ghcr.io/acme/python`');
  });

  it('is quiet on tags, digests, stage references, scratch and a tagged ARG default', async () => {
    expect(await findingsFor(fromMissingTag.example!.good, ID)).toEqual([]);
    const text = [
      'ARG BASE=python:3.12-slim',
      'ARG VERSION',
      'FROM ${BASE} AS build',
      'FROM build AS test',
      'FROM node@sha256:' + 'b'.repeat(64),
      'FROM localhost:5000/tools:1.2',
      'FROM node:${VERSION}',
      'FROM scratch',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('is quiet on an image the repository builds first: a name no registry serves, or a stage of another Dockerfile', async () => {
    // No official image is called `ci-toolbox`: only an earlier step of this repository's build can make it.
    expect(
      await findingsFor('ARG TOOLBOX=ci-toolbox\nFROM ${TOOLBOX} AS tools\nRUN make check\n', ID),
    ).toEqual([]);
    const extraFiles = { 'Dockerfile.base': 'FROM debian:12-slim AS acme-runtime\nENV APP_HOME=/srv\n' };
    expect(
      await findingsFor('FROM acme/acme-runtime\nCOPY app /srv/app\n', ID, {
        fileName: 'Dockerfile.app',
        extraFiles,
      }),
    ).toEqual([]);
  });

  it('is quiet on an image another Dockerfile declares as its own name in LABEL name=', async () => {
    const extraFiles = {
      'core/Dockerfile.el9':
        'FROM registry.example.com/ubi9:9.4\nLABEL name="platform/app-core" version="1"\n',
    };
    expect(
      await findingsFor('FROM platform/app-core\nUSER 1001\n', ID, {
        fileName: 'runtime/Dockerfile',
        extraFiles,
      }),
    ).toEqual([]);
  });

  it('does not take a product name in LABEL name= for the image a Dockerfile builds', async () => {
    const extraFiles = { 'Dockerfile.release': 'FROM debian:12-slim\nLABEL name="Objstore" vendor="Acme"\n' };
    const found = await findingsFor('FROM acme/objstore\n', ID, { fileName: 'Dockerfile', extraFiles });
    expect(found).toHaveLength(1);
  });

  it('still fires on an official image, even when a directory of the repository bears its name', async () => {
    const extraFiles = { 'nginx/Dockerfile': 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n' };
    expect(await findingsFor('FROM nginx\n', ID, { fileName: 'proxy/Dockerfile', extraFiles })).toHaveLength(
      1,
    );
    // A registry the image is pulled from: the untagged name pulls latest from there.
    const built = { 'images/api-base/Dockerfile': 'FROM debian:12-slim\n' };
    expect(await findingsFor('FROM ghcr.io/acme/api-base\n', ID, { extraFiles: built })).toHaveLength(1);
  });

  it('does not take a registry port for a tag', async () => {
    expect(await findingsFor('FROM localhost:5000/tools\n', ID)).toHaveLength(1);
  });
});

describe('dockerfile/from-latest-tag', () => {
  const ID = 'dockerfile/from-latest-tag';

  it('fires on :latest', async () => {
    const found = await findingsFor(fromLatestTag.example!.bad, ID);
    expect(found).toMatchObject([{ line: 1 }]);
    expect(found[0].message).toContain('`node:latest`');
  });

  it('fires when an ARG default is latest', async () => {
    const found = await findingsFor('ARG TAG=latest\nFROM redis:${TAG}\n', ID);
    expect(found[0].message).toContain('`redis:latest` (from `redis:${TAG}`)');
  });

  it('is quiet on pinned tags and on latest pinned by digest', async () => {
    expect(await findingsFor(fromLatestTag.example!.good, ID)).toEqual([]);
    expect(await findingsFor('FROM alpine:latest@sha256:' + 'c'.repeat(64) + '\n', ID)).toEqual([]);
  });
});

describe('from-missing-tag and the platform args', () => {
  it('is quiet on a FROM that picks a per-platform stage through TARGETARCH', async () => {
    const text = [
      'ARG TARGETARCH',
      'FROM alpine:3.20 AS base-amd64',
      'FROM alpine:3.20 AS base-arm64',
      'FROM base-${TARGETARCH}',
      'FROM scratch AS amd64-archive',
      'FROM ${TARGETARCH}-archive AS final',
    ].join('\n');
    expect(await findingsFor(text, 'dockerfile/from-missing-tag')).toEqual([]);
  });
});

describe('dockerfile/from-latest-tag on images of the repository', () => {
  it('is quiet on the latest of a name no registry serves, and fires on a registry image', async () => {
    const ID = 'dockerfile/from-latest-tag';
    expect(await findingsFor('FROM acme-test-tools:latest AS tools\n', ID)).toEqual([]);
    expect(await findingsFor('FROM node:latest\n', ID)).toHaveLength(1);
  });
});
