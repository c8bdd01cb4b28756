import type { Rule } from '../../../engine/rule';
import { effectiveCommand, type ShellCommand } from '../../../parse/shell';
import { baseName, instructionsOf, type DockerfileModel, type Stage } from '../model';
import { downloadOf, interpreterInput, interpreterName, runScripts, verifiesDownload } from '../files';

const SUBSTITUTION = new Set(['command-substitution', 'process-substitution']);

/** Commands that run their argument as code: `sh -c "$(curl ...)"`, `eval "$(wget -O- ...)"`, `bash <(curl ...)`. */
function runsItsArguments(command: ShellCommand): boolean {
  const name = effectiveCommand(command).name;
  return name === 'eval' || name === 'source' || name === '.' || interpreterName(command) !== undefined;
}

/** The innermost command whose words contain `inner` (a command inside `$(...)` or `<(...)`). */
function enclosingCommand(commands: readonly ShellCommand[], inner: ShellCommand): ShellCommand | undefined {
  return commands
    .filter(
      (c) =>
        c !== inner &&
        c.context.length < inner.context.length &&
        c.offset <= inner.offset &&
        inner.endOffset <= c.endOffset,
    )
    .sort((a, b) => b.context.length - a.context.length)[0];
}

/** The file a command runs: `sh /tmp/install.sh`, `./install.sh`, `. /tmp/env.sh`. */
function scriptRunBy(command: ShellCommand): string | undefined {
  const cmd = effectiveCommand(command);
  const input = interpreterInput(cmd);
  if (input?.kind === 'file') return input.file;
  if ((cmd.name === '.' || cmd.name === 'source') && cmd.args[0]) return cmd.args[0];
  if (cmd.name.includes('/') && !cmd.dynamic) return cmd.name;
  return undefined;
}

function sameFile(downloaded: string, ran: string): boolean {
  if (downloaded === ran) return true;
  const relative = !downloaded.startsWith('/') || !ran.startsWith('/');
  return relative && baseName(downloaded) === baseName(ran) && baseName(ran) !== '';
}

export const remoteScriptExec: Rule<DockerfileModel> = {
  id: 'dockerfile/remote-script-exec',
  severity: 'warning',
  title: 'Downloaded script executed without verification',
  help:
    '`curl ... | sh` runs whatever the server returns at build time: a compromised host, a hijacked DNS name or a changed installer becomes code running as root in your build, and nothing in the image records what ran. A piped script can never be checked. ' +
    'Fix: download to a file, verify it against a pinned checksum (`echo "<sha256>  /tmp/install.sh" | sha256sum -c -`) or signature, then run it; better, install a pinned release or package.',
  example: {
    file: 'Dockerfile',
    bad: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/install.sh | sh\n',
    good: 'FROM debian:12-slim\nRUN curl -fsSL -o /tmp/install.sh https://example.com/v1.4.2/install.sh \\\n    && echo "0c5f2e8a9f7d6b2c3e4a1d9f8e7c6b5a4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a  /tmp/install.sh" | sha256sum -c - \\\n    && sh /tmp/install.sh && rm /tmp/install.sh\n',
  },
  check(model, report) {
    // Files earlier RUNs of each stage downloaded and nothing verified yet: a later RUN may run them.
    const pendingByStage = new Map<Stage, EarlierDownload[]>();
    for (const instruction of instructionsOf(model, { triggers: true })) {
      if (instruction.keyword !== 'RUN') continue;
      // A trigger runs in another image, after steps unknown here.
      const stage = instruction.onbuild ? undefined : instruction.stage;
      const pending = stage ? (pendingByStage.get(stage) ?? []) : [];
      if (stage) pendingByStage.set(stage, pending);
      const scripts = runScripts(instruction);
      if (scripts.some((script) => script.commands.some(verifiesDownload))) pending.length = 0;
      for (const { commands } of scripts) {
        const flagged = new Set<ShellCommand>();
        const flag = (at: ShellCommand, message: string, key: string): void => {
          if (flagged.has(at)) return;
          flagged.add(at);
          report({ file: model.path, line: at.line, message, subject: `${instruction.subject}\u0000${key}` });
        };

        commands.forEach((command, index) => {
          const download = downloadOf(command);
          if (!download?.toStdout) return;
          const url = download.urls[0] ?? 'the URL';
          const tool = download.tool;
          // `curl ... | sh`: the consumer reads the script from the pipe.
          if (command.pipeline) {
            const consumer = commands
              .slice(index + 1)
              .find(
                (c) =>
                  c.pipeline?.id === command.pipeline!.id &&
                  c.pipeline.index > command.pipeline!.index &&
                  interpreterInput(c)?.kind === 'stdin',
              );
            if (consumer) {
              const runner = effectiveCommand(consumer).name;
              flag(
                command,
                `\`${tool} ... | ${runner}\` runs whatever ${url} returns; a piped script cannot be checked against a checksum. Download it to a file, verify it with \`sha256sum -c\`, then run it.`,
                `pipe ${url}`,
              );
            }
            return;
          }
          // `sh -c "$(curl ...)"`, `bash <(curl ...)`.
          if (command.context.some((c) => SUBSTITUTION.has(c))) {
            const outer = enclosingCommand(commands, command);
            if (outer && runsItsArguments(outer)) {
              flag(
                command,
                `\`${effectiveCommand(outer).name}\` runs the output of \`${tool} ${url}\` as code, unchecked. Download it to a file, verify it with \`sha256sum -c\`, then run it.`,
                `substitution ${url}`,
              );
            }
          }
        });

        // Downloaded to a file and run, in this RUN or a later one of the stage: fine only when a RUN between
        // them verifies a checksum or signature.
        if (commands.some(verifiesDownload)) continue;
        const downloaded: { file: string; url: string; index: number }[] = [];
        commands.forEach((command, index) => {
          const download = downloadOf(command);
          if (download) {
            for (const file of download.outputFiles) {
              downloaded.push({ file, url: download.urls[0] ?? '', index });
              pending.push({ file, url: download.urls[0] ?? '', line: command.line });
            }
            return;
          }
          const ran = scriptRunBy(command);
          if (!ran) return;
          const source = downloaded.find((d) => d.index < index && sameFile(d.file, ran));
          if (source) {
            flag(
              command,
              `\`${command.text}\` runs ${source.file}, downloaded from ${source.url || 'the network'} in this RUN without a checksum or signature check. Verify it first (\`sha256sum -c\`).`,
              `file ${source.file}`,
            );
            return;
          }
          const earlier = pending.find((d) => d.line < instruction.line && sameFile(d.file, ran));
          if (earlier) {
            flag(
              command,
              `\`${command.text}\` runs ${earlier.file}, downloaded from ${earlier.url || 'the network'} at line ${earlier.line}, and no step in between checks its checksum or signature. Verify it first (\`sha256sum -c\`).`,
              `file ${earlier.file}`,
            );
          }
        });
      }
    }
  },
};

interface EarlierDownload {
  file: string;
  url: string;
  line: number;
}
