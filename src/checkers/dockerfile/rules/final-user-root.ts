import type { Rule } from '../../../engine/rule';
import type { DockerfileModel } from '../model';

export const finalUserRoot: Rule<DockerfileModel> = {
  id: 'dockerfile/final-user-root',
  severity: 'error',
  title: 'Final image runs as root',
  help: 'The last USER of the final stage is root, so the container runs as root: a flaw in the application becomes root inside the container, one kernel or runtime bug away from the host, and Kubernetes `runAsNonRoot` refuses to start it. Builder stages may run as root; switch the final stage to an unprivileged numeric user (`USER 10001`) after the steps that need root.',
  aliases: ['DL3002', 'CKV_DOCKER_8', 'DS-0002'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM python:3.12-slim\nRUN useradd --uid 10001 app\nUSER root\nCMD ["python", "-m", "http.server"]\n',
    good: 'FROM python:3.12-slim\nRUN useradd --uid 10001 app\nUSER 10001\nCMD ["python", "-m", "http.server"]\n',
  },
  check(model, report) {
    const stage = model.finalStage;
    const user = stage?.end.user;
    if (!stage || !user?.isRoot || !user.setAt) return;
    const inherited =
      user.setAt.stage !== stage
        ? ` (set in stage \`${user.setAt.stage?.name ?? user.setAt.stage?.index}\`, which the final stage builds on)`
        : '';
    report({
      file: model.path,
      line: user.setAt.line,
      endLine: user.setAt.endLine,
      message: `The final stage ends with \`USER ${user.value}\`${inherited}, so the container runs as root.`,
      subject: user.setAt.subject,
    });
  },
};
