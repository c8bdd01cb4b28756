import type { Rule } from '../../../engine/rule';
import { KNOWN_INSTRUCTIONS, type DockerfileModel } from '../model';

export const firstInstruction: Rule<DockerfileModel> = {
  id: 'dockerfile/first-instruction',
  severity: 'error',
  title: 'Dockerfile does not start with FROM',
  help: 'A Dockerfile must start with FROM (optionally preceded by parser directives, comments and ARGs that parameterize FROM); anything else before the first FROM fails the build. Move the instruction below FROM, or add the missing FROM.',
  aliases: ['DL3061'],
  example: {
    file: 'Dockerfile',
    bad: 'LABEL org.opencontainers.image.source="https://github.com/acme/api"\nFROM python:3.12-slim\n',
    good: 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim\nLABEL org.opencontainers.image.source="https://github.com/acme/api"\n',
  },
  check(model, report) {
    if (model.binary) return;
    const firstFrom = model.instructions.find((i) => i.keyword === 'FROM');
    if (!firstFrom) {
      const first = model.instructions[0];
      report({
        file: model.path,
        line: first?.line ?? 1,
        message: first
          ? 'This Dockerfile has no FROM instruction, so there is no image to build on.'
          : 'This Dockerfile is empty: there is no FROM instruction to build on.',
        subject: 'no-from',
      });
      return;
    }
    // Unknown keywords are invalid-syntax's to report.
    const misplaced = model.instructions.find(
      (i) => i.index < firstFrom.index && i.keyword !== 'ARG' && KNOWN_INSTRUCTIONS.has(i.keyword),
    );
    if (!misplaced) return;
    report({
      file: model.path,
      line: misplaced.line,
      endLine: misplaced.endLine,
      message: `\`${misplaced.written}\` comes before the first FROM (line ${firstFrom.line}); only ARG may precede FROM.`,
      subject: misplaced.subject,
    });
  },
};
