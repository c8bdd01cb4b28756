import { describe, expect, it } from 'vitest';
import { finalUserRoot } from '../../../../src/checkers/dockerfile/rules/final-user-root';
import { finalUserMissing } from '../../../../src/checkers/dockerfile/rules/final-user-missing';
import { userNonNumeric } from '../../../../src/checkers/dockerfile/rules/user-non-numeric';
import { findingsFor, applyFindingSuggestion } from '../helpers';

describe('dockerfile/final-user-root', () => {
  const ID = 'dockerfile/final-user-root';

  it('fires on a final USER root', async () => {
    const found = await findingsFor(finalUserRoot.example!.bad, ID);
    expect(found).toMatchObject([{ line: 3 }]);
    expect(found[0].message).toContain('`USER root`');
  });

  it('fires on USER 0 inherited from a stage the final stage builds on', async () => {
    const found = await findingsFor('FROM alpine:3.20 AS base\nUSER 0:0\nFROM base\nCMD ["true"]\n', ID);
    expect(found).toMatchObject([{ line: 2 }]);
    expect(found[0].message).toContain('set in stage `base`');
  });

  it('is quiet when only builder stages run as root, or root is left before the end', async () => {
    expect(await findingsFor(finalUserRoot.example!.good, ID)).toEqual([]);
    const text =
      'FROM golang:1.22 AS build\nUSER root\nRUN go build\nFROM alpine:3.20\nUSER root\nRUN apk add --no-cache ca-certificates\nUSER 10001\n';
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('follows the configured final stage', async () => {
    const text =
      'FROM alpine:3.20 AS runtime\nUSER root\nCMD ["/app"]\nFROM alpine:3.20 AS test\nUSER 10001\n';
    expect(await findingsFor(text, ID, { config: { finalStage: 'runtime' } })).toMatchObject([{ line: 2 }]);
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});

describe('dockerfile/final-user-missing', () => {
  const ID = 'dockerfile/final-user-missing';

  it('fires when the final stage never sets USER', async () => {
    const found = await findingsFor(finalUserMissing.example!.bad, ID);
    expect(found).toMatchObject([{ line: 1 }]);
    expect(found[0].message).toContain('default user of `node:22-slim`, usually root');
  });

  it('is quiet when a USER is set in a stage the final one builds on, or the base is non-root', async () => {
    expect(await findingsFor(finalUserMissing.example!.good, ID)).toEqual([]);
    expect(await findingsFor('FROM alpine:3.20 AS base\nUSER 10001\nFROM base\n', ID)).toEqual([]);
    expect(
      await findingsFor('FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\n', ID),
    ).toEqual([]);
    expect(await findingsFor('FROM nginxinc/nginx-unprivileged:1.27-alpine\n', ID)).toEqual([]);
  });

  it('is quiet on a base the repository builds its own images on, found by the name its label declares', async () => {
    // The shared base prints usage when run alone; the images built on it set their own USER.
    const base = [
      'FROM registry.example.com/ubi9:9.4',
      'LABEL summary="shared base" \\',
      '      name="platform/app-core" \\',
      '      version="1"',
      'RUN dnf install -y tar && dnf clean all',
      'CMD ["core-usage"]',
    ].join('\n');
    const extraFiles = { 'runtime/Dockerfile': 'FROM platform/app-core\nUSER 1001\nCMD ["run-app"]\n' };
    const found = await findingsFor(base, ID, { fileName: 'core/Dockerfile', extraFiles });
    expect(found).toEqual([]);
  });

  it('still fires on a service image nothing in the repository builds on', async () => {
    const service = 'FROM debian:12-slim\nLABEL name="platform/api"\nCMD ["/srv/api"]\n';
    const extraFiles = { 'worker/Dockerfile': 'FROM platform/worker-base:2\nUSER 1001\n' };
    expect(await findingsFor(service, ID, { fileName: 'api/Dockerfile', extraFiles })).toHaveLength(1);
  });
});

describe('dockerfile/user-non-numeric', () => {
  const ID = 'dockerfile/user-non-numeric';

  it('fires on a user name and suggests the UID it was created with', async () => {
    const found = await findingsFor(userNonNumeric.example!.bad, ID);
    expect(found).toMatchObject([{ line: 3 }]);
    expect(found[0].message).toContain('created with UID 10001');
    expect(applyFindingSuggestion(userNonNumeric.example!.bad, found[0])).toBe(userNonNumeric.example!.good);
  });

  it('fires without a suggestion when the UID is unknown', async () => {
    const found = await findingsFor('FROM nginx:1.27\nUSER nginx\nCMD ["/app"]\n', ID);
    expect(found).toHaveLength(1);
    expect(found[0].suggestion).toBeUndefined();
  });

  it("names the UID of an account the base image defines: node's node, distroless nonroot, nobody", async () => {
    const node = await findingsFor('FROM node:22-slim\nUSER node\nCMD ["/app"]\n', ID);
    expect(node[0].message).toContain('the base image gives `node` UID 1000');
    expect(applyFindingSuggestion('FROM node:22-slim\nUSER node\nCMD ["/app"]\n', node[0])).toBe(
      'FROM node:22-slim\nUSER 1000\nCMD ["/app"]\n',
    );
    const distroless = await findingsFor(
      'FROM gcr.io/distroless/static-debian12\nUSER nonroot\nCMD ["/app"]\n',
      ID,
    );
    expect(distroless[0].message).toContain('`USER 65532`');
    const nobody = await findingsFor('FROM alpine:3.20\nUSER nobody\nCMD ["/app"]\n', ID);
    expect(nobody[0].message).toContain('`USER 65534`');
    // `node` means nothing special on another base.
    const other = await findingsFor('FROM debian:12-slim\nUSER node\nCMD ["/app"]\n', ID);
    expect(other[0].message).toContain('use its numeric UID');
  });

  it('is quiet on Windows images, which have no UIDs', async () => {
    expect(
      await findingsFor('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n', ID),
    ).toEqual([]);
    expect(
      await findingsFor(
        'FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022\nUSER ContainerUser\n',
        ID,
      ),
    ).toEqual([]);
  });

  it('is quiet on numeric users, root (another rule), unresolved values and builder stages', async () => {
    expect(await findingsFor(userNonNumeric.example!.good, ID)).toEqual([]);
    expect(await findingsFor('FROM alpine:3.20\nUSER 10001:10001\n', ID)).toEqual([]);
    expect(await findingsFor('FROM alpine:3.20\nUSER root\n', ID)).toEqual([]);
    expect(await findingsFor('FROM mcr.microsoft.com/dotnet/aspnet:8.0\nUSER $APP_UID\n', ID)).toEqual([]);
    expect(
      await findingsFor('FROM alpine:3.20 AS build\nUSER builder\nFROM alpine:3.20\nUSER 1000\n', ID),
    ).toEqual([]);
  });
});

describe('root-user rules and the kind of image', () => {
  const MISSING = 'dockerfile/final-user-missing';
  const ROOT = 'dockerfile/final-user-root';

  it('names the kind it inferred in the message', async () => {
    const found = await findingsFor(
      'FROM debian:12-slim\nCOPY server /srv/server\nCMD ["/srv/server"]\n',
      MISSING,
    );
    expect(found[0].message).toContain('a service image (it starts its own process)');
  });

  it.each([
    [
      'an entrypoint that drops privileges with gosu',
      'FROM debian:12-slim\nENTRYPOINT ["gosu", "app", "/srv/server"]\n',
      {},
    ],
    [
      'an entrypoint script that drops privileges with su-exec',
      'FROM alpine:3.20\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["redis-server"]\n',
      {
        'docker-entrypoint.sh':
          '#!/bin/sh\nset -e\nif [ "$(id -u)" = 0 ]; then exec su-exec redis "$0" "$@"; fi\nexec "$@"\n',
      },
    ],
    ['chroot --userspec', 'FROM debian:12-slim\nCMD chroot --userspec=app / /srv/server\n', {}],
    [
      'a base image with no process of its own',
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      {},
    ],
    [
      'a toolchain whose CMD is a REPL',
      'FROM alpine:3.20\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["node"]\n',
      {},
    ],
    ['a data image FROM scratch', 'FROM scratch\nCOPY models/ /models/\n', {}],
    [
      'a devcontainer',
      'FROM mcr.microsoft.com/devcontainers/base:bookworm\nCMD ["sleep", "infinity"]\n',
      {},
      '.devcontainer/Dockerfile',
    ],
    ['a test image', 'FROM python:3.12-slim\nCMD ["pytest"]\n', {}, 'tests/e2e/Dockerfile'],
    [
      'nginx, whose workers drop root themselves',
      'FROM debian:12-slim\nCMD ["nginx", "-g", "daemon off;"]\n',
      {},
    ],
    [
      'php-fpm started through an entrypoint script that hands over to the CMD',
      'FROM debian:12-slim\nCOPY start.sh /usr/local/bin/php-entrypoint\nENTRYPOINT ["php-entrypoint"]\nCMD ["php-fpm"]\n',
      {},
    ],
    [
      'apache behind the entrypoint script of a derived image',
      'FROM php:8.3-apache\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["apache2-foreground"]\n',
      {},
    ],
    [
      'supervisord, which starts each program as its configured user',
      'FROM debian:12-slim\nCOPY programs.conf /etc/supervisor/programs.conf\nENTRYPOINT ["/usr/bin/dumb-init", "--"]\nCMD ["supervisord", "-c", "/etc/supervisor/programs.conf"]\n',
      {},
    ],
    [
      'a server whose data directories are sticky and world-writable for any run-time user',
      'FROM alpine:3.20\nRUN mkdir -p /var/lib/webd && chmod 1777 /var/lib/webd\nCMD ["webd", "serve"]\n',
      {},
    ],
    [
      'a packaging image whose process builds RPMs',
      'FROM rockylinux:9\nCOPY packaging/rpm /build\nWORKDIR /build\nCMD arch=$(uname -m) && rpmbuild -bb --target=$arch SPECS/agent.spec && cp RPMS/*/*.rpm /dist\n',
      {},
    ],
    [
      'an image made for arbitrary UIDs in group 0',
      'FROM debian:12-slim\nRUN mkdir /srv/data && chgrp -R 0 /srv/data && chmod -R g=u /srv/data\nCMD ["/srv/server"]\n',
      {},
    ],
  ])('the root-user rules are quiet on %s', async (_, text, extraFiles, fileName = 'Dockerfile') => {
    expect(await findingsFor(text, MISSING, { extraFiles, fileName })).toEqual([]);
    expect(await findingsFor(`${text}USER root\n`, ROOT, { extraFiles, fileName })).toEqual([]);
  });

  it.each([
    [
      'distroless nonroot with an arch suffix',
      'FROM gcr.io/distroless/static:nonroot-amd64\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      {},
    ],
  ])('final-user-missing is quiet on %s, whose default user is not root', async (_, text, extraFiles) => {
    expect(await findingsFor(text, MISSING, { extraFiles })).toEqual([]);
  });

  it.each([
    [
      'an AWS Lambda base',
      'FROM public.ecr.aws/lambda/nodejs:20\nCOPY index.js ./\nCMD ["index.handler"]\n',
      {},
    ],
  ])('final-user-missing is quiet on %s, whose default user is not root', async (_, text, extraFiles) => {
    expect(await findingsFor(text, MISSING, { extraFiles })).toEqual([]);
  });

  it.each([
    [
      'an entrypoint script handing over to a program that keeps root',
      'FROM debian:12-slim\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["/srv/server"]\n',
    ],
    ['a plain chmod 777', 'FROM alpine:3.20\nRUN mkdir /data && chmod 777 /data\nCMD ["/srv/server"]\n'],
    [
      'group-writable directories whose group is not 0',
      'FROM alpine:3.20\nRUN mkdir /data && chgrp app /data && chmod g=u /data\nCMD ["/srv/server"]\n',
    ],
  ])('final-user-missing still fires on %s', async (_, text) => {
    expect(await findingsFor(text, MISSING)).toHaveLength(1);
  });

  it('warns on a root USER that follows a non-root one, and is a notice on a deliberate root', async () => {
    const forgotten =
      'FROM python:3.12-slim\nUSER 10001\nUSER root\nRUN pip install --no-cache-dir x\nCMD ["python", "-m", "app"]\n';
    expect((await findingsFor(forgotten, ROOT))[0].severity).toBe('warning');
    const deliberate =
      'FROM debian:12-slim\nUSER 0\nRUN apt-get update && apt-get install -y --no-install-recommends cron && rm -rf /var/lib/apt/lists/*\nCMD ["cron", "-f"]\n';
    expect((await findingsFor(deliberate, ROOT))[0].severity).toBe('notice');
  });
});
