import type { Rule } from '../../../engine/rule';
import { copyArguments, type DockerfileModel } from '../model';

/**
 * `.dockerignore` files that may apply to a Dockerfile at `dir/name`: `name.dockerignore` beside it, or the
 * `.dockerignore` of whichever directory is the build context, its own or any above it
 * (`docker build -f docker/Dockerfile .` from the service directory).
 */
function ignoreFileCandidates(dir: string, name: string): string[] {
  const prefix = dir ? `${dir}/` : '';
  const candidates = [`${prefix}${name}.dockerignore`, '.dockerignore'];
  const parts = dir ? dir.split('/') : [];
  for (let depth = parts.length; depth > 0; depth--)
    candidates.push(`${parts.slice(0, depth).join('/')}/.dockerignore`);
  return candidates;
}

export const copyContextRoot: Rule<DockerfileModel> = {
  id: 'dockerfile/copy-context-root',
  severity: 'notice',
  title: 'Whole build context copied without a .dockerignore',
  help:
    '`COPY . .` copies everything in the build context: `.git`, local `.env` files and credentials, `node_modules`, build output. Without a `.dockerignore` all of it lands in the image, and any change to any file invalidates the layer cache from this step on. ' +
    'Fix: add a `.dockerignore` next to the Dockerfile (at least `.git`, `.env*`, dependency and build directories), or copy only the directories the build needs.',
  example: {
    file: 'Dockerfile',
    bad: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY src ./src\n',
  },
  check(model, report) {
    // Without the list of scanned files there is no way to tell whether a .dockerignore exists.
    const context = model.context;
    if (!context) return;
    if (ignoreFileCandidates(model.file.dir, model.file.name).some((p) => context.fileAt(p))) return;
    for (const instruction of model.instructions) {
      if (instruction.flag('from') !== undefined) continue;
      const args = copyArguments(model, instruction);
      const whole = args?.sources.find((s) => /^\.[/\\]?$/.test(s.value));
      if (!args || !whole) continue;
      report({
        file: model.path,
        line: instruction.line,
        message: `${instruction.keyword} ${whole.written} ${args.destination.written} copies the whole build context, and there is no .dockerignore beside this Dockerfile or in a directory above it: .git, .env files and local build output go into the image.`,
        subject: instruction.subject,
      });
    }
  },
};
