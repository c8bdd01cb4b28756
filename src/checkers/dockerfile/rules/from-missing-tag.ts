import type { Rule } from '../../../engine/rule';
import { isLocalOnlyName } from '../image';
import type { DockerfileModel, Stage } from '../model';

export const fromMissingTag: Rule<DockerfileModel> = {
  id: 'dockerfile/from-missing-tag',
  severity: 'warning',
  title: 'Base image has no tag',
  help: 'An image without tag or digest means `:latest`: every build may get a different base, with a different OS release, language version or libc, and a build that passed yesterday can break today with no change in the repository. Pin a version tag (`python:3.12-slim`), or better a digest (`python:3.12-slim@sha256:...`) that a bot keeps up to date. An image the repository builds itself first (a name no registry serves, such as `FROM api-base`, or one another Dockerfile of the repository builds) is left alone: the build uses the local image it just made.',
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
      if (isRepositoryBuild(stage)) continue;
      if (namesStagePerPlatform(model, stage)) continue;
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

/**
 * `FROM base-${TARGETARCH}` picks one of the stages `base-amd64`, `base-arm64`: the platform args have values
 * in every build, so a reference whose variable part matches earlier stage names names a stage, not an image.
 */
function namesStagePerPlatform(model: DockerfileModel, stage: Stage): boolean {
  const written = stage.base.written;
  if (!written.includes('$')) return false;
  const parts = written.split(/\$\{[^}]*\}|\$[A-Za-z_]\w*/);
  const pattern = new RegExp(
    `^${parts.map((p) => p.replace(/[.*+?^()|[\]\\{}]/g, '\\$&')).join('[\\w.-]+')}$`,
    'i',
  );
  return model.stages.some((s) => s.index < stage.index && s.name !== undefined && pattern.test(s.name));
}

/**
 * An image the repository's own build makes before this one: a name no registry serves (`FROM api-base`), or
 * a name without registry host that another Dockerfile of the repository builds. Its tag is whatever that
 * build gave it, `latest` by default, and no pull takes place.
 */
function isRepositoryBuild(stage: Stage): boolean {
  const base = stage.base;
  return isLocalOnlyName(base.reference) || (base.localBuild !== undefined && base.registry === 'docker.io');
}
