import type { Rule } from '../../../engine/rule';
import type { DockerfileModel } from '../model';

export const maintainerDeprecated: Rule<DockerfileModel> = {
  id: 'dockerfile/maintainer-deprecated',
  severity: 'notice',
  title: 'MAINTAINER is deprecated',
  help:
    'MAINTAINER has been deprecated since Docker 1.13: newer tooling ignores it and it is not part of the OCI image annotations that registries and scanners read. ' +
    'Fix: `LABEL org.opencontainers.image.authors="name <email>"`.',
  aliases: ['DL4000'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM alpine:3.20\nMAINTAINER Platform Team <platform@example.com>\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Platform Team <platform@example.com>"\n',
  },
  check(model, report) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'MAINTAINER') continue;
      const author = instruction.args.trim().replace(/^"(.*)"$/, '$1');
      const label = `LABEL org.opencontainers.image.authors=${JSON.stringify(author)}`;
      const original = model.file.lineText(instruction.line);
      const indent = /^\s*/.exec(original)?.[0] ?? '';
      report({
        file: model.path,
        line: instruction.line,
        endLine: instruction.endLine > instruction.line ? instruction.endLine : undefined,
        message: `MAINTAINER is deprecated; record the author as \`${label}\`.`,
        subject: instruction.subject,
        suggestion:
          author && instruction.line === instruction.endLine
            ? { line: instruction.line, endLine: instruction.line, replacement: indent + label }
            : undefined,
      });
    }
  },
};
