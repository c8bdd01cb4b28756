import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { depsAfterSourceCopy } from '../../../../src/checkers/dockerfile/rules/deps-after-source-copy';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/deps-after-source-copy';

describe('dockerfile/deps-after-source-copy', () => {
  it('fires on the example, at the install, naming the COPY', async () => {
    const found = await findingsFor(depsAfterSourceCopy.example!.bad, ID);
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(4);
    expect(found[0].message).toContain('`COPY .` (line 3)');
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(depsAfterSourceCopy.example!.good, ID)).toEqual([]);
  });

  it('fires on the seed Dockerfile: COPY app/ /app/ before poetry install', async () => {
    const seed = readFileSync('__tests__/fixtures/dockerfile/seed/Dockerfile', 'utf8');
    const [finding] = await findingsFor(seed, ID);
    expect(finding.message).toContain('poetry install');
    expect(finding.message).toContain('`COPY app/`');
  });

  it('fires even when the manifest was copied first, if the install still waits for the source', async () => {
    const text = [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'COPY src ./src',
      'RUN pip install --no-cache-dir -r requirements.txt',
    ].join('\n');
    expect((await findingsFor(text, ID)).map((f) => f.line)).toEqual([5]);
  });

  it('covers go, ruby, php, dotnet, yarn and the exec form', async () => {
    const text = [
      'FROM golang:1.22 AS go',
      'COPY . .',
      'RUN go mod download',
      'FROM ruby:3.3 AS rb',
      'ADD . /app',
      'RUN cd /app && bundle install',
      'FROM composer:2 AS php',
      'COPY ./ /app/',
      'RUN composer install --no-dev',
      'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS net',
      'COPY . .',
      'RUN dotnet restore',
      'FROM node:20 AS web',
      'COPY . .',
      'RUN ["yarn", "install", "--frozen-lockfile"]',
    ].join('\n');
    expect((await findingsFor(text, ID)).map((f) => f.line)).toEqual([3, 6, 9, 12, 15]);
  });

  it('is quiet for manifest-first builds, installs of the project itself, and copies from stages', async () => {
    const text = [
      'FROM python:3.12-slim AS py',
      'COPY requirements/ /code/requirements/',
      'RUN pip install --no-cache-dir -r /code/requirements/prod.txt',
      'COPY . /code/',
      'RUN pip install --no-cache-dir --no-deps /code',
      'FROM python:3.12-slim AS poetry',
      'COPY pyproject.toml poetry.lock ./',
      'RUN poetry install --no-root',
      'COPY . .',
      'RUN poetry install --only-root',
      'FROM node:20 AS web',
      'COPY package.json yarn.lock .yarnrc.yml ./',
      'COPY .yarn/releases .yarn/releases',
      'RUN yarn install --immutable',
      'COPY . .',
      'RUN yarn build',
      'FROM node:20',
      'COPY --from=web /app /app',
      'RUN npm install -g serve@14.2.3',
      'COPY Makefile ./',
      'RUN make deps',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
  it('reads a build-tool wrapper copied with the manifest as a file, not the source tree', async () => {
    const maven = [
      'FROM eclipse-temurin:21-jdk',
      'WORKDIR /workspace',
      'COPY mvnw pom.xml ./',
      'COPY .mvn .mvn',
      'RUN ./mvnw -B dependency:go-offline',
      'COPY src src',
      'RUN ./mvnw -B package',
    ].join('\n');
    expect(await findingsFor(maven, ID)).toEqual([]);
    // The source directory copied first still counts.
    const late = maven.replace('COPY mvnw pom.xml ./', 'COPY mvnw pom.xml ./\nCOPY src src');
    expect((await findingsFor(late, ID)).map((f) => f.line)).toEqual([6]);
  });
});
