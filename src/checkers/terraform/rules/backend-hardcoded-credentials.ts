import path from 'node:path';
import type { Rule } from '../../../engine/rule';
import type { HclAttribute, HclBlock } from '../../../parse/hcl';
import { describeBackend, type TerraformModel } from '../model';

/** Backend settings that hold a secret whatever their value (s3, azurerm, gcs, oss, cos, kubernetes, http, remote, cloud...). */
const SECRET_SETTINGS = new Set([
  'access_key',
  'secret_key',
  'token',
  'access_token',
  'security_token',
  'web_identity_token',
  'password',
  'sas_token',
  'client_secret',
  'client_certificate_password',
  'client_key',
  'client_private_key_pem',
  'private_key',
  'secret_id',
  'encryption_key',
  'sse_customer_key',
  'oidc_token',
  'oidc_request_token',
]);

/** Settings that are secret for one backend only: elsewhere the same name holds something public. */
const SECRET_SETTINGS_OF: Record<string, ReadonlySet<string>> = {
  // A base64 PKCS#12 bundle, private key included (kubernetes' `client_certificate` is a public PEM).
  azurerm: new Set(['client_certificate']),
};

/** Settings holding a URL or DSN, secret only when a password is embedded. */
const URL_SETTINGS = new Set(['conn_str', 'address', 'lock_address', 'unlock_address']);

/** `scheme://user:password@host`. */
const URL_PASSWORD = /:\/\/[^/\s:@]*:[^/\s@]+@/;
/** libpq keyword form `host=db password=x`, or a URL query `?sslmode=require&password=x`. */
const DSN_PASSWORD = /(^|\s|[?&])password\s*=\s*[^\s&]/i;

export const backendHardcodedCredentials: Rule<TerraformModel> = {
  id: 'terraform/backend-hardcoded-credentials',
  severity: 'error',
  title: 'Credentials written into the backend configuration',
  help:
    'Backend settings live in the repository, show up in CI logs and are copied into ' +
    '`.terraform/terraform.tfstate` on every machine that runs `terraform init`. A key, token or ' +
    'password written there is readable by everyone with the code and stays in git history. Remove ' +
    'it, rotate it, and let the backend find credentials the usual way: environment variables ' +
    '(`AWS_ACCESS_KEY_ID`, `ARM_CLIENT_SECRET`, `GOOGLE_APPLICATION_CREDENTIALS`, `TF_TOKEN_<host>`), ' +
    'a named profile, OIDC or workload identity in CI, or `-backend-config` fed from a secret store.',
  example: {
    file: 'main.tf',
    bad: [
      'terraform {',
      '  backend "s3" {',
      '    bucket       = "acme-terraform-state"',
      '    key          = "network/terraform.tfstate"',
      '    region       = "eu-west-1"',
      '    access_key   = "AKIAIOSFODNN7EXAMPLE"',
      '    secret_key   = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
      '    use_lockfile = true',
      '    encrypt      = true',
      '  }',
      '}',
      '',
    ].join('\n'),
    good: [
      'terraform {',
      '  backend "s3" {',
      '    bucket       = "acme-terraform-state"',
      '    key          = "network/terraform.tfstate"',
      '    region       = "eu-west-1"',
      '    profile      = "terraform"',
      '    use_lockfile = true',
      '    encrypt      = true',
      '  }',
      '}',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const backend of model.backends) {
      for (const attribute of settingsIn(backend.block)) {
        const problem = secretProblem(attribute, backend.type, backend.module.dir, model.repoPaths);
        if (!problem) continue;
        report({
          file: backend.file.path,
          line: attribute.line,
          column: attribute.column,
          endLine: attribute.endLine,
          message: `${describeBackend(backend)} sets \`${attribute.name}\` ${problem}.`,
          subject: `${backend.module.dir}:${backend.type}.${attribute.name}:${backend.file.path}`,
        });
      }
    }
    // Config files are checked whether or not their backend block was found: the secret is in git either way.
    for (const config of model.backendConfigFiles) {
      const { backend, file } = config;
      for (const attribute of config.document.attributes) {
        // Relative paths in settings are read from where `terraform init` runs: the root module.
        const baseDir = backend ? backend.module.dir : file.dir;
        const problem = secretProblem(attribute, backend?.type, baseDir, model.repoPaths);
        if (!problem) continue;
        const target = backend ? ` of ${describeBackend(backend)} in ${backend.file.path}` : '';
        report({
          file: file.path,
          line: attribute.line,
          column: attribute.column,
          endLine: attribute.endLine,
          message: `\`-backend-config\` file \`${file.path}\` sets \`${attribute.name}\`${target} ${problem}.`,
          subject: `config:${attribute.name}:${file.path}`,
        });
      }
    }
  },
};

/** The attributes of a block and of its nested blocks (`assume_role { ... }`). */
function settingsIn(block: HclBlock): HclAttribute[] {
  return [...block.attributes, ...block.blocks.flatMap(settingsIn)];
}

/** Why a setting is a written-down secret, or undefined. The value itself is never repeated. */
function secretProblem(
  attribute: HclAttribute,
  backendType: string | undefined,
  baseDir: string,
  repoPaths: ReadonlySet<string>,
): string | undefined {
  const value = attribute.value;
  if (value.kind !== 'literal' || typeof value.value !== 'string' || value.value.trim() === '')
    return undefined;
  const text = value.value.trim();
  if (isPlaceholder(text)) return undefined;
  const name = attribute.name;
  if (SECRET_SETTINGS.has(name) || (backendType && SECRET_SETTINGS_OF[backendType]?.has(name)))
    return 'to a literal secret';
  if (
    URL_SETTINGS.has(name) &&
    (URL_PASSWORD.test(text) || (name === 'conn_str' && DSN_PASSWORD.test(text)))
  ) {
    return 'to a connection string with a password in it';
  }
  if (name === 'http_auth' && text.includes(':')) return 'to a literal `user:password`';
  if (name === 'credentials') return credentialsProblem(text, baseDir, repoPaths);
  return undefined;
}

/** gcs `credentials` takes a key's JSON or a path to it: a path is a problem when the key file is committed. */
function credentialsProblem(
  credentials: string,
  baseDir: string,
  repoPaths: ReadonlySet<string>,
): string | undefined {
  if (credentials.startsWith('{') || credentials.includes('"private_key"'))
    return 'to the content of a service account key';
  const keyFile = path.posix.normalize(path.posix.join(baseDir || '.', credentials));
  return repoPaths.has(keyFile) ? `to \`${credentials}\`, a key file committed to the repository` : undefined;
}

/**
 * Values documentation and templates write where the real secret goes: `<access-key>`,
 * `YOUR_SECRET_KEY`, `changeme`, `xxxxxxxx`, `REPLACE_ME`, `{{ secret }}`. They leak nothing.
 */
function isPlaceholder(text: string): boolean {
  return (
    /^<[^<>]+>$/.test(text) ||
    /^\{\{.*\}\}$/.test(text) ||
    /^(your|my)[-_ ]/i.test(text) ||
    /^(changeme|change[-_ ]me|replace[-_ ]?me|todo|tbd|placeholder|secret|password|redacted)$/i.test(text) ||
    /^[x*.]{3,}$/i.test(text)
  );
}
