import type { Rule } from '../../../engine/rule';
import { finalImageStages, runInstructions, type DockerfileModel } from '../model';
import {
  APT_INSTALL_ACTIONS,
  aptSkipsRecommends,
  packageCommandsOf,
  quoteCommand,
  suggestOptionAfterAction,
  commandLines,
} from '../packages';

export const aptGetRecommends: Rule<DockerfileModel> = {
  id: 'dockerfile/apt-get-recommends',
  severity: 'notice',
  title: 'apt-get install without --no-install-recommends',
  help:
    'By default apt also installs every package the requested ones merely recommend: often tens of megabytes of documentation tools, X11 libraries or daemons the container never runs, each one more thing to patch. ' +
    'Fix: `apt-get install -y --no-install-recommends <packages>` and name what you really need. Builder stages that the final image does not build on are not checked.',
  aliases: ['DL3015'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, finalImageStages(model), { triggers: true })) {
      const missing = packageCommandsOf(instruction, ['apt-get', 'apt'], APT_INSTALL_ACTIONS).filter(
        (pc) => !aptSkipsRecommends(instruction, pc),
      );
      if (missing.length === 0) continue;
      const suggestion = suggestOptionAfterAction(model, instruction, missing, '--no-install-recommends');
      report({
        file: model.path,
        ...commandLines(missing[0].command, suggestion),
        message: `${quoteCommand(missing[0].command)} also installs recommended packages into the image; add \`--no-install-recommends\`.`,
        subject: `${instruction.subject}\u0000${missing.map((pc) => pc.command.text).join('\u0000')}`,
        suggestion,
      });
    }
  },
};
