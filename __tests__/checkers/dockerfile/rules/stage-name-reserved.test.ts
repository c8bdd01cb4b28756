import { describe, expect, it } from 'vitest';
import { stageNameReserved } from '../../../../src/checkers/dockerfile/rules/stage-name-reserved';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/stage-name-reserved';

describe('dockerfile/stage-name-reserved', () => {
  it('fires on the example, naming the COPY that now reads the stage', async () => {
    const [finding, ...rest] = await findingsFor(stageNameReserved.example!.bad, ID);
    expect(rest).toEqual([]);
    expect(finding.line).toBe(1);
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain('Line 4 names `scratch` and gets this stage, not the empty base image');
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(stageNameReserved.example!.good, ID)).toEqual([]);
  });

  it('matches any letter case, and `context`, and says when a later FROM scratch builds on the stage', async () => {
    const text = [
      'FROM alpine:3.20 AS Scratch',
      'RUN echo hi > /hello',
      'FROM node:22 AS context',
      'FROM debian:12-slim AS lister',
      'RUN --mount=type=bind,from=context,target=/ctx ls /ctx',
      'FROM scratch',
      'COPY --from=context /etc/os-release /',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([1, 3]);
    expect(found[0].message).toContain('Stage name `Scratch` is reserved');
    expect(found[0].message).toContain('Line 6 names `scratch`');
    expect(found[1].message).toContain('Lines 5, 7 name `context`');
  });

  it('is an error when the file makes build checks fail the build, unless the check is skipped', async () => {
    const failing = '# check=error=true\nFROM alpine:3.20 AS scratch\nRUN true\n';
    expect((await findingsFor(failing, ID)).map((f) => f.severity)).toEqual(['error']);
    const skipped = '# check=skip=ReservedStageName;error=true\nFROM alpine:3.20 AS scratch\nRUN true\n';
    expect((await findingsFor(skipped, ID)).map((f) => f.severity)).toEqual(['warning']);
  });

  it('is quiet on names that only contain a reserved word, and on FROM scratch itself', async () => {
    const text = [
      'FROM golang:1.22 AS scratch-builder',
      'RUN go build -o /app .',
      'FROM alpine:3.20 AS build-context',
      'FROM scratch AS final',
      'COPY --from=scratch-builder /app /app',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
