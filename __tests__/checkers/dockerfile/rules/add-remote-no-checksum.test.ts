import { describe, expect, it } from 'vitest';
import { findingsFor } from '../helpers';
import { addRemoteNoChecksum } from '../../../../src/checkers/dockerfile/rules/add-remote-no-checksum';

const ID = addRemoteNoChecksum.id;

describe(ID, () => {
  it('reports the documented bad example', async () => {
    const findings = await findingsFor(addRemoteNoChecksum.example!.bad, ID);
    expect(findings.map((f) => [f.line, f.column])).toEqual([[2, 5]]);
    expect(findings[0].message).toContain('https://example.com/tool-1.2.3-linux-amd64');
  });

  it('stays quiet on the documented good example', async () => {
    expect(await findingsFor(addRemoteNoChecksum.example!.good, ID)).toEqual([]);
  });

  it('resolves build args in the URL and ignores Git sources and local files', async () => {
    const text = [
      'FROM alpine:3.20',
      'ARG VERSION=1.4.2',
      'ADD https://example.com/releases/${VERSION}/tool.tgz /tmp/',
      'ADD https://github.com/example/repo.git#v2.0.0 /src/repo',
      'ADD git@github.com:example/private.git /src/private',
      'ADD vendor.tar.gz /opt/',
    ].join('\n');
    const findings = await findingsFor(text, ID);
    expect(findings.map((f) => f.line)).toEqual([3]);
    expect(findings[0].message).toContain('https://example.com/releases/1.4.2/tool.tgz');
  });
});
