// What RUN commands do with packages and files, read from the model's parsed shell commands: which package
// manager runs which action with which options and operands, which paths a RUN removes or mounts a cache
// over, and how to turn a word-level edit into a suggestion.
import type { Suggestion } from '../../engine/finding';
import { commandChain, effectiveCommand, type ShellCommand, type ShellWord } from '../../parse/shell';
import { fileWrites } from './files';
import {
  baseName,
  isWithin,
  normalizePath,
  sharedFact,
  stageChain,
  type DockerfileModel,
  type Stage,
  type Instruction,
} from './model';

export type PackageManager =
  | 'apt-get'
  | 'apt'
  | 'apk'
  | 'yum'
  | 'dnf'
  | 'microdnf'
  | 'zypper'
  | 'rpm'
  | 'pip'
  | 'npm'
  | 'yarn'
  | 'pnpm'
  | 'gem'
  | 'go';

export interface CommandOption {
  /** `-y` (a short flag, one entry per letter of a cluster) or `--yes`. */
  name: string;
  /** The option's value: `--opt=value`, `-q=2`, the next word for options that take one, `-rfile`. */
  value?: string;
  /** Index in `command.words` of the word the option was written in. */
  wordIndex: number;
}

export interface Operand {
  value: string;
  word: ShellWord;
  /** Index in `command.words`. */
  wordIndex: number;
}

/** One run of a package manager (`apt-get -y install curl`, `python3 -m pip install flask`). */
export interface PackageCommand {
  manager: PackageManager;
  /** The command that runs the manager, wrappers (`sudo`, `env`, `xargs`) removed. */
  command: ShellCommand;
  /** The command as written in the script, wrappers included: where it sits in the RUN. */
  outer: ShellCommand;
  /** Position of `outer` in the RUN's command list (execution order). */
  position: number;
  /** Sub-command (`install`, `add`, `update`...); '' when there is none. */
  action: string;
  /** Index in `command.words` of the action word; -1 when there is none. */
  actionIndex: number;
  options: CommandOption[];
  /** Positional arguments after the action: package names, files, specs. */
  operands: Operand[];
  /** Whether any of the options was given: `-y` also matches inside `-qy`; `--yes` also as `--yes=...`. */
  has(...names: string[]): boolean;
  /** Values of every occurrence of the options. */
  values(...names: string[]): string[];
}

interface OptionSpec {
  /** Long options that take a value in the next word when written without `=`. */
  long: string[];
  /** Short option letters that take a value (the rest of the cluster or the next word). */
  short: string;
  /** Go-style single-dash long options (`-ldflags x`): no clusters. */
  singleDashLong?: boolean;
}

const APT: OptionSpec = {
  long: ['--option', '--config-file', '--target-release', '--default-release', '--host-architecture'],
  short: 'octa',
};
const APK: OptionSpec = {
  long: [
    '--repository',
    '--root',
    '--arch',
    '--cache-dir',
    '--keys-dir',
    '--repositories-file',
    '--virtual',
    '--wait',
    '--timeout',
    '--cache-max-age',
  ],
  short: 'Xpt',
};
const RPM_FAMILY: OptionSpec = {
  long: [
    '--setopt',
    '--enablerepo',
    '--disablerepo',
    '--releasever',
    '--config',
    '--installroot',
    '--exclude',
    '--repo',
    '--repoid',
    '--forcearch',
    '--debuglevel',
    '--errorlevel',
    '--downloaddir',
    '--destdir',
    '--comment',
    '--color',
    '--rpmverbosity',
    '--disableplugin',
    '--enableplugin',
    '--advisory',
    '--cve',
  ],
  short: 'cxdeR',
};
const ZYPPER: OptionSpec = {
  long: [
    '--repo',
    '--from',
    '--type',
    '--root',
    '--config',
    '--reposd-dir',
    '--cache-dir',
    '--raw-cache-dir',
    '--solv-cache-dir',
    '--pkg-cache-dir',
    '--download',
    '--plus-repo',
    '--plus-content',
  ],
  short: 'rtRcDCp',
};
const RPM: OptionSpec = {
  long: ['--root', '--dbpath', '--prefix', '--relocate', '--excludepath', '--define', '--eval'],
  short: 'DE',
};
const PIP: OptionSpec = {
  long: [
    '--requirement',
    '--constraint',
    '--index-url',
    '--extra-index-url',
    '--find-links',
    '--trusted-host',
    '--target',
    '--prefix',
    '--root',
    '--platform',
    '--python-version',
    '--implementation',
    '--abi',
    '--src',
    '--editable',
    '--cache-dir',
    '--progress-bar',
    '--log',
    '--proxy',
    '--retries',
    '--timeout',
    '--exists-action',
    '--cert',
    '--client-cert',
    '--upgrade-strategy',
    '--no-binary',
    '--only-binary',
    '--global-option',
    '--config-settings',
    '--report',
    '--python',
    '--use-feature',
    '--use-deprecated',
    '--keyring-provider',
    '--root-user-action',
  ],
  short: 'rcifteC',
};
const NPM: OptionSpec = {
  long: [
    '--prefix',
    '--registry',
    '--cache',
    '--tag',
    '--workspace',
    '--omit',
    '--include',
    '--userconfig',
    '--globalconfig',
    '--loglevel',
    '--location',
    '--install-strategy',
    '--before',
    '--cwd',
    '--modules-folder',
    '--cache-folder',
    '--network-timeout',
    '--filter',
  ],
  short: 'wC',
};
const GEM: OptionSpec = {
  long: [
    '--version',
    '--install-dir',
    '--bindir',
    '--source',
    '--trust-policy',
    '--platform',
    '--build-root',
  ],
  short: 'vinsP',
};
const GO: OptionSpec = {
  long: [
    '-o',
    '-tags',
    '-ldflags',
    '-gcflags',
    '-asmflags',
    '-gccgoflags',
    '-mod',
    '-modfile',
    '-overlay',
    '-pkgdir',
    '-p',
    '-buildmode',
    '-compiler',
    '-installsuffix',
    '-toolexec',
    '-pgo',
    '-C',
    '-exec',
  ],
  short: '',
  singleDashLong: true,
};

