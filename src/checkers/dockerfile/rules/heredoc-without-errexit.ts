import type { Rule } from '../../../engine/rule';
import { effectiveCommand, type ShellCommand } from '../../../parse/shell';
import type { DockerfileModel } from '../model';
import { runScripts } from '../files';

/** Statements that cannot fail or only change options: they do not count as commands of the script. */
function isTrivial(command: ShellCommand): boolean {
  const name = effectiveCommand(command).name;
  return name === '' || name === 'set' || name === 'true' || name === ':' || name === 'export';
}

/** Output commands: their failure (a full disk) is not what `set -e` is for. */
function cannotReasonablyFail(command: ShellCommand): boolean {
  const name = effectiveCommand(command).name;
  return name === 'echo' || name === 'printf';
}

/** The first command of each top-level statement, in order. */
function statements(commands: readonly ShellCommand[]): { first: ShellCommand; all: ShellCommand[] }[] {
  const byIndex = new Map<number, ShellCommand[]>();
  for (const command of commands) {
    const list = byIndex.get(command.statement) ?? [];
    list.push(command);
    byIndex.set(command.statement, list);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, all]) => ({ first: all[0], all }));
}

export const heredocWithoutErrexit: Rule<DockerfileModel> = {
  id: 'dockerfile/heredoc-without-errexit',
  severity: 'warning',
  title: 'Heredoc script without set -e',
  help:
    'A `RUN <<EOF` script runs its lines like a shell script: without `set -e` a failing command is ignored and the RUN succeeds as long as the last line does. Unlike a `a && b && c` chain, `apt-get update` failing on line 1 goes unnoticed and the image is built without what line 2 should have installed. ' +
    'Fix: start the script with `set -e` (`set -eux` also traces each command), use a shebang such as `#!/bin/sh -e`, or a `SHELL` with `-e`.',
  example: {
    file: 'Dockerfile',
    bad: '# syntax=docker/dockerfile:1\nFROM debian:12-slim\nRUN <<EOF\napt-get update\napt-get install -y --no-install-recommends nginx\nrm -rf /var/lib/apt/lists/*\nEOF\n',
    good: '# syntax=docker/dockerfile:1\nFROM debian:12-slim\nRUN <<EOF\nset -eux\napt-get update\napt-get install -y --no-install-recommends nginx\nrm -rf /var/lib/apt/lists/*\nEOF\n',
  },
  check(model, report) {
    for (const instruction of model.instructions) {
      const run = instruction.run;
      if (!run) continue;
      for (const script of runScripts(instruction)) {
        const heredoc = script.heredoc;
        if (!heredoc || (heredoc.isScript && (run.interpreter || run.shellError))) continue;
        const counted = statements(script.commands).filter((s) => !isTrivial(s.first));
        if (counted.length < 2) continue;
        const last = counted[counted.length - 1];
        // A statement with `||` handles its own failure (`rm x || true`).
        const unchecked = counted.filter(
          (s) =>
            s !== last &&
            !s.first.options.errexit &&
            !s.all.some((c) => c.connectorAfter === '||') &&
            !s.all.every(cannotReasonablyFail),
        );
        if (unchecked.length === 0) continue;
        const example = unchecked[0].first;
        const firstBodyLine = model.file.lineText(heredoc.line);
        const indent = /^\s*/.exec(firstBodyLine)?.[0] ?? '';
        const canSuggest = heredoc.line < heredoc.closingLine && !firstBodyLine.trimStart().startsWith('#!');
        report({
          file: model.path,
          line: instruction.line,
          endLine: instruction.endLine > instruction.line ? instruction.endLine : undefined,
          message: `This heredoc script runs ${counted.length} commands without \`set -e\`: if \`${example.text.split('\n')[0]}\` (line ${example.line}) fails, the script carries on and the RUN still succeeds. Start it with \`set -e\`.`,
          subject: `${instruction.subject}\u0000${heredoc.delimiter}`,
          suggestion: canSuggest
            ? { line: heredoc.line, endLine: heredoc.line, replacement: `${indent}set -e\n${firstBodyLine}` }
            : undefined,
        });
      }
    }
  },
};
