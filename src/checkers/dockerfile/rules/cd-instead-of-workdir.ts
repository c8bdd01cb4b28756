import type { Rule } from '../../../engine/rule';
import { effectiveCommand, type ShellCommand } from '../../../parse/shell';
import { isWithin, resolvePath, runInstructions, type DockerfileModel, type Instruction } from '../model';
import { removals } from '../packages';

/**
 * Contexts where a `cd` is scoped on purpose (it ends with the subshell or substitution) or cannot be a
 * WORKDIR (a loop visits several directories).
 */
const SCOPED = new Set(['subshell', 'command-substitution', 'process-substitution', 'loop-body']);

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

/**
 * A `cd` that is no candidate for WORKDIR: into a temporary or scratch directory, one the RUN deletes later,
 * back to `/` or the WORKDIR, or to a place only the shell knows (`cd $d`, `cd ~`, `cd -`). `target` is
 * resolved against the earlier `cd`s of the RUN (`cd /tmp && ... && cd pkg-1.2`).
 */
function isScratchCd(instruction: Instruction, written: string, target: string, position: number): boolean {
  const commands = instruction.run!.commands;
  if (isTemporary(commands, written, position)) return true;
  if (/^[~-]|\$|`/.test(written)) return true;
  if (!target.startsWith('/')) return false;
  if (target === '/' || target === instruction.workdir.path) return true;
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
      let cwd = instruction.workdir.path;
      let target = '';
      const position = commands.findIndex((outer, index) => {
        const command = effectiveCommand(outer);
        if (command.name !== 'cd') return false;
        if (command.context.some((c) => SCOPED.has(c))) return false;
        const written = command.args.find((a) => a === '-' || !a.startsWith('-')) ?? '~';
        target = resolvePath(written, cwd) ?? written;
        if (isScratchCd(instruction, written, target, index)) {
          cwd = target.startsWith('/') ? target : undefined;
          return false;
        }
        return true;
      });
      if (position < 0) continue;
      const cd = effectiveCommand(commands[position]);
      const last = position === commands.length - 1;
      report({
        file: model.path,
        line: cd.line,
        message: last
          ? `\`${cd.text}\` is the last command of this RUN, so it changes nothing: the next instruction starts in the WORKDIR again. Use \`WORKDIR ${target}\`.`
          : `\`${cd.text}\` lasts only until the end of this RUN; use \`WORKDIR ${target}\` so the directory is explicit and persists.`,
        subject: `${instruction.subject}\u0000${cd.text}`,
      });
    }
  },
};
