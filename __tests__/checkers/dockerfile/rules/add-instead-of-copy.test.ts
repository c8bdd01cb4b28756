import { describe, expect, it } from 'vitest';
import { applyFindingSuggestion, findingsFor } from '../helpers';
import { addInsteadOfCopy } from '../../../../src/checkers/dockerfile/rules/add-instead-of-copy';

const ID = addInsteadOfCopy.id;

describe(ID, () => {
  it('reports the documented bad example and suggests COPY', async () => {
    const bad = addInsteadOfCopy.example!.bad;
    const findings = await findingsFor(bad, ID);
    expect(findings.map((f) => f.line)).toEqual([2]);
    const fixed = applyFindingSuggestion(bad, findings[0]);
    expect(fixed).toBe(addInsteadOfCopy.example!.good);
    expect(await findingsFor(fixed, ID)).toEqual([]);
  });

  it('stays quiet on the documented good example', async () => {
    expect(await findingsFor(addInsteadOfCopy.example!.good, ID)).toEqual([]);
  });

  it('leaves archives, URLs, Git sources, ADD-only flags and unknown build args alone', async () => {
    const text = [
      'FROM ubuntu:22.04',
      'ARG PAYLOAD',
      'ADD rootfs.tar.gz /',
      'ADD vendor/jdk-21.tar.xz /opt/',
      'ADD https://example.com/tool /usr/local/bin/tool',
      'ADD git@github.com:example/config.git /etc/config',
      'ADD --keep-git-dir=true https://github.com/example/repo.git#v1 /src',
      'ADD ${PAYLOAD} /payload',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('reports local directories and several plain files, keeping the keyword case in the suggestion', async () => {
    const text = 'FROM nginx:1.27\nadd conf/ /etc/nginx/conf.d/\nADD a.txt b.txt /srv/\n';
    const findings = await findingsFor(text, ID);
    expect(findings.map((f) => f.line)).toEqual([2, 3]);
    expect(findings[0].suggestion?.replacement).toBe('copy conf/ /etc/nginx/conf.d/');
  });
});
