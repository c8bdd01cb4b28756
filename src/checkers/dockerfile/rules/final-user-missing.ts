import type { Rule } from '../../../engine/rule';
import { hasNonRootDefaultUser, isWindowsBase } from '../image';
import type { DockerfileModel } from '../model';
import { describePurpose, imagePurpose, privilegeDrop } from '../purpose';

export const finalUserMissing: Rule<DockerfileModel> = {
  id: 'dockerfile/final-user-missing',
  severity: 'warning',
  title: 'Final image sets no USER',
  help: "Without a USER instruction a service container runs as the base image's default user, which is root for nearly every image. Create an unprivileged user and end the final stage with `USER <uid>`, or build on a base whose default user is non-root (distroless `:nonroot`, Chainguard). Only service images are checked: a base or toolchain image (no CMD/ENTRYPOINT of its own, or a shell as CMD), a data image FROM scratch, a build/test/devcontainer image, an image whose entrypoint drops privileges (gosu, su-exec, setpriv, runuser, `chroot --userspec`, s6), a daemon that hands its work to an unprivileged user itself (nginx, Apache, php-fpm, also behind an entrypoint script that hands over to the CMD), a process supervisor (supervisord, runit, s6) that starts each program as its configured user, and an image that prepares its directories for any run-time user (`chmod 1777`, or `chmod g=u` on group 0 for arbitrary UIDs) are left alone; the message names the kind inferred.",
  aliases: ['CKV_DOCKER_3'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
    good: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
  },
  check(model, report) {
    const stage = model.finalStage;
    if (!stage || stage.end.user.setAt) return;
    if (hasNonRootDefaultUser(stage.rootImage) || isWindowsBase(stage.rootImage)) return;
    const purpose = imagePurpose(model);
    if (purpose.kind !== 'service' || privilegeDrop(model)) return;
    const base = stage.base.isStageRef ? `stage \`${stage.base.raw}\`` : `\`${stage.base.raw}\``;
    const who = stage.base.isScratch
      ? 'UID 0 (root)'
      : `the default user of ${stage.rootImage ? `\`${stage.rootImage.raw}\`` : 'its base image'}, usually root`;
    report({
      file: model.path,
      line: stage.from.line,
      endLine: stage.from.endLine,
      message: `The final stage (FROM ${base}) sets no USER, so the container runs as ${who}; this is ${describePurpose(purpose)} and nothing in its entrypoint switches user.`,
      subject: `${stage.from.subject}\u0000no-user`,
    });
  },
};
