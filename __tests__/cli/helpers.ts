import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import AjvDraft04, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli } from '../../src/cli/run';

/** Writes a small repository into a fresh temp directory; returns its path. */
export function makeRepo(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-repo-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as a user would from `cwd`. */
export async function cli(
  argv: string[],
  options: { cwd: string; env?: Record<string, string>; tty?: boolean },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: options.cwd,
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
  });
  return { code, stdout, stderr };
}

/** A root module with resources and no backend: local state (`terraform/no-remote-backend`, a warning). */
export const LOCAL_STATE_TF = `provider "aws" {
  region = "us-east-1"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
`;

/** A root module with a locked, encrypted S3 backend: nothing to report. */
export const REMOTE_STATE_TF = `terraform {
  required_version = ">= 1.11"

  backend "s3" {
    bucket       = "acme-terraform-state"
    key          = "logs/terraform.tfstate"
    region       = "us-east-1"
    use_lockfile = true
    encrypt      = true
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
`;

export const TERRAFORM_GITIGNORE = '*.tfstate\n*.tfstate.*\n.terraform/\n';

/** A made-up state file with one resource; committing one is `terraform/state-committed`, an error. */
export const FAKE_STATE = JSON.stringify({
  version: 4,
  serial: 1,
  lineage: 'test',
  outputs: {},
  resources: [{ mode: 'managed', type: 'aws_s3_bucket', name: 'logs', instances: [] }],
});

/** Validates a SARIF log against the OASIS SARIF 2.1.0 schema (draft-04); returns the errors, or []. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validateSarif) {
    const schemaFile = createRequire(import.meta.url).resolve(
      '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json',
    );
    // unicodeRegExp: false because one pattern in the official schema is not valid with the `u` flag.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validateSarif = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  }
  return validateSarif(log) ? [] : (validateSarif.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
let validateSarif: ValidateFunction | undefined;
