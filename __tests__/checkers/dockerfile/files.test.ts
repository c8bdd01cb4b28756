import { describe, expect, it } from 'vitest';
import { parseShell } from '../../../src/parse/shell';
import { instructionAt } from './helpers';
import {
  credentialKind,
  downloadOf,
  homeOf,
  interpreterInput,
  isNonSecretValue,
  isSecretName,
  pathsHandedOver,
  pathsWritten,
  secretFileKind,
  verifiesDownload,
} from '../../../src/checkers/dockerfile/files';

function first(script: string) {
  const parsed = parseShell(script);
  expect(parsed.error).toBeUndefined();
  return parsed.commands[0];
}

describe('isSecretName', () => {
  it.each([
    'DATABASE_PASSWORD',
    'PGPASSWORD',
    'GITHUB_TOKEN',
    'NPM_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'API_KEY',
    'apiKey',
    'STRIPE_SECRET',
    'CLIENT_SECRET',
    'DJANGO_SECRET_KEY',
    'NEW_RELIC_LICENSE_KEY',
    'DB_PASS',
    'GOOGLE_CREDENTIALS',
    'SECRET_KEY_BASE',
    'DB_PASSWORD_PROD',
  ])('%s names a secret', (name) => expect(isSecretName(name)).toBe(true));

  it.each([
    'PASSWORD_FILE',
    'DB_PASSWORD_FILE',
    'SECRET_NAME_PREFIX',
    'TOKEN_URL',
    'PASSWORD_LENGTH',
    'AWS_ACCESS_KEY_ID',
    'GPG_KEY',
    'TOKENIZERS_PARALLELISM',
    'MYSQL_ALLOW_EMPTY_PASSWORD',
    'PWD',
    'PASS_THROUGH',
    'SECRETARY_EMAIL',
    'SECRETS_MANAGER_REGION',
    'TOKEN_EXCHANGE_AUDIENCE',
    'NEXT_PUBLIC_API_KEY',
  ])('%s does not', (name) => expect(isSecretName(name)).toBe(false));
});

describe('secret values', () => {
  it('recognises well-known credential formats', () => {
    expect(credentialKind('AKIAIOSFODNN7EXAMPLE')).toBe('an AWS access key id');
    expect(credentialKind('ghp_4hF9kLmN2pQrS7tUvW1xYz3aBcDeFgHiJkL0')).toBe('a GitHub token');
    expect(credentialKind('-----BEGIN OPENSSH PRIVATE KEY-----\\nabc')).toBe('a private key');
    expect(credentialKind('postgres://app:s3cret@db:5432/app')).toBe('a password in an URL');
  });

  it('ignores ordinary values and passwords taken from variables', () => {
    expect(credentialKind('https://__token__:${PIP_TOKEN}@pypi.example.com/simple')).toBeUndefined();
    expect(credentialKind('eu-central-1')).toBeUndefined();
    expect(credentialKind('https://example.com/path')).toBeUndefined();
  });

  it('treats switches, placeholders and file paths as non-secret', () => {
    for (const v of [
      '',
      'yes',
      '1',
      '<your-token>',
      'xxx',
      '/run/secrets/db',
      'https://auth.example.com/token',
    ]) {
      expect(isNonSecretValue(v)).toBe(true);
    }
    expect(isNonSecretValue('hunter2')).toBe(false);
  });
});

describe('secretFileKind', () => {
  it.each([
    ['ssh-keys/id_rsa', 'an SSH private key'],
    ['.env', 'a dotenv file'],
    ['config/.env.production', 'a dotenv file'],
    ['.npmrc', 'an npm credentials file'],
    ['keys/server.key', 'a private key'],
    ['certs/server.pem', 'a PEM file, usually a private key'],
    ['*.pem', 'a PEM file, usually a private key'],
    ['tls/key.pem', 'a private key'],
    ['letsencrypt/live/example.com/privkey.pem', 'a private key'],
    ['/root/.ssh/id_ed25519', 'an SSH private key'],
    ['.aws/', 'AWS credentials'],
    ['/home/app/.ssh/deploy', 'SSH keys'],
    ['store.p12', 'a keystore with private keys'],
    ['config/credentials.json', 'a credentials file'],
  ])('%s is a secret (%s)', (path, kind) => expect(secretFileKind(path)).toBe(kind));

  it.each([
    'id_rsa.pub',
    '.env.example',
    'ca.pem',
    'certs/fullchain.pem',
    'rds-combined-ca-bundle.pem',
    '/home/ops/.ssh/authorized_keys',
    '/root/.ssh/known_hosts',
    'app/',
    'nodesource-gpg.key',
  ])('%s is not', (path) => expect(secretFileKind(path)).toBeUndefined());
});

describe('downloadOf', () => {
  it('reads combined curl flags and output files', () => {
    expect(downloadOf(first('curl -fsSL https://x.example/i.sh'))).toMatchObject({
      toStdout: true,
      failsOnHttpError: true,
    });
    expect(downloadOf(first('curl -sSL https://x.example/i.sh'))).toMatchObject({
      toStdout: true,
      failsOnHttpError: false,
    });
    expect(downloadOf(first('curl -sSLo /tmp/a https://x.example/a'))).toMatchObject({
      toStdout: false,
      outputFiles: ['/tmp/a'],
      urls: ['https://x.example/a'],
    });
    expect(downloadOf(first('curl -H "X-f: 1" --output=/tmp/b https://x.example/b'))).toMatchObject({
      failsOnHttpError: false,
      outputFiles: ['/tmp/b'],
    });
    expect(downloadOf(first('curl https://x.example/c > /tmp/c'))).toMatchObject({
      toStdout: false,
      outputFiles: ['/tmp/c'],
    });
    expect(downloadOf(first('curl -o- https://x.example/c'))).toMatchObject({
      toStdout: true,
      outputFiles: [],
    });
  });

  it('reads wget output options', () => {
    expect(downloadOf(first('wget -qO- https://x.example/k'))).toMatchObject({ toStdout: true });
    expect(downloadOf(first('wget -O - https://x.example/k'))).toMatchObject({ toStdout: true });
    expect(downloadOf(first('wget -q https://x.example/tool.tgz'))).toMatchObject({
      toStdout: false,
      outputFiles: ['tool.tgz'],
    });
    expect(downloadOf(first('sudo wget -O /tmp/x https://x.example/x'))).toMatchObject({
      outputFiles: ['/tmp/x'],
    });
  });

  it('ignores other commands', () => expect(downloadOf(first('tar -xzf x.tgz'))).toBeUndefined());
});

