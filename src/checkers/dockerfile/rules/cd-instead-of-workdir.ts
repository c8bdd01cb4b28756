import type { Rule } from '../../../engine/rule';
import { effectiveCommand, type ShellCommand } from '../../../parse/shell';
import { isWithin, runInstructions, type DockerfileModel, type Instruction } from '../model';
import { removals } from '../packages';

/** Contexts where a `cd` is scoped on purpose: it ends with the subshell or substitution. */
const SCOPED = new Set(['subshell', 'command-substitution', 'process-substitution']);

/** Scratch directories: moving WORKDIR there would be wrong, so `cd` is the right tool. */
const SCRATCH_DIRS = ['/tmp', '/var/tmp'];

/** `cd "$(mktemp -d)"`, or `dir=$(mktemp -d) && cd "$dir"`. */
function isTemporary(commands: readonly ShellCommand[], target: string, position: number): boolean {
  if (/\bmktemp\b/.test(target)) return true;
  const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(target)?.[1];
  if (!variable) return false;
  return commands
    .slice(0, position)
    .some((c) => c.envAssignments.some((a) => a.name === variable && /\bmktemp\b/.test(a.value)));
}

function isScratchCd(instruction: Instruction, target: string, position: number): boolean {
  const commands = instruction.run!.commands;
  if (isTemporary(commands, target, position)) return true;
  if (!target.startsWith('/')) return false;
  if (SCRATCH_DIRS.some((dir) => isWithin(target, dir))) return true;
  // A build directory the same RUN deletes afterwards (`cd /src/x && make install && rm -rf /src/x`).
  return removals(instruction).some((r) => r.position > position && isWithin(target, r.path));
}

export const cdInsteadOfWorkdir: Rule<DockerfileModel> = {
  id: 'dockerfile/cd-instead-of-workdir',
  severity: 'notice',
  title: 'cd in RUN instead of WORKDIR',
  help:
    'Each RUN starts in the WORKDIR again, so a `cd` lasts only until the end of its RUN; the next instruction (and the container) silently runs elsewhere, and a long `cd a && ... && cd b` chain is hard to follow. ' +
    'Fix: set `WORKDIR /path` before the commands that need it. A `cd` inside a subshell `( cd dir && make )` or into a temporary directory the same RUN removes is fine.',
  aliases: ['DL3003'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM golang:1.22\nCOPY . /src\nRUN cd /src && go build -o /out/app .\n',
    good: 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, undefined, { triggers: true })) {
      const commands = instruction.run!.commands;
      const position = commands.findIndex((outer, index) => {
        const command = effectiveCommand(outer);
        if (command.name !== 'cd') return false;
        if (command.context.some((c) => SCOPED.has(c))) return false;
        const target = command.args.find((a) => !a.startsWith('-')) ?? '';
        return !isScratchCd(instruction, target, index);
      });
      if (position < 0) continue;
      const cd = effectiveCommand(commands[position]);
      const target = cd.args.find((a) => !a.startsWith('-')) ?? '~';
      const last = position === commands.length - 1;
      report({
        file: model.path,
        line: cd.line,
        message: last
          ? `\`cd ${target}\` is the last command of this RUN, so it changes nothing: the next instruction starts in the WORKDIR again. Use \`WORKDIR ${target}\`.`
          : `\`cd ${target}\` lasts only until the end of this RUN; use \`WORKDIR ${target}\` so the directory is explicit and persists.`,
        subject: `${instruction.subject}\u0000cd ${target}`,
      });
    }
  },
};
