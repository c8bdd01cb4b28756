import type { Rule } from '../../../engine/rule';
import type { ShellCommand } from '../../../parse/shell';
import {
  AUTOMATIC_PLATFORM_ARGS,
  DOCKER_EXPANDED,
  sameInstructionReferences,
  stageChain,
  type DockerfileModel,
  type Instruction,
  type VariableRef,
} from '../model';

/** Instructions whose variables are read when the container runs, where only ENV exists. */
const RUNTIME = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/**
 * Checked here: what Docker expands (FROM lines are from-undefined-arg's) and what the container runs. A RUN
 * script sees the base image's environment, which is unknown, so only its flags and the platform args count.
 */
function isChecked(instruction: Instruction, variable: VariableRef): boolean {
  const keyword = instruction.keyword;
  if (keyword === 'RUN')
    return variable.expandedBy === 'docker' || AUTOMATIC_PLATFORM_ARGS.includes(variable.name);
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
  const build = instruction.stage ? stageChain(instruction.stage).pop()?.base.localBuild : undefined;
  if (image && build) return `\`${image.raw}\`, which ${build.how} builds, does not set it`;
  return image ? `\`${image.raw}\` is not known to set it` : 'no base image sets it';
}

export const undefinedVariable: Rule<DockerfileModel> = {
  id: 'dockerfile/undefined-variable',
  severity: 'notice',
  title: 'Variable is never defined',
  help: 'The variable is not declared by any ARG or ENV in scope before it is used, and it is not one the builder or the base image provides (PATH, proxy args; HOME only for a shell or the running container, not for Docker substitution). It expands to an empty string, or, in exec form, stays the literal text. The automatic platform args (`TARGETARCH`...) exist only before the first FROM: a stage, RUN included, sees them after its own `ARG TARGETARCH`. Declare it with `ARG` (build time) or `ENV NAME=default` (run time), or give the reference a default: `${NAME:-default}`. A shell-form CMD/ENTRYPOINT reads the running container’s environment, which the deployment provides, and an ENV that extends its own list (`LD_LIBRARY_PATH=/x:$LD_LIBRARY_PATH`) is fine when the list was empty.',
  aliases: ['UndefinedVar'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM python:3.12-slim\nWORKDIR $APP_DIR\nCOPY . .\nCMD ["python", "-m", "app"]\n',
    good: 'FROM python:3.12-slim\nARG APP_DIR=/srv/app\nWORKDIR $APP_DIR\nCOPY . .\nCMD ["python", "-m", "app"]\n',
  },
  check(model, report) {
    for (const instruction of model.instructions) {
      if (!instruction.stage) continue;
      const execution = instruction.execution ?? instruction.run;
      const local = execution ? assignedInScript(execution.commands) : new Set<string>();
      const reported = new Set<string>();
      // `ENV A=1 B=$A`: env-same-instruction-ref reports those, with the value B really gets.
      const sameInstruction = new Set(
        sameInstructionReferences(model, instruction).map((r) => {
          const pos = instruction.argPosition(r.offset);
          return `${pos.line}:${pos.column}`;
        }),
      );
      // `ENV LD_LIBRARY_PATH=/opt/lib:$LD_LIBRARY_PATH` extends a list that may be empty, which is fine.
      const extendsItself = (name: string) =>
        instruction.keyword === 'ENV' &&
        new RegExp(`(^|\\s)${name}=\\S*\\$\\{?${name}\\b`).test(instruction.args);
      // A shell-form CMD/ENTRYPOINT/HEALTHCHECK reads the container's environment, which the deployment sets.
      const readAtRunTime = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(instruction.keyword);
      for (const variable of instruction.variables) {
        if (
          !isChecked(instruction, variable) ||
          extendsItself(variable.name) ||
          (readAtRunTime &&
            variable.expandedBy === 'shell' &&
            instruction.env.lookup(variable.name).state !== 'defined') ||
          sameInstruction.has(`${variable.line}:${variable.column}`) ||
          variable.hasDefault ||
          variable.modifier?.includes('?') ||
          reported.has(variable.name) ||
          local.has(variable.name)
        ) {
          continue;
        }
        const found = instruction.env.lookup(variable.name, variable.expandedBy);
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
        if (AUTOMATIC_PLATFORM_ARGS.includes(variable.name)) {
          report({
            file: model.path,
            line: variable.line,
            column: variable.column,
            message: `\`${variable.name}\` is an automatic platform arg, which BuildKit defines only before the first FROM: this stage never declares it, so this ${instruction.keyword} gets an empty value. Add \`ARG ${variable.name}\` (no value) in the stage before using it.`,
            subject: `${instruction.subject}\u0000${variable.name}`,
          });
          continue;
        }
        const notInImageEnv =
          variable.expandedBy === 'docker' && ['HOME', 'HOSTNAME', 'TERM'].includes(variable.name)
            ? ` (${variable.name} is set for processes when the container runs, not in the image's ENV that Docker substitutes from)`
            : '';
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
          message: `\`${variable.name}\` is not defined by any ARG or ENV before this ${instruction.keyword}, and ${describeBase(instruction)}${notInImageEnv}; ${outcome}.`,
          subject: `${instruction.subject}\u0000${variable.name}`,
        });
      }
    }
  },
};
