import type { Rule } from '../../../engine/rule';
import { stageChain, type DockerfileModel } from '../model';

export const healthcheckMissing: Rule<DockerfileModel> = {
  id: 'dockerfile/healthcheck-missing',
  severity: 'notice',
  defaultOff: true,
  title: 'Final image has no HEALTHCHECK',
  help: 'Without a HEALTHCHECK, Docker and Compose only know whether the process is running, not whether it serves. Add `HEALTHCHECK CMD ...` (or `HEALTHCHECK NONE` to say none is wanted). Kubernetes ignores HEALTHCHECK and uses probes, which is why this rule is off unless enabled.',
  aliases: ['DL3057', 'CKV_DOCKER_2'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n',
    good: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nHEALTHCHECK --interval=30s CMD curl -fsS http://localhost/ || exit 1\n',
  },
  check(model, report) {
    const stage = model.finalStage;
    if (!stage) return;
    if (stageChain(stage).some((s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK'))) return;
    report({
      file: model.path,
      line: stage.from.line,
      endLine: stage.from.endLine,
      message: `The final stage (FROM \`${stage.base.raw}\`) defines no HEALTHCHECK, so Docker cannot tell a hung service from a healthy one.`,
      subject: `${stage.from.subject}\u0000no-healthcheck`,
    });
  },
};
