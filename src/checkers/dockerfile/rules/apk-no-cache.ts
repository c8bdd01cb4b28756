import type { Rule } from '../../../engine/rule';
import { finalImageStages, runInstructions, type DockerfileModel } from '../model';
import {
  cacheMountCovers,
  packageCommandsOf,
  quoteCommand,
  removesAfter,
  suggestOptionAfterAction,
  commandLines,
} from '../packages';

/** Where apk keeps its index (and, when a cache is configured, packages). */
const APK_CACHE_DIRS = ['/var/cache/apk', '/etc/apk/cache'];

export const apkNoCache: Rule<DockerfileModel> = {
  id: 'dockerfile/apk-no-cache',
  severity: 'notice',
  title: 'apk add without --no-cache',
  help:
    '`apk update` and `apk add` without `--no-cache` store the package index under /var/cache/apk, and that layer keeps it even if a later RUN deletes it. ' +
    'Fix: `apk add --no-cache <packages>` (it fetches a fresh index and stores nothing, so `apk update` is not needed), or end the same RUN with `rm -rf /var/cache/apk/*`, or mount a cache on /var/cache/apk. Builder stages that the final image does not build on are not checked.',
  aliases: ['DL3019'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM alpine:3.20\nRUN apk add curl ca-certificates\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl ca-certificates\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, finalImageStages(model), { triggers: true })) {
      const apk = packageCommandsOf(instruction, ['apk']);
      const updates = apk.filter((pc) => pc.action === 'update');
      const adds = apk.filter((pc) => pc.action === 'add' && !pc.has('--no-cache', '--no-network'));
      const offenders = [...updates, ...adds].sort((a, b) => a.position - b.position);
      if (offenders.length === 0) continue;
      if (APK_CACHE_DIRS.some((dir) => cacheMountCovers(instruction, dir))) continue;
      const lastWrite = offenders[offenders.length - 1].position;
      if (removesAfter(instruction, '/var/cache/apk', lastWrite)) continue;
      // Adding --no-cache is the whole fix only when no `apk update` fills the cache anyway.
      const suggestion =
        updates.length === 0 ? suggestOptionAfterAction(model, instruction, adds, '--no-cache') : undefined;
      const first = updates[0] ?? adds[0];
      report({
        file: model.path,
        ...commandLines(first.command, suggestion),
        message:
          updates.length > 0
            ? `${quoteCommand(first.command)} stores the apk index in this layer: drop it and use \`apk add --no-cache\`, or remove /var/cache/apk/* in the same RUN.`
            : `${quoteCommand(first.command)} keeps the apk index in this layer; add \`--no-cache\`.`,
        subject: `${instruction.subject}\u0000${offenders.map((pc) => pc.command.text).join('\u0000')}`,
        suggestion,
      });
    }
  },
};
