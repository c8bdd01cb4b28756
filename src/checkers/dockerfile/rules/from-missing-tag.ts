import type { Rule } from '../../../engine/rule';
import type { DockerfileModel } from '../model';

export const fromMissingTag: Rule<DockerfileModel> = {
  id: 'dockerfile/from-missing-tag',
  severity: 'warning',
  title: 'Base image has no tag',
  help: 'An image without tag or digest means `:latest`: every build may get a different base, with a different OS release, language version or libc, and a build that passed yesterday can break today with no change in the repository. Pin a version tag (`python:3.12-slim`), or better a digest (`python:3.12-slim@sha256:...`) that a bot keeps up to date.',
  aliases: ['DL3006', 'CKV_DOCKER_7', 'DS-0001'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM alpine\nRUN apk add --no-cache curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
  },
  check(model, report) {
    for (const stage of model.stages) {
      const base = stage.base;
      if (!base.reference || base.isStageRef || base.isScratch || base.unresolvedArgs.length > 0) continue;
      if (base.tag !== undefined || base.digest !== undefined) continue;
      const via =
        base.written !== base.raw
          ? `\`${base.written}\` resolves to \`${base.raw}\`, which`
          : `\`${base.raw}\``;
      report({
        file: model.path,
        line: stage.from.line,
        endLine: stage.from.endLine,
        message: `${via} has no tag or digest, so the build pulls \`${base.raw}:latest\`, whatever that is on the day of the build.`,
        subject: stage.from.subject,
      });
    }
  },
};
