import type { Rule } from '../../../engine/rule';
import type { DockerfileModel, Instruction } from '../model';

const KEYWORDS = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

export const duplicateCmdEntrypointHealthcheck: Rule<DockerfileModel> = {
  id: 'dockerfile/duplicate-cmd-entrypoint-healthcheck',
  severity: 'warning',
  title: 'Several CMD, ENTRYPOINT or HEALTHCHECK in one stage',
  help: 'Only the last CMD, ENTRYPOINT and HEALTHCHECK of a stage take effect; earlier ones are silently dropped, which usually means the image does not run what its author thinks. Keep one of each per stage.',
  aliases: ['DL4003', 'DL4004', 'DL3012'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\nCMD ["nginx-debug", "-g", "daemon off;"]\n',
    good: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\n',
  },
  check(model, report) {
    for (const stage of model.stages) {
      const last = new Map<string, Instruction>();
      for (const i of stage.instructions) if (KEYWORDS.includes(i.keyword)) last.set(i.keyword, i);
      for (const earlier of stage.instructions) {
        const winner = last.get(earlier.keyword);
        if (!winner || winner === earlier) continue;
        report({
          file: model.path,
          line: earlier.line,
          endLine: earlier.endLine,
          message: `This ${earlier.keyword} has no effect: the ${earlier.keyword} at line ${winner.line} of the same stage replaces it.`,
          subject: earlier.subject,
        });
      }
    }
  },
};
