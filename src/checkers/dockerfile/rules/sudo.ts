import type { Rule } from '../../../engine/rule';
import { commandChain } from '../../../parse/shell';
import { baseName, runInstructions, type DockerfileModel } from '../model';
import { quoteCommand } from '../packages';

export const sudo: Rule<DockerfileModel> = {
  id: 'dockerfile/sudo',
  severity: 'error',
  title: 'sudo in RUN',
  help:
    'RUN already executes as the user of the last USER instruction (root unless you changed it). `sudo` adds nothing as root, and as another user it needs a sudoers entry without a password, which leaves a root escalation path in the image and fails the build where no TTY or password is available. ' +
    'Fix: run the step as root (`USER root`, the command, then `USER app` again), or do the privileged work before switching to the runtime user.',
  aliases: ['DL3004', 'CKV2_DOCKER_1'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM debian:12-slim\nRUN useradd -m app\nUSER app\nRUN sudo mkdir -p /srv/data\n',
    good: 'FROM debian:12-slim\nRUN useradd -m app && mkdir -p /srv/data && chown app /srv/data\nUSER app\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, undefined, { triggers: true })) {
      for (const command of instruction.run!.commands) {
        if (!commandChain(command).some((c) => baseName(c.name) === 'sudo')) continue;
        const asUser =
          instruction.user.value && !instruction.user.isRoot ? instruction.user.value : undefined;
        report({
          file: model.path,
          line: command.line,
          message: instruction.onbuild
            ? `${quoteCommand(command)} uses sudo in an ONBUILD trigger, which runs as the USER of each image built FROM this one: a step that needs root belongs after \`USER root\`, not behind sudo.`
            : asUser
              ? `${quoteCommand(command)} uses sudo while the build runs as \`${asUser}\`: switch to \`USER root\` for this step instead of shipping a password-less sudo.`
              : `${quoteCommand(command)} uses sudo, but this RUN already runs as root: drop \`sudo\`.`,
          subject: `${instruction.subject}\u0000${command.text}`,
        });
      }
    }
  },
};
