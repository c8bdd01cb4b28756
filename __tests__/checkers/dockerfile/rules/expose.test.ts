import { describe, expect, it } from 'vitest';
import { findingsFor } from '../helpers';
import { exposeInvalid } from '../../../../src/checkers/dockerfile/rules/expose-invalid';
import { exposeSsh } from '../../../../src/checkers/dockerfile/rules/expose-ssh';

describe(exposeInvalid.id, () => {
  const ID = exposeInvalid.id;

  it('reports the documented bad example and is quiet on the good one', async () => {
    expect((await findingsFor(exposeInvalid.example!.bad, ID)).map((f) => f.line)).toEqual([2]);
    expect(await findingsFor(exposeInvalid.example!.good, ID)).toEqual([]);
  });

  it('checks every word: range, protocol, host mappings, resolved build args', async () => {
    const text = [
      'FROM nginx:1.27-alpine', //                 1
      'ARG METRICS_PORT=9113', //                  2
      'ARG BAD_PORT=0', //                         3
      'ARG UNKNOWN', //                            4
      'EXPOSE 80 443/tcp 443/UDP 53/sctp', //      5
      'EXPOSE 8000-8010 ${METRICS_PORT}', //       6
      'EXPOSE $UNKNOWN', //                        7
      'EXPOSE 70000 9000/http', //                 8
      'EXPOSE 127.0.0.1:8080:80', //               9
      'EXPOSE 9000-8000 $BAD_PORT', //             10
    ].join('\n');
    const findings = await findingsFor(text, ID);
    expect(findings.map((f) => [f.line, f.column])).toEqual([
      [8, 8],
      [8, 14],
      [9, 8],
      [10, 8],
      [10, 18],
    ]);
    expect(findings[0].message).toContain('outside 1-65535');
    expect(findings[1].message).toContain('not a protocol');
    expect(findings[2].message).toContain('host port');
  });
});

describe(exposeSsh.id, () => {
  const ID = exposeSsh.id;

  it('reports the documented bad example and is quiet on the good one', async () => {
    expect((await findingsFor(exposeSsh.example!.bad, ID)).map((f) => f.line)).toEqual([3]);
    expect(await findingsFor(exposeSsh.example!.good, ID)).toEqual([]);
  });

  it('looks only at the final image, including ranges and the stages it is built FROM', async () => {
    const text = [
      'FROM alpine:3.20 AS tools', //   1
      'EXPOSE 22', //                   2
      'FROM alpine:3.20 AS base', //    3
      'EXPOSE 20-25', //                4
      'FROM base', //                   5
      'EXPOSE 22/udp 2222', //          6
    ].join('\n');
    expect((await findingsFor(text, ID)).map((f) => f.line)).toEqual([4]);
  });
});
