import { describe, expect, it } from 'vitest';
import { findingsFor } from '../helpers';
import { secretInArgEnv } from '../../../../src/checkers/dockerfile/rules/secret-in-arg-env';

const ID = secretInArgEnv.id;

describe(ID, () => {
  it('reports the documented bad example: E for the literal ENV secret, W for the secret ARG', async () => {
    const findings = await findingsFor(secretInArgEnv.example!.bad, ID);
    expect(findings.map((f) => [f.line, f.severity ?? 'error'])).toEqual([
      [2, 'warning'],
      [3, 'error'],
    ]);
    expect(findings[1].message).toContain('DATABASE_PASSWORD');
    // The value itself is never echoed into the report.
    expect(findings[1].message).not.toContain('hunter2');
  });

  it('stays quiet on the documented good example', async () => {
    expect(await findingsFor(secretInArgEnv.example!.good, ID)).toEqual([]);
  });

  it('flags credential-looking literals under any name, in ENV and ARG defaults', async () => {
    const text = [
      'FROM python:3.12-slim',
      'ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE \\',
      '    AWS_DEFAULT_REGION=eu-central-1',
      'ARG CONFIG_REPO=https://deploy:s3cretPass@git.example.com/config.git',
      'ENV BOOTSTRAP=ghp_4hF9kLmN2pQrS7tUvW1xYz3aBcDeFgHiJkL0',
    ].join('\n');
    const findings = await findingsFor(text, ID);
    expect(findings.map((f) => [f.line, f.severity ?? 'error'])).toEqual([
      [2, 'error'],
      [4, 'error'],
      [5, 'error'],
    ]);
    expect(findings[0].message).toContain('AWS access key id');
    expect(findings[2].message).toContain('GitHub token');
  });

  it('warns when ENV copies a secret build arg into the image configuration', async () => {
    const text = 'FROM node:20-slim\nARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN}\n';
    const findings = await findingsFor(text, ID);
    expect(findings.map((f) => [f.line, f.severity])).toEqual([
      [2, 'warning'],
      [3, 'warning'],
    ]);
    expect(findings[1].message).toContain('$NPM_TOKEN');
  });

  it('does not mistake names that describe a secret, switches and file pointers for secrets', async () => {
    const text = [
      'FROM postgres:16',
      'ENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password',
      'ENV SECRET_NAME_PREFIX=prod/app/',
      'ENV TOKEN_URL=https://auth.example.com/oauth/token',
      'ENV MYSQL_ALLOW_EMPTY_PASSWORD=yes',
      'ENV API_KEY=""',
      'ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
      'ENV TOKENIZERS_PARALLELISM=false',
      'ARG PASSWORD_LENGTH=32',
      'ARG AWS_ACCESS_KEY_ID_SSM_PATH=/ci/aws/key-id',
      'ENV DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('reports each secret pair of a multi-pair ENV at its own line', async () => {
    const text =
      'FROM alpine:3.20\nENV LOG_LEVEL=info \\\n    REDIS_PASS=swordfish \\\n    STRIPE_SECRET=rk_test_abc\n';
    const findings = await findingsFor(text, ID);
    expect(findings.map((f) => f.line)).toEqual([3, 4]);
    expect(new Set(findings.map((f) => f.subject)).size).toBe(2);
  });
});
