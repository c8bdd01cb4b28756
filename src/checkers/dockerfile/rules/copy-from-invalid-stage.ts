import type { Rule } from '../../../engine/rule';
import { stageForReference, type DockerfileModel, type Instruction, type Stage } from '../model';

/** Edit distance, capped: only near-misses of a stage name matter. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * An earlier stage whose name the unknown `--from` value nearly spells (`builder` for `build`). Any other
 * unknown name is a BuildKit named context (`--build-context name=...`, a bake file's `contexts`) or an image.
 */
function misspelledStage(model: DockerfileModel, value: string, stage: Stage): Stage | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(value)) return undefined;
  const wanted = value.toLowerCase();
  return model.stages.find(
    (s) =>
      s.index < stage.index &&
      s.name !== undefined &&
      s.name.length >= 3 &&
      distance(s.name.toLowerCase(), wanted) <= (s.name.length >= 5 ? 2 : 1),
  );
}

interface Problem {
  text: string;
  /** A misspelling is likely but not certain: the name may be a named context. */
  likely?: boolean;
}

function problemWith(model: DockerfileModel, value: string, stage: Stage): Problem | undefined {
  const own =
    (stage.name && stage.name.toLowerCase() === value.toLowerCase()) || value === String(stage.index);
  if (own) return { text: `refers to its own stage (\`${value}\`): a stage cannot copy from itself` };
  if (stageForReference(model, value, stage)) return undefined;
  if (/^\d+$/.test(value)) {
    const before =
      stage.index === 0
        ? 'no stage comes before this one'
        : stage.index === 1
          ? 'only stage 0 comes before it'
          : `only stages 0-${stage.index - 1} come before it`;
    return { text: `names stage ${value}, but ${before}` };
  }
  const later = model.stages.find(
    (s) => s.index > stage.index && s.name?.toLowerCase() === value.toLowerCase(),
  );
  if (later)
    return {
      text: `names the stage \`${later.name}\` defined later (line ${later.from.line}); only earlier stages can be copied from`,
    };
  const near = misspelledStage(model, value, stage);
  if (near)
    return {
      likely: true,
      text: `names no stage, but nearly spells the stage \`${near.name}\` (line ${near.from.line}); unless \`${value}\` is a named context given with \`--build-context\`, the build pulls an image called \`${value}\` instead`,
    };
  return undefined;
}

export const copyFromInvalidStage: Rule<DockerfileModel> = {
  id: 'dockerfile/copy-from-invalid-stage',
  severity: 'error',
  title: 'COPY --from names no earlier stage',
  help: "`COPY --from` (and `RUN --mount=...,from=`) takes an earlier stage name or index, or an image reference. A stage cannot copy from itself or from a later stage, and a name that nearly spells a stage (`builder` for `build`) is most likely a typo that pulls a stranger's image of that name (a warning, since it may be a named context). Any other name is left alone: BuildKit named contexts (`--build-context name=...`, a bake file's `contexts`) and images are valid `--from` targets.",
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
    severity: problem.likely ? 'warning' : 'error',
    message: `\`${ref.how}\` ${problem.text}.`,
    subject: `${instruction.subject}\u0000${ref.value}`,
  });
}
