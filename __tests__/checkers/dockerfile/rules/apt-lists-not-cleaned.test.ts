import { describe, expect, it } from 'vitest';
import { aptListsNotCleaned } from '../../../../src/checkers/dockerfile/rules/apt-lists-not-cleaned';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/apt-lists-not-cleaned';

describe('dockerfile/apt-lists-not-cleaned', () => {
  it('fires on the example', async () => {
    const found = await findingsFor(aptListsNotCleaned.example!.bad, ID);
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(2);
    expect(found[0].message).toContain('rm -rf /var/lib/apt/lists/*');
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(aptListsNotCleaned.example!.good, ID)).toEqual([]);
  });

  it('accepts a cache or tmpfs mount over the lists, and rm of the directory itself', async () => {
    const text = [
      'FROM ubuntu:24.04',
      'RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \\',
      '    --mount=type=cache,target=/var/cache/apt \\',
      '    apt-get update && apt-get install -y --no-install-recommends curl',
      'RUN --mount=type=tmpfs,target=/var/lib/apt apt-get update && apt-get install -y --no-install-recommends jq',
      'RUN apt-get update -qq && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists /var/cache/apt/archives',
      'RUN <<EOF',
      'apt-get update',
      'apt-get install -y --no-install-recommends make',
      'find /var/lib/apt/lists -type f -delete',
      'EOF',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('needs the removal after the last update, in the same RUN', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y --no-install-recommends curl',
      'RUN apt-get update && apt-get install -y --no-install-recommends jq && apt-get clean',
      'RUN rm -rf /var/lib/apt/lists/*',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([2, 3]);
  });

  it('ignores builder stages the final image does not build on', async () => {
    const text = [
      'FROM debian:12 AS build',
      'RUN apt-get update && apt-get install -y --no-install-recommends gcc',
      'FROM gcr.io/distroless/base-debian12',
      'COPY --from=build /out/app /app',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('accepts apt-get dist-clean, which removes the lists', async () => {
    const text =
      'FROM debian:13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && apt-get dist-clean\n';
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
