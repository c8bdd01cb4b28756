import type { Rule } from '../../../engine/rule';
import { finalImageStages, type DockerfileModel } from '../model';
import { exposedPorts } from '../files';

export const exposeSsh: Rule<DockerfileModel> = {
  id: 'dockerfile/expose-ssh',
  severity: 'warning',
  title: 'SSH port exposed',
  help:
    "Exposing port 22 means the image runs an SSH server: another long-lived process with its own keys and passwords to manage, and a way in that bypasses the orchestrator's access control and audit. " +
    'Fix: drop sshd and use `docker exec` / `kubectl exec` (or `kubectl debug`) to get a shell in a running container.',
  aliases: ['CKV_DOCKER_1'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server\nEXPOSE 22\nCMD ["/usr/sbin/sshd", "-D"]\n',
    good: 'FROM ubuntu:24.04\nCOPY app /usr/local/bin/app\nEXPOSE 8080\nCMD ["/usr/local/bin/app"]\n',
  },
  check(model, report) {
    // Only the final image's exposed ports matter; EXPOSE in a builder stage documents nothing.
    for (const stage of finalImageStages(model)) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'EXPOSE') continue;
        for (const port of exposedPorts(model, instruction)) {
          if (port.ok !== true || port.protocol !== 'tcp' || port.start > 22 || port.end < 22) continue;
          const position = instruction.argPosition(port.offset);
          report({
            file: model.path,
            line: position.line,
            column: position.column,
            message:
              port.start === port.end
                ? `EXPOSE ${port.written} opens the SSH port: the image runs an SSH server next to its application.`
                : `EXPOSE ${port.written} includes the SSH port 22.`,
            subject: `${instruction.subject}\u0000${port.written}`,
          });
        }
      }
    }
  },
};
