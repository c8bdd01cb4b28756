import type { Rule } from '../../../engine/rule';
import { copyArguments, instructionsOf, isDirectoryDestination, type DockerfileModel } from '../model';

export const copyDestNotDir: Rule<DockerfileModel> = {
  id: 'dockerfile/copy-dest-not-dir',
  severity: 'error',
  title: 'Several sources copied to a destination without a trailing slash',
  help:
    'When COPY or ADD gets more than one source, the builder requires the destination to be a directory written with a trailing `/`, and fails the build otherwise ("When using COPY with more than one source file, the destination must be a directory and end with a /"). ' +
    'Fix: end the destination with `/`, e.g. `COPY package.json package-lock.json /app/`.',
  aliases: ['DL3021'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM node:20-slim\nCOPY package.json package-lock.json /app\n',
    good: 'FROM node:20-slim\nCOPY package.json package-lock.json /app/\n',
  },
  check(model, report) {
    for (const instruction of instructionsOf(model, { triggers: true })) {
      const args = copyArguments(model, instruction);
      if (!args || args.sources.length < 2) continue;
      const dest = args.destination;
      if (isDirectoryDestination(dest.written) || isDirectoryDestination(dest.value)) continue;
      // A destination that comes from an unknown build arg may well end in `/`.
      if (!dest.exact) continue;
      const original = model.file.lineText(instruction.line);
      const trimmed = original.trimEnd();
      let replacement: string | undefined;
      if (instruction.line === instruction.endLine) {
        if (instruction.form === 'exec' && trimmed.endsWith(`${JSON.stringify(dest.written)}]`)) {
          const cut = trimmed.length - JSON.stringify(dest.written).length - 1;
          replacement = `${trimmed.slice(0, cut)}${JSON.stringify(dest.written + '/')}]`;
        } else if (
          instruction.form !== 'exec' &&
          trimmed.endsWith(dest.written) &&
          !/['"]$/.test(dest.written)
        ) {
          replacement = `${trimmed}/`;
        }
      }
      const position = dest.offset !== undefined ? instruction.argPosition(dest.offset) : instruction;
      report({
        file: model.path,
        line: position.line,
        column: position.column,
        message: `${instruction.keyword} has ${args.sources.length} sources, so its destination \`${dest.written}\` must end with \`/\`; the build fails as written.`,
        subject: instruction.subject,
        suggestion: replacement
          ? { line: instruction.line, endLine: instruction.line, replacement }
          : undefined,
      });
    }
  },
};
