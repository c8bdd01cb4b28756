import type { Rule } from '../../../engine/rule';
import { effectiveCommand } from '../../../parse/shell';
import {
  baseName,
  containerProcess,
  copyArguments,
  stageChain,
  type DockerfileModel,
  type Instruction,
} from '../model';

/** Programs that find the project from the current directory (pyproject.toml, package.json, Gemfile...). */
const CWD_RUNNERS = new Set([
  'poetry',
  'pipenv',
  'npm',
  'yarn',
  'pnpm',
  'bundle',
  'rails',
  'rake',
  'uvicorn',
  'gunicorn',
  'flask',
  'hypercorn',
  'daphne',
  'uv',
  'mix',
  'cargo',
  'dotnet',
  'php',
  'composer',
  'celery',
]);

function under(path: string, dir: string): boolean {
  const d = dir.replace(/\/+$/, '');
  return path === d || path.startsWith(`${d}/`);
}

export const missingWorkdir: Rule<DockerfileModel> = {
  id: 'dockerfile/missing-workdir',
  severity: 'warning',
  title: 'Application copied without a WORKDIR',
  help: 'The final stage copies the application but never sets WORKDIR, so the container process starts in `/`: relative paths, `poetry run`, `npm start`, `uvicorn app:app` and friends look for the project in the filesystem root and fail, and `RUN cd /app && ...` only changed the directory for that one RUN. Set `WORKDIR /app` before copying the application.',
  example: {
    file: 'Dockerfile',
    bad: 'FROM python:3.12-slim\nCOPY . /app\nRUN cd /app && pip install --no-cache-dir .\nCMD ["uvicorn", "main:app"]\n',
    good: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir .\nCMD ["uvicorn", "main:app"]\n',
  },
  check(model, report) {
    const stage = model.finalStage;
    if (!stage || stage.end.workdir.path !== undefined) return;
    const copies = stageChain(stage)
      .flatMap((s) => s.instructions)
      .filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && i.heredocs.length === 0);
    const appCopies = copies
      .map((instruction) => ({ instruction, dest: copyArguments(model, instruction)?.destination.value }))
      .filter(
        (c): c is { instruction: Instruction; dest: string } =>
          Boolean(c.dest) &&
          !/^\/(usr|etc|bin|sbin|lib|lib64|var|tmp|root|opt\/[^/]+\/bin)(\/|$)/.test(c.dest!) &&
          c.dest !== '/',
      );
    if (appCopies.length === 0) return;

    // Evidence the process needs a working directory: a RUN that `cd`s into the copied app, or a runner
    // that looks for the project in the current directory, or a relative path in the command.
    const cdInto = stage.instructions
      .flatMap((i) => i.run?.commands ?? [])
      .find((c) => c.name === 'cd' && c.args[0] && appCopies.some((a) => under(c.args[0], a.dest)));
    const process = containerProcess(stage);
    const commands = [process.entrypoint, process.cmd]
      .flatMap((i) => i?.execution?.commands ?? [])
      .map(effectiveCommand);
    const runner = commands.find((c) => CWD_RUNNERS.has(baseName(c.name)));
    const relative = process.argv.find(
      (a, i) => i > 0 && /^\.{0,2}\/?[\w.-]+\.(py|js|mjs|rb|php|sh|jar)$/.test(a) && !a.startsWith('/'),
    );
    if (!cdInto && !runner && !relative) return;

    const copy = appCopies[0];
    if (!copy.dest.startsWith('/')) {
      // `COPY . .` with no WORKDIR: the process finds the app, but the app is spread over the filesystem root.
      report({
        file: model.path,
        line: copy.instruction.line,
        endLine: copy.instruction.endLine,
        message: `The final stage copies the application to \`${copy.dest}\` but sets no WORKDIR, so it lands in the base image's working directory (\`/\` on most images) among the system's own directories: a \`bin/\`, \`lib/\` or \`etc/\` in the build context merges into them. Set \`WORKDIR /app\` before copying.`,
        subject: `${copy.instruction.subject}\u0000no-workdir`,
      });
      return;
    }
    const why = runner
      ? `\`${[runner.name, ...runner.args.slice(0, 1)].join(' ')}\` starts in \`/\``
      : relative
        ? `\`${relative}\` is looked up in \`/\``
        : 'the process starts in `/`';
    const cdNote = cdInto
      ? ` (the \`cd ${cdInto.args[0]}\` at line ${cdInto.line} only lasts for that RUN)`
      : '';
    report({
      file: model.path,
      line: copy.instruction.line,
      endLine: copy.instruction.endLine,
      message: `The final stage copies the application to \`${copy.dest}\` but sets no WORKDIR, so ${why}${cdNote}.`,
      subject: `${copy.instruction.subject}\u0000no-workdir`,
    });
  },
};
