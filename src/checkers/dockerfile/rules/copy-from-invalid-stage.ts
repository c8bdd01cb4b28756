import type { Rule } from '../../../engine/rule';
import { stageForReference, type DockerfileModel, type Instruction, type Stage } from '../model';

/** `--from` values that can only be meant as a stage: no registry, path, tag or digest in them. */
function looksLikeStageName(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_-]*$/.test(value) && !COMMON_IMAGES.has(value.toLowerCase());
}

/** Official images people do copy from by bare name (`COPY --from=busybox /bin/busybox ...`). */
const COMMON_IMAGES = new Set([
  'alpine',
  'busybox',
  'debian',
  'ubuntu',
  'golang',
  'node',
  'python',
  'nginx',
  'docker',
  'rust',
]);

function problemWith(model: DockerfileModel, value: string, stage: Stage): string | undefined {
  const own =
    (stage.name && stage.name.toLowerCase() === value.toLowerCase()) || value === String(stage.index);
  if (own) return `refers to its own stage (\`${value}\`): a stage cannot copy from itself`;
  if (stageForReference(model, value, stage)) return undefined;
  if (/^\d+$/.test(value)) {
    const before =
      stage.index === 0
        ? 'no stage comes before this one'
        : stage.index === 1
          ? 'only stage 0 comes before it'
          : `only stages 0-${stage.index - 1} come before it`;
    return `names stage ${value}, but ${before}`;
  }
  const later = model.stages.find(
    (s) => s.index > stage.index && s.name?.toLowerCase() === value.toLowerCase(),
  );
  if (later)
    return `names the stage \`${later.name}\` defined later (line ${later.from.line}); only earlier stages can be copied from`;
  if (looksLikeStageName(value)) {
    const names = model.stages.filter((s) => s.name && s.index < stage.index).map((s) => `\`${s.name}\``);
    const known = names.length ? `earlier stages are ${names.join(', ')}` : 'no earlier stage has a name';
    return `names no stage (${known}), so Docker will try to pull an image called \`${value}\``;
  }
  return undefined;
}

export const copyFromInvalidStage: Rule<DockerfileModel> = {
  id: 'dockerfile/copy-from-invalid-stage',
  severity: 'error',
  title: 'COPY --from names no earlier stage',
  help: "`COPY --from` (and `RUN --mount=...,from=`) takes an earlier stage name or index, or an image reference. A stage cannot copy from itself or from a later stage, and a name that matches no stage is pulled from Docker Hub as an image, which fails or, worse, fetches a stranger's image. Point it at the right earlier stage.",
  aliases: ['DL3022', 'DL3023'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM golang:1.22 AS build\nRUN go build -o /out/api ./cmd/api\nFROM gcr.io/distroless/static-debian12\nCOPY --from=builder /out/api /api\n',
    good: 'FROM golang:1.22 AS build\nRUN go build -o /out/api ./cmd/api\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/api /api\n',
  },
  check(model, report) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const refs: { value: string; how: string }[] = [];
        const from = instruction.flags.find((f) => f.name === 'from');
        if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && from?.expanded) {
          refs.push({ value: from.expanded, how: `${instruction.keyword} --from=${from.expanded}` });
        }
        for (const mount of instruction.run?.mounts ?? []) {
          if (mount.from)
            refs.push({
              value: instruction.env.expand(mount.from).value,
              how: `RUN --mount from=${mount.from}`,
            });
        }
        for (const ref of refs) reportRef(model, instruction, stage, ref, report);
      }
    }
  },
};

function reportRef(
  model: DockerfileModel,
  instruction: Instruction,
  stage: Stage,
  ref: { value: string; how: string },
  report: Parameters<Rule<DockerfileModel>['check']>[1],
): void {
  if (!ref.value || ref.value.includes('$')) return;
  const problem = problemWith(model, ref.value, stage);
  if (!problem) return;
  report({
    file: model.path,
    line: instruction.line,
    endLine: instruction.endLine,
    message: `\`${ref.how}\` ${problem}.`,
    subject: `${instruction.subject}\u0000${ref.value}`,
  });
}
