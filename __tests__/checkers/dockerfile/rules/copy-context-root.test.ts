import { describe, expect, it } from 'vitest';
import { findingsFor } from '../helpers';
import { copyContextRoot } from '../../../../src/checkers/dockerfile/rules/copy-context-root';

const ID = copyContextRoot.id;

describe(ID, () => {
  it('reports the documented bad example when no .dockerignore exists', async () => {
    const findings = await findingsFor(copyContextRoot.example!.bad, ID);
    expect(findings.map((f) => f.line)).toEqual([3]);
  });

  it('stays quiet on the documented good example', async () => {
    expect(await findingsFor(copyContextRoot.example!.good, ID)).toEqual([]);
  });

  it('is satisfied by a .dockerignore next to the Dockerfile, a per-Dockerfile one, or one at the root', async () => {
    const bad = copyContextRoot.example!.bad;
    expect(await findingsFor(bad, ID, { extraFiles: { '.dockerignore': '.git\n' } })).toEqual([]);
    const nested = { fileName: 'services/api/Dockerfile' };
    expect(
      await findingsFor(bad, ID, { ...nested, extraFiles: { 'services/api/.dockerignore': '.git\n' } }),
    ).toEqual([]);
    expect(
      await findingsFor(bad, ID, {
        fileName: 'services/api/api.Dockerfile',
        extraFiles: { 'services/api/api.Dockerfile.dockerignore': '.git\n' },
      }),
    ).toEqual([]);
    // The context is often the directory above the Dockerfile: `docker build -f docker/Dockerfile .`.
    expect(
      await findingsFor(bad, ID, {
        fileName: 'services/api/docker/Dockerfile',
        extraFiles: { 'services/api/.dockerignore': '.git\n' },
      }),
    ).toEqual([]);
    // A .dockerignore in another service's directory does not count.
    expect(
      await findingsFor(bad, ID, { ...nested, extraFiles: { 'services/web/.dockerignore': '.git\n' } }),
    ).toHaveLength(1);
  });

  it('covers ADD and `./`, but not COPY --from a stage', async () => {
    const text = [
      'FROM golang:1.22 AS build',
      'ADD ./ /src',
      'FROM alpine:3.20',
      'COPY --from=build . /app',
    ].join('\n');
    expect((await findingsFor(text, ID)).map((f) => f.line)).toEqual([2]);
  });
});
