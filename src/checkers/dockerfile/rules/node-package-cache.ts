import type { Suggestion } from '../../../engine/finding';
import type { Rule } from '../../../engine/rule';
import { homeOf } from '../files';
import { hasNonRootDefaultUser } from '../image';
import {
  copyArguments,
  finalImageStages,
  isWithin,
  normalizePath,
  resolvePath,
  runInstructions,
  stageChain,
  type DockerfileModel,
  type Instruction,
} from '../model';
import {
  cacheMountTargets,
  commandLines,
  envValueFor,
  packageCommands,
  packageCommandsOf,
  quoteCommand,
  removals,
  suggestEdits,
  type PackageCommand,
} from '../packages';
import { repositoryFile } from '../purpose';

type NodeManager = 'npm' | 'yarn' | 'pnpm';

/**
 * A directory a package manager downloads into. `underHome` marks a path relative to a home directory that is
 * not known here (`.npm` for `~/.npm`): any user's home matches.
 */
interface CacheDir {
  path: string;
  underHome?: boolean;
}

/** Where an install leaves its cache, and the command that removes it. */
interface LeftCache {
  pc: PackageCommand;
  dirs: CacheDir[];
  /** What the message calls the cache: "npm's download cache". */
  what: string;
  /** The cleanup to append in the same RUN, when there is a plain one. */
  clean?: string;
  /** The advice when there is no plain cleanup. */
  fix?: string;
}

const HOME_PREFIX = /^(~|\$HOME|\$\{HOME\})(?=\/|$)/;

/** `~/.npm` and `$HOME/.npm` with the home directory put in; kept as `~/...` when the home is unknown. */
function withHome(path: string, home: string | undefined): string {
  const match = HOME_PREFIX.exec(path);
  if (!match) return normalizePath(path);
  const rest = path.slice(match[0].length);
  return home ? normalizePath(home + rest) : normalizePath(`~${rest}`);
}

