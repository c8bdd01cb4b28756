import type { Rule } from '../../../engine/rule';
import { runInstructions, type DockerfileModel } from '../model';
import {
  APT_CONFIRMING_ACTIONS,
  aptAssumesYes,
  packageCommandsOf,
  quoteCommand,
  suggestOptionAfterAction,
  commandLines,
  type PackageCommand,
} from '../packages';

export const aptGetMissingYes: Rule<DockerfileModel> = {
  id: 'dockerfile/apt-get-missing-yes',
  severity: 'error',
  title: 'apt-get install without -y',
  help:
    'A build has no terminal: when apt-get asks "Do you want to continue? [Y/n]" (it does whenever it installs more than the named packages, or removes any), it reads end-of-file, answers no, and the RUN fails with "Abort.". `DEBIAN_FRONTEND=noninteractive` does not answer this prompt; it only silences debconf questions. ' +
    'Fix: pass `-y` (or `--yes`, `--assume-yes`, or `-qq`, which implies it).',
  aliases: ['DL3014'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM debian:12-slim\nRUN apt-get update \\\n    && apt-get install --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, undefined, { triggers: true })) {
      const missing = packageCommandsOf(instruction, ['apt-get', 'apt'], APT_CONFIRMING_ACTIONS).filter(
        (pc) => !aptAssumesYes(instruction, pc) && !neverPrompts(pc),
      );
      if (missing.length === 0) continue;
      const suggestion = suggestOptionAfterAction(model, instruction, missing, '-y');
      const first = missing[0];
      report({
        file: model.path,
        ...commandLines(first.command, suggestion),
        message: `${quoteCommand(first.command)} has no \`-y\`: the build cannot answer apt's confirmation prompt, so the RUN aborts${missing.length > 1 ? ` (${missing.length} commands in this RUN)` : ''}.`,
        subject: `${instruction.subject}\u0000${missing.map((pc) => pc.command.text).join('\u0000')}`,
        suggestion,
      });
    }
  },
};

/**
 * Simulations (`-s`, `--dry-run`) change nothing, and `--only-upgrade` / `-f install` only upgrade or repair
 * what is installed: apt asks nothing for them.
 */
function neverPrompts(pc: PackageCommand): boolean {
  return (
    pc.has('-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act', '--only-upgrade') ||
    (pc.action === 'install' && pc.has('-f', '--fix-broken'))
  );
}
