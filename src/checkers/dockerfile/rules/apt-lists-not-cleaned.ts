import type { Rule } from '../../../engine/rule';
import { finalImageStages, runInstructions, type DockerfileModel } from '../model';
import { cacheMountCovers, packageCommandsOf, quoteCommand, removesAfter } from '../packages';

const APT_LISTS = '/var/lib/apt/lists';

export const aptListsNotCleaned: Rule<DockerfileModel> = {
  id: 'dockerfile/apt-lists-not-cleaned',
  severity: 'notice',
  title: 'apt package lists left in the image',
  help:
    '`apt-get update` downloads the package indexes into /var/lib/apt/lists (often 20-50 MB). Deleting them in a later RUN does not shrink the image, because the layer that wrote them keeps them. ' +
    'Fix: end the same RUN with `&& rm -rf /var/lib/apt/lists/*`, or keep the lists out of the layer with `RUN --mount=type=cache,target=/var/lib/apt/lists ...`. Builder stages that the final image does not build on are not checked.',
  aliases: ['DL3009'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, finalImageStages(model), { triggers: true })) {
      const updates = packageCommandsOf(instruction, ['apt-get', 'apt'], ['update']);
      if (updates.length === 0 || cacheMountCovers(instruction, APT_LISTS)) continue;
      const last = updates[updates.length - 1];
      if (removesAfter(instruction, APT_LISTS, last.position)) continue;
      // `apt-get dist-clean` (apt 2.7+) removes the lists as well as the package cache.
      const distClean = packageCommandsOf(instruction, ['apt-get', 'apt'], ['dist-clean']);
      if (distClean.some((pc) => pc.position > last.position)) continue;
      report({
        file: model.path,
        line: last.command.line,
        message: `${quoteCommand(last.command)} leaves the package lists in this layer: end the RUN with \`rm -rf /var/lib/apt/lists/*\` or mount a cache on /var/lib/apt/lists.`,
        subject: instruction.subject,
      });
    }
  },
};
