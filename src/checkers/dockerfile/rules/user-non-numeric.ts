import type { Rule } from '../../../engine/rule';
import { createdUsers } from '../files';
import { stageChain, type DockerfileModel, type Stage } from '../model';
import { baseImageUid, isWindowsBase } from '../image';
import { imagePurpose } from '../purpose';

/** The UID a RUN gave the user when it created it (`useradd -u 10001 app`, `adduser -u 1000 -S app`). */
function uidCreatedFor(stage: Stage, name: string): string | undefined {
  return createdUsers(stageChain(stage)).find((u) => u.name === name && u.uid && /^\d+$/.test(u.uid))?.uid;
}

export const userNonNumeric: Rule<DockerfileModel> = {
  id: 'dockerfile/user-non-numeric',
  severity: 'notice',
  title: 'Final USER is a name, not a UID',
  help: 'Kubernetes `runAsNonRoot: true` can only verify a numeric user: with `USER app` the kubelet cannot tell whether `app` is root and refuses to start the pod ("container has runAsNonRoot and image has non-numeric user"). Use the UID the user was created with, e.g. `USER 10001` or `USER 10001:10001`.',
  aliases: ['DL3066'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER app\nCMD ["/app/server"]\n',
    good: 'FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001\nCMD ["/app/server"]\n',
  },
  check(model, report) {
    const stage = model.finalStage;
    const user = stage?.end.user;
    if (!stage || !user?.setAt || !user.value || !user.resolved || user.isRoot || user.numeric) return;
    // Windows containers have no UIDs: Kubernetes identifies their user with `runAsUserName`.
    if (isWindowsBase(stage.rootImage)) return;
    // Only a service image meets runAsNonRoot; whoever runs a base, build or test image picks the user.
    if (imagePurpose(model).kind !== 'service') return;
    const setAt = user.setAt;
    const name = user.user && /^[A-Za-z_][\w.-]*$/.test(user.user) && !user.group ? user.user : undefined;
    const created = name ? uidCreatedFor(stage, name) : undefined;
    const fromBase = name && !created ? baseImageUid(stage.rootImage, name) : undefined;
    const uid = created ?? fromBase;
    const hint = created
      ? `: it was created with UID ${created}, so write \`USER ${created}\``
      : fromBase
        ? `: the base image gives \`${name}\` UID ${fromBase}, so write \`USER ${fromBase}\``
        : '; use its numeric UID';
    const lineText = model.file.lineText(setAt.line);
    report({
      file: model.path,
      line: setAt.line,
      endLine: setAt.endLine,
      message: `\`USER ${user.value}\` names the user, so Kubernetes \`runAsNonRoot\` cannot verify it is not root${hint}.`,
      subject: setAt.subject,
      suggestion:
        uid && setAt.line === setAt.endLine && setAt.stage === stage
          ? {
              line: setAt.line,
              endLine: setAt.line,
              replacement: lineText.replace(/(\bUSER\s+)\S+/i, `$1${uid}`),
            }
          : undefined,
    });
  },
};
