import type { Rule } from '../../../engine/rule';
import type { ShellCommand } from '../../../parse/shell';
import { DOCKER_EXPANDED, sameInstructionReferences, type DockerfileModel, type Instruction } from '../model';

/** Instructions whose variables are read when the container runs, where only ENV exists. */
const RUNTIME = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** Checked here: what Docker expands (FROM lines are from-undefined-arg's) and what the container runs. */
function isChecked(keyword: string): boolean {
  return (DOCKER_EXPANDED.has(keyword) && keyword !== 'FROM') || RUNTIME.has(keyword);
}

/** Names a script assigns itself (`X=1`, `export X=1`, `read X`): not the image's business. */
function assignedInScript(commands: readonly ShellCommand[]): Set<string> {
  const names = new Set<string>();
  for (const command of commands) {
    if (command.name === '') for (const a of command.envAssignments) names.add(a.name);
    if (['export', 'declare', 'local', 'readonly', 'typeset', 'read'].includes(command.name)) {
      for (const arg of command.args) if (/^[A-Za-z_]\w*(=|$)/.test(arg)) names.add(arg.split('=')[0]);
    }
    for (const a of command.envAssignments) names.add(a.name);
  }
  return names;
}

function describeBase(instruction: Instruction): string {
  const image = instruction.stage?.rootImage;
  return image ? `\`${image.raw}\` is not known to set it` : 'no base image sets it';
}

export const undefinedVariable: Rule<DockerfileModel> = {
  id: 'dockerfile/undefined-variable',
  severity: 'warning',
  title: 'Variable is never defined',
  help: 'The variable is not declared by any ARG or ENV in scope before it is used, and it is not one the builder or the base image provides (PATH, HOME, proxy and platform args...). It expands to an empty string, or, in exec form, stays the literal text. Declare it with `ARG` (build time) or `ENV NAME=default` (run time), or give the reference a default: `${NAME:-default}`.',
  aliases: ['UndefinedVar'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM python:3.12-slim\nWORKDIR $APP_DIR\nCMD python -m app --workers "$WORKERS"\n',
    good: 'FROM python:3.12-slim\nARG APP_DIR=/srv/app\nENV WORKERS=2\nWORKDIR $APP_DIR\nCMD python -m app --workers "$WORKERS"\n',
  },
  check(model, report) {
    for (const instruction of model.instructions) {
      if (!instruction.stage || !isChecked(instruction.keyword)) continue;
      const execution = instruction.execution;
      const local = execution ? assignedInScript(execution.commands) : new Set<string>();
      const reported = new Set<string>();
      // `ENV A=1 B=$A`: env-same-instruction-ref reports those, with the value B really gets.
      const sameInstruction = new Set(
        sameInstructionReferences(model, instruction).map((r) => {
          const pos = instruction.argPosition(r.offset);
          return `${pos.line}:${pos.column}`;
        }),
      );
      for (const variable of instruction.variables) {
        if (
          sameInstruction.has(`${variable.line}:${variable.column}`) ||
          variable.hasDefault ||
          variable.modifier?.includes('?') ||
          reported.has(variable.name) ||
          local.has(variable.name)
        ) {
          continue;
        }
        const found = instruction.env.lookup(variable.name);
        const atRuntime = RUNTIME.has(instruction.keyword);
        if (found.state === 'defined' && found.kind === 'arg' && atRuntime) {
          reported.add(variable.name);
          report({
            file: model.path,
            line: variable.line,
            column: variable.column,
            message: `\`${variable.name}\` is only an ARG (line ${found.definedAt?.line ?? '?'}): build args do not exist when the container runs, so this ${instruction.keyword} sees it unset. Copy it into the runtime environment with \`ENV ${variable.name}=$${variable.name}\`.`,
            subject: `${instruction.subject}\u0000${variable.name}`,
          });
          continue;
        }
        if (found.state === 'defined' || (found.state === 'maybe' && found.wellKnown)) continue;
        reported.add(variable.name);
        const outcome =
          variable.expandedBy === 'none'
            ? `this exec form passes it on as the literal text \`$${variable.name}\``
            : variable.expandedBy === 'docker'
              ? 'Docker substitutes an empty string'
              : 'the shell expands it to an empty string unless the container is started with it set';
        report({
          file: model.path,
          line: variable.line,
          column: variable.column,
          message: `\`${variable.name}\` is not defined by any ARG or ENV before this ${instruction.keyword}, and ${describeBase(instruction)}; ${outcome}.`,
          subject: `${instruction.subject}\u0000${variable.name}`,
        });
      }
    }
  },
};
