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
  help: 'All assignments of one ENV instruction are substituted with the values from before that instruction: in `ENV HOME=/home/app PATH=$HOME/bin:$PATH`, `$HOME` is the old (usually empty) HOME, not `/home/app`. Split the ENV in two so the second sees the first: `ENV HOME=/home/app` then `ENV PATH=$HOME/bin:$PATH`.',
  aliases: ['DL3044'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM python:3.12-slim\nENV HOME=/home/app \\\n    PATH="${HOME}/.local/bin:${PATH}"\n',
    good: 'FROM python:3.12-slim\nENV HOME=/home/app\nENV PATH="${HOME}/.local/bin:${PATH}"\n',
  },
  check(model, report) {
    for (const instruction of instructionsOf(model, { triggers: true })) {
      for (const { name, earlier, pair, offset } of sameInstructionReferences(model, instruction)) {
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
        const pos = instruction.argPosition(offset);
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
