import { describe, expect, it } from 'vitest';
import { tlsVerificationDisabled } from '../../../../src/checkers/dockerfile/rules/tls-verification-disabled';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/tls-verification-disabled';

describe('dockerfile/tls-verification-disabled', () => {
  it('fires on the example for the ENV and for curl -k in a flag cluster', async () => {
    const found = await findingsFor(tlsVerificationDisabled.example!.bad, ID);
    expect(found.map((f) => f.line)).toEqual([2, 3]);
    expect(found[0].message).toContain('Node.js');
    expect(found[0].message).toContain('running container');
    expect(found[1].message).toContain('curl -k');
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(tlsVerificationDisabled.example!.good, ID)).toEqual([]);
  });

  it('finds the tools and settings of the catalog', async () => {
    const text = [
      'FROM node:20',
      'RUN wget --no-check-certificate https://example.com/a.tgz', // 2
      'RUN pip install --trusted-host pypi.internal flask', // 3
      'RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci', // 4
      'RUN npm config set strict-ssl false', // 5
      'RUN yarn config set strict-ssl false', // 6
      'RUN git config --global http.sslVerify false', // 7
      'RUN git -c http.sslVerify=false clone https://example.com/r.git', // 8
      'RUN export GIT_SSL_NO_VERIFY=1 && git clone https://example.com/r.git', // 9
      'ENV PYTHONHTTPSVERIFY=0 npm_config_strict_ssl=false', // 10
      'ARG PIP_TRUSTED_HOST=pypi.internal', // 11
      'RUN dnf config-manager --setopt=internal.sslverify=0 --save', // 12
      'RUN curl --insecure -o /tmp/x https://example.com/x', // 13
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line).sort((a, b) => a - b)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 11, 12, 13,
    ]);
    // The command is quoted once: where the description already is the command, it is not repeated.
    const npm = found.find((f) => f.line === 5)!;
    expect(npm.message).toBe(
      '`npm config set strict-ssl false` accepts any registry certificate for every later install.',
    );
    expect(found.find((f) => f.line === 13)!.message).toContain(
      ': `curl --insecure -o /tmp/x https://example.com/x`',
    );
  });

  it('is quiet when verification stays on', async () => {
    const text = [
      'FROM node:20',
      'ENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1 NPM_CONFIG_STRICT_SSL=true',
      'ARG GIT_SSL_NO_VERIFY',
      'RUN curl -fsSL --cacert /etc/ssl/certs/corp.pem https://example.com/x -o /tmp/x',
      'RUN npm config set strict-ssl true && git config --global http.sslVerify true',
      'RUN echo "curl -k is not used" && wget -q https://example.com/b.tgz',
      'RUN pip install --index-url https://pypi.internal/simple --cert /etc/ssl/certs/corp.pem flask',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
