import type { Rule } from '../../../engine/rule';
import { commandChain, effectiveCommand, hasFlag, type ShellCommand } from '../../../parse/shell';
import { baseName, declaredVariables, instructionsOf, runInstructions, type DockerfileModel } from '../model';
import { packageCommands, quoteCommand } from '../packages';

/** Environment variables that switch certificate checks off, and the values that do it. */
const INSECURE_ENV: Record<string, { insecure: (value: string) => boolean; tool: string }> = {
  NODE_TLS_REJECT_UNAUTHORIZED: { insecure: (v) => v === '0', tool: 'Node.js' },
  // git checks only whether the variable exists.
  GIT_SSL_NO_VERIFY: { insecure: () => true, tool: 'git' },
  PYTHONHTTPSVERIFY: { insecure: (v) => v === '0', tool: 'Python' },
  NPM_CONFIG_STRICT_SSL: { insecure: (v) => v.toLowerCase() === 'false', tool: 'npm' },
  PIP_TRUSTED_HOST: { insecure: (v) => v !== '', tool: 'pip' },
  GOINSECURE: { insecure: (v) => v !== '', tool: 'Go' },
};

function insecureEnv(name: string, value: string | undefined): string | undefined {
  // npm reads its `npm_config_*` variables in any case.
  const key = name.toUpperCase() === 'NPM_CONFIG_STRICT_SSL' ? 'NPM_CONFIG_STRICT_SSL' : name;
  if (!Object.hasOwn(INSECURE_ENV, key)) return undefined;
  const spec = INSECURE_ENV[key];
  // A value we cannot know (a build arg) counts only where any value disables the checks.
  if (value === undefined) return key === 'GIT_SSL_NO_VERIFY' ? spec.tool : undefined;
  return spec.insecure(value.trim()) ? spec.tool : undefined;
}

const FALSE = /^(false|0|no|off)$/i;

