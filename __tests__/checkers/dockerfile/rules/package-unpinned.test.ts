import { describe, expect, it } from 'vitest';
import { packageUnpinned } from '../../../../src/checkers/dockerfile/rules/package-unpinned';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/package-unpinned';

async function flagged(text: string): Promise<string[]> {
  return (await findingsFor(text, ID)).map((f) => f.message);
}

describe('dockerfile/package-unpinned', () => {
  it('is off unless the config turns it on', () => {
    expect(packageUnpinned.defaultOff).toBe(true);
  });

  it('fires on the example, naming each unpinned package', async () => {
    const [message, ...rest] = await flagged(packageUnpinned.example!.bad);
    expect(rest).toEqual([]);
    expect(message).toContain('`flask`, `gunicorn`');
    expect(message).toContain('==');
  });

  it('is quiet on the fixed example', async () => {
    expect(await flagged(packageUnpinned.example!.good)).toEqual([]);
  });

  it('reads apt and apk versions, skipping local packages and option values', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN apt-get install -y --no-install-recommends -t bookworm-backports curl=7.88.1-10 git ./vendor/tool.deb',
      'FROM alpine:3.20',
      'RUN apk add --no-cache --virtual .deps curl=8.5.0-r0 jq~1.7 bash /tmp/x.apk',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => [f.line, f.message.match(/`[^`]+`/g)?.slice(0, 1)])).toEqual([
      [2, ['`git`']],
      [4, ['`bash`']],
    ]);
  });

  it('reads pip specifiers, requirement and constraint files, and local paths', async () => {
    const text = [
      'FROM python:3.12-slim',
      'RUN pip install --no-cache-dir -r requirements.txt . "uvicorn[standard]>=0.30" httpx~=0.27 ./libs/core',
      'RUN pip install --no-cache-dir -c constraints.txt fastapi',
      'RUN pip install --no-cache-dir git+https://example.com/pkg.git@v1.0 dist/app-1.0-py3-none-any.whl',
      'RUN pip install --no-cache-dir -e . rich',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([5]);
    expect(found[0].message).toContain('`rich`');
  });

  it('reads npm, gem and go versions', async () => {
    const text = [
      'FROM node:20-slim',
      'RUN npm install -g pnpm@9.1.0 @scope/tool@2.0.0 typescript npm@latest',
      'RUN npm ci && npm install',
      'RUN gem install bundler -v 2.5.10 && gem install rake:13.2.1 && gem install rails',
      'RUN go install golang.org/x/tools/cmd/goimports@v0.22.0 && go install example.com/cmd/x@latest && go install ./cmd/...',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([2, 4, 5]);
    expect(found[0].message).toContain('`typescript`, `npm@latest`');
    expect(found[1].message).toContain('`rails`');
    expect(found[2].message).toContain('`example.com/cmd/x@latest`');
  });

  it('reads yum, dnf, microdnf and zypper versions, skipping groups, capabilities and local rpms', async () => {
    const text = [
      'FROM rockylinux:9',
      'RUN dnf install -y --setopt=install_weak_deps=False nginx-1.24.0 "openssl = 3.0.7" curl-minimal-7.76.1-26.el9 @development-tools \'dnf-command(config-manager)\' /tmp/x.rpm https://example.com/y.rpm jq git',
      'RUN yum install -y epel-release && microdnf install -y python3.11-3.11.7 tar && dnf in -y java-17-openjdk-headless',
      'FROM opensuse/leap:15.6',
      'RUN zypper --non-interactive install -y nginx=1.21.5 "vim>=9" ./pkgs/local.rpm gzip && zypper in -y -t pattern devel_basis',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [
        2,
        expect.stringContaining(
          'dnf install installs `jq`, `git` without a version; pin them as `pkg-1.2.3`',
        ),
      ],
      [3, expect.stringContaining('yum install installs `epel-release`')],
      [3, expect.stringContaining('microdnf install installs `tar`')],
      [3, expect.stringContaining('dnf in installs `java-17-openjdk-headless`')],
      [5, expect.stringContaining('zypper install installs `gzip` without a version; pin it as `pkg=1.2.3`')],
    ]);
  });

  it('finds git sources without a ref or at a branch, for pip, npm, yarn and cargo', async () => {
    const text = [
      'FROM python:3.12-slim',
      'RUN pip install --no-cache-dir git+https://github.com/org/lib.git "tool @ git+ssh://git@github.com/org/tool.git@main" -e git+https://github.com/org/dev.git#egg=dev',
      'RUN pip install --no-cache-dir https://github.com/org/x/archive/refs/heads/main.zip',
      'RUN npm install -g github:org/cli expressjs/express#master git+https://github.com/org/ui.git',
      'RUN yarn global add github:org/tool && yarn add left-pad',
      'RUN cargo install --git https://github.com/org/crate && cargo install --git https://github.com/org/other --branch main',
      'RUN cargo install --locked cargo-audit',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [
        2,
        expect.stringMatching(
          /installs `git\+https:\/\/github.com\/org\/dev.git#egg=dev`, `git\+https:\/\/github.com\/org\/lib.git` from git without a ref.*also installs `tool @ git\+ssh:\/\/git@github.com\/org\/tool.git@main` at a branch/,
        ),
      ],
      [3, expect.stringContaining('at a branch or `latest`')],
      [
        4,
        expect.stringMatching(
          /`github:org\/cli`, `git\+https:\/\/github.com\/org\/ui.git` from git without a ref, so it gets whatever the default branch holds; pin `#<tag or commit>`.*`expressjs\/express#master` at a branch/,
        ),
      ],
      [5, expect.stringContaining('yarn global add installs `github:org/tool` from git without a ref')],
      [5, expect.stringContaining('yarn add installs `left-pad` without a version')],
      [
        6,
        expect.stringContaining(
          'cargo install installs `https://github.com/org/crate` from git without a ref',
        ),
      ],
      [6, expect.stringContaining('`https://github.com/org/other` at a branch')],
      [7, expect.stringContaining('cargo install installs `cargo-audit` without a version')],
    ]);
  });

  it('is quiet on git sources pinned to a tag or commit, and on local or versioned crates', async () => {
    const text = [
      'FROM python:3.12-slim',
      'RUN pip install --no-cache-dir git+https://github.com/org/lib.git@v1.2.0 "tool @ git+ssh://git@github.com/org/tool.git@3f2c1ab" -e git+https://github.com/org/dev.git@v2#egg=dev',
      'RUN npm install -g github:org/cli#v1.0.0 org/tool#semver:^2.1 @scope/pkg@1.2.3 alias@npm:left-pad@1.3.0',
      'RUN cargo install --git https://github.com/org/crate --tag v1.0 && cargo install --path . && cargo install ripgrep@14.1.0 && cargo install --version 0.1.62 cargo-chef',
      'RUN cargo build --release && yarn install && yarn add --dev typescript@5.4.5',
    ].join('\n');
    expect(await flagged(text)).toEqual([]);
  });

  it('finds go get without a version and go run/get at @latest or a branch, but not local packages', async () => {
    const text = [
      'FROM golang:1.22',
      'RUN go get github.com/org/lib && go get golang.org/x/tools@v0.22.0 && go get -d ./...',
      'RUN go run github.com/org/gen@latest -out x.go && go run ./cmd/gen && go run main.go',
      'RUN go install github.com/org/cmd@master && go run github.com/org/gen@v1.2.3 arg@latest',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [2, expect.stringContaining('go get installs `github.com/org/lib` without a version')],
      [3, expect.stringContaining('go run installs `github.com/org/gen@latest` without a version')],
      [4, expect.stringContaining('go install installs `github.com/org/cmd@master` at a branch')],
    ]);
  });
});
