import path from 'node:path';
import type { Rule } from '../../../engine/rule';
import type { SourceFile } from '../../../engine/workspace';
import type { HclAttribute, HclBlock } from '../../../parse/hcl';
import { describeBackend, type Backend, type TerraformModel } from '../model';

/** Backend settings that hold a secret whatever their value (s3, azurerm, gcs, oss, cos, kubernetes, remote, cloud...). */
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
  'private_key',
  'secret_id',
  'encryption_key',
  'sse_customer_key',
]);

/** Settings holding a URL or DSN, secret only when a password is embedded. */
const URL_SETTINGS = new Set(['conn_str', 'address', 'lock_address', 'unlock_address']);

const URL_PASSWORD = /:\/\/[^/\s:@]*:[^/\s@]+@/;
const DSN_PASSWORD = /(^|\s)password\s*=\s*\S/i;

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
      const written = [
        ...settingsIn(backend.block).map((attribute) => ({ attribute, file: backend.file })),
        ...backend.configFiles.flatMap((c) =>
          c.document.attributes.map((attribute) => ({ attribute, file: c.file })),
        ),
      ];
      for (const { attribute, file } of written) {
        const problem = secretProblem(attribute, backend, model.repoPaths);
        if (!problem) continue;
        report({
          file: file.path,
          line: attribute.line,
          column: attribute.column,
          endLine: attribute.endLine,
          message: `${describeBackend(backend)} sets \`${attribute.name}\` ${problem}.`,
          subject: `${backend.module.dir}:${backend.type}.${attribute.name}:${file.path}`,
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
  backend: Backend,
  repoPaths: ReadonlySet<string>,
): string | undefined {
  const value = attribute.value;
  if (value.kind !== 'literal' || typeof value.value !== 'string' || value.value.trim() === '')
    return undefined;
  const text = value.value.trim();
  const name = attribute.name;
  if (SECRET_SETTINGS.has(name)) return 'to a literal secret';
  if (
    URL_SETTINGS.has(name) &&
    (URL_PASSWORD.test(text) || (name === 'conn_str' && DSN_PASSWORD.test(text)))
  ) {
    return 'to a connection string with a password in it';
  }
  if (name === 'http_auth' && text.includes(':')) return 'to a literal `user:password`';
  if (name === 'credentials') return credentialsProblem(text, backend.file, repoPaths);
  return undefined;
}

/** gcs `credentials` takes a key's JSON or a path to it: a path is a problem when the key file is committed. */
function credentialsProblem(
  credentials: string,
  file: SourceFile,
  repoPaths: ReadonlySet<string>,
): string | undefined {
  if (credentials.startsWith('{') || credentials.includes('"private_key"'))
    return 'to the content of a service account key';
  const keyFile = path.posix.normalize(path.posix.join(file.dir || '.', credentials));
  return repoPaths.has(keyFile) ? `to \`${credentials}\`, a key file committed to the repository` : undefined;
}