/** The part of a path below some home directory (`/root/.npm`, `/home/app/.npm`, `~/.npm` give `.npm`). */
function belowAnyHome(path: string): string | undefined {
  if (path === '~' || path.startsWith('~/')) return path.slice(2);
  const match = /^(\/root|\/home\/[^/]+)(\/.*)?$/.exec(path);
  return match ? (match[2] ?? '').replace(/^\//, '') : undefined;
}

/** Whether removing or mounting `target` takes the cache away: it is the cache, a directory above it, or inside it. */
function reaches(target: string, dir: CacheDir, home: string | undefined): boolean {
  const path = withHome(target, home);
  if (!dir.underHome) return isWithin(dir.path, path) || isWithin(path, dir.path);
  const relative = belowAnyHome(path);
  if (relative === undefined) return false;
  return relative === '' || isWithin(dir.path, relative) || isWithin(relative, dir.path);
}

function describeDir(dir: CacheDir): string {
  return dir.underHome ? `~/${dir.path}` : dir.path;
}

/** A variable's value as the install sees it; '' when it is set to something unknown here. */
function variable(instruction: Instruction, pc: PackageCommand, ...names: string[]): string | undefined {
  for (const name of names) {
    const found = envValueFor(instruction, name, pc.outer);
    if (found) return found.value ?? '';
  }
  return undefined;
}

/** The value of `--name value` or `--name=value` on the command line. */
function optionValue(pc: PackageCommand, name: string): string | undefined {
  const words = pc.command.words;
  for (let i = 1; i < words.length; i++) {
    const value = words[i].value;
    if (value === name) return words[i + 1]?.value;
    if (value.startsWith(`${name}=`)) return value.slice(name.length + 1);
  }
  return undefined;
}

/**
 * A setting an earlier `npm|yarn|pnpm config set <key> <value>` wrote to the user's rc file: in this RUN before
 * the install, or in an earlier RUN of the stage or the stages it builds on. The last one wins.
 */
function configSet(
  instruction: Instruction,
  pc: PackageCommand,
  keys: readonly string[],
): string | undefined {
  let found: string | undefined;
  const chain = instruction.stage && !instruction.onbuild ? stageChain(instruction.stage).reverse() : [];
  const earlier = chain.flatMap((stage) =>
    stage.instructions.filter(
      (i) => i.keyword === 'RUN' && (stage !== instruction.stage || i.index < instruction.index),
    ),
  );
  for (const run of [...earlier, instruction]) {
    for (const command of packageCommandsOf(run, [pc.manager])) {
      if (run === instruction && command.position >= pc.position) break;
      if (command.action !== 'config' || command.operands[0]?.value !== 'set') continue;
      const [first, second] = command.operands.slice(1).map((o) => o.value);
      const eq = first?.indexOf('=') ?? -1;
      const key = eq > 0 ? first.slice(0, eq) : first;
      if (key !== undefined && keys.includes(key)) found = eq > 0 ? first.slice(eq + 1) : second;
    }
  }
  return found;
}

/** A directory given on the command line or in a variable: absolute, or relative to the RUN's directory. */
function givenDir(value: string, instruction: Instruction, home: string | undefined): CacheDir | undefined {
  if (value === '' || (value.includes('$') && !HOME_PREFIX.test(value))) return undefined;
  const path = withHome(value, home);
  if (path.startsWith('~')) return { path: path.slice(2), underHome: true };
  const resolved = resolvePath(path, instruction.workdir.path);
  return resolved ? { path: resolved } : undefined;
}

/** The home-relative default directory, or the absolute one when the home is known. */
function homeDir(relative: string, home: string | undefined): CacheDir {
  return home ? { path: normalizePath(`${home}/${relative}`) } : { path: relative, underHome: true };
}

/** Whether the RUN runs as root: undefined when that cannot be told (a trigger, a variable USER). */
function runsAsRoot(instruction: Instruction): boolean | undefined {
  const user = instruction.user;
  if (instruction.onbuild || !instruction.stage || !user.resolved) return undefined;
  if (user.value === undefined) return hasNonRootDefaultUser(instruction.stage.rootImage) ? false : true;
  return user.isRoot;
}

// ------------------------------------------------------------------------------------------------ npm

const NPM_INSTALLS = ['install', 'i', 'in', 'isntall', 'add', 'ci', 'clean-install', 'install-clean'];

function npmCache(
  instruction: Instruction,
  pc: PackageCommand,
  home: string | undefined,
): LeftCache | undefined {
  if (!NPM_INSTALLS.includes(pc.action) || pc.has('--offline')) return undefined;
  const configured =
    optionValue(pc, '--cache') ??
    variable(instruction, pc, 'npm_config_cache', 'NPM_CONFIG_CACHE') ??
    configSet(instruction, pc, ['cache']);
  const dir = configured !== undefined ? givenDir(configured, instruction, home) : homeDir('.npm', home);
  if (!dir) return undefined;
  const cleaned = packageCommandsOf(instruction, ['npm']).some(
    (later) =>
      later.position > pc.position &&
      later.action === 'cache' &&
      ['clean', 'clear', 'rm'].includes(later.operands[0]?.value ?? ''),
  );
  if (cleaned) return undefined;
  return { pc, dirs: [dir], what: "npm's download cache", clean: 'npm cache clean --force' };
}

// ----------------------------------------------------------------------------------------------- yarn

/** `yarn`, `yarn install`, `yarn add x`, `yarn global add x`, `yarn --frozen-lockfile`: commands that download. */
function isYarnInstall(pc: PackageCommand): boolean {
  if (pc.action === '') return !pc.has('--version', '-v', '--help', '-h');
  if (pc.action === 'install' || pc.action === 'add') return true;
  return pc.action === 'global' && pc.operands[0]?.value === 'add';
}

/** What the repository and the stage say about Yarn 2+ ("berry") and its global cache. */
interface BerrySettings {
  berry: boolean;
  /** `enableGlobalCache` from `.yarnrc.yml` or `YARN_ENABLE_GLOBAL_CACHE`; undefined when not set. */
  globalCache?: boolean;
  /** `globalFolder` (where the global cache lives, in `cache/`). */
  globalFolder?: string;
}

const BERRY_ONLY_FLAGS = [
  '--immutable',
  '--immutable-cache',
  '--check-cache',
  '--mode',
  '--refresh-lockfile',
];

function berrySettings(model: DockerfileModel, instruction: Instruction, pc: PackageCommand): BerrySettings {
  const yarnrc = repositoryFile(model, '.yarnrc.yml');
  const manifest = repositoryFile(model, 'package.json');
  const declared = /"packageManager"\s*:\s*"yarn@(\d+)/.exec(manifest?.text ?? '');
  let berry =
    pc.has(...BERRY_ONLY_FLAGS) ||
    yarnrc !== undefined ||
    (declared !== null && Number(declared[1]) >= 2) ||
    variable(
      instruction,
      pc,
      'YARN_ENABLE_GLOBAL_CACHE',
      'YARN_NODE_LINKER',
      'YARN_ENABLE_IMMUTABLE_INSTALLS',
    ) !== undefined;
  if (!berry && instruction.stage) {
    // `yarn set version stable`, `corepack prepare yarn@4.1.0`, a copied `.yarnrc.yml` or `.yarn/releases`.
    for (const stage of stageChain(instruction.stage)) {
      for (const earlier of stage.instructions) {
        if (stage === instruction.stage && earlier.index > instruction.index) break;
        if (earlier.keyword === 'COPY' || earlier.keyword === 'ADD') {
          const args = copyArguments(model, earlier);
          if (args?.sources.some((s) => /(^|\/)\.yarn(rc\.yml|\/releases)/.test(s.value))) berry = true;
        }
        for (const command of earlier.keyword === 'RUN' ? packageCommands(earlier) : []) {
          if (command.manager === 'yarn' && ['set', 'policies'].includes(command.action)) berry = true;
        }
        if (
          /\bcorepack\s+(prepare|use|install)\b[^\n]*\byarn@(stable|berry|canary|[2-9]|\d\d)/.test(
            earlier.args,
          )
        )
          berry = true;
      }
    }
  }
  const setting = (key: string): string | undefined =>
    new RegExp(`^${key}:\\s*["']?([^"'#\\s]+)`, 'm').exec(yarnrc?.text ?? '')?.[1];
  const fromEnv = variable(instruction, pc, 'YARN_ENABLE_GLOBAL_CACHE');
  const flag = fromEnv !== undefined && fromEnv !== '' ? fromEnv : setting('enableGlobalCache');
  return {
    berry,
    globalCache: flag === undefined ? undefined : /^(true|1)$/i.test(flag),
    globalFolder: variable(instruction, pc, 'YARN_GLOBAL_FOLDER') || setting('globalFolder'),
  };
}

function yarnCache(
  model: DockerfileModel,
  instruction: Instruction,
  pc: PackageCommand,
  home: string | undefined,
): LeftCache | undefined {
  if (!isYarnInstall(pc) || pc.has('--offline')) return undefined;
  const later = packageCommandsOf(instruction, ['yarn']).filter(
    (c) => c.position > pc.position && c.action === 'cache' && c.operands[0]?.value === 'clean',
  );
  const berry = berrySettings(model, instruction, pc);
  if (berry.berry) {
    // Yarn 2+ keeps packages in the project (`.yarn/cache`) unless the global cache is on; its default changed
    // between versions, so only an explicit `enableGlobalCache: true` says the cache is outside the project.
    if (berry.globalCache !== true) return undefined;
    if (later.some((c) => c.has('--all', '--mirror'))) return undefined;
    const folder = berry.globalFolder
      ? givenDir(berry.globalFolder, instruction, home)
      : homeDir('.yarn/berry', home);
    if (!folder) return undefined;
    const dir = folder.underHome
      ? { ...folder, path: `${folder.path}/cache` }
      : { path: `${folder.path}/cache` };
    return { pc, dirs: [dir], what: "Yarn's global cache", clean: 'yarn cache clean --all' };
  }
  if (later.length > 0) return undefined;
  const configured =
    optionValue(pc, '--cache-folder') ??
    variable(instruction, pc, 'YARN_CACHE_FOLDER') ??
    configSet(instruction, pc, ['cache-folder']);
  const xdg = variable(instruction, pc, 'XDG_CACHE_HOME');
  const given = configured ?? (xdg !== undefined ? `${xdg}/yarn` : undefined);
  let dirs: CacheDir[];
  if (given !== undefined) {
    const dir = givenDir(given, instruction, home);
    if (!dir) return undefined;
    dirs = [dir];
  } else {
    const root = runsAsRoot(instruction);
    // Yarn 1 run by root keeps its cache under /usr/local/share, not under root's home.
    if (root === true) dirs = [{ path: '/usr/local/share/.cache/yarn' }];
    else if (root === false) dirs = [homeDir('.cache/yarn', home)];
    else dirs = [{ path: '/usr/local/share/.cache/yarn' }, { path: '.cache/yarn', underHome: true }];
  }
  return { pc, dirs, what: "Yarn's package cache", clean: 'yarn cache clean' };
}

// ----------------------------------------------------------------------------------------------- pnpm

/**
 * pnpm hard-links node_modules to its store, and a layer keeps hard links once: the store an install leaves
 * beside its node_modules costs little. `pnpm fetch` fills the store alone, so the install in a later RUN
 * copies every file into its own layer while the store stays in this one.
 */
function pnpmCache(
  instruction: Instruction,
  pc: PackageCommand,
  home: string | undefined,
): LeftCache | undefined {
  if (pc.action !== 'fetch') return undefined;
  const installedHere = packageCommandsOf(instruction, ['pnpm'], ['install', 'i']).some(
    (later) => later.position > pc.position,
  );
  if (installedHere) return undefined;
  const pruned = packageCommandsOf(instruction, ['pnpm']).some(
    (later) =>
      later.position > pc.position && later.action === 'store' && later.operands[0]?.value === 'prune',
  );
  if (pruned) return undefined;
  const configured =
    optionValue(pc, '--store-dir') ??
    variable(instruction, pc, 'npm_config_store_dir', 'NPM_CONFIG_STORE_DIR', 'pnpm_config_store_dir') ??
    configSet(instruction, pc, ['store-dir', 'store_dir', 'storeDir']);
  const pnpmHome = variable(instruction, pc, 'PNPM_HOME');
  const xdg = variable(instruction, pc, 'XDG_DATA_HOME');
  const given = configured ?? (pnpmHome ? `${pnpmHome}/store` : xdg ? `${xdg}/pnpm/store` : undefined);
  const dir =
    given !== undefined ? givenDir(given, instruction, home) : homeDir('.local/share/pnpm/store', home);
  if (!dir) return undefined;
  return {
    pc,
    dirs: [dir],
    what: "pnpm's package store",
    fix: `fetch and install in the same RUN, or mount a cache on ${describeDir(dir)}: the install in a later RUN copies every file into its own layer, so the packages ship twice`,
  };
}

// ----------------------------------------------------------------------------------------------- rule

function leftCache(
  model: DockerfileModel,
  instruction: Instruction,
  pc: PackageCommand,
): LeftCache | undefined {
  const home = homeOf(instruction);
  let left: LeftCache | undefined;
  if (pc.manager === 'npm') left = npmCache(instruction, pc, home);
  else if (pc.manager === 'yarn') left = yarnCache(model, instruction, pc, home);
  else if (pc.manager === 'pnpm') left = pnpmCache(instruction, pc, home);
  if (!left) return undefined;
  const mounted = cacheMountTargets(instruction).some((t) => left.dirs.some((d) => reaches(t, d, home)));
  const removed = removals(instruction).some(
    (r) => r.position > pc.position && left.dirs.some((d) => reaches(r.path, d, home)),
  );
  return mounted || removed ? undefined : left;
}

/** Appends each manager's cleanup after its last install, when that command ends a plain `&&` chain link. */
function suggestCleanup(
  model: DockerfileModel,
  instruction: Instruction,
  left: readonly LeftCache[],
): Suggestion | undefined {
  const lastByManager = new Map<NodeManager, LeftCache>();
  for (const item of left) lastByManager.set(item.pc.manager as NodeManager, item);
  const edits = [];
  for (const item of lastByManager.values()) {
    const outer = item.pc.outer;
    const plain =
      outer.context.length === 0 &&
      !outer.pipeline &&
      !outer.background &&
      outer.redirects.length === 0 &&
      (outer.connectorAfter === '' || outer.connectorAfter === '&&');
    if (!item.clean || !plain) return undefined;
    const lastWord = outer.words[outer.words.length - 1];
    edits.push({ command: outer, word: lastWord, insertAfter: ` && ${item.clean}` });
  }
  return suggestEdits(model, instruction, edits);
}

function mountNote(instruction: Instruction, item: LeftCache): string {
  // Only mounts meant for a Node package manager: an apt or pip cache mount says nothing about this one.
  const targets = cacheMountTargets(instruction).filter((t) => /npm|yarn|pnpm/.test(t));
  if (targets.length === 0) return '';
  return ` The cache mount on ${targets.join(', ')} is not where this install writes (${item.dirs.map(describeDir).join(' or ')}).`;
}

export const nodePackageCache: Rule<DockerfileModel> = {
  id: 'dockerfile/node-package-cache',
  severity: 'notice',
  title: 'npm or Yarn keeps its download cache in the image',
  help:
    'npm (~/.npm) and Yarn 1 (/usr/local/share/.cache/yarn for root, ~/.cache/yarn otherwise) keep a copy of every package they download. In an image that copy is never reused, since the layer is rebuilt instead, and it often weighs as much as node_modules itself. ' +
    'Fix: clean in the same RUN (`npm ci && npm cache clean --force`, `yarn install && yarn cache clean`), point the cache at a directory the RUN removes, or mount a cache over it to reuse it between builds without shipping it (`RUN --mount=type=cache,target=/root/.npm npm ci`). Settings are read from the command line, the environment and earlier `config set` commands. ' +
    'pnpm hard-links node_modules to its store and a layer stores hard links once, so the store a `pnpm install` leaves beside node_modules costs little and is not reported; `pnpm fetch` alone in a RUN is, since the install in a later RUN copies every file again. ' +
    'Yarn 2+ keeps packages inside the project unless `enableGlobalCache` is on, and that default changed between versions, so it is checked only when `.yarnrc.yml` or `YARN_ENABLE_GLOBAL_CACHE` turns the global cache on. Builder stages that the final image does not build on are not checked.',
  aliases: ['DL3060'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n',
    good: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev && npm cache clean --force\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, finalImageStages(model), { triggers: true })) {
      const left = packageCommandsOf(instruction, ['npm', 'yarn', 'pnpm'])
        .map((pc) => leftCache(model, instruction, pc))
        .filter((item): item is LeftCache => item !== undefined);
      if (left.length === 0) continue;
      const first = left[0];
      const where = first.dirs.map(describeDir).join(' or ');
      const fix = first.clean
        ? `add \`&& ${first.clean}\` to the same RUN or mount a cache on ${describeDir(first.dirs[0])}`
        : (first.fix ??
          `mount a cache on it (\`RUN --mount=type=cache,target=${describeDir(first.dirs[0])} ...\`) or remove it in the same RUN`);
      const others =
        left.length > 1
          ? ` (and ${left.length - 1} more install${left.length > 2 ? 's' : ''} in this RUN)`
          : '';
      const suggestion = suggestCleanup(model, instruction, left);
      report({
        file: model.path,
        ...commandLines(first.pc.command, suggestion),
        message: `${quoteCommand(first.pc.command)}${others} leaves ${first.what} (${where}) in the image; ${fix}.${mountNote(instruction, first)}`,
        subject: `${instruction.subject}\u0000${left.map((item) => item.pc.command.text).join('\u0000')}`,
        suggestion,
      });
    }
  },
};
