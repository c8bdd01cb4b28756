import type { Rule } from '../../../engine/rule';
import { runInstructions, type DockerfileModel } from '../model';
import { packageCommands, quoteCommand, type PackageCommand } from '../packages';

function isWholeSystemUpgrade(pc: PackageCommand): boolean {
  if (pc.manager === 'apt-get' || pc.manager === 'apt')
    return ['upgrade', 'dist-upgrade', 'full-upgrade'].includes(pc.action);
  if (pc.manager === 'zypper') return ['dist-upgrade', 'dup'].includes(pc.action);
  return false;
}

export const distUpgrade: Rule<DockerfileModel> = {
  id: 'dockerfile/dist-upgrade',
  severity: 'notice',
  title: 'Whole-system upgrade in an image build',
  help:
    'Upgrading every package during the build makes the image depend on the day it was built (two builds of the same commit differ), can pull in a new major release of the distribution, and duplicates much of the base layer. Security fixes are better taken by rebuilding on a fresh, pinned base image. ' +
    'Fix: move to a newer base tag or digest; if one package needs a fix, upgrade only it (`apt-get install -y --only-upgrade openssl`).',
  aliases: ['DS-0024', 'DL3035'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM debian:12.5-slim\nRUN apt-get update && apt-get dist-upgrade -y && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12.7-slim\nRUN apt-get update && apt-get install -y --only-upgrade openssl && rm -rf /var/lib/apt/lists/*\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, undefined, { triggers: true })) {
      for (const pc of packageCommands(instruction)) {
        if (!isWholeSystemUpgrade(pc)) continue;
        report({
          file: model.path,
          line: pc.outer.line,
          message: `${quoteCommand(pc.command)} upgrades every installed package, so the image depends on the build date; rebuild on a newer base image instead.`,
          subject: `${instruction.subject}\u0000${pc.command.text}`,
        });
      }
    }
  },
};
