import type { Rule } from '../../../engine/rule';
import { effectiveCommand } from '../../../parse/shell';
import { baseName, runInstructions, type DockerfileModel, type Instruction } from '../model';
import { packageCommands, quoteCommand, type PackageCommand } from '../packages';

/** What consumes a fresh index, per manager family. */
const CONSUMERS: Record<string, string[]> = {
  apt: ['install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download'],
  apk: ['add', 'upgrade', 'fix', 'fetch'],
};

function family(pc: PackageCommand): 'apt' | 'apk' | undefined {
  if (pc.manager === 'apt-get' || pc.manager === 'apt') return 'apt';
  if (pc.manager === 'apk') return 'apk';
  return undefined;
}

/** A later command runs a script we cannot see into (`./install-deps.sh`, `bash setup.sh`): it may install. */
function runsOpaqueScript(instruction: Instruction, after: number): boolean {
  return instruction.run!.commands.slice(after + 1).some((outer) => {
    const command = effectiveCommand(outer);
    const name = baseName(command.name);
    if (/\.sh$/.test(name) || command.name.startsWith('./')) return true;
    return ['sh', 'bash', 'dash', 'ash'].includes(name) && command.args.some((a) => /\.sh$/.test(a));
  });
}

export const aptUpdateAlone: Rule<DockerfileModel> = {
  id: 'dockerfile/apt-update-alone',
  severity: 'warning',
  title: 'Package index update without an install in the same RUN',
  help:
    'The builder caches each RUN by its text. A RUN that only runs `apt-get update` is cached once and reused for months, so a later `RUN apt-get install` works from a stale index: packages that have since been replaced on the mirror fail with 404, or old versions get installed. ' +
    'Fix: update and install in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends <pkgs> && rm -rf /var/lib/apt/lists/*` (for Alpine, `apk add --no-cache`).',
  aliases: ['CKV_DOCKER_5', 'DS-0017'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, undefined, { triggers: true })) {
      const commands = packageCommands(instruction);
      for (const pc of commands) {
        const kind = family(pc);
        if (!kind || pc.action !== 'update') continue;
        const consumed = commands.some(
          (later) =>
            later.position > pc.position && family(later) === kind && CONSUMERS[kind].includes(later.action),
        );
        if (consumed || runsOpaqueScript(instruction, pc.position)) continue;
        report({
          file: model.path,
          line: pc.outer.line,
          message: `${quoteCommand(pc.command)} is not followed by an install in the same RUN: the cached index goes stale for every later install.`,
          subject: `${instruction.subject}\u0000${pc.command.text}`,
        });
        break;
      }
    }
  },
};
