import type { Rule } from '../../../engine/rule';
import { instructionsOf, type DockerfileModel } from '../model';
import { exposedPorts } from '../files';

export const exposeInvalid: Rule<DockerfileModel> = {
  id: 'dockerfile/expose-invalid',
  severity: 'error',
  title: 'EXPOSE with an invalid port',
  help:
    'EXPOSE takes container ports (1-65535), optionally as a range and with `/tcp`, `/udp` or `/sctp`. The builder rejects anything else, and a host mapping such as `8080:80` does not publish anything: publishing is decided at run time (`docker run -p`, a Kubernetes Service). ' +
    'Fix: write only the container port, e.g. `EXPOSE 8080` or `EXPOSE 53/udp`.',
  aliases: ['DL3011'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM nginx:1.27-alpine\nEXPOSE 8080:80\n',
    good: 'FROM nginx:1.27-alpine\nEXPOSE 80\n',
  },
  check(model, report) {
    for (const instruction of instructionsOf(model, { triggers: true })) {
      if (instruction.keyword !== 'EXPOSE') continue;
      for (const port of exposedPorts(model, instruction)) {
        if (port.ok !== false) continue;
        const position = instruction.argPosition(port.offset);
        report({
          file: model.path,
          line: position.line,
          column: position.column,
          message: `EXPOSE ${port.written}: ${port.problem}.`,
          subject: `${instruction.subject}\u0000${port.written}`,
        });
      }
    }
  },
};
