import type { Rule } from '../../../engine/rule';
import { expandWord, type Lookup } from '../words';
import { instructionsOf, sameInstructionReferences, type DockerfileModel, type Instruction } from '../model';

/** What a variable is before the instruction, for messages: its value, or '' when Docker has none for it. */
function valueBefore(instruction: Instruction, name: string): { value: string; known: boolean } {
  const found = instruction.env.lookup(name);
  if (found.state === 'defined' && found.value !== undefined) return { value: found.value, known: true };
  return { value: '', known: found.state !== 'maybe' };
}

export const envSameInstructionRef: Rule<DockerfileModel> = {
  id: 'dockerfile/env-same-instruction-ref',
  severity: 'error',
  title: 'ENV uses a variable set in the same instruction',
  help: 'All assignments of one ENV instruction are substituted with the values from before that instruction: in `ENV HOME=/home/app PATH=$HOME/bin:$PATH`, `$HOME` is the old (usually empty) HOME, not `/home/app`. Split the ENV in two so the second sees the first: `ENV HOME=/home/app` then `ENV PATH=$HOME/bin:$PATH`. The same substitution makes one ENV that extends a variable twice (`ENV PATH=/opt/a/bin:$PATH PATH=/opt/b/bin:$PATH`) keep only the second value: that is a warning, since the build works and the first directory silently goes missing.',
  aliases: ['DL3044'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM python:3.12-slim\nENV HOME=/home/app \\\n    PATH="${HOME}/.local/bin:${PATH}"\n',
    good: 'FROM python:3.12-slim\nENV HOME=/home/app\nENV PATH="${HOME}/.local/bin:${PATH}"\n',
  },
  check(model, report) {
    for (const instruction of instructionsOf(model, { triggers: true })) {
      for (const { name, earlier, pair, offset, repeatsItself } of sameInstructionReferences(
        model,
        instruction,
      )) {
        const pos = instruction.argPosition(offset);
        if (repeatsItself) {
          // Silent, not a failure: the image builds, one of the two values is simply missing.
          const lost = withoutSelf(earlier.rawValue, name);
          report({
            severity: 'warning',
            file: model.path,
            line: pos.line,
            column: pos.column,
            message: `\`${name}\` is assigned twice in this ENV and both values extend the \`${name}\` from before the instruction: Docker substitutes every value of one ENV first, so \`${name}=${pair.rawValue}\` replaces \`${name}=${earlier.rawValue}\` and \`${lost}\` is lost. Put both parts in one value, or split the ENV in two.`,
            subject: `${instruction.subject}\u0000${pair.key}\u0000${name}\u0000repeat`,
          });
          continue;
        }
        const before = valueBefore(instruction, name);
        const intended = expandWord(
          earlier.rawValue,
          lookupWith(instruction, new Map()),
          model.escapeChar,
        ).value;
        const actual = expandWord(
          pair.rawValue,
          lookupWith(instruction, new Map([[name, before.value]])),
          model.escapeChar,
        ).value;
        const was = before.known
          ? before.value === ''
            ? 'empty'
            : `\`${before.value}\``
          : 'empty unless the base image sets it';
        report({
          file: model.path,
          line: pos.line,
          column: pos.column,
          message: `\`${name}\` is read here with its value from before this ENV (${was}), not the \`${intended}\` assigned earlier in the same instruction: Docker substitutes every value of one ENV first, so \`${pair.key}\` becomes ${actual === '' ? 'empty' : `\`${actual}\``}. Split the ENV in two.`,
          subject: `${instruction.subject}\u0000${pair.key}\u0000${name}`,
        });
      }
    }
  },
};

/** Docker's view before the instruction, with some names forced (unknown ones stay `$NAME`). */
function lookupWith(instruction: Instruction, forced: Map<string, string>): Lookup {
  return (name) => {
    if (forced.has(name)) return { known: true, value: forced.get(name)! };
    const found = instruction.env.lookup(name);
    if (found.state === 'defined' && found.value !== undefined) return { known: true, value: found.value };
    if (found.state === 'undefined') return { known: true, value: '' };
    return { known: false };
  };
}

/** `"/opt/a/bin:${PATH}"` without the quotes and the reference to PATH: `/opt/a/bin`, the part that is lost. */
function withoutSelf(rawValue: string, name: string): string {
  const unquoted = rawValue.replace(/^(["'])(.*)\1$/s, '$2');
  const rest = unquoted.replace(new RegExp(`:?\\$(\\{${name}\\}|${name}\\b):?`), '');
  return rest || unquoted;
}
