import type { Rule } from '../../../engine/rule';
import { runInstructions, type DockerfileModel } from '../model';
import { commandLines, packageCommandsOf, quoteCommand, suggestEdits, type WordEdit } from '../packages';

/** `apt` actions with an exact `apt-get` equivalent (list/search/show belong to apt-cache instead). */
const APT_GET_EQUIVALENT: Record<string, string> = {
  install: 'install',
  reinstall: 'install --reinstall',
  remove: 'remove',
  purge: 'purge',
  autoremove: 'autoremove',
  update: 'update',
  upgrade: 'upgrade',
  'full-upgrade': 'dist-upgrade',
  'dist-upgrade': 'dist-upgrade',
  'build-dep': 'build-dep',
  clean: 'clean',
};

export const aptNotAptGet: Rule<DockerfileModel> = {
  id: 'dockerfile/apt-not-apt-get',
  severity: 'notice',
  title: 'apt instead of apt-get',
  help:
    '`apt` is the front end for people at a terminal: its output and behaviour may change between releases, and it warns "apt does not have a stable CLI interface. Use with caution in scripts." `apt-get` (and `apt-cache` for queries) is the stable interface for scripts. ' +
    'Fix: use `apt-get install -y ...`, `apt-get update`, `apt-cache search ...`.',
  aliases: ['DL3027', 'CKV_DOCKER_9'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM ubuntu:24.04\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, undefined, { triggers: true })) {
      const uses = packageCommandsOf(instruction, ['apt']);
      if (uses.length === 0) continue;
      const edits: WordEdit[] = [];
      for (const pc of uses) {
        const equivalent = APT_GET_EQUIVALENT[pc.action];
        if (!equivalent || pc.command.name !== 'apt') {
          edits.length = 0;
          break;
        }
        edits.push({ command: pc.command, word: pc.command.words[0], replaceWith: 'apt-get' });
        if (equivalent !== pc.action)
          edits.push({
            command: pc.command,
            word: pc.command.words[pc.actionIndex],
            replaceWith: equivalent,
          });
      }
      const suggestion = suggestEdits(model, instruction, edits);
      report({
        file: model.path,
        ...commandLines(uses[0].command, suggestion),
        message: `${quoteCommand(uses[0].command)} uses \`apt\`, whose command line is not stable for scripts; use \`apt-get\`${uses.some((pc) => !APT_GET_EQUIVALENT[pc.action]) ? ' or `apt-cache`' : ''}.`,
        subject: `${instruction.subject}\u0000${uses.map((pc) => pc.command.text).join('\u0000')}`,
        suggestion,
      });
    }
  },
};
