import type { Rule } from '../../../engine/rule';
import { instructionsOf, type DockerfileModel, type Instruction } from '../model';
import { keyValuePairs, findVariables } from '../words';
import { credentialKind, isNonSecretValue, isSecretName } from '../files';

/** The value without the quotes Docker removes. */
function unquoted(raw: string): string {
  return raw.replace(/^(['"])(.*)\1$/s, '$2');
}

/** Only variable references and punctuation: the value is copied from elsewhere, not written here. */
function isOnlyReferences(raw: string, escapeChar: string): boolean {
  const uses = findVariables(raw, escapeChar);
  if (uses.length === 0) return false;
  let rest = raw;
  for (const use of [...uses].sort((a, b) => b.offset - a.offset)) {
    rest = rest.slice(0, use.offset) + rest.slice(use.offset + use.length);
  }
  return !/[A-Za-z0-9]/.test(rest);
}

export const secretInArgEnv: Rule<DockerfileModel> = {
  id: 'dockerfile/secret-in-arg-env',
  severity: 'error',
  title: 'Secret in ENV or ARG',
  help:
    'ENV values are stored in the image configuration: anyone who can pull the image reads them with `docker inspect`, and every container inherits them. ARG values are recorded in the image history (`docker history`) and in build caches. A credential in either is published with the image. ' +
    'Fix: pass build-time secrets with `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN ...` (or `--mount=type=ssh` for SSH keys), and give runtime secrets to the container from the orchestrator (a Kubernetes Secret, a secrets manager), or point the app at a file with a `*_FILE` variable.',
  aliases: ['DL3064', 'DS-0031'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM node:20-slim\nARG NPM_TOKEN\nENV DATABASE_PASSWORD=hunter2\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci\n',
    good: '# syntax=docker/dockerfile:1\nFROM node:20-slim\nENV DATABASE_PASSWORD_FILE=/run/secrets/db_password\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
  },
  check(model, report) {
    for (const instruction of instructionsOf(model, { triggers: true })) {
      if (instruction.keyword === 'ENV') checkEnv(model, instruction, report);
      else if (instruction.keyword === 'ARG') checkArg(model, instruction, report);
    }
  },
};

type Report = Parameters<Rule<DockerfileModel>['check']>[1];

function checkEnv(model: DockerfileModel, instruction: Instruction, report: Report): void {
  for (const pair of keyValuePairs(instruction.args, model.escapeChar, true)) {
    if (!pair.hasValue) continue;
    const value = unquoted(pair.rawValue.trim());
    const position = instruction.argPosition(pair.offset);
    const at = { file: model.path, line: position.line, column: position.column };
    const subject = `${instruction.subject}\u0000${pair.key}`;
    const kind = credentialKind(value);
    if (kind) {
      report({
        ...at,
        message: `ENV ${pair.key} holds what looks like ${kind}: it is stored in the image configuration for anyone who can pull the image.`,
        subject,
      });
      continue;
    }
    if (!isSecretName(pair.key) || isNonSecretValue(value)) continue;
    if (isOnlyReferences(pair.rawValue, model.escapeChar)) {
      const names = findVariables(pair.rawValue, model.escapeChar).map((u) => u.name);
      report({
        ...at,
        severity: 'warning',
        message: `ENV ${pair.key} copies ${names.map((n) => `$${n}`).join(', ')} into the image configuration, where every container and anyone who pulls the image can read it.`,
        subject,
      });
      continue;
    }
    report({
      ...at,
      message: `ENV ${pair.key} sets a secret as a literal value: it is stored in the image configuration for anyone who can pull the image.`,
      subject,
    });
  }
}

function checkArg(model: DockerfileModel, instruction: Instruction, report: Report): void {
  for (const pair of keyValuePairs(instruction.args, model.escapeChar, false)) {
    const value = pair.hasValue ? unquoted(pair.rawValue.trim()) : '';
    const position = instruction.argPosition(pair.offset);
    const at = { file: model.path, line: position.line, column: position.column };
    const subject = `${instruction.subject}\u0000${pair.key}`;
    const kind = pair.hasValue ? credentialKind(value) : undefined;
    if (kind) {
      report({
        ...at,
        message: `ARG ${pair.key} defaults to what looks like ${kind}: it is in the Dockerfile and in the history of every image built from it.`,
        subject,
      });
      continue;
    }
    if (!isSecretName(pair.key)) continue;
    if (pair.hasValue && isNonSecretValue(value) && value !== '') continue;
    report({
      ...at,
      severity: 'warning',
      message: `ARG ${pair.key} looks like a secret: build arguments are recorded in the image history (\`docker history\`) and build cache. Use \`RUN --mount=type=secret,id=${pair.key.toLowerCase()},env=${pair.key}\` instead.`,
      subject,
    });
  }
}
