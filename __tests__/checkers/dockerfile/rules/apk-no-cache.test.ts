import { describe, expect, it } from 'vitest';
import { apkNoCache } from '../../../../src/checkers/dockerfile/rules/apk-no-cache';
import { applyFindingSuggestion, findingsFor } from '../helpers';

const ID = 'dockerfile/apk-no-cache';

describe('dockerfile/apk-no-cache', () => {
  it('fires on the example and its suggestion gives the fixed example', async () => {
    const found = await findingsFor(apkNoCache.example!.bad, ID);
    expect(found).toHaveLength(1);
    expect(applyFindingSuggestion(apkNoCache.example!.bad, found[0])).toBe(apkNoCache.example!.good);
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(apkNoCache.example!.good, ID)).toEqual([]);
  });

  it('fires for apk update, without a suggestion since --no-cache alone would not fix it', async () => {
    const [finding] = await findingsFor('FROM alpine:3.20\nRUN apk update && apk add --no-cache git\n', ID);
    expect(finding.message).toContain('apk update');
    expect(finding.suggestion).toBeUndefined();
  });

  it('accepts a cache mount, rm of the cache after the install, and virtual build groups', async () => {
    const text = [
      'FROM python:3.12-alpine',
      'RUN --mount=type=cache,target=/var/cache/apk apk add curl',
      'RUN --mount=type=cache,target=/etc/apk/cache apk update && apk add git',
      'RUN apk add --update jq && rm -rf /var/cache/apk/*',
      'RUN apk add --no-cache --virtual .build-deps gcc musl-dev \\',
      '    # build the wheels',
      '    && pip install --no-cache-dir cffi \\',
      '    && apk del .build-deps',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('needs the rm after the last index write and ignores builder stages', async () => {
    const text = [
      'FROM alpine:3.20 AS build',
      'RUN apk add go',
      'FROM alpine:3.20',
      'RUN rm -rf /var/cache/apk/* && apk add -t .rt ca-certificates',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([4]);
    expect(applyFindingSuggestion(text, found[0])).toContain('apk add --no-cache -t .rt ca-certificates');
  });

  it('is quiet on apk add --no-network after a --no-cache install', async () => {
    const text =
      'FROM alpine:3.20\nRUN apk add --no-cache curl && apk add --no-network --virtual .run-deps ./local.apk\n';
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
