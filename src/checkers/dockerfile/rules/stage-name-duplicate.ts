import type { Rule } from '../../../engine/rule';
import type { DockerfileModel, Stage } from '../model';

export const stageNameDuplicate: Rule<DockerfileModel> = {
  id: 'dockerfile/stage-name-duplicate',
  severity: 'error',
  title: 'Two stages share a name',
  help: 'Stage names must be unique: BuildKit rejects a Dockerfile that defines the same `AS name` twice, and `COPY --from=name` or `--target name` could not say which one they mean. Rename one of the stages.',
  aliases: ['DL3024'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM golang:1.22 AS build\nRUN go build -o /app ./cmd/api\nFROM node:22 AS build\nRUN npm ci\n',
    good: 'FROM golang:1.22 AS build-api\nRUN go build -o /app ./cmd/api\nFROM node:22 AS build-web\nRUN npm ci\n',
  },
  check(model, report) {
    const seen = new Map<string, Stage>();
    for (const stage of model.stages) {
      if (!stage.name) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (!first) {
        seen.set(key, stage);
        continue;
      }
      report({
        file: model.path,
        line: stage.from.line,
        endLine: stage.from.endLine,
        message: `Stage name \`${stage.name}\` is already used by the stage at line ${first.from.line}.`,
        subject: `${stage.from.subject}\u0000${key}`,
      });
    }
  },
};
