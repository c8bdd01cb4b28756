import type { Rule } from '../../../engine/rule';
import { instructionsOf, type DockerfileModel } from '../model';
import { downloadOf, runScripts, verifiesDownload } from '../files';

export const curlWithoutFail: Rule<DockerfileModel> = {
  id: 'dockerfile/curl-without-fail',
  severity: 'notice',
  title: 'curl output used without --fail',
  help:
    'Without `-f`/`--fail`, curl exits 0 on an HTTP error and writes the error page: a 404 becomes the "binary" you install, the archive tar chokes on, or the script piped into `sh`. The build fails later with a confusing message, or not at all. ' +
    'Fix: add `-f` (the usual set is `curl -fsSL`), or `--fail-with-body` to keep the error page for the log.',
  example: {
    file: 'Dockerfile',
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN curl -sSL -o /usr/local/bin/tool https://example.com/tool-linux-amd64 && chmod +x /usr/local/bin/tool\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN curl -fsSL -o /usr/local/bin/tool https://example.com/tool-linux-amd64 && chmod +x /usr/local/bin/tool\n',
  },
  check(model, report) {
    for (const instruction of instructionsOf(model, { triggers: true })) {
      if (instruction.keyword !== 'RUN') continue;
      for (const { commands } of runScripts(instruction)) {
        commands.forEach((command, index) => {
          const download = downloadOf(command);
          if (!download || download.tool !== 'curl' || download.failsOnHttpError) return;
          const piped =
            command.pipeline !== undefined && command.pipeline.index < command.pipeline.length - 1;
          const substituted = command.context.includes('command-substitution');
          const files = download.outputFiles.filter((f) => f !== '/dev/null');
          if (!piped && !substituted && files.length === 0) return;
          // A checksum check after the download catches an error page too.
          if (!piped && !substituted && commands.slice(index + 1).some(verifiesDownload)) return;
          const url = download.urls[0] ?? 'the URL';
          const into = piped
            ? 'into the pipe'
            : substituted
              ? 'into the command line'
              : `to ${files.join(', ')}`;
          report({
            file: model.path,
            line: command.line,
            message: `curl writes ${url} ${into} without \`--fail\`: an HTTP error page is used as if it were the download. Add \`-f\` (\`curl -fsSL\`).`,
            subject: `${instruction.subject}\u0000${url}`,
          });
        });
      }
    }
  },
};
