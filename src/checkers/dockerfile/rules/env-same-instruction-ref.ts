import type { Rule } from '../../../engine/rule';
import { expandWord, findVariables, keyValuePairs, type Lookup } from '../words';
import type { DockerfileModel, Instruction } from '../model';

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
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ENV') continue;
      const pairs = keyValuePairs(instruction.args, model.escapeChar, true);
      for (let k = 1; k < pairs.length; k++) {
        const pair = pairs[k];
        const earlier = new Map(
          pairs
            .slice(0, k)
            .filter((p) => p.hasValue)
            .map((p) => [p.key, p]),
        );
        const reported = new Set<string>();
        for (const use of findVariables(pair.rawValue, model.escapeChar)) {
          if (!earlier.has(use.name) || use.name === pair.key || reported.has(use.name)) continue;
          reported.add(use.name);
          const before = valueBefore(instruction, use.name);
          const intended = expandWord(
            earlier.get(use.name)!.rawValue,
            lookupWith(instruction, new Map()),
            model.escapeChar,
          ).value;
          const actual = expandWord(
            pair.rawValue,
            lookupWith(instruction, new Map([[use.name, before.value]])),
            model.escapeChar,
          ).value;
          const was = before.known
            ? before.value === ''
              ? 'empty'
              : `\`${before.value}\``
            : 'empty unless the base image sets it';
          const pos = instruction.argPosition(pair.valueOffset + use.offset);
          report({
            file: model.path,
            line: pos.line,
            column: pos.column,
            message: `\`${use.name}\` is not set yet in this ENV instruction: Docker substitutes its value from before it (${was}), so \`${pair.key}\` becomes \`${actual}\`, not the intended value with ${use.name}=\`${intended}\`.`,
            subject: `${instruction.subject}\u0000${pair.key}\u0000${use.name}`,
          });
        }
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
