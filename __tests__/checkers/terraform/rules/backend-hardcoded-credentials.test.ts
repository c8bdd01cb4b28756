import { describe, expect, it } from 'vitest';
import { backendHardcodedCredentials } from '../../../../src/checkers/terraform/rules/backend-hardcoded-credentials';
import { findingsOf } from '../helpers';

const example = backendHardcodedCredentials.example!;
const backend = (type: string, body: string) => `terraform {\n  backend "${type}" {\n${body}  }\n}\n`;

describe('terraform/backend-hardcoded-credentials', () => {
  it('fires on the example, once per secret, at the attribute line, without repeating the secret', async () => {
    const findings = await findingsOf(backendHardcodedCredentials.id, { [example.file]: example.bad });
    expect(findings.map((f) => [f.line, f.column, f.message])).toEqual([
      [6, 5, 'backend "s3" sets `access_key` to a literal secret.'],
      [7, 5, 'backend "s3" sets `secret_key` to a literal secret.'],
    ]);
    expect(findings.some((f) => f.message.includes('EXAMPLE'))).toBe(false);
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsOf(backendHardcodedCredentials.id, { [example.file]: example.good })).toEqual([]);
  });

  it('fires for the secrets of other backends and of the cloud block', async () => {
    const cases: Record<string, string> = {
      azurerm: backend(
        'azurerm',
        '    container_name = "tfstate"\n    sas_token = "sv=2022-11-02&sig=abc"\n',
      ),
      remote: backend('remote', '    organization = "acme"\n    token = "abc.atlasv1.def"\n'),
      cloud: 'terraform {\n  cloud {\n    organization = "acme"\n    token = "abc.atlasv1.def"\n  }\n}\n',
      pg: backend('pg', '    conn_str = "postgres://terraform:hunter2@db.internal/state"\n'),
      pgKeywords: backend('pg', '    conn_str = "host=db user=terraform password=hunter2"\n'),
      http: backend('http', '    address = "https://ci:hunter2@state.internal/web"\n'),
      consul: backend('consul', '    address = "consul:8500"\n    http_auth = "terraform:hunter2"\n'),
      gcsJson: backend(
        'gcs',
        '    bucket = "b"\n    credentials = "{\\"type\\": \\"service_account\\", \\"private_key\\": \\"x\\"}"\n',
      ),
      nested: backend(
        's3',
        '    bucket = "b"\n    assume_role_with_web_identity {\n      web_identity_token = "eyJhbGciOi"\n    }\n',
      ),
    };
    for (const [name, text] of Object.entries(cases)) {
      const findings = await findingsOf(backendHardcodedCredentials.id, { 'main.tf': text });
      expect(findings, name).toHaveLength(1);
    }
  });

  it('fires for a committed key file named by gcs credentials, not for one outside the repo', async () => {
    const text = backend('gcs', '    bucket = "b"\n    credentials = "keys/terraform.json"\n');
    const committed = await findingsOf(backendHardcodedCredentials.id, {
      'infra/main.tf': text,
      'infra/keys/terraform.json': '{}',
    });
    expect(committed.map((f) => [f.file, f.line])).toEqual([['infra/main.tf', 4]]);
    expect(committed[0].message).toContain('a key file committed to the repository');
    expect(await findingsOf(backendHardcodedCredentials.id, { 'infra/main.tf': text })).toEqual([]);
  });

  it('checks -backend-config files too', async () => {
    const findings = await findingsOf(backendHardcodedCredentials.id, {
      'main.tf': 'terraform {\n  backend "s3" {}\n}\n',
      'prod.s3.tfbackend': 'bucket = "b"\nsecret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n',
    });
    expect(findings.map((f) => [f.file, f.line])).toEqual([['prod.s3.tfbackend', 2]]);
  });

  it('fires for mTLS keys, Azure certificate bundles and OIDC tokens, and a password in a pg URL query', async () => {
    const cases: Record<string, string> = {
      httpKey: backend(
        'http',
        '    address = "https://state.internal/web"\n    client_private_key_pem = "-----BEGIN RSA PRIVATE KEY-----"\n',
      ),
      azureBundle: backend(
        'azurerm',
        '    container_name = "tfstate"\n    client_certificate = "MIIKcQIBAzCCCjcG"\n',
      ),
      azureOidc: backend('azurerm', '    container_name = "tfstate"\n    oidc_token = "eyJhbGciOi"\n'),
      pgQuery: backend(
        'pg',
        '    conn_str = "postgres://db.internal/state?sslmode=require&password=hunter2"\n',
      ),
    };
    for (const [name, text] of Object.entries(cases)) {
      const findings = await findingsOf(backendHardcodedCredentials.id, { 'main.tf': text });
      expect(findings, name).toHaveLength(1);
    }
  });

  it('is quiet for a public client certificate (kubernetes) and a pg URL whose query has no password', async () => {
    const kubernetes = backend(
      'kubernetes',
      '    secret_suffix = "state"\n    client_certificate = "-----BEGIN CERTIFICATE-----"\n',
    );
    const pg = backend('pg', '    conn_str = "postgres://terraform@db.internal/state?sslmode=require"\n');
    expect(
      await findingsOf(backendHardcodedCredentials.id, { 'a/main.tf': kubernetes, 'b/main.tf': pg }),
    ).toEqual([]);
  });

  it('checks a -backend-config file whose backend block it cannot find, and backend.hcl files', async () => {
    const findings = await findingsOf(backendHardcodedCredentials.id, {
      'infra/main.tf': 'terraform {\n  backend "s3" {}\n}\n',
      'config/prod.s3.tfbackend': 'bucket = "b"\nsecret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n',
      'infra/backend.hcl': 'bucket = "b"\naccess_key = "AKIAIOSFODNN7EXAMPLE"\n',
    });
    expect(findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        'config/prod.s3.tfbackend',
        2,
        '`-backend-config` file `config/prod.s3.tfbackend` sets `secret_key` to a literal secret.',
      ],
      [
        'infra/backend.hcl',
        2,
        '`-backend-config` file `infra/backend.hcl` sets `access_key` of backend "s3" in infra/main.tf to a literal secret.',
      ],
    ]);
  });

  it('is quiet for empty values, computed values, URLs without passwords and key file paths outside the repo', async () => {
    const text = backend(
      'pg',
      '    conn_str = ""\n    password = ""\n    token = "${var.token}"\n    address = "https://state.internal/web"\n',
    );
    expect(await findingsOf(backendHardcodedCredentials.id, { 'main.tf': text })).toEqual([]);
    const gcs = backend('gcs', '    bucket = "b"\n    credentials = "/var/run/secrets/gcp.json"\n');
    expect(await findingsOf(backendHardcodedCredentials.id, { 'main.tf': gcs })).toEqual([]);
  });
  it('is quiet for placeholders a template or a README writes where the secret goes', async () => {
    for (const placeholder of [
      '<access-key>',
      'YOUR_SECRET_KEY',
      'changeme',
      'xxxxxxxx',
      '{{ secret_key }}',
      'REPLACE_ME',
    ]) {
      const findings = await findingsOf(backendHardcodedCredentials.id, {
        'main.tf': `terraform {\n  backend "s3" {\n    bucket     = "acme-state"\n    secret_key = "${placeholder}"\n  }\n}\n`,
      });
      expect(findings, placeholder).toEqual([]);
    }
    // One letter off a placeholder is a value.
    const real = await findingsOf(backendHardcodedCredentials.id, {
      'main.tf':
        'terraform {\n  backend "s3" {\n    bucket     = "acme-state"\n    secret_key = "yourSecretKey9f8e"\n  }\n}\n',
    });
    expect(real.map((f) => f.line)).toEqual([4]);
  });
});
