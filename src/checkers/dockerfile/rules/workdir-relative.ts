import type { Rule } from '../../../engine/rule';
import { resolvePath, type DockerfileModel } from '../model';

export const workdirRelative: Rule<DockerfileModel> = {
  id: 'dockerfile/workdir-relative',
  severity: 'warning',
  title: 'Relative WORKDIR',
  help:
    "A relative WORKDIR is resolved against the previous WORKDIR, or against the base image's working directory when this stage set none (`/go` in golang images, `/usr/local/tomcat` in tomcat...). Changing the base or moving an instruction silently moves every later COPY, RUN and the container's start directory. " +
    'Fix: use an absolute path, `WORKDIR /app`.',
  aliases: ['DL3000'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM golang:1.22\nWORKDIR src/app\nCOPY . .\n',
    good: 'FROM golang:1.22\nWORKDIR /src/app\nCOPY . .\n',
  },
  check(model, report) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'WORKDIR' || !instruction.stage) continue;
      const written = instruction.args.trim();
      const expanded = instruction.env.expand(written);
      const value = expanded.value;
      // Unknown build args, absolute POSIX paths, and Windows drive paths are not relative.
      if (!value || !expanded.exact || value.startsWith('/') || /^[A-Za-z]:[\\/]?/.test(value)) continue;
      if (/^[\\/]/.test(value)) continue;
      const previous = instruction.workdir.path;
      const resolved = resolvePath(value, previous);
      const original = model.file.lineText(instruction.line);
      const canSuggest =
        resolved && instruction.line === instruction.endLine && original.trimEnd().endsWith(written);
      report({
        file: model.path,
        line: instruction.line,
        message: resolved
          ? `WORKDIR ${written} is relative: it resolves to ${resolved} only because of the WORKDIR at line ${instruction.workdir.setAt?.line}. Write \`WORKDIR ${resolved}\`.`
          : `WORKDIR ${written} is relative to the base image's working directory, which this Dockerfile does not set (it is \`/\` on most images, \`/go\` on golang). Write an absolute path.`,
        subject: instruction.subject,
        suggestion: canSuggest
          ? {
              line: instruction.line,
              endLine: instruction.line,
              replacement: original.trimEnd().slice(0, original.trimEnd().length - written.length) + resolved,
            }
          : undefined,
      });
    }
  },
};
