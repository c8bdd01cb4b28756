import type { Rule } from '../../../engine/rule';
import type { Suggestion } from '../../../engine/finding';
import { containerProcess, type DockerfileModel, type Instruction } from '../model';

/** The exec form of a shell-form command that is one plain command with literal words. */
function execFormSuggestion(model: DockerfileModel, instruction: Instruction): Suggestion | undefined {
  const commands = instruction.execution?.commands ?? [];
  if (commands.length !== 1 || instruction.line !== instruction.endLine) return undefined;
  const [command] = commands;
  if (
    command.context.length ||
    command.redirects.length ||
    command.envAssignments.length ||
    command.words.some((w) => w.dynamic)
  ) {
    return undefined;
  }
  if (command.words.some((w) => /[*?[\]~{}]/.test(w.value))) return undefined;
  const lineText = model.file.lineText(instruction.line);
  const keyword = lineText.slice(0, instruction.column - 1 + instruction.written.length);
  const argv = JSON.stringify(command.words.map((w) => w.value)).replace(/","/g, '", "');
  return { line: instruction.line, endLine: instruction.line, replacement: `${keyword} ${argv}` };
}

/** Builtins and keywords: the shell runs them itself, so there is no program to exec in its place. */
const SHELL_BUILTINS = new Set([
  'cd',
  'export',
  '.',
  'source',
  'eval',
  'set',
  'trap',
  'wait',
  'read',
  'shift',
  'unset',
  'ulimit',
  'umask',
  'exit',
  'return',
  'true',
  ':',
  'false',
  'test',
  '[',
  'echo',
  'printf',
  'local',
  'alias',
]);

/**
 * BusyBox ash (Alpine) and bash run the last command of `sh -c` in place of the shell when it is the only
 * one: `CMD node server.js` is `node` as PID 1 there, receiving SIGTERM itself. Only a lone simple command
 * qualifies (no list, pipeline, redirection, background or compound); dash only does it from 0.5.11 on, and
 * an image's Debian or Ubuntu release is too often unknown, so dash bases stay reported.
 */
function shellExecsLoneCommand(instruction: Instruction): boolean {
  const execution = instruction.execution;
  const commands = execution?.commands ?? [];
  if (!execution || commands.length !== 1) return false;
  const shell = instruction.shell;
  const flavor =
    shell.name === 'bash'
      ? 'bash'
      : shell.argv[0] === '/bin/sh' || shell.name === 'sh'
        ? shell.binSh
        : 'unknown';
  if (flavor !== 'ash' && flavor !== 'bash') return false;
  const [command] = commands;
  return (
    !command.pipeline &&
    !command.background &&
    !command.negated &&
    command.context.length === 0 &&
    command.redirects.length === 0 &&
    command.name !== '' &&
    !command.dynamic &&
    !SHELL_BUILTINS.has(command.name)
  );
}

export const cmdShellForm: Rule<DockerfileModel> = {
  id: 'dockerfile/cmd-shell-form',
  severity: 'notice',
  title: 'CMD or ENTRYPOINT in shell form',
  help: 'The shell form runs `/bin/sh -c "..."`: the shell is PID 1 and the application its child, so `docker stop` and Kubernetes send SIGTERM to the shell, which does not pass it on; the application is killed after the grace period instead of shutting down cleanly. A shell-form ENTRYPOINT also ignores CMD and `docker run` arguments. Use the exec form `CMD ["app", "--flag"]`, or `exec` the program when a shell is needed: `CMD exec app --port "$PORT"`. A CMD that is one simple command (no `&&`, `;`, pipe or redirection) on an Alpine/BusyBox or bash base is left alone: those shells exec a lone command in place of themselves, so it is PID 1 anyway. Debian and Ubuntu bases (dash) are still reported, since dash does so only from 0.5.11.',
  aliases: ['DL3025'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD node server.js\n',
    good: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
  },
  check(model, report) {
    const stage = model.finalStage;
    if (!stage) return;
    const { entrypoint, cmd } = containerProcess(stage);
    for (const instruction of [entrypoint, cmd]) {
      if (!instruction || instruction.form !== 'shell' || instruction.jsonError) continue;
      const execution = instruction.execution;
      const first = execution?.commands[0];
      if (!execution || !first || first.name === 'exec') continue;
      if (instruction === cmd && entrypoint && entrypoint.form === 'shell') continue; // CMD is ignored then
      // The lone command replaces the shell: it is PID 1 and gets the signals (an ENTRYPOINT still drops CMD).
      if (instruction === cmd && !entrypoint && shellExecsLoneCommand(instruction)) continue;
      const program = first.wrapped?.name ?? first.name;
      let message: string;
      if (instruction.keyword === 'ENTRYPOINT') {
        message = `This ENTRYPOINT runs under \`${execution.argv.slice(0, -1).join(' ')}\`: the shell is PID 1, \`${program}\` gets no SIGTERM on stop, and CMD and \`docker run\` arguments are ignored.`;
      } else if (entrypoint && entrypoint.form === 'exec') {
        message = `This shell-form CMD reaches ENTRYPOINT \`${(entrypoint.execArgs ?? []).join(' ')}\` as the arguments \`${execution.argv.slice(0, -1).join(' ')} "..."\`, so a shell sits between it and \`${program}\`.`;
      } else {
        message = `This CMD runs as \`${execution.argv.slice(0, -1).join(' ')} "${instruction.args}"\`: the shell is PID 1 and \`${program}\` gets no SIGTERM on \`docker stop\`, so it is killed after the grace period.`;
      }
      report({
        file: model.path,
        line: instruction.line,
        endLine: instruction.endLine,
        message,
        subject: instruction.subject,
        suggestion: execFormSuggestion(model, instruction),
      });
    }
  },
};
