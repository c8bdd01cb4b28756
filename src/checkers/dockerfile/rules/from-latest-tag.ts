import type { Rule } from '../../../engine/rule';
import type { DockerfileModel } from '../model';

export const fromLatestTag: Rule<DockerfileModel> = {
  id: 'dockerfile/from-latest-tag',
  severity: 'warning',
  title: 'Base image uses the latest tag',
  help: '`:latest` moves: the next build silently gets a new major version of the base, and rebuilding an old commit no longer gives the same image. Pin a version tag, or a digest kept current by Renovate or Dependabot.',
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
