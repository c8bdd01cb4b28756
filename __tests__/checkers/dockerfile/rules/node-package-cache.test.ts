import { describe, expect, it } from 'vitest';
import { nodePackageCache } from '../../../../src/checkers/dockerfile/rules/node-package-cache';
import { applyFindingSuggestion, findingsFor } from '../helpers';

const ID = 'dockerfile/node-package-cache';

async function lines(text: string, extraFiles?: Record<string, string>): Promise<number[]> {
  return (await findingsFor(text, ID, { extraFiles })).map((f) => f.line);
}

describe('dockerfile/node-package-cache', () => {
  it('fires on the example and its suggestion gives the fixed example', async () => {
    const found = await findingsFor(nodePackageCache.example!.bad, ID);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("`npm ci --omit=dev` leaves npm's download cache (/root/.npm)");
    expect(applyFindingSuggestion(nodePackageCache.example!.bad, found[0])).toBe(
      nodePackageCache.example!.good,
    );
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(nodePackageCache.example!.good, ID)).toEqual([]);
  });

  it('finds yarn 1 installs, naming where root and other users keep the cache', async () => {
    const text = [
      'FROM node:20',
      'WORKDIR /app',
      'RUN yarn --frozen-lockfile && yarn build',
      'USER node',
      'RUN yarn global add serve',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([3, 5]);
    expect(found[0].message).toContain('/usr/local/share/.cache/yarn');
    expect(found[1].message).toContain("Yarn's package cache (~/.cache/yarn)");
    expect(applyFindingSuggestion(text, found[0]).split('\n')[2]).toBe(
      'RUN yarn --frozen-lockfile && yarn cache clean && yarn build',
    );
  });

  it('says so when the cache mount is not the one the install writes', async () => {
    const text =
      'FROM node:20\nRUN --mount=type=cache,target=/root/.cache/yarn yarn install --frozen-lockfile\n';
    const [finding] = await findingsFor(text, ID);
    expect(finding.message).toContain(
      'The cache mount on /root/.cache/yarn is not where this install writes (/usr/local/share/.cache/yarn)',
    );
  });

  it('finds pnpm fetch in a RUN of its own, with its store under PNPM_HOME, and npm with a cache that is not removed', async () => {
    const text = [
      'FROM node:22-slim',
      'ENV PNPM_HOME=/pnpm',
      'COPY pnpm-lock.yaml ./',
      'RUN corepack enable && pnpm fetch --prod',
      'COPY . .',
      'RUN pnpm install --offline --prod',
      'RUN npm ci --cache /tmp/npm-cache',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([4, 7]);
    expect(found[0].message).toContain("pnpm's package store (/pnpm/store)");
    expect(found[0].message).toContain('fetch and install in the same RUN');
    expect(found[1].message).toContain('(/tmp/npm-cache)');
  });

  it('is quiet on pnpm install, whose node_modules are hard links into the store', async () => {
    const text = [
      'FROM node:22-slim',
      'RUN corepack enable && pnpm install --prod --frozen-lockfile',
      'RUN pnpm fetch && pnpm install --offline --prod',
    ].join('\n');
    expect(await lines(text)).toEqual([]);
  });

  it('reads cache locations set with `config set`, earlier in the RUN or in an earlier RUN', async () => {
    const text = [
      'FROM node:22-slim',
      'RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm config set store-dir /pnpm/store && pnpm fetch',
      'RUN npm config set cache /tmp/npm-cache --global',
      'RUN npm ci && rm -rf /tmp/npm-cache',
      'RUN yarn config set cache-folder /var/cache/yarn && yarn install --frozen-lockfile && rm -rf /var/cache/yarn',
    ].join('\n');
    expect(await lines(text)).toEqual([]);
    const unremoved = 'FROM node:22-slim\nRUN npm config set cache=/var/cache/npm && npm ci\n';
    expect((await findingsFor(unremoved, ID)).map((f) => f.message)).toEqual([
      expect.stringContaining("npm's download cache (/var/cache/npm)"),
    ]);
  });

  it('is quiet when the same RUN cleans or removes the cache', async () => {
    const text = [
      'FROM node:22',
      'WORKDIR /app',
      'RUN npm ci && npm run build && npm cache clean --force',
      'RUN npm install -g pm2 && rm -rf ~/.npm',
      'RUN yarn install --frozen-lockfile && yarn cache clean',
      'RUN yarn --production && rm -rf /usr/local/share/.cache',
      'RUN pnpm fetch --prod && pnpm store prune',
      'RUN npm ci --cache /tmp/npm && npm run build && rm -rf /tmp/npm',
      'RUN npm_config_cache=/tmp/c npm ci && rm -rf /tmp/*',
      'RUN XDG_CACHE_HOME=/tmp/xdg yarn install && rm -rf /tmp/xdg',
      'ENV YARN_CACHE_FOLDER=/tmp/yarn',
      'RUN yarn install && rm -rf "$YARN_CACHE_FOLDER" /tmp/yarn',
    ].join('\n');
    expect(await lines(text)).toEqual([]);
  });

  it('is quiet under cache mounts on the cache directory, its parent, or the pnpm store', async () => {
    const text = [
      'FROM node:22-alpine',
      'RUN --mount=type=cache,target=/root/.npm npm ci',
      'RUN --mount=type=cache,target=/root/.npm/_cacache npm install',
      'RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile',
      'ENV PNPM_HOME=/pnpm',
      'RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm fetch',
      'RUN --mount=type=tmpfs,target=/root npm install -g npm@10.8.1',
      'USER node',
      'RUN --mount=type=cache,target=/home/node/.cache,uid=1000 yarn install',
    ].join('\n');
    expect(await lines(text)).toEqual([]);
  });

  it('is quiet on commands that download nothing and in builder stages', async () => {
    const text = [
      'FROM node:22 AS build',
      'WORKDIR /src',
      'RUN npm ci && npm run build',
      'RUN yarn install',
      'FROM node:22-slim',
      'COPY --from=build /src/dist /app',
      'RUN yarn --version && npm --version && npm run prepare && yarn build',
      'RUN npm install --offline',
    ].join('\n');
    expect(await lines(text)).toEqual([]);
  });

  it('leaves Yarn 2+ alone unless its global cache is switched on', async () => {
    const text = [
      'FROM node:22-slim',
      'WORKDIR /app',
      'COPY package.json yarn.lock .yarnrc.yml ./',
      'COPY .yarn/releases .yarn/releases',
      'RUN yarn install --immutable',
    ].join('\n');
    expect(await lines(text)).toEqual([]);
    const immutable = 'FROM node:22-slim\nRUN corepack enable && yarn install --immutable\n';
    expect(await lines(immutable)).toEqual([]);
    const local = { '.yarnrc.yml': 'nodeLinker: node-modules\nenableGlobalCache: false\n' };
    expect(await lines('FROM node:22-slim\nRUN yarn install\n', local)).toEqual([]);
    const global = { '.yarnrc.yml': 'enableGlobalCache: true\n' };
    const found = await findingsFor('FROM node:22-slim\nRUN yarn install\n', ID, { extraFiles: global });
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining("Yarn's global cache (/root/.yarn/berry/cache)"),
    ]);
    const cleaned = 'FROM node:22-slim\nRUN yarn install && yarn cache clean --all\n';
    expect(await lines(cleaned, global)).toEqual([]);
  });
});
