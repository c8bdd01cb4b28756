import { describe, expect, it } from 'vitest';
import { findingsFor } from '../helpers';
import { curlWithoutFail } from '../../../../src/checkers/dockerfile/rules/curl-without-fail';

const ID = curlWithoutFail.id;

describe(ID, () => {
  it('reports the documented bad example', async () => {
    const findings = await findingsFor(curlWithoutFail.example!.bad, ID);
    expect(findings.map((f) => f.line)).toEqual([3]);
    expect(findings[0].message).toContain('/usr/local/bin/tool');
  });

  it('stays quiet on the documented good example', async () => {
    expect(await findingsFor(curlWithoutFail.example!.good, ID)).toEqual([]);
  });

  it('reports pipes, redirects and -O downloads without --fail', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN curl -sSL https://x.example/i.sh | sh',
      'RUN curl -L https://x.example/a.tgz > /tmp/a.tgz',
      'RUN curl -sLO https://x.example/b.tgz',
      'RUN curl --silent --location --output /tmp/c https://x.example/c',
    ].join('\n');
    expect((await findingsFor(text, ID)).map((f) => f.line)).toEqual([2, 3, 4, 5]);
  });

  it('accepts every spelling of --fail and output nobody uses', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN curl -fsSL https://x.example/i.sh | sh',
      'RUN curl -sSfL -o /tmp/a https://x.example/a',
      'RUN curl --fail-with-body -o /tmp/b https://x.example/b',
      'RUN curl -s -H "X-Flag: f" --fail https://x.example/c | jq .',
      'RUN curl -s https://x.example/ping',
      'RUN curl -s -o /dev/null https://x.example/warm-cache',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('does not read `-f` out of another option value', async () => {
    const text = 'FROM debian:12-slim\nRUN curl -H "-f" -sS https://x.example/a | sh\n';
    expect(await findingsFor(text, ID)).toHaveLength(1);
  });

  it('is quiet when the same RUN verifies the downloaded file', async () => {
    const text =
      'FROM debian:12-slim\nRUN curl -sL -o /tmp/x.sh https://x.example/x.sh && echo "abc  /tmp/x.sh" | sha256sum -c - && sh /tmp/x.sh\n';
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
