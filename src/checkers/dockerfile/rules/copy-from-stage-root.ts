import type { Rule } from '../../../engine/rule';
import {
  copyArguments,
  finalImageStages,
  normalizePath,
  stageChain,
  type DockerfileModel,
  type Stage,
} from '../model';

/** `/`, `.`, `/.`, `/*`: a COPY --from source that is the whole filesystem of the stage. */
function isStageRoot(source: string): boolean {
  const path = normalizePath(`/${source}`);
  return path === '/' || path === '/*';
}

/** The stage and what it builds on in this file: where its filesystem comes from, and whether it runs commands. */
function describeSource(stage: Stage): { scratchBased: boolean; runs: number; image: string } {
  const chain = stageChain(stage);
  const root = chain[chain.length - 1];
  const runs = chain.reduce((n, s) => n + s.instructions.filter((i) => i.keyword === 'RUN').length, 0);
  return { scratchBased: root.base.isScratch, runs, image: root.base.raw };
}

export const copyFromStageRoot: Rule<DockerfileModel> = {
  id: 'dockerfile/copy-from-stage-root',
  severity: 'warning',
  title: 'COPY --from copies the whole filesystem of a builder stage',
  help:
    "`COPY --from=<stage> / /` brings everything the builder stage holds into the image: its base image, compilers, package caches and sources. The final image is then as large as the builder and carries its tools, which is what the multi-stage build was meant to avoid. Copy only the artifacts (`COPY --from=build /out/app /usr/local/bin/app`), or collect them in a `FROM scratch` stage and copy that stage's root. " +
    'Checked only where the image ships the copy and the source is a stage of the same file that runs commands on a real base: copying the root of a `FROM scratch` artifact stage, of a helper image such as `tonistiigi/xx`, or into a `FROM scratch` stage to squash the layers is fine.',
  example: {
    file: 'Dockerfile',
    bad: 'FROM node:22 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM node:22-slim\nCOPY --from=build / /\nCMD ["node", "/app/dist/server.js"]\n',
    good: 'FROM node:22 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM node:22-slim\nCOPY --from=build /app/dist /app/dist\nCMD ["node", "/app/dist/server.js"]\n',
  },
  check(model, report) {
    for (const consumer of finalImageStages(model)) {
      // A scratch-based image made of a stage's root is that stage with its layers squashed.
      if (describeSource(consumer).scratchBased) continue;
      for (const instruction of consumer.instructions) {
        if (instruction.keyword !== 'COPY') continue;
        const args = copyArguments(model, instruction);
        const source = args?.fromStage;
        if (!args || !source || !args.sources.some((s) => s.exact && isStageRoot(s.value))) continue;
        const from = describeSource(source);
        if (from.scratchBased || from.runs === 0) continue;
        const name = source.name ?? String(source.index);
        report({
          file: model.path,
          line: instruction.line,
          endLine: instruction.endLine > instruction.line ? instruction.endLine : undefined,
          message: `\`COPY --from=${args.from}\` copies the whole filesystem of stage \`${name}\` (line ${source.from.line}, built on \`${from.image}\` with ${from.runs} RUN step${from.runs > 1 ? 's' : ''}) into ${args.destination.value} of an image built on \`${describeSource(consumer).image}\`: the image ships everything the builder holds, on top of base layers the copy overwrites. Copy only the files the image needs, or make this stage \`FROM scratch\` if the point is to squash the builder.`,
          subject: `${instruction.subject}\u0000${name}`,
        });
      }
    }
  },
};
