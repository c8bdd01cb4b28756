import type { Rule } from '../../../engine/rule';
import { effectiveCommand, type ShellCommand } from '../../../parse/shell';
import { baseName, copyArguments, type DockerfileModel, type Instruction } from '../model';
import { packageCommands, quoteCommand } from '../packages';

type Ecosystem = 'python' | 'node' | 'go' | 'ruby' | 'java' | 'php' | 'dotnet' | 'rust';

/** Directories that hold only dependency manifests, copied on purpose before the install. */
const MANIFEST_DIRS = /^(requirements(\.d)?|gradle|patches)$/;

/**
 * Extension-less files that are not directories: `*file` manifests (Gemfile, Pipfile, Brewfile...), build-tool
 * wrappers copied with the manifest (`mvnw`, `gradlew`), and the usual top-level documents.
 */
const KNOWN_FILES =
  /^(\w*file|mvnw|gradlew|sbtw?|license|licence|notice|readme|changelog|authors|copying|version|workspace)$/i;

/** The whole build context or a source directory (`.`, `app/`, `src`), as opposed to single files. */
function isSourceTree(source: string): boolean {
  const path = source.replace(/^\.\//, '').replace(/\/+$/, '');
  if (path === '' || path === '.' || path === '*') return true;
  const segments = path.split('/');
  // Hidden directories (`.yarn/releases`, `.mvn/wrapper`) and manifest folders are dependency inputs.
  if (segments.some((s) => s.startsWith('.') || MANIFEST_DIRS.test(s))) return false;
  if (source.endsWith('/')) return true;
  // Without a trailing slash: a name with no extension and no glob is most likely a directory.
  const last = segments[segments.length - 1];
  return /^[a-z0-9_-]+$/i.test(last) && !KNOWN_FILES.test(last);
}

/** The source tree a COPY/ADD brings from the build context (not from a stage or an image), if any. */
function sourceTreeCopied(model: DockerfileModel, instruction: Instruction): string | undefined {
  const args = copyArguments(model, instruction);
  if (!args || args.from !== undefined) return undefined;
  return args.sources
    .filter((s) => !s.heredoc)
    .map((s) => s.value)
    .find((s) => !/^[a-z]+:\/\//i.test(s) && !s.startsWith('git@') && isSourceTree(s));
}

/** The dependency-install step a command is, by ecosystem: installs from a manifest or lockfile. */
function dependencyInstall(instruction: Instruction, outer: ShellCommand): Ecosystem | undefined {
  const pc = packageCommands(instruction).find((p) => p.outer === outer);
  if (pc) {
    if (pc.manager === 'pip' && pc.action === 'install') {
      const fromManifest =
        pc.has('-r', '--requirement') || pc.values('-e', '--editable').some((v) => /^\.{1,2}(\/|$)/.test(v));
      return fromManifest || pc.operands.some((o) => /^\.{1,2}(\/|$)|^\.\[/.test(o.value))
        ? 'python'
        : undefined;
    }
    if (pc.manager === 'npm') {
      if (pc.action === 'ci') return 'node';
      return ['install', 'i'].includes(pc.action) && pc.operands.length === 0 ? 'node' : undefined;
    }
    if (pc.manager === 'yarn' || pc.manager === 'pnpm')
      return pc.action === '' || pc.action === 'install' || (pc.manager === 'pnpm' && pc.action === 'i')
        ? 'node'
        : undefined;
    if (pc.manager === 'go')
      return pc.action === 'mod' && pc.operands[0]?.value === 'download' ? 'go' : undefined;
    return undefined;
  }
  const command = effectiveCommand(outer);
  const name = baseName(command.name);
  const [first, second] = command.args.filter((a) => !a.startsWith('-'));
  if (name === 'poetry' && first === 'install') return 'python';
  if (
    name === 'pipenv' &&
    (first === 'install' || first === 'sync') &&
    !command.args.some((a, i) => i > 0 && !a.startsWith('-'))
  )
    return 'python';
  if (
    name === 'uv' &&
    (first === 'sync' || (first === 'pip' && (second === 'sync' || command.args.includes('-r'))))
  )
    return 'python';
  if (name === 'pdm' && (first === 'install' || first === 'sync')) return 'python';
  if (name === 'bun' && first === 'install' && second === undefined) return 'node';
  if ((name === 'bundle' || name === 'bundler') && (first === 'install' || first === undefined))
    return 'ruby';
  if ((name === 'mvn' || name === 'mvnw') && command.args.some((a) => a.startsWith('dependency:')))
    return 'java';
  if (name === 'composer' && first === 'install') return 'php';
  if (name === 'dotnet' && first === 'restore') return 'dotnet';
  if (name === 'cargo' && (first === 'fetch' || (first === 'chef' && second === 'cook'))) return 'rust';
  return undefined;
}

export const depsAfterSourceCopy: Rule<DockerfileModel> = {
  id: 'dockerfile/deps-after-source-copy',
  severity: 'notice',
  title: 'Dependencies installed after copying the whole source',
  help:
    'The builder reuses a cached layer only while everything before it is unchanged. When the whole source is copied before the dependency install, any edit to any file re-runs the install: minutes per build, and a fresh download of every package. ' +
    'Fix: copy only the manifest and lockfile first, install, then copy the rest: `COPY package.json package-lock.json ./` → `RUN npm ci` → `COPY . .` (likewise requirements.txt / pyproject.toml + poetry.lock, go.mod + go.sum, Gemfile + Gemfile.lock, composer.json + composer.lock, *.csproj).',
  example: {
    file: 'Dockerfile',
    bad: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n',
  },
  check(model, report) {
    for (const stage of model.stages) {
      let sourceCopy: { instruction: Instruction; source: string } | undefined;
      const installedBeforeSource = new Set<Ecosystem>();
      const reported = new Set<Ecosystem>();
      for (const instruction of stage.instructions) {
        if (!sourceCopy) {
          const source = sourceTreeCopied(model, instruction);
          if (source !== undefined) sourceCopy = { instruction, source };
        }
        if (instruction.keyword !== 'RUN' || !instruction.run) continue;
        for (const command of instruction.run.commands) {
          const ecosystem = dependencyInstall(instruction, command);
          if (!ecosystem) continue;
          if (!sourceCopy) {
            installedBeforeSource.add(ecosystem);
            continue;
          }
          if (installedBeforeSource.has(ecosystem) || reported.has(ecosystem)) continue;
          reported.add(ecosystem);
          report({
            file: model.path,
            line: command.line,
            message: `${quoteCommand(effectiveCommand(command))} runs after \`${sourceCopy.instruction.keyword} ${sourceCopy.source}\` (line ${sourceCopy.instruction.line}) copied the source tree, so any source edit re-runs it; copy the manifest and lockfile first, install, then copy the rest.`,
            subject: `${instruction.subject}\u0000${sourceCopy.instruction.subject}`,
          });
        }
      }
    }
  },
};
