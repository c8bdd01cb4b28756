import type { Rule } from '../../../engine/rule';
import type { Suggestion } from '../../../engine/finding';
import { parseShellInvocation } from '../../../parse/shell';
import { containerProcess, instructionsOf, type DockerfileModel, type Instruction } from '../model';

/** Quotes a word for `sh -c` so that `$VAR` inside it still expands. */
function shellWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./${}-]+$/.test(word) && !/\$\(/.test(word)) return word;
  return `"${word.replace(/(["\\`])/g, '\\$1')}"`;
}

/** Rewrites `KEYWORD [flags] [...]` as the same exec form wrapped in `sh -c 'exec ...'`. */
function shellWrapped(
  model: DockerfileModel,
  instruction: Instruction,
  argv: string[],
): Suggestion | undefined {
  const first = model.file.lineText(instruction.line);
  const open = first.indexOf('[');
  if (open < 0) return undefined;
  const lastLine = model.file.lineText(instruction.endLine);
  if (!/\]\s*$/.test(lastLine)) return undefined;
  const script = `exec ${argv.map(shellWord).join(' ')}`;
  return {
    line: instruction.line,
    endLine: instruction.endLine,
    replacement: `${first.slice(0, open)}${JSON.stringify(['sh', '-c', script]).replace(/","/g, '", "')}`,
  };
}

/** ENTRYPOINT ["sh", "-c"] makes the first CMD argument a shell script. */
function cmdIsShellScript(instruction: Instruction): boolean {
  if (instruction.keyword !== 'CMD' || !instruction.stage) return false;
  const { entrypoint } = containerProcess(instruction.stage);
  if (!entrypoint || entrypoint.form !== 'exec') return false;
  return parseShellInvocation(entrypoint.execArgs ?? [])?.expectsScript ?? false;
}

function names(list: string[]): string {
  const quoted = list.map((n) => `\`$${n}\``);
  return quoted.length <= 1
    ? quoted.join('')
    : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

export const execFormVariable: Rule<DockerfileModel> = {
  id: 'dockerfile/exec-form-variable',
  severity: 'error',
  title: 'Variable in exec form is never expanded',
  help: 'The exec (JSON) form of CMD, ENTRYPOINT, RUN and HEALTHCHECK runs the program directly: no shell sees the arguments, so `$PORT` reaches the program as the literal text `$PORT`. Use the shell form, or run a shell explicitly and `exec` the program so it stays PID 1: `CMD ["sh", "-c", "exec uvicorn app:app --port=$PORT"]`.',
  example: {
    file: 'Dockerfile',
    bad: 'FROM python:3.12-slim\nENV PORT=8080\nCMD ["uvicorn", "app:app", "--port=$PORT"]\n',
    good: 'FROM python:3.12-slim\nENV PORT=8080\nCMD ["sh", "-c", "exec uvicorn app:app --port=$PORT"]\n',
  },
  check(model, report) {
    for (const instruction of instructionsOf(model, { triggers: true })) {
      if (
        !['CMD', 'ENTRYPOINT', 'RUN', 'HEALTHCHECK'].includes(instruction.keyword) ||
        instruction.form !== 'exec'
      )
        continue;
      const execution = instruction.run ?? instruction.execution;
      if (!execution) continue;
      const scriptArg = cmdIsShellScript(instruction) ? execution.argv[0] : undefined;
      const literal = instruction.variables.filter(
        (v) => v.expandedBy === 'none' && v.argument !== scriptArg,
      );
      if (literal.length === 0) continue;
      const variableNames = [...new Set(literal.map((v) => v.name))];
      const args = [...new Set(literal.map((v) => v.argument!))];
      const program = execution.argv[0] ?? 'the program';
      report({
        file: model.path,
        line: literal[0].line,
        endLine: instruction.endLine > literal[0].line ? instruction.endLine : undefined,
        column: literal[0].column,
        message: `${names(variableNames)} in this exec-form ${instruction.keyword} ${variableNames.length > 1 ? 'are' : 'is'} never expanded: no shell runs it, so \`${program}\` receives ${args.map((a) => `\`${a}\``).join(', ')} literally.`,
        subject: `${instruction.subject}\u0000${variableNames.join(',')}`,
        suggestion: shellWrapped(model, instruction, execution.argv),
      });
    }
  },
};
