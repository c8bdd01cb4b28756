import { describe, expect, it } from 'vitest';
import { applyFindingSuggestion, findingsFor } from '../helpers';
import { copyDestNotDir } from '../../../../src/checkers/dockerfile/rules/copy-dest-not-dir';

const ID = copyDestNotDir.id;

describe(ID, () => {
  it('reports the documented bad example and suggests the trailing slash', async () => {
    const bad = copyDestNotDir.example!.bad;
    const findings = await findingsFor(bad, ID);
    expect(findings.map((f) => f.line)).toEqual([2]);
    const fixed = applyFindingSuggestion(bad, findings[0]);
    expect(fixed).toBe(copyDestNotDir.example!.good);
    expect(await findingsFor(fixed, ID)).toEqual([]);
  });

  it('stays quiet on the documented good example', async () => {
    expect(await findingsFor(copyDestNotDir.example!.good, ID)).toEqual([]);
  });

  it('accepts `.`, `dir/.`, a single source, a glob, and a destination from an unknown build arg', async () => {
    const text = [
      'FROM node:20-slim',
      'ARG DEST',
      'WORKDIR /app',
      'COPY package.json package-lock.json .',
      'COPY a b ./lib/.',
      'COPY index.html /usr/share/nginx/html',
      'COPY *.css /usr/share/nginx/html/css',
      'COPY a b ${DEST}',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('reports the JSON form and resolves a destination from a known ARG', async () => {
    const text = [
      'FROM nginx:1.27',
      'ARG CONF=/etc/nginx/conf.d',
      'COPY ["default.conf", "ssl.conf", "/etc/nginx/conf.d"]',
      'COPY a.conf b.conf ${CONF}',
      'ADD --chown=nginx assets/ images/ /usr/share/nginx/html/static',
    ].join('\n');
    const findings = await findingsFor(text, ID);
    expect(findings.map((f) => f.line)).toEqual([3, 4, 5]);
    expect(applyFindingSuggestion(text, findings[0]).split('\n')[2]).toBe(
      'COPY ["default.conf", "ssl.conf", "/etc/nginx/conf.d/"]',
    );
    expect(findings[1].suggestion?.replacement).toBe('COPY a.conf b.conf ${CONF}/');
  });
});