describe('interpreterInput', () => {
  it('knows when an interpreter reads its program from stdin', () => {
    expect(interpreterInput(first('sh'))).toEqual({ kind: 'stdin' });
    expect(interpreterInput(first('bash -s -- -y'))).toEqual({ kind: 'stdin' });
    expect(interpreterInput(first('python3 - --version 1.2'))).toEqual({ kind: 'stdin' });
    expect(interpreterInput(first('perl - App::cpanminus'))).toEqual({ kind: 'stdin' });
    // php reads the script from stdin and passes what follows `--` to it; node runs the file after `--`.
    expect(interpreterInput(first('php -- --install-dir=/usr/local/bin'))).toEqual({ kind: 'stdin' });
    expect(interpreterInput(first('node -- server.js'))).toEqual({ kind: 'file', file: 'server.js' });
    expect(interpreterInput(first('bash /tmp/install.sh'))).toEqual({
      kind: 'file',
      file: '/tmp/install.sh',
    });
    expect(interpreterInput(first('sh -c "echo hi"'))).toEqual({ kind: 'inline' });
    expect(interpreterInput(first('jq -r .version'))).toBeUndefined();
  });
});

describe('verifiesDownload', () => {
  it('accepts checksum and signature checks only', () => {
    expect(verifiesDownload(first('sha256sum -c -'))).toBe(true);
    expect(verifiesDownload(first('sha256sum --check sums.txt'))).toBe(true);
    expect(verifiesDownload(first('shasum -a 256 -c sums'))).toBe(true);
    expect(verifiesDownload(first('gpg --batch --verify x.asc x'))).toBe(true);
    expect(verifiesDownload(first('sha256sum x'))).toBe(false);
  });
});

describe('interpreterInput options', () => {
  it('reads shell flags as flags, not as inline code', () => {
    expect(interpreterInput(first('sh -e'))).toEqual({ kind: 'stdin' });
    expect(interpreterInput(first('bash -o pipefail'))).toEqual({ kind: 'stdin' });
    expect(interpreterInput(first('bash -eux /tmp/x.sh'))).toEqual({ kind: 'file', file: '/tmp/x.sh' });
    expect(interpreterInput(first('perl -e "print 1"'))).toEqual({ kind: 'inline' });
    expect(interpreterInput(first('node -'))).toEqual({ kind: 'stdin' });
    expect(interpreterInput(first('sudo -E bash -'))).toEqual({ kind: 'stdin' });
  });
});

describe('pathsWritten and pathsHandedOver', () => {
  it('skips option values and resolves against the working directory', () => {
    expect(pathsWritten(first('mkdir -p -m 0700 /home/app/.ssh data'), '/srv')).toEqual([
      { path: '/home/app/.ssh', recursive: false },
      { path: '/srv/data', recursive: false },
    ]);
    expect(pathsWritten(first('cp -t /opt/bin a b'), '/')).toEqual([{ path: '/opt/bin', recursive: false }]);
    expect(pathsWritten(first('echo ok > /srv/www/healthz'), '/')).toEqual([
      { path: '/srv/www/healthz', recursive: false },
    ]);
    // The home of `~` is not known here.
    expect(pathsWritten(first('mkdir -p ~/.ssh'), '/')).toEqual([]);
  });

  it('reads chown targets and -R', () => {
    expect(pathsHandedOver(first('chown -R app:app /home/app ./data'), '/srv')).toEqual([
      { path: '/home/app', recursive: true },
      { path: '/srv/data', recursive: true },
    ]);
    expect(pathsHandedOver(first('chown --reference=/etc /srv/x'), '/')).toEqual([
      { path: '/srv/x', recursive: false },
    ]);
  });
});

describe('homeOf', () => {
  it("is root's home, an ENV HOME, or the home of the account the USER names", () => {
    const text = [
      'FROM debian:12-slim', //                         1
      'RUN useradd -m -d /srv/app -u 1000 app', //      2
      'USER app', //                                    3
      'RUN true', //                                    4
      'USER 1000', //                                   5
      'RUN true', //                                    6
      'ENV HOME=/data', //                              7
      'RUN true', //                                    8
      'ONBUILD RUN true', //                            9
    ].join('\n');
    expect(homeOf(instructionAt(text, 2))).toBe('/root');
    expect(homeOf(instructionAt(text, 4))).toBe('/srv/app');
    expect(homeOf(instructionAt(text, 6))).toBe('/srv/app');
    expect(homeOf(instructionAt(text, 8))).toBe('/data');
    // A trigger runs as the user of an image not written yet.
    expect(homeOf(instructionAt(text, 9).trigger!)).toBeUndefined();
    // A base image that runs as someone else already.
    expect(
      homeOf(instructionAt('FROM gcr.io/distroless/python3-debian12:nonroot\nRUN true\n', 2)),
    ).toBeUndefined();
  });
});
