import type { Rule } from '../../../engine/rule';
import { copyArguments, instructionsOf, type DockerfileModel } from '../model';

/** Tar archives ADD extracts (plain, gzip, bzip2, xz; zstd since BuildKit 0.12). */
const ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz|tzst)$/i;

/** What ADD fetches instead of copying: URLs and Git repositories. */
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;

/** Flags only ADD has: they mean the ADD is deliberate. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export const addInsteadOfCopy: Rule<DockerfileModel> = {
  id: 'dockerfile/add-instead-of-copy',
  severity: 'notice',
  title: 'ADD used to copy local files',
  help:
    'ADD does more than copy: it extracts any tar archive it is given and fetches URLs. For plain files that magic is a trap (a `.tar.gz` you meant to ship gets unpacked) and it hides what the step does. ' +
    'Fix: use COPY for local files and directories; keep ADD for archives you want extracted and for remote sources with `--checksum`.',
  aliases: ['DL3020'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM python:3.12-slim\nADD requirements.txt /app/\n',
    good: 'FROM python:3.12-slim\nCOPY requirements.txt /app/\n',
  },
  check(model, report) {
    for (const instruction of instructionsOf(model, { triggers: true })) {
      if (instruction.keyword !== 'ADD' || instruction.flags.some((f) => ADD_ONLY_FLAGS.has(f.name)))
        continue;
      const args = copyArguments(model, instruction);
      if (!args || args.sources.some((s) => s.heredoc || !s.exact)) continue;
      if (args.sources.some((s) => ARCHIVE.test(s.value) || REMOTE.test(s.value))) continue;
      const original = model.file.lineText(instruction.line);
      // The keyword's own column: after `ONBUILD ` for a trigger.
      const at = instruction.column - 1;
      const keywordAt = original.startsWith(instruction.written, at) ? at : -1;
      const sources = args.sources.map((s) => s.value).join(' ');
      report({
        file: model.path,
        line: instruction.line,
        endLine: instruction.endLine > instruction.line ? instruction.endLine : undefined,
        message: `ADD ${sources} copies local files; use COPY, which does only that.`,
        subject: instruction.subject,
        suggestion:
          keywordAt >= 0
            ? {
                line: instruction.line,
                endLine: instruction.line,
                replacement:
                  original.slice(0, keywordAt) +
                  (instruction.written === 'ADD' ? 'COPY' : 'copy') +
                  original.slice(keywordAt + instruction.written.length),
              }
            : undefined,
      });
    }
  },
};
