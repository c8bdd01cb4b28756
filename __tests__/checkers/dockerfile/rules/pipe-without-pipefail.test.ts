import { describe, expect, it } from 'vitest';
import { findingsFor } from '../helpers';
import { pipeWithoutPipefail } from '../../../../src/checkers/dockerfile/rules/pipe-without-pipefail';

const ID = pipeWithoutPipefail.id;

describe(ID, () => {
  it('reports the documented bad example with the fix for dash', async () => {
    const findings = await findingsFor(pipeWithoutPipefail.example!.bad, ID);
    expect(findings.map((f) => f.line)).toEqual([3]);
    expect(findings[0].message).toContain('SHELL ["/bin/bash", "-o", "pipefail", "-c"]');
  });

  it('stays quiet on the documented good example', async () => {
    expect(await findingsFor(pipeWithoutPipefail.example!.good, ID)).toEqual([]);
  });

  it('fits the fix to the shell: set -o pipefail on Alpine and RHEL bases', async () => {
    const alpine = await findingsFor('FROM alpine:3.20\nRUN wget -qO- https://x.example/a | tar -xz\n', ID);
    expect(alpine[0].message).toContain('start the RUN with `set -o pipefail &&`');
    const rocky = await findingsFor('FROM rockylinux:9\nRUN curl -fsSL https://x.example/a | tar -xz\n', ID);
    expect(rocky[0].message).toContain('`set -o pipefail &&`');
    const dashShell = await findingsFor(
      'FROM ubuntu:24.04\nSHELL ["/bin/sh", "-c"]\nRUN curl -fsSL x | tar -x\n',
      ID,
    );
    expect(dashShell[0].message).toContain('runs dash');
  });

  it('is quiet after set -o pipefail, under a SHELL with pipefail, and in a heredoc with pipefail', async () => {
    const text = [
      'FROM ubuntu:24.04', //                                                      1
      'RUN set -o pipefail && curl -fsSL https://x.example/a | tar -xz', //       2
      'RUN set -euxo pipefail; curl -fsSL https://x.example/b | tar -xz', //      3
      'RUN ["/bin/bash", "-o", "pipefail", "-c", "curl -fsSL x | tar -xz"]', //  4
      'RUN <<EOT bash', //                                                       5
      'set -euo pipefail', //                                                    6
      'curl -fsSL https://x.example/c | jq -r .version > /etc/v', //             7
      'EOT', //                                                                  8
      'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]', //                         9
      'RUN curl -fsSL https://x.example/d | tar -xz', //                         10
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('ignores pipes from commands that cannot fail and `||` lists', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN echo "$SUM  /tmp/x.tgz" | sha256sum -c -',
      "RUN echo 'app:changeme' | chpasswd",
      'RUN test -f /etc/x || touch /etc/x',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('reads pipes in sh -c scripts and in heredoc scripts fed to a shell', async () => {
    const text = [
      'FROM alpine:3.20', //                                               1
      'RUN ["sh", "-c", "wget -qO- https://x.example/a | tar -xz"]', //    2
      'RUN <<EOT sh', //                                                   3
      'wget -qO- https://x.example/b | tar -xz', //                        4
      'EOT', //                                                            5
    ].join('\n');
    const findings = await findingsFor(text, ID);
    expect(findings.map((f) => f.line)).toEqual([2, 4]);
    expect(findings[1].message).toContain('script fed to `sh`');
  });

  it('reports one finding per RUN, counting the other pipelines', async () => {
    const text = 'FROM alpine:3.20\nRUN a | b && c | d\n';
    const findings = await findingsFor(text, ID);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('1 more pipeline');
  });
});
