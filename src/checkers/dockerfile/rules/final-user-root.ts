import type { Rule } from '../../../engine/rule';
import { isRootUser, stageChain, type DockerfileModel } from '../model';
import { hasNonRootDefaultUser } from '../image';
import { describePurpose, imagePurpose, privilegeDrop } from '../purpose';

export const finalUserRoot: Rule<DockerfileModel> = {
  id: 'dockerfile/final-user-root',
  severity: 'notice',
  title: 'Final image runs as root',
  help: 'The last USER of the final stage is root, so the container runs as root: a flaw in the application becomes root inside the container, one kernel or runtime bug away from the host, and Kubernetes `runAsNonRoot` refuses to start it. Builder stages may run as root; switch the final stage to an unprivileged numeric user (`USER 10001`) after the steps that need root. A base/toolchain, data or build/test image, and an entrypoint that drops privileges itself (gosu, su-exec, setpriv...), are left alone: a system agent that truly needs root says so with an ignore comment. It is a warning when the image had switched to a non-root user and the last switch back to root looks forgotten; an explicit root of its own is a notice, since daemons such as cron, installers and node agents need it.',
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
    const purpose = imagePurpose(model);
    if (purpose.kind !== 'service' || privilegeDrop(model)) return;
    const inherited =
      user.setAt.stage !== stage
        ? ` (set in stage \`${user.setAt.stage?.name ?? user.setAt.stage?.index}\`, which the final stage builds on)`
        : '';
    // A non-root USER earlier in the final image, then root again: the switch back is what gets forgotten.
    const chain = stageChain(stage);
    const droppedEarlier =
      hasNonRootDefaultUser(stage.rootImage) ||
      chain.some((s) =>
        s.instructions.some(
          (i) => i.keyword === 'USER' && i.index < user.setAt!.index && !isRootUser(i.args.trim()),
        ),
      );
    report({
      severity: droppedEarlier ? 'warning' : 'notice',
      file: model.path,
      line: user.setAt.line,
      endLine: user.setAt.endLine,
      message: `The final stage ends with \`USER ${user.value}\`${inherited}, so the container runs as root; this is ${describePurpose(purpose)} and nothing in its entrypoint switches user.`,
      subject: user.setAt.subject,
    });
  },
};
