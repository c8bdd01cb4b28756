import { describe, expect, it } from 'vitest';
import { findingsFor } from '../helpers';
import { copySecretFile } from '../../../../src/checkers/dockerfile/rules/copy-secret-file';

const ID = copySecretFile.id;

describe(ID, () => {
  it('reports the documented bad example as an error', async () => {
    const findings = await findingsFor(copySecretFile.example!.bad, ID);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 3 });
    expect(findings[0].severity).toBeUndefined();
    expect(findings[0].message).toContain('SSH private key');
  });

  it('stays quiet on the documented good example (an SSH mount)', async () => {
    expect(await findingsFor(copySecretFile.example!.good, ID)).toEqual([]);
  });

  it('recognises a secret by its destination name and by globs', async () => {
    const text = [
      'FROM alpine:3.20',
      'COPY deploy-credentials /root/.ssh/id_ed25519',
      'COPY certs/*.pem /etc/ssl/private/',
      'COPY .env.production /app/.env.production',
      'COPY ["config/credentials.json", "/app/config/"]',
    ].join('\n');
    expect((await findingsFor(text, ID)).map((f) => f.line)).toEqual([2, 3, 4, 5]);
  });

  it('leaves public halves, templates and CA bundles alone', async () => {
    const text = [
      'FROM alpine:3.20',
      'COPY id_rsa.pub /home/app/.ssh/authorized_keys',
      'COPY known_hosts /root/.ssh/known_hosts',
      'COPY .env.example /app/.env.example',
      'COPY certs/ca-bundle.pem /etc/ssl/certs/',
      'COPY <<EOF /app/.env',
      'LOG_LEVEL=info',
      'EOF',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('is a warning in a builder stage whose files the final stage does not copy whole', async () => {
    const text = [
      'FROM node:20-bookworm AS build', //          1
      'WORKDIR /app', //                            2
      'COPY .npmrc package.json package-lock.json ./', // 3
      'RUN npm ci && rm -f .npmrc', //              4
      'FROM nginx:1.27-alpine', //                  5
      'COPY --from=build /app/dist /usr/share/nginx/html', // 6
    ].join('\n');
    const findings = await findingsFor(text, ID);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 3, severity: 'warning' });
    expect(findings[0].message).toContain('builder stage build');
  });

  it('is an error when the final stage copies the directory holding the secret, or the whole stage', async () => {
    const byDirectory = [
      'FROM ruby:3.3-slim AS build',
      'WORKDIR /app',
      'COPY config/master.key config/master.key',
      'FROM ruby:3.3-slim',
      'COPY --from=build /app /rails',
    ].join('\n');
    expect((await findingsFor(byDirectory, ID)).map((f) => [f.line, f.severity])).toEqual([[3, undefined]]);

    const flattened = [
      'FROM alpine:3.20 AS fetch',
      'COPY deploy_key /root/.ssh/id_ed25519',
      'FROM alpine:3.20 AS squash',
      'COPY --from=fetch / /',
      'FROM squash',
      'USER 1000',
    ].join('\n');
    expect((await findingsFor(flattened, ID)).map((f) => [f.line, f.severity])).toEqual([[2, undefined]]);
  });

  it('is an error in a stage the final image is built FROM', async () => {
    const text = 'FROM alpine:3.20 AS base\nCOPY server.key /etc/ssl/private/\nFROM base\nUSER 1000\n';
    expect((await findingsFor(text, ID)).map((f) => [f.line, f.severity])).toEqual([[2, undefined]]);
  });
});

describe('dockerfile/copy-secret-file on public material and test images', () => {
  const ID = 'dockerfile/copy-secret-file';

  it('is quiet on published DH parameters and PGP public keys, whatever their extension', async () => {
    const text = [
      'FROM debian:12-slim',
      'COPY tls/ffdhe4096.pem tls/dhparam.pem /etc/ssl/',
      'COPY nginx_signing.key /usr/share/keyrings/',
      'COPY vendor/repo.key /tmp/repo.key',
      'CMD ["/srv/server"]',
    ].join('\n');
    const extraFiles = {
      'vendor/repo.key':
        '-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQINBF...\n-----END PGP PUBLIC KEY BLOCK-----\n',
    };
    expect(await findingsFor(text, ID, { extraFiles })).toEqual([]);
  });

  it('reads a committed .env: quiet when it holds settings only, an error when it holds a credential', async () => {
    const text = 'FROM node:22-slim\nCOPY .env ./\nCMD ["node", "server.js"]\n';
    expect(await findingsFor(text, ID, { extraFiles: { '.env': 'LOG_LEVEL=debug\nPORT=8080\n' } })).toEqual(
      [],
    );
    const secret = await findingsFor(text, ID, {
      extraFiles: { '.env': 'PORT=8080\nSTRIPE_API_KEY=sk_live_51Habc\n' },
    });
    expect(secret).toMatchObject([{ line: 2 }]);
  });

  it('reads a committed .npmrc: quiet on settings and tokens from the environment, an error on a literal token', async () => {
    const text =
      'FROM node:22-slim\nWORKDIR /app\nCOPY .npmrc package.json ./\nRUN npm ci\nCMD ["node", "server.js"]\n';
    const settings = { '.npmrc': 'legacy-peer-deps=true\nmin-release-age=14\n' };
    expect(await findingsFor(text, ID, { extraFiles: settings })).toEqual([]);
    const fromEnv = {
      '.npmrc': '@acme:registry=https://npm.acme.dev/\n//npm.acme.dev/:_authToken=${NPM_TOKEN}\n',
    };
    expect(await findingsFor(text, ID, { extraFiles: fromEnv })).toEqual([]);
    const literal = {
      '.npmrc': '//registry.npmjs.org/:_authToken=npm_8fJ2kLq9ZxY4bN7cT1vW3eR6uH0pS5aD2gF8\n',
    };
    expect(await findingsFor(text, ID, { extraFiles: literal })).toMatchObject([{ line: 3 }]);
  });

  it('still names a secret behind a bracket glob', async () => {
    const found = await findingsFor(
      'FROM oraclelinux:9-slim\nCOPY wallet/cwallet.ss[o] /opt/wallet/\nCMD ["/app"]\n',
      ID,
    );
    expect(found).toMatchObject([{ line: 2 }]);
    expect(found[0].message).toContain('Oracle wallet');
  });

  it('is a notice in a test image, whose fixtures ship to no one', async () => {
    const found = await findingsFor('FROM alpine:3.20\nCOPY certs/server.key /etc/tls/\nCMD ["/app"]\n', ID, {
      fileName: 'test/e2e/Dockerfile',
    });
    expect(found).toMatchObject([{ severity: 'notice' }]);
    expect(found[0].message).toContain('a build, test or development image');
    const htpasswd = await findingsFor(
      'FROM httpd:2.4\nCOPY fixtures/.htpasswd /usr/local/apache2/conf/\n',
      ID,
      {
        fileName: 'integration/git-server/Dockerfile',
      },
    );
    expect(htpasswd.map((f) => f.severity)).toEqual(['notice']);
  });
});