const SPECS: Record<PackageManager, OptionSpec> = {
  'apt-get': APT,
  apt: APT,
  apk: APK,
  yum: RPM_FAMILY,
  dnf: RPM_FAMILY,
  microdnf: RPM_FAMILY,
  zypper: ZYPPER,
  rpm: RPM,
  pip: PIP,
  npm: NPM,
  yarn: NPM,
  pnpm: NPM,
  gem: GEM,
  go: GO,
};

/** Managers whose first positional argument is a sub-command. */
const HAS_ACTION = new Set<PackageManager>([
  'apt-get',
  'apt',
  'apk',
  'yum',
  'dnf',
  'microdnf',
  'zypper',
  'pip',
  'npm',
  'yarn',
  'pnpm',
  'gem',
  'go',
]);

/** The manager a command name runs, and where its own argv starts; undefined for anything else. */
function managerOf(command: ShellCommand): { manager: PackageManager; argStart: number } | undefined {
  const name = baseName(command.name);
  if (/^pip\d*(\.\d+)?$/.test(name)) return { manager: 'pip', argStart: 1 };
  if (name === 'dnf5' || name === 'tdnf') return { manager: 'dnf', argStart: 1 };
  if (name in SPECS) return { manager: name as PackageManager, argStart: 1 };
  if (/^python\d*(\.\d+)?$/.test(name)) {
    // `python3 -m pip install ...` (interpreter flags such as -I may come first).
    const words = command.words;
    for (let i = 1; i < words.length - 1; i++) {
      const arg = words[i].value;
      if (arg === '-m' && /^pip\d*$/.test(words[i + 1].value)) return { manager: 'pip', argStart: i + 2 };
      if (arg === '-mpip') return { manager: 'pip', argStart: i + 1 };
      if (!arg.startsWith('-')) return undefined;
    }
  }
  return undefined;
}

