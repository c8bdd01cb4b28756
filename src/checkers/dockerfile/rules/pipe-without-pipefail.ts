import type { Rule } from '../../../engine/rule';
import { effectiveCommand, type ShellCommand } from '../../../parse/shell';
import { instructionsOf, type DockerfileModel, type Instruction } from '../model';
import { runScripts, type RunScript } from '../files';

/** Producers that cannot fail in a way pipefail would report: `echo "$SUM  file" | sha256sum -c -`. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'yes', 'true', ':']);

const BASH_PIPEFAIL_SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

/** The fix that works with the shell this script runs in. */
function fixFor(instruction: Instruction, script: RunScript): string {
  const run = instruction.run!;
  if (script.feeder)
    return `add \`set -o pipefail\` at the top of the script fed to \`${script.feeder.name}\``;
  if (script.heredoc) return 'add `set -o pipefail` at the top of the heredoc script (it needs bash or ash)';
  if (run.execShell) {
    const shell = run.argv[0] ?? 'sh';
    return /bash$/.test(shell)
      ? `run it as \`["${shell}", "-o", "pipefail", "-c", ...]\``
      : 'run it with bash: `["/bin/bash", "-o", "pipefail", "-c", ...]`';
  }
  const shell = instruction.shell;
  const dash = shell.name === 'dash' || (shell.name === 'sh' && shell.binSh === 'dash');
  if (shell.setAt && dash) {
    return `the SHELL at line ${shell.setAt.line} runs dash, which has no pipefail: use \`${BASH_PIPEFAIL_SHELL}\``;
  }
  if (shell.setAt) {
    return `add \`"-o", "pipefail"\` to the SHELL at line ${shell.setAt.line}, or start the RUN with \`set -o pipefail &&\``;
  }
  switch (shell.binSh) {
    case 'dash':
      return `/bin/sh is dash on this Debian/Ubuntu base and has no pipefail: add \`${BASH_PIPEFAIL_SHELL}\` before this RUN`;
    case 'ash':
    case 'bash':
      return 'start the RUN with `set -o pipefail &&`';
    default:
      return `start the RUN with \`set -o pipefail &&\` (where /bin/sh is dash, add \`${BASH_PIPEFAIL_SHELL}\` instead)`;
  }
}

/** Pipelines of a script whose failures before the last stage go unnoticed. */
function unsafePipelines(commands: readonly ShellCommand[]): ShellCommand[][] {
  const pipelines = new Map<number, ShellCommand[]>();
  for (const command of commands) {
    if (!command.pipeline) continue;
    const members = pipelines.get(command.pipeline.id) ?? [];
    members[command.pipeline.index] = command;
    pipelines.set(command.pipeline.id, members);
  }
  return [...pipelines.values()].filter((members) => {
    const first = members.find(Boolean);
    if (!first || first.options.pipefail) return false;
    const producers = members.slice(0, -1).filter(Boolean);
    return producers.some((c) => !CANNOT_FAIL.has(effectiveCommand(c).name));
  });
}

export const pipeWithoutPipefail: Rule<DockerfileModel> = {
  id: 'dockerfile/pipe-without-pipefail',
  severity: 'notice',
  title: 'Pipeline without pipefail',
  help:
    'A shell pipeline reports only the exit status of its last command. In `curl -s https://... | tar -xz` a failed download still lets the RUN succeed if tar is happy with empty input, and the image is built without the file. ' +
    'Fix: make the pipeline fail when any part fails. On Alpine (ash) and bash, start the RUN with `set -o pipefail &&`. On Debian and Ubuntu `/bin/sh` is dash, which has no pipefail: add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN.',
  aliases: ['DL4006'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*\nRUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin\n',
    good: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*\nRUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin\n',
  },
  check(model, report) {
    for (const instruction of instructionsOf(model, { triggers: true })) {
      if (instruction.keyword !== 'RUN') continue;
      for (const script of runScripts(instruction)) {
        const pipelines = unsafePipelines(script.commands);
        if (pipelines.length === 0) continue;
        const [first] = pipelines;
        const members = first.filter(Boolean);
        const shown = members.map((c) => effectiveCommand(c).name).join(' | ');
        const masked = members.slice(0, -1).find((c) => !CANNOT_FAIL.has(effectiveCommand(c).name))!;
        const others =
          pipelines.length > 1 ? ` (and ${pipelines.length - 1} more pipeline(s) in this RUN)` : '';
        report({
          file: model.path,
          line: members[0].line,
          message: `The pipeline \`${shown}\` fails only if its last command fails: an error in \`${effectiveCommand(masked).name}\` goes unnoticed${others}. Fix: ${fixFor(instruction, script)}.`,
          subject: `${instruction.subject}\u0000${script.heredoc?.delimiter ?? ''}\u0000${shown}`,
        });
      }
    }
  },
};
