import type { Rule } from '../../../engine/rule';
import {
  finalImageStages,
  isWithin,
  runInstructions,
  type DockerfileModel,
  type Instruction,
} from '../model';
import {
  cacheMountTargets,
  envValueFor,
  packageCommandsOf,
  quoteCommand,
  removals,
  suggestOptionAfterAction,
  type PackageCommand,
  commandLines,
} from '../packages';
import { homeOf } from '../files';

/** pip's cache is `~/.cache/pip` for whichever user runs it, unless PIP_CACHE_DIR moves it. */
function isPipCachePath(path: string, instruction: Instruction, pc: PackageCommand): boolean {
  const custom = envValueFor(instruction, 'PIP_CACHE_DIR', pc.outer);
  if (custom?.value && isWithin(custom.value, path)) return true;
  if (/^(~|\$\{?HOME\}?)(\/\.cache(\/pip)?)?\/?$/.test(path)) return true;
  if (!/(^|\/)\.cache(\/pip)?\/?$/.test(path)) return false;
  // `/root/.cache/pip` is not the cache of a RUN that runs as `app`.
  const home = homeOf(instruction);
  return home === undefined || !path.startsWith('/') || isWithin(path, home);
}

/** Whether this pip run keeps nothing in the layer's cache directory. */
function cacheAvoided(instruction: Instruction, pc: PackageCommand): boolean {
  if (pc.has('--no-cache-dir')) return true;
  // PIP_NO_CACHE_DIR with any valid boolean disables the cache (pip treats even "false" that way).
  const noCache = envValueFor(instruction, 'PIP_NO_CACHE_DIR', pc.outer);
  if (noCache && noCache.value !== '') return true;
  if (cacheMountTargets(instruction).some((target) => isPipCachePath(target, instruction, pc))) return true;
  const purged = packageCommandsOf(instruction, ['pip']).some(
    (later) =>
      later.position > pc.position && later.action === 'cache' && later.operands[0]?.value === 'purge',
  );
  if (purged) return true;
  return removals(instruction).some(
    (r) => r.position > pc.position && isPipCachePath(r.path, instruction, pc),
  );
}

export const pipNoCacheDir: Rule<DockerfileModel> = {
  id: 'dockerfile/pip-no-cache-dir',
  severity: 'notice',
  title: 'pip install keeps its cache in the image',
  help:
    'pip stores every wheel it downloads or builds in ~/.cache/pip. In an image that cache is never reused (the layer is rebuilt instead) and it often doubles the size the packages take. ' +
    'Fix: `pip install --no-cache-dir ...`, or `ENV PIP_NO_CACHE_DIR=1` once, or `RUN --mount=type=cache,target=/root/.cache/pip pip install ...` to reuse the cache between builds without shipping it. Builder stages that the final image does not build on are not checked.',
  aliases: ['DL3042'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
    good: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, finalImageStages(model), { triggers: true })) {
      const offenders = packageCommandsOf(instruction, ['pip'], ['install']).filter(
        (pc) => !cacheAvoided(instruction, pc),
      );
      if (offenders.length === 0) continue;
      const home = homeOf(instruction);
      const elsewhere = cacheMountTargets(instruction).find((t) => /(^|\/)\.cache(\/pip)?\/?$/.test(t));
      const mountNote =
        elsewhere && home
          ? ` The cache mount on ${elsewhere} is not this user's cache: the RUN runs as \`${instruction.user.value ?? 'root'}\`, whose cache is ${home}/.cache/pip.`
          : '';
      const suggestion = suggestOptionAfterAction(model, instruction, offenders, '--no-cache-dir');
      report({
        file: model.path,
        ...commandLines(offenders[0].command, suggestion),
        message: `${quoteCommand(offenders[0].command)} keeps every downloaded wheel in pip's cache (~/.cache/pip) inside the image; add \`--no-cache-dir\`.${mountNote}`,
        subject: `${instruction.subject}\u0000${offenders.map((pc) => pc.command.text).join('\u0000')}`,
        suggestion,
      });
    }
  },
};
