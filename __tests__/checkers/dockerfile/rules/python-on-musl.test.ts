import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pythonOnMusl } from '../../../../src/checkers/dockerfile/rules/python-on-musl';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/python-on-musl';

describe('dockerfile/python-on-musl', () => {
  it('fires on the example, even though the build deps are removed again', async () => {
    const found = await findingsFor(pythonOnMusl.example!.bad, ID);
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(3);
    expect(found[0].message).toContain('`gcc`, `musl-dev`, `libffi-dev`');
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(pythonOnMusl.example!.good, ID)).toEqual([]);
  });

  it('fires on the seed Dockerfile: plain alpine with python3-dev and gcc', async () => {
    const seed = readFileSync('__tests__/fixtures/dockerfile/seed/Dockerfile', 'utf8');
    const found = await findingsFor(seed, ID);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('`python3-dev`');
  });

  it('follows the stage chain once: Python in the base, compilers in the child', async () => {
    const text = [
      'FROM alpine:3.20 AS py',
      'RUN apk add --no-cache python3 py3-pip',
      'FROM py AS build',
      'RUN apk add --no-cache gcc musl-dev',
      'FROM build AS test',
      'RUN apk add --no-cache make',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([4]);
  });

  it('is quiet without Python, without build deps, or on glibc bases', async () => {
    const text = [
      'FROM alpine:3.20',
      'RUN apk add --no-cache gcc musl-dev make',
      'FROM python:3.12-alpine',
      'RUN apk add --no-cache curl',
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