/** Reads a command's argv (from `argStart`) as options and positionals under `spec`. */
function readArgv(
  words: readonly ShellWord[],
  argStart: number,
  spec: OptionSpec,
): { options: CommandOption[]; positionals: Operand[] } {
  const options: CommandOption[] = [];
  const positionals: Operand[] = [];
  let onlyPositionals = false;
  for (let i = argStart; i < words.length; i++) {
    const value = words[i].value;
    if (onlyPositionals || value === '-' || !value.startsWith('-')) {
      positionals.push({ value, word: words[i], wordIndex: i });
      continue;
    }
    if (value === '--') {
      onlyPositionals = true;
      continue;
    }
    if (value.startsWith('--') || spec.singleDashLong) {
      const eq = value.indexOf('=');
      const name = eq < 0 ? value : value.slice(0, eq);
      if (eq >= 0) options.push({ name, value: value.slice(eq + 1), wordIndex: i });
      else if (spec.long.includes(name) && i + 1 < words.length) {
        options.push({ name, value: words[i + 1].value, wordIndex: i });
        i++;
      } else options.push({ name, wordIndex: i });
      continue;
    }
    // A short cluster: `-yq`, `-q=2`, `-rrequirements.txt`, `-t .build-deps`.
    const eq = value.indexOf('=');
    if (eq === 2) {
      options.push({ name: value.slice(0, 2), value: value.slice(3), wordIndex: i });
      continue;
    }
    for (let k = 1; k < value.length; k++) {
      const letter = value[k];
      if (spec.short.includes(letter)) {
        const rest = value.slice(k + 1);
        if (rest) options.push({ name: `-${letter}`, value: rest, wordIndex: i });
        else if (i + 1 < words.length) {
          options.push({ name: `-${letter}`, value: words[i + 1].value, wordIndex: i });
          i++;
        } else options.push({ name: `-${letter}`, wordIndex: i });
        break;
      }
      options.push({ name: `-${letter}`, wordIndex: i });
    }
  }
  return { options, positionals };
}

function packageCommandOf(outer: ShellCommand, position: number): PackageCommand | undefined {
  const command = effectiveCommand(outer);
  const found = managerOf(command);
  if (!found) return undefined;
  const { manager, argStart } = found;
  const { options, positionals } = readArgv(command.words, argStart, SPECS[manager]);
  const hasAction = HAS_ACTION.has(manager) && positionals.length > 0;
  const action = hasAction ? positionals[0].value : '';
  const actionIndex = hasAction ? positionals[0].wordIndex : -1;
  return {
    manager,
    command,
    outer,
    position,
    action,
    actionIndex,
    options,
    operands: hasAction ? positionals.slice(1) : positionals,
    has: (...names) => options.some((o) => names.includes(o.name)),
    values: (...names) => options.filter((o) => names.includes(o.name)).map((o) => o.value ?? ''),
  };
}

const packageCommandCache = new WeakMap<Instruction, PackageCommand[]>();

/** Every package-manager command a RUN executes, in order. Computed once per instruction. */
export function packageCommands(instruction: Instruction): PackageCommand[] {
  const cached = packageCommandCache.get(instruction);
  if (cached) return cached;
  const out: PackageCommand[] = [];
  (instruction.run?.commands ?? []).forEach((command, position) => {
    const found = packageCommandOf(command, position);
    if (found) out.push(found);
  });
  packageCommandCache.set(instruction, out);
  return out;
}

/** The package-manager commands of one manager family and action set. */
export function packageCommandsOf(
  instruction: Instruction,
  managers: readonly PackageManager[],
  actions?: readonly string[],
): PackageCommand[] {
  return packageCommands(instruction).filter(
    (p) => managers.includes(p.manager) && (!actions || actions.includes(p.action)),
  );
}

/** `yes | apt-get install ...`: an earlier stage of the same pipeline answers every prompt. */
export function answeredByYes(instruction: Instruction, pc: PackageCommand): boolean {
  const pipeline = pc.outer.pipeline;
  if (!pipeline) return false;
  return (instruction.run?.commands ?? []).some(
    (c) =>
      c.pipeline?.id === pipeline.id &&
      c.pipeline.index < pipeline.index &&
      baseName(effectiveCommand(c).name) === 'yes',
  );
}

// ------------------------------------------------------------------------------------ files and mounts

