import { describe, expect, it } from 'vitest';
import { packageSignatureBypass } from '../../../../src/checkers/dockerfile/rules/package-signature-bypass';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/package-signature-bypass';

describe('dockerfile/package-signature-bypass', () => {
  it('fires on the example', async () => {
    const found = await findingsFor(packageSignatureBypass.example!.bad, ID);
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(3);
    expect(found[0].message).toContain('--allow-untrusted');
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(packageSignatureBypass.example!.good, ID)).toEqual([]);
  });

  it("finds every manager's bypass", async () => {
    const text = [
      'FROM debian:12',
      'RUN apt-get install -y --allow-unauthenticated foo', // 2
      'RUN apt-get install -y --force-yes foo', // 3
      'RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y foo', // 4
      'RUN echo "deb [trusted=yes] http://repo.internal/ stable main" > /etc/apt/sources.list.d/internal.list', // 5
      'RUN echo "deb [arch=amd64 trusted=yes] http://repo.internal/ stable main" | tee /etc/apt/sources.list.d/x.list', // 6
      'FROM rockylinux:9',
      'RUN dnf install -y --nogpgcheck agent && dnf clean all', // 8
      'RUN yum install -y --setopt=gpgcheck=0 agent && yum clean all', // 9
      'RUN rpm -ivh --nosignature /tmp/agent.rpm', // 10
      'FROM opensuse/leap:15.6',
      'RUN zypper --no-gpg-checks -n install agent && zypper clean', // 12
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([2, 3, 4, 5, 6, 8, 9, 10, 12]);
  });

  it('is quiet for signed repositories and verified installs', async () => {
    const text = [
      'FROM debian:12',
      'RUN echo "deb [signed-by=/etc/apt/keyrings/internal.gpg] https://repo.internal/ stable main" > /etc/apt/sources.list.d/internal.list',
      'RUN apt-get update && apt-get install -y --no-install-recommends --allow-downgrades foo=1.0 && rm -rf /var/lib/apt/lists/*',
      'RUN echo "trusted=yes is a bad idea" > /tmp/notes.txt',
      'FROM rockylinux:9',
      'RUN rpm --import https://repo.internal/key.asc && rpm -ivh /tmp/agent.rpm',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('is quiet on a trusted local file: repository the same RUN assembled', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN tempDir="$(mktemp -d)" \\',
      '    && cp /tmp/*.deb "$tempDir/" && (cd "$tempDir" && dpkg-scanpackages . > Packages) \\',
      '    && echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list \\',
      '    && apt-get update && apt-get install -y --no-install-recommends nginx-module \\',
      '    && rm -rf "$tempDir" /etc/apt/sources.list.d/temp.list /var/lib/apt/lists/*',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
