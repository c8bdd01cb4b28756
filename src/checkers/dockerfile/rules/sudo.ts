import type { Rule } from '../../../engine/rule';
import { commandChain } from '../../../parse/shell';
import { baseName, runInstructions, type DockerfileModel } from '../model';
import { quoteCommand } from '../packages';

export const sudo: Rule<DockerfileModel> = {
  id: 'dockerfile/sudo',
  severity: 'warning',
  title: 'sudo in RUN',
  help:
    'RUN already executes as the user of the last USER instruction (root unless you changed it). `sudo` adds nothing as root, and as another user it needs a sudoers entry without a password, which leaves a root escalation path in the image and fails the build where no TTY or password is available. ' +
    'As root it is only noise (a notice); `sudo -u <user>` run as root drops privileges for one command and is left alone. ' +
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
        const sudoCommand = commandChain(command).find((c) => baseName(c.name) === 'sudo');
        if (!sudoCommand) continue;
        const asUser =
          instruction.user.value && !instruction.user.isRoot ? instruction.user.value : undefined;
        // As root, `sudo -u app cmd` runs cmd with fewer privileges, not more.
        if (!asUser && !instruction.onbuild && switchesToOtherUser(sudoCommand.args)) continue;
        report({
          severity: asUser || instruction.onbuild ? 'warning' : 'notice',
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

/** `sudo -u app`, `sudo --user=app`, `sudo -Hu app`: the command runs as a named user other than root. */
function switchesToOtherUser(args: readonly string[]): boolean {
  for (let k = 0; k < args.length && args[k].startsWith('-'); k++) {
    const arg = args[k];
    const user =
      /^--user=(.+)$/.exec(arg)?.[1] ??
      (arg === '--user' || /^-[A-Za-z]*u$/.test(arg) ? args[k + 1] : /^-[A-Za-z]*u(.+)$/.exec(arg)?.[1]);
    if (user !== undefined) return !['root', '0', '#0'].includes(user);
  }
  return false;
}
