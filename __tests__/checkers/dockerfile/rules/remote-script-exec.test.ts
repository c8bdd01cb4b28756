import { describe, expect, it } from 'vitest';
import { findingsFor } from '../helpers';
import { remoteScriptExec } from '../../../../src/checkers/dockerfile/rules/remote-script-exec';

const ID = remoteScriptExec.id;

describe(ID, () => {
  it('reports the documented bad example', async () => {
    const findings = await findingsFor(remoteScriptExec.example!.bad, ID);
    expect(findings.map((f) => f.line)).toEqual([2]);
    expect(findings[0].message).toContain('https://example.com/install.sh');
  });

  it('stays quiet on the documented good example (download, sha256sum -c, run)', async () => {
    expect(await findingsFor(remoteScriptExec.example!.good, ID)).toEqual([]);
  });

  it('reports every interpreter that reads the pipe, through sudo and across lines', async () => {
    const text = [
      'FROM ubuntu:22.04', //                                                      1
      'RUN curl -sSL https://install.python-poetry.org | \\', //                   2
      '    python3 - --version 1.8.3', //                                          3
      'RUN wget -O - https://get.example.com/setup | sudo -E bash -', //           4
      'RUN curl -fsSL https://sh.rustup.rs | sh -s -- -y', //                      5
      'RUN curl -s https://cpanmin.us | perl - App::cpanminus', //                 6
      'RUN curl -fsSL https://x.example/i.sh | tee /tmp/i.log | sh', //            7
      'RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin', // 8
    ].join('\n');
    expect((await findingsFor(text, ID)).map((f) => f.line)).toEqual([2, 4, 5, 6, 7, 8]);
  });

  it('reports downloads run through command or process substitution', async () => {
    const text = [
      'FROM ubuntu:22.04',
      'RUN sh -c "$(curl -fsSL https://raw.example.com/install.sh)"',
      'RUN bash <(curl -fsSL https://raw.example.com/install.sh)',
      'RUN eval "$(wget -qO- https://x.example/env)"',
    ].join('\n');
    expect((await findingsFor(text, ID)).map((f) => f.line)).toEqual([2, 3, 4]);
  });

  it('reports a downloaded file run in the same RUN without a checksum check', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN curl -fsSL -o /tmp/install.sh https://x.example/install.sh && sh /tmp/install.sh',
      'RUN wget -q https://x.example/get.sh && chmod +x get.sh && ./get.sh',
    ].join('\n');
    expect((await findingsFor(text, ID)).map((f) => f.line)).toEqual([2, 3]);
  });

  it('leaves pipes into data tools, verified files, and binaries that are not run alone', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN curl -fsSL https://x.example/key.asc | gpg --dearmor -o /etc/apt/keyrings/x.gpg',
      'RUN curl -fsSL https://x.example/a.tgz | tar -xz -C /opt',
      'RUN curl -fsSL -o /usr/local/bin/tool https://x.example/tool && chmod +x /usr/local/bin/tool',
      'RUN wget -q -O /tmp/m.sh https://x.example/m.sh && echo "abc  /tmp/m.sh" | sha256sum -c - && bash /tmp/m.sh -b',
      'RUN curl -fsSL https://x.example/env | python3 -m json.tool > /etc/env.json',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
  it('links a download to a later RUN of the same stage that runs it, unless a step between verifies it', async () => {
    const text = [
      'FROM debian:12-slim', //                                                  1
      'RUN curl -fsSL -o /tmp/install.sh https://example.com/install.sh', //     2
      'RUN sh /tmp/install.sh', //                                               3
      'RUN curl -fsSL -o /tmp/v.sh https://example.com/v.sh', //                 4
      'RUN echo "0123abcd  /tmp/v.sh" | sha256sum -c -', //                      5
      'RUN sh /tmp/v.sh', //                                                     6
      'FROM debian:12-slim', //                                                  7
      'RUN sh /tmp/install.sh', //                                               8
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([3]);
    expect(found[0].message).toContain('downloaded from https://example.com/install.sh at line 2');
  });
});
