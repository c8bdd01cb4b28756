import type { Rule } from '../../../engine/rule';
import { finalImageStages, runInstructions, type DockerfileModel } from '../model';
import { packagesKept } from '../packages';
import { imagePurpose } from '../purpose';

const BUILD_TOOLS = new Set([
  'gcc',
  'g++',
  'gcc-c++',
  'cpp',
  'clang',
  'llvm',
  'make',
  'cmake',
  'ninja',
  'ninja-build',
  'meson',
  'autoconf',
  'automake',
  'libtool',
  'gfortran',
  'build-essential',
  'build-base',
  'alpine-sdk',
  'musl-dev',
  'libc-dev',
  'libc6-dev',
  'glibc-devel',
  'binutils',
  'cargo',
  'rust',
  'rustc',
  'go',
  'golang',
]);

/** Compilers, toolchains and header packages (`-dev` on Debian/Alpine, `-devel` on RPM distributions). */
export function isBuildTool(name: string): boolean {
  return (
    BUILD_TOOLS.has(name) ||
    /^(gcc|g\+\+|clang|llvm)-?\d+(\.\d+)*$/.test(name) ||
    /-(dev|devel)(:[a-z0-9]+)?$/.test(name) ||
    name === 'Development Tools' ||
    name === '@development-tools'
  );
}

export const buildToolsInFinalStage: Rule<DockerfileModel> = {
  id: 'dockerfile/build-tools-in-final-stage',
  severity: 'warning',
  title: 'Build tools shipped in the final image',
  help:
    'Compilers, `build-essential`/`build-base` and `-dev` header packages are needed to build native extensions, not to run them. Left in the final image they add hundreds of megabytes and give anyone who gets a shell a ready toolchain, and every one is another package to patch. ' +
    'Fix: install and use them in a builder stage and `COPY --from=builder` only the results (wheels, a virtualenv, binaries); or remove them in the same RUN that installed them (`apk add --virtual .build-deps gcc musl-dev && pip install ... && apk del .build-deps`, `apt-get purge -y --auto-remove gcc`). Removing them in a later RUN does not shrink the image.',
  example: {
    file: 'Dockerfile',
    bad: 'FROM python:3.12-alpine\nCOPY requirements.txt .\nRUN apk add --no-cache gcc musl-dev libffi-dev \\\n    && pip install --no-cache-dir -r requirements.txt\nCMD ["python", "-m", "app"]\n',
    good: 'FROM python:3.12-alpine\nCOPY requirements.txt .\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev libffi-dev \\\n    && pip install --no-cache-dir -r requirements.txt \\\n    && apk del .build-deps\nCMD ["python", "-m", "app"]\n',
  },
  check(model, report) {
    // Compilers are the point of a base/toolchain or build image; only a service image ships them by mistake.
    if (imagePurpose(model).kind !== 'service') return;
    for (const instruction of runInstructions(model, finalImageStages(model))) {
      const tools = packagesKept(instruction).filter((pkg) => isBuildTool(pkg.name));
      if (tools.length === 0) continue;
      const names = [...new Set(tools.map((t) => t.name))];
      const stage = instruction.stage!;
      const where = stage.isFinal
        ? 'the final stage'
        : `stage \`${stage.name ?? stage.index}\`, which the final image builds on`;
      report({
        file: model.path,
        line: tools[0].install.outer.line,
        message: `${names.map((n) => `\`${n}\``).join(', ')} ${names.length > 1 ? 'are' : 'is'} installed in ${where} and never removed: build in a separate stage, or remove ${names.length > 1 ? 'them' : 'it'} in the same RUN.`,
        subject: `${instruction.subject}\u0000${names.join(' ')}`,
      });
    }
  },
};
