import type { Rule } from '../../../engine/rule';
import { declaredVariables, type DockerfileModel } from '../model';
import { expandWord } from '../words';
import { isValidImageReference } from '../image';

export const fromUndefinedArg: Rule<DockerfileModel> = {
  id: 'dockerfile/from-undefined-arg',
  severity: 'error',
  title: 'FROM uses an ARG without a value',
  help: 'FROM only sees ARGs declared before the first FROM. An ARG declared later, not at all, or without a default expands to an empty string unless every build passes `--build-arg`, which gives an invalid or unintended image reference. Declare it above the first FROM with a default: `ARG NODE_VERSION=22`. An ARG that is declared but has no default is a notice: the build script, Makefile or bake file that passes it is often in the repository, and the build works whenever it does; one FROM cannot see at all fails every build.',
  aliases: ['UndefinedArgInFrom'],
  example: {
    file: 'Dockerfile',
    bad: 'ARG NODE_VERSION\nFROM node:${NODE_VERSION}-alpine\n',
    good: 'ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-alpine\n',
  },
  check(model, report) {
    for (const stage of model.stages) {
      const from = stage.from;
      const reported = new Set<string>();
      for (const variable of from.variables) {
        if (variable.hasDefault || reported.has(variable.name)) continue;
        const found = from.env.lookup(variable.name);
        const declaredWithoutDefault =
          found.state === 'defined' && found.kind === 'arg' && found.value === undefined;
        if (found.state === 'defined' && !declaredWithoutDefault) continue;
        reported.add(variable.name);
        const firstFrom = model.stages[0].from;
        const laterArg = model.instructions.some(
          (i) =>
            i.keyword === 'ARG' &&
            i.index > firstFrom.index &&
            declaredVariables(model, i).some((declared) => declared.name === variable.name),
        );
        // What the reference becomes in a build that passes no --build-arg.
        const empty = expandWord(stage.base.written, (name) => {
          const v = from.env.lookup(name);
          return v.state === 'defined' && v.value !== undefined
            ? { known: true, value: v.value }
            : { known: true, value: '' };
        }).value;
        // An empty part usually leaves a reference the builder rejects (`alpine:`), failing the build.
        const outcome = !empty
          ? 'this FROM names no image and the build fails'
          : isValidImageReference(empty)
            ? `this FROM pulls \`${empty}\``
            : `this FROM becomes \`${empty}\`, which is not a valid image reference, so the build fails`;
        const why = declaredWithoutDefault
          ? `is declared without a default (line ${found.definedAt?.line ?? '?'})`
          : laterArg
            ? 'is only declared after the first FROM, where FROM cannot see it'
            : 'is not declared before the first FROM';
        report({
          severity: declaredWithoutDefault ? 'notice' : 'error',
          file: model.path,
          line: variable.line,
          column: variable.column,
          message: `\`${variable.name}\` ${why}: without \`--build-arg ${variable.name}=...\` ${outcome}.`,
          subject: `${from.subject}\u0000${variable.name}`,
        });
      }
    }
  },
};