/** Targets of the RUN's `--mount=type=cache` and `type=tmpfs` mounts: nothing written there stays in the layer. */
export function cacheMountTargets(instruction: Instruction): string[] {
  return (instruction.run?.mounts ?? [])
    .filter((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target)
    .map((m) => normalizePath(m.target!));
}

/** A cache or tmpfs mount covers `path` (mounted on it or on a directory above it). */
export function cacheMountCovers(instruction: Instruction, path: string): boolean {
  return cacheMountTargets(instruction).some((target) => isWithin(path, target));
}

/**
 * What `rm` / `find -delete` operands remove, as directories: `/var/lib/apt/lists/*` removes the contents of
 * `/var/lib/apt/lists`, which is what matters for the layer.
 */
function removedRoot(operand: string): string {
  return normalizePath(operand.replace(/\/(\*|\.\*|\.\[!.\]\*)?$/, '').replace(/\/\*$/, ''));
}

export interface Removal {
  /** The directory whose contents the command removes. */
  path: string;
  /** Position of the command in the RUN. */
  position: number;
  command: ShellCommand;
}

/** Paths removed by `rm` (any flags) and `find <dir> ... -delete`, in execution order. */
export const removals = sharedFact((instruction: Instruction): Removal[] => {
  const out: Removal[] = [];
  (instruction.run?.commands ?? []).forEach((outer, position) => {
    const command = effectiveCommand(outer);
    const name = baseName(command.name);
    if (name === 'rm') {
      let onlyOperands = false;
      for (const arg of command.args) {
        if (!onlyOperands && arg === '--') onlyOperands = true;
        else if (!onlyOperands && arg.startsWith('-')) continue;
        else out.push({ path: removedRoot(arg), position, command });
      }
    } else if (name === 'find') {
      const deletes = command.args.includes('-delete') || /\brm\b/.test(command.args.join(' '));
      const start = command.args.find((a) => !a.startsWith('-') && !a.startsWith('('));
      if (deletes && start) out.push({ path: normalizePath(start), position, command });
    }
  });
  return out;
});

/** Whether the RUN removes `path` (or a directory above it) after the command at `after`. */
export function removesAfter(instruction: Instruction, path: string, after: number): boolean {
  return removals(instruction).some((r) => r.position > after && isWithin(path, r.path));
}

// ----------------------------------------------------------------------------------------- env values

/** A variable's value as a command sees it; `value` is undefined when it is set but unknown (a build arg). */
export interface VariableValue {
  value: string | undefined;
}

/** The value a RUN's commands see for a variable: `X=1 cmd` and `export X=1` before it, then ENV/ARG. */
export function envValueFor(
  instruction: Instruction,
  name: string,
  command?: ShellCommand,
): VariableValue | undefined {
  if (command) {
    for (const link of commandChain(command)) {
      const own = link.envAssignments.find((a) => a.name === name);
      if (own) return { value: own.dynamic ? undefined : own.value };
    }
    const commands = instruction.run?.commands ?? [];
    const at = commands.indexOf(command);
    for (let i = (at < 0 ? commands.length : at) - 1; i >= 0; i--) {
      const assigned = shellAssignment(commands[i], name);
      if (assigned) return assigned;
    }
  }
  const found = instruction.env.lookup(name);
  return found.state === 'defined' ? { value: found.value } : undefined;
}

/** `export X=1`, or `X=1` alone: a shell variable the later commands of the script see. */
function shellAssignment(command: ShellCommand, name: string): VariableValue | undefined {
  if (command.name === '') {
    const own = command.envAssignments.find((a) => a.name === name);
    if (own) return { value: own.dynamic ? undefined : own.value };
  }
  if (command.name === 'export' || command.name === 'declare' || command.name === 'readonly') {
    for (const word of command.words.slice(1)) {
      if (word.value.startsWith(`${name}=`))
        return { value: word.dynamic ? undefined : word.value.slice(name.length + 1) };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------- suggestions

/** The file position of a word of a RUN's shell script, when it can be located exactly. */
export function wordPosition(
  model: DockerfileModel,
  instruction: Instruction,
  command: ShellCommand,
  word: ShellWord,
): { line: number; column: number } | undefined {
  const run = instruction.run;
  if (!run || run.form !== 'shell' || command.context.includes('sh-c')) return undefined;
  let position: { line: number; column: number };
  const scriptHeredoc = instruction.heredocs.find((h) => h.isScript);
  if (scriptHeredoc) {
    if (scriptHeredoc.stripTabs) return undefined;
    const before = scriptHeredoc.body.slice(0, word.offset);
    const newlines = before.split('\n').length - 1;
    position = {
      line: scriptHeredoc.line + newlines,
      column: word.offset - (before.lastIndexOf('\n') + 1) + 1,
    };
  } else {
    if (word.offset >= instruction.args.length) return undefined;
    position = instruction.argPosition(word.offset);
  }
  const lineText = model.file.lines[position.line - 1] ?? '';
  if (lineText.slice(position.column - 1, position.column - 1 + word.raw.length) !== word.raw)
    return undefined;
  return position;
}

export interface WordEdit {
  command: ShellCommand;
  word: ShellWord;
  /** Text inserted right after the word (e.g. ` -y`). */
  insertAfter?: string;
  /** Text that replaces the word. */
  replaceWith?: string;
}

/**
 * The lines of the instruction that the edits touch, with the edits applied; undefined
 * when any edited word cannot be located exactly in the file.
 */
export function suggestEdits(
  model: DockerfileModel,
  instruction: Instruction,
  edits: readonly WordEdit[],
): Suggestion | undefined {
  if (edits.length === 0) return undefined;
  const lines = model.file.lines.slice(instruction.line - 1, instruction.endLine);
  const located: { line: number; start: number; end: number; text: string }[] = [];
  for (const edit of edits) {
    const at = wordPosition(model, instruction, edit.command, edit.word);
    if (!at) return undefined;
    const start = at.column - 1;
    const end = start + edit.word.raw.length;
    if (edit.replaceWith !== undefined) located.push({ line: at.line, start, end, text: edit.replaceWith });
    if (edit.insertAfter !== undefined)
      located.push({ line: at.line, start: end, end, text: edit.insertAfter });
  }
  // Right to left, so earlier columns stay valid.
  located.sort((a, b) => b.line - a.line || b.start - a.start);
  for (const edit of located) {
    const index = edit.line - instruction.line;
    const text = lines[index];
    lines[index] = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  // Only the lines the edits touch: the suggestion (and the finding) sits on the commands concerned.
  const first = Math.min(...located.map((e) => e.line));
  const last = Math.max(...located.map((e) => e.line));
  return {
    line: first,
    endLine: last,
    replacement: lines.slice(first - instruction.line, last - instruction.line + 1).join('\n'),
  };
}

/**
 * Where a finding about commands of a RUN sits: on the lines its suggestion edits, or else on the command's
 * own line, so that a review comment lands on the changed line of a long RUN rather than on its first line.
 */
export function commandLines(
  command: ShellCommand,
  suggestion: Suggestion | undefined,
): { line: number; endLine?: number } {
  if (suggestion) return { line: suggestion.line, endLine: suggestion.endLine };
  return { line: command.line };
}

/** The suggestion that adds `option` right after each command's action: `apt-get install` → `apt-get install -y`. */
export function suggestOptionAfterAction(
  model: DockerfileModel,
  instruction: Instruction,
  commands: readonly PackageCommand[],
  option: string,
): Suggestion | undefined {
  return suggestEdits(
    model,
    instruction,
    commands.map((pc) => ({
      command: pc.command,
      word: pc.command.words[pc.actionIndex],
      insertAfter: ` ${option}`,
    })),
  );
}

/** `` `apt-get install curl` `` for messages: the command's text on one line, shortened. */
export function quoteCommand(command: ShellCommand, max = 80): string {
  const text = command.words.map((w) => (/\s/.test(w.value) ? w.raw : w.value)).join(' ');
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `\`${short}\``;
}

// ------------------------------------------------------------------------------------------------- apt

/** apt-get / apt actions that ask "Do you want to continue? [Y/n]" before changing packages. */
export const APT_CONFIRMING_ACTIONS = [
  'install',
  'reinstall',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'remove',
  'purge',
  'autoremove',
  'autopurge',
  'build-dep',
];

/** apt actions that install packages (and so fetch recommends). */
export const APT_INSTALL_ACTIONS = ['install', 'reinstall', 'build-dep'];

function aptOptionSet(pc: PackageCommand, key: RegExp): boolean {
  return pc.values('-o', '--option').some((v) => key.test(v));
}

/** How quiet apt is told to be: `-qq` and `-q=2` are level 2, which implies `--assume-yes`. */
function aptQuietLevel(pc: PackageCommand): number {
  let level = 0;
  for (const option of pc.options) {
    if (option.name !== '-q' && option.name !== '--quiet') continue;
    level = option.value !== undefined ? Math.max(level, Number.parseInt(option.value, 10) || 0) : level + 1;
  }
  return level;
}

const ASSUME_YES = /^APT::Get::Assume-?Yes\s*[= ]\s*"?(true|yes|1)"?;?$/i;
const NO_RECOMMENDS = /^APT::Install-Recommends\s*[= ]\s*"?(false|no|0)"?;?$/i;

/**
 * apt configuration that earlier RUNs of the stage (and the stages it builds on) wrote into
 * /etc/apt/apt.conf.d: `echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends`.
 */
function aptConfigured(instruction: Instruction, key: RegExp): boolean {
  const stage = instruction.stage;
  if (!stage) return false;
  for (const s of stageChain(stage)) {
    const first = aptConfigWrites(s).find((write) => key.test(write.line))?.index;
    if (first !== undefined && (s !== stage || first < instruction.index)) return true;
  }
  return false;
}

/**
 * Every line a RUN of the stage writes into /etc/apt/apt.conf*, with the RUN's index, in file order:
 * read once per stage, so asking for each apt command of a long file stays linear.
 */
const aptConfigWrites = sharedFact((stage: Stage): { index: number; line: string }[] => {
  const out: { index: number; line: string }[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'RUN' || !instruction.run) continue;
    for (const write of fileWrites(instruction)) {
      if (!write.file.startsWith('/etc/apt/apt.conf')) continue;
      for (const line of write.lines) out.push({ index: instruction.index, line });
    }
  }
  return out;
});

/** `-y`, `--yes`, `--assume-yes`, `-qq` / `-q=2`, `-o APT::Get::Assume-Yes=true`, or apt.conf.d. */
export function aptAssumesYes(instruction: Instruction, pc: PackageCommand): boolean {
  return (
    pc.has('-y', '--yes', '--assume-yes') ||
    answeredByYes(instruction, pc) ||
    aptQuietLevel(pc) >= 2 ||
    aptOptionSet(pc, ASSUME_YES) ||
    aptConfigured(instruction, ASSUME_YES)
  );
}

/** `--no-install-recommends`, `-o APT::Install-Recommends=false`, or apt.conf.d. */
export function aptSkipsRecommends(instruction: Instruction, pc: PackageCommand): boolean {
  return (
    pc.has('--no-install-recommends') ||
    aptOptionSet(pc, NO_RECOMMENDS) ||
    aptConfigured(instruction, NO_RECOMMENDS)
  );
}

// ------------------------------------------------------------------------------------ installed packages

export interface InstalledPackage {
  name: string;
  manager: PackageManager;
  /** apk `--virtual` / `-t` group the package was installed under. */
  group?: string;
  install: PackageCommand;
}

const OS_MANAGERS: PackageManager[] = ['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper'];
const OS_INSTALL_ACTIONS = ['install', 'add', 'in', 'groupinstall', 'localinstall', 'reinstall'];
const OS_REMOVE_ACTIONS = ['del', 'remove', 'purge', 'erase', 'rm', 'autoremove'];

/** Strips a version or release selector: `gcc=4:12.2.0-3` → `gcc`, `musl-dev~1.2` → `musl-dev`. */
export function packageName(operand: string): string {
  if (/^[./~]/.test(operand)) return operand;
  return operand.replace(/[=~<>].*$/, '').replace(/\/[^/]*$/, '');
}

/**
 * OS packages a RUN installs and does not remove again before it ends: `apk add --virtual .deps gcc ... &&
 * apk del .deps`, `apt-get purge gcc`, and the official images' `apt-mark auto '.*' ... apt-get purge
 * --auto-remove` pattern all take packages back out.
 */
export function packagesKept(instruction: Instruction): InstalledPackage[] {
  const commands = packageCommandsOf(instruction, OS_MANAGERS);
  const installed: InstalledPackage[] = [];
  for (const pc of commands) {
    if (!OS_INSTALL_ACTIONS.includes(pc.action)) continue;
    if (pc.manager === 'apk' && pc.action !== 'add') continue;
    const group = pc.manager === 'apk' ? pc.values('-t', '--virtual')[0] : undefined;
    for (const operand of pc.operands) {
      if (operand.word.dynamic || operand.value.startsWith('-')) continue;
      installed.push({ name: packageName(operand.value), manager: pc.manager, group, install: pc });
    }
  }
  if (installed.length === 0) return installed;
  const aptMarkAllAuto = (instruction.run?.commands ?? []).some((c) => {
    const command = effectiveCommand(c);
    return baseName(command.name) === 'apt-mark' && command.args[0] === 'auto';
  });
  return installed.filter((pkg) => {
    for (const pc of commands) {
      if (pc.position <= pkg.install.position || !OS_REMOVE_ACTIONS.includes(pc.action)) continue;
      if (pc.manager === 'apk' && pc.action !== 'del') continue;
      const removed = pc.operands.map((o) => packageName(o.value));
      if (removed.includes(pkg.name) || (pkg.group !== undefined && removed.includes(pkg.group)))
        return false;
      const autoRemoves = pc.action === 'autoremove' || pc.has('--auto-remove', '--autoremove');
      if (aptMarkAllAuto && autoRemoves && (pkg.manager === 'apt-get' || pkg.manager === 'apt')) return false;
    }
    return true;
  });
}
