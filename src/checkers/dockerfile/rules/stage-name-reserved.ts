import type { Rule } from '../../../engine/rule';
import type { DockerfileModel, Instruction, Stage } from '../model';

/**
 * Names BuildKit keeps for itself: `scratch` is the empty image, `context` the name its frontend gives the
 * build context. A stage may still take them, but BuildKit's ReservedStageName check reports it.
 */
const RESERVED: Record<string, string> = {
  scratch: 'the empty base image',
  context: "the name BuildKit's frontend gives the build context",
};

/** `# check=error=true` without ReservedStageName skipped: BuildKit fails the build on the check. */
function checksAreErrors(model: DockerfileModel): boolean {
  const check = model.directives.find((d) => d.name === 'check');
  if (!check) return false;
  const settings = new Map(
    check.value.split(';').map((part) => {
      const eq = part.indexOf('=');
      return [part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim()] as const;
    }),
  );
  if (!/^true$/i.test(settings.get('error') ?? '')) return false;
  const skipped = (settings.get('skip') ?? '').split(',').map((s) => s.trim().toLowerCase());
  return !skipped.includes('all') && !skipped.includes('reservedstagename');
}

/** Later places that name the stage by the reserved word: they get the stage, not what the word means. */
function laterUses(model: DockerfileModel, stage: Stage, name: string): Instruction[] {
  const uses: Instruction[] = [];
  for (const later of model.stages.filter((s) => s.index > stage.index)) {
    if (later.base.stage === stage) uses.push(later.from);
    for (const instruction of later.instructions) {
      const from = instruction.flags.find((f) => f.name === 'from')?.expanded;
      const mounts = (instruction.run?.mounts ?? []).map((m) => m.from);
      if ([from, ...mounts].some((value) => value?.toLowerCase() === name)) uses.push(instruction);
    }
  }
  return uses;
}

export const stageNameReserved: Rule<DockerfileModel> = {
  id: 'dockerfile/stage-name-reserved',
  severity: 'warning',
  title: 'A stage is named scratch or context',
  help:
    'BuildKit reserves the stage names `scratch` (the empty image) and `context` (its name for the build context), in any letter case since stage names are lower-cased. It builds such a file but reports ReservedStageName, and every later `FROM scratch` or `COPY --from=scratch` then means the stage instead of the empty image. ' +
    'A warning because the build goes on; an error when the file sets `# check=error=true`, which makes BuildKit fail on the check. Fix: rename the stage (`AS build`, `AS rootfs`).',
  aliases: ['ReservedStageName'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM golang:1.22 AS scratch\nRUN go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian12\nCOPY --from=scratch /out/app /app\n',
    good: 'FROM golang:1.22 AS build\nRUN go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\n',
  },
  check(model, report) {
    const failsBuild = checksAreErrors(model);
    for (const stage of model.stages) {
      const name = stage.name?.toLowerCase();
      if (!name || !(name in RESERVED)) continue;
      const uses = laterUses(model, stage, name);
      const consequence =
        uses.length > 0
          ? ` Line${uses.length > 1 ? 's' : ''} ${uses.map((u) => u.line).join(', ')} name${uses.length > 1 ? '' : 's'} \`${name}\` and get${uses.length > 1 ? '' : 's'} this stage, not ${RESERVED[name]}.`
          : '';
      const outcome = failsBuild
        ? 'the file sets `check=error=true`, so BuildKit fails the build on its ReservedStageName check'
        : 'BuildKit reports it (ReservedStageName)';
      report({
        file: model.path,
        line: stage.from.line,
        endLine: stage.from.endLine > stage.from.line ? stage.from.endLine : undefined,
        severity: failsBuild ? 'error' : 'warning',
        message: `Stage name \`${stage.name}\` is reserved: \`${name}\` is ${RESERVED[name]}, and ${outcome}.${consequence} Rename the stage.`,
        subject: `${stage.from.subject}\u0000${name}`,
      });
    }
  },
};
