import type { Rule } from '../../../engine/rule';
import type { DockerfileModel } from '../model';

export const invalidSyntax: Rule<DockerfileModel> = {
  id: 'dockerfile/invalid-syntax',
  severity: 'error',
  title: 'Dockerfile cannot be understood',
  help: 'The builder rejects this file, or reads part of it differently from what it says: an unknown instruction, an instruction without its arguments, an exec form that is not a valid JSON array (Docker then silently runs it as a shell command), a heredoc that is never closed, or a shell syntax error inside RUN. Fix the construct at the reported line; the other instructions are still checked.',
  aliases: ['DL1000'],
  example: {
    file: 'Dockerfile',
    bad: "FROM python:3.12-slim\nCOPY . /app\nCMD ['python', '/app/main.py']\n",
    good: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
  },
  check(model, report) {
    for (const problem of model.problems) {
      report({
        file: model.path,
        line: problem.line,
        endLine:
          problem.instruction && problem.instruction.endLine > problem.line
            ? problem.instruction.endLine
            : undefined,
        column: problem.column,
        message: problem.message,
        subject: problem.instruction
          ? `${problem.instruction.subject}\u0000${problem.message}`
          : problem.message,
      });
    }
  },
};
