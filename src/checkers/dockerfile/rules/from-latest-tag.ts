import type { Rule } from '../../../engine/rule';
import { isLocalOnlyName } from '../image';
import type { DockerfileModel, Stage } from '../model';

export const fromLatestTag: Rule<DockerfileModel> = {
  id: 'dockerfile/from-latest-tag',
  severity: 'warning',
  title: 'Base image uses the latest tag',
  help: '`:latest` moves: the next build silently gets a new major version of the base, and rebuilding an old commit no longer gives the same image. Pin a version tag, or a digest kept current by Renovate or Dependabot. An image the repository builds itself first (a name no registry serves, or one another Dockerfile of the repository builds) is left alone: its `latest` is the local build.',
  aliases: ['DL3007'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM node:latest\nCMD ["node", "server.js"]\n',
    good: 'FROM node:22.11-bookworm-slim\nCMD ["node", "server.js"]\n',
  },
  check(model, report) {
    for (const stage of model.stages) {
      const base = stage.base;
      if (!base.reference || base.isStageRef || base.digest !== undefined) continue;
      if (base.tag?.toLowerCase() !== 'latest') continue;
      if (isRepositoryBuild(stage)) continue;
      const via = base.written !== base.raw ? ` (from \`${base.written}\`)` : '';
      report({
        file: model.path,
        line: stage.from.line,
        endLine: stage.from.endLine,
        message: `\`${base.raw}\`${via} follows \`latest\`: the base changes under the build whenever a new version is pushed.`,
        subject: stage.from.subject,
      });
    }
  },
};

/**
 * An image the repository's own build makes before this one: a name no registry serves (`FROM api-base`), or
 * a name without registry host that another Dockerfile of the repository builds. Its tag is whatever that
 * build gave it, `latest` by default, and no pull takes place.
 */
function isRepositoryBuild(stage: Stage): boolean {
  const base = stage.base;
  return isLocalOnlyName(base.reference) || (base.localBuild !== undefined && base.registry === 'docker.io');
}
