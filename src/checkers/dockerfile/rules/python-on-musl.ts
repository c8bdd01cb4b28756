import type { Rule } from '../../../engine/rule';
import { isMuslBase } from '../image';
import { runInstructions, stageChain, type DockerfileModel, type Instruction, type Stage } from '../model';
import { packageCommandsOf, packageName } from '../packages';
import { isBuildTool } from './build-tools-in-final-stage';

const PYTHON_PACKAGE = /^(python[23]?(-dev)?|py[23]?-pip|py3-.+)$/;

/** Package names a RUN installs through apk (whether or not it removes them again). */
function apkInstalls(instruction: Instruction): string[] {
  return packageCommandsOf(instruction, ['apk'], ['add']).flatMap((pc) =>
    pc.operands.filter((o) => !o.word.dynamic).map((o) => packageName(o.value)),
  );
}

function isPythonImage(stage: Stage): boolean {
  return /(^|\/)python$/.test(stage.rootImage?.repository ?? '');
}

export const pythonOnMusl: Rule<DockerfileModel> = {
  id: 'dockerfile/python-on-musl',
  severity: 'notice',
  title: 'Python with native build dependencies on Alpine (musl)',
  help:
    'Alpine uses musl libc. Many Python packages publish only manylinux (glibc) wheels, so on Alpine pip compiles them from source: the image needs gcc, musl-dev and -dev headers, builds take minutes instead of seconds, and the compiled result can behave differently from the tested glibc build. ' +
    'Fix: use a glibc slim base (`python:3.12-slim`) where pip installs prebuilt wheels; if you need a small image, build wheels or a virtualenv in a builder stage and copy them into the final one.',
  example: {
    file: 'Dockerfile',
    bad: 'FROM python:3.12-alpine\nCOPY requirements.txt .\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev libffi-dev \\\n    && pip install --no-cache-dir -r requirements.txt \\\n    && apk del .build-deps\n',
    good: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n',
  },
  check(model, report) {
    const reported = new Set<Instruction>();
    for (const stage of model.stages) {
      if (!isMuslBase(stage.rootImage)) continue;
      let python = isPythonImage(stage);
      const tools: string[] = [];
      // Walk the RUNs of the stage and the stages it builds on, root first, until Python and build tools meet.
      for (const instruction of runInstructions(model, stageChain(stage))) {
        const installs = apkInstalls(instruction);
        python ||= installs.some((name) => PYTHON_PACKAGE.test(name));
        tools.push(...installs.filter((name) => isBuildTool(name) && !tools.includes(name)));
        if (!python || tools.length === 0) continue;
        if (!reported.has(instruction)) {
          reported.add(instruction);
          report({
            file: model.path,
            line: instruction.line,
            message: `Python on an Alpine (musl) base with native build dependencies (${tools.map((t) => `\`${t}\``).join(', ')}): packages without musllinux wheels compile from source here; a glibc base such as \`python:3.12-slim\` installs prebuilt wheels.`,
            subject: instruction.subject,
          });
        }
        break;
      }
    }
  },
};