/** What a single command does to disable verification, if anything. */
function insecureCommand(command: ShellCommand): string | undefined {
  const name = baseName(command.name);
  const args = command.args;
  if (name === 'curl' && hasFlag(args, '-k', '--insecure'))
    return '`curl -k`/`--insecure` accepts any certificate';
  if (name === 'wget' && hasFlag(args, '--no-check-certificate'))
    return '`wget --no-check-certificate` accepts any certificate';
  if (name === 'aria2c' && args.some((a) => /^--check-certificate=false$/i.test(a)))
    return '`aria2c --check-certificate=false` accepts any certificate';
  if (name === 'git') {
    const configIndex = args.indexOf('config');
    const setsNoVerify = (key: string, value: string | undefined): boolean =>
      /^http\.(.+\.)?sslverify$/i.test(key) && value !== undefined && FALSE.test(value);
    if (args.some((a, i) => args[i - 1] === '-c' && /^http\.(.+\.)?sslverify=(false|0|no|off)$/i.test(a)))
      return '`git -c http.sslVerify=false` accepts any certificate';
    if (configIndex >= 0) {
      const rest = args.slice(configIndex + 1).filter((a) => !a.startsWith('-'));
      if (setsNoVerify(rest[0] ?? '', rest[1]))
        return '`git config http.sslVerify false` turns certificate checks off for every later clone';
    }
  }
  if (['npm', 'yarn', 'pnpm'].includes(name)) {
    if (args.some((a) => /^--strict-ssl=(false|0)$/i.test(a)))
      return `\`${name} --strict-ssl=false\` accepts any registry certificate`;
    const rest = args.filter((a) => !a.startsWith('-'));
    const setAt =
      rest[0] === 'set' ? 1 : (rest[0] === 'config' || rest[0] === 'c') && rest[1] === 'set' ? 2 : -1;
    if (setAt > 0) {
      const [key, value] = rest[setAt].includes('=')
        ? rest[setAt].split('=', 2)
        : [rest[setAt], rest[setAt + 1]];
      if (key === 'strict-ssl' && value !== undefined && FALSE.test(value))
        return `\`${name} config set strict-ssl false\` accepts any registry certificate for every later install`;
    }
  }
  if (['yum', 'dnf', 'yum-config-manager', 'dnf5', 'microdnf'].includes(name)) {
    const options = args.flatMap((a, i) =>
      a.startsWith('--setopt=') ? [a.slice(9)] : a === '--setopt' ? [args[i + 1] ?? ''] : [],
    );
    if (options.some((o) => /^(.+\.)?sslverify=(0|false|no)$/i.test(o.replace(/['"]/g, ''))))
      return `\`${name} --setopt=sslverify=0\` turns repository certificate checks off`;
  }
  return undefined;
}

export const tlsVerificationDisabled: Rule<DockerfileModel> = {
  id: 'dockerfile/tls-verification-disabled',
  severity: 'warning',
  title: 'TLS certificate verification disabled',
  help:
    'Without certificate checks, anyone on the network path (a proxy, a compromised Wi-Fi, a hijacked DNS entry) can serve their own file in place of the real download, and the build runs it or ships it. Settings written to the environment or to a config file also apply to the running container. ' +
    'Fix: keep verification on and make the certificate trusted instead: add your internal CA to the image (`COPY corp-ca.crt /usr/local/share/ca-certificates/` + `update-ca-certificates`), or point the tool at it (`PIP_CERT`, `NODE_EXTRA_CA_CERTS`, `GIT_SSL_CAINFO`, `curl --cacert`).',
  aliases: [
    'CKV2_DOCKER_2',
    'CKV2_DOCKER_3',
    'CKV2_DOCKER_4',
    'CKV2_DOCKER_5',
    'CKV2_DOCKER_6',
    'CKV2_DOCKER_12',
    'CKV2_DOCKER_13',
    'CKV2_DOCKER_14',
    'CKV2_DOCKER_15',
    'CKV2_DOCKER_16',
  ],
  example: {
    file: 'Dockerfile',
    bad: 'FROM node:20-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN curl -fsSLk https://internal.example.com/ca.tgz -o /tmp/ca.tgz\n',
    good: 'FROM node:20-slim\nCOPY corp-ca.crt /usr/local/share/ca-certificates/corp-ca.crt\nRUN update-ca-certificates\nENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt\nRUN curl -fsSL https://internal.example.com/ca.tgz -o /tmp/ca.tgz\n',
  },
  check(model, report) {
    for (const instruction of instructionsOf(model, { triggers: true })) {
      if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') {
        for (const variable of declaredVariables(model, instruction)) {
          if (!variable.hasValue) continue;
          const tool = insecureEnv(variable.name, variable.value);
          if (!tool) continue;
          report({
            file: model.path,
            line: instruction.line,
            message: `\`${instruction.keyword} ${variable.name}=${variable.value ?? '…'}\` turns off ${tool}'s certificate checks for every later build step${instruction.keyword === 'ENV' ? ' and for the running container' : ''}.`,
            subject: `${instruction.subject}\u0000${variable.name}`,
          });
        }
      }
    }
    for (const instruction of runInstructions(model, undefined, { triggers: true })) {
      for (const outer of instruction.run!.commands) {
        const findings: string[] = [];
        for (const link of commandChain(outer)) {
          for (const assignment of link.envAssignments) {
            const tool = insecureEnv(assignment.name, assignment.dynamic ? undefined : assignment.value);
            if (tool)
              findings.push(
                `\`${assignment.name}=${assignment.value}\` turns off ${tool}'s certificate checks`,
              );
          }
        }
        if (outer.name === 'export') {
          for (const word of outer.words.slice(1)) {
            const eq = word.value.indexOf('=');
            if (eq < 0) continue;
            const tool = insecureEnv(
              word.value.slice(0, eq),
              word.dynamic ? undefined : word.value.slice(eq + 1),
            );
            if (tool) findings.push(`\`export ${word.value}\` turns off ${tool}'s certificate checks`);
          }
        }
        const fromCommand = insecureCommand(effectiveCommand(outer));
        if (fromCommand) findings.push(fromCommand);
        const pip = packageCommands(instruction).find((pc) => pc.outer === outer && pc.manager === 'pip');
        if (
          pip &&
          (pip.has('--trusted-host') ||
            (pip.action === 'config' && pip.operands.some((o) => /trusted-host$/.test(o.value))))
        )
          findings.push(
            '`pip --trusted-host` lets pip download from that host without verifying its certificate',
          );
        if (findings.length === 0) continue;
        const command = quoteCommand(effectiveCommand(outer));
        for (const message of findings) {
          report({
            file: model.path,
            line: outer.line,
            // Quote the command unless the description already does, word for word.
            message: message.includes(command) ? `${message}.` : `${message}: ${command}.`,
            subject: `${instruction.subject}\u0000${outer.text}\u0000${message}`,
          });
        }
      }
    }
  },
};
