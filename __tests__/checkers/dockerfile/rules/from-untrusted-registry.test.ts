import { describe, expect, it } from 'vitest';
import { fromUntrustedRegistry } from '../../../../src/checkers/dockerfile/rules/from-untrusted-registry';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/from-untrusted-registry';
const config = { trustedRegistries: ['ghcr.io/acme/*', 'docker.io/library/*', 'registry.acme.dev'] };

describe('dockerfile/from-untrusted-registry', () => {
  it('fires on FROM and COPY --from images outside the list', async () => {
    const found = await findingsFor(fromUntrustedRegistry.example!.bad, ID, { config });
    expect(found.map((f) => f.line)).toEqual([1, 2]);
    expect(found[0].message).toContain(
      'FROM `randomuser/python-base:3.12` comes from `docker.io/randomuser/python-base`',
    );
    expect(found[1].message).toContain('COPY --from `quay.io/someone/tools:1.0`');
  });

  it('fires on RUN --mount from= images', async () => {
    const text = 'FROM alpine:3.20\nRUN --mount=type=bind,from=quay.io/x/y:1,source=/a,target=/b cp /b /c\n';
    expect(await findingsFor(text, ID, { config })).toMatchObject([{ line: 2 }]);
  });

  it('is quiet for trusted images, nested paths, registry hosts, stages and scratch', async () => {
    expect(await findingsFor(fromUntrustedRegistry.example!.good, ID, { config })).toEqual([]);
    const text = [
      'ARG BASE=ghcr.io/acme/team/base:1',
      'FROM ${BASE} AS build',
      'FROM python:3.12-slim AS py',
      'FROM registry.acme.dev/anything/here:2',
      'COPY --from=build /a /a',
      'COPY --from=0 /b /b',
      'RUN --mount=type=cache,target=/root/.cache --mount=from=py,source=/usr,target=/py true',
      'FROM scratch',
    ].join('\n');
    expect(await findingsFor(text, ID, { config })).toEqual([]);
  });

  it('is off when no trusted registries are configured', async () => {
    expect(await findingsFor(fromUntrustedRegistry.example!.bad, ID)).toEqual([]);
  });
});
