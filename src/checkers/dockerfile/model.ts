// The Dockerfile as the builder sees it: instructions with exact extents, stages, the environment before
// each instruction (Docker's scoping, not the parser library's), effective USER / WORKDIR / SHELL, and the
// shell commands of every RUN, ONBUILD triggers read as instructions of their own. Built once per file; rules
// only ask it questions, here or through the queries at the end: the stage graph, the instructions and RUNs
// (with or without triggers), what a container runs, ENV/ARG variables, paths in the image, and what COPY/ADD
// copy where.
import picomatch from 'picomatch';
import type { SourceFile } from '../../engine/workspace';
import type { RunContext } from '../../engine/rule';
import { LineIndex } from '../../parse/tree';
import {
  execFormCommand,
  parseShell,
  parseShellInvocation,
  prefetchShellScripts,
  type ShellCommand,
  type ShellOptions,
  type ShellSyntaxError,
} from '../../parse/shell';
import {
  splitDockerfile,
  looksBinary,
  type Directive,
  type RawHeredoc,
  type RawInstruction,
  TracedText,
} from './source';
import {
  expandWord,
  findVariables,
  keyValuePairs,
  looksLikeExecForm,
  parseJsonArray,
  splitWords,
  type Expanded,
  type KeyValue,
  type Lookup,
} from './words';
import { findLocalBuild, type LocalBuild } from './local-images';
import {
  parseImageReference,
  shellFlavorOf,
  knownBaseEnv,
  type ImageReference,
  type ShellFlavor,
} from './image';

export type { ShellCommand } from '../../parse/shell';
export type { Directive } from './source';
export type { ImageReference, ShellFlavor } from './image';

export const KNOWN_INSTRUCTIONS = new Set([
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
]);

/** Instructions whose arguments Docker itself expands `$VAR` in. */
export const DOCKER_EXPANDED = new Set([
  'FROM',
  'ADD',
  'COPY',
  'ENV',
  'ARG',
  'EXPOSE',
  'LABEL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** Build args BuildKit fills in by itself (usable in FROM without declaring them). */
export const AUTOMATIC_PLATFORM_ARGS = [
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
];

const PROXY_ARGS = ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'];

/** Who reads a variable reference: Docker substitutes at build time, a shell or nobody reads it in a process. */
export type Expander = 'docker' | 'shell' | 'none';

/** Set for every process by the container runtime, but absent from the image's ENV that Docker substitutes from. */
const PROCESS_ENV = ['HOME', 'HOSTNAME', 'TERM'];

/**
 * Variables a build or a container normally has without the Dockerfile declaring them. `HOME` is one only
 * for a process: `WORKDIR $HOME/app` gets an empty HOME. The automatic platform args are not: BuildKit
 * defines them before the first FROM only, and a stage sees them after its own `ARG TARGETARCH`.
 */
export function isWellKnownVariable(name: string, expandedBy: Expander = 'shell'): boolean {
  if (PROCESS_ENV.includes(name)) return expandedBy !== 'docker';
  return (
    name === 'PATH' ||
    PROXY_ARGS.includes(name.toUpperCase()) ||
    name.startsWith('BUILDKIT_') ||
    name === 'SOURCE_DATE_EPOCH'
  );
}

// ---------------------------------------------------------------------------------------------- types

export interface InstructionFlag {
  name: string;
  /** As written, undefined for a bare `--link`. */
  value?: string;
  /** After ARG/ENV substitution and quote removal. */
  expanded?: string;
  line: number;
  column: number;
}

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';

export interface Mount {
  type: MountType | string;
  target?: string;
  source?: string;
  from?: string;
  id?: string;
  /** For `type=secret,env=NAME`. */
  env?: string;
  readonly: boolean;
  /** Every `key=value` of the flag, as written. */
  options: Record<string, string>;
  raw: string;
}

export interface Heredoc extends RawHeredoc {
  /** The body is the script the RUN executes (`RUN <<EOF`), rather than data fed to a command or a file. */
  isScript: boolean;
}

export type VarLookup =
  | { state: 'defined'; value: string | undefined; kind: 'arg' | 'env' | 'builtin'; definedAt?: Instruction }
  | { state: 'maybe'; wellKnown: boolean }
  | { state: 'undefined' };

/** Variables visible at one point of the build. */
export interface EnvScope {
  /** What `name` is here, for the one who reads it (a shell by default; `HOME` is unknown to Docker). */
  lookup(name: string, expandedBy?: Expander): VarLookup;
  /** Names bound by ARG/ENV (and builtins) in this scope. */
  names(): string[];
  /** What an image built from this point has in its environment: the ENV bindings and the base's known ENV. */
  imageEnvNames(): string[];
  /** Docker's substitution of `text` in this scope. */
  expand(text: string): Expanded;
}

export interface VariableRef {
  name: string;
  line: number;
  column: number;
  /** Who expands it: Docker at build time, a shell (at build or run time), or nobody (exec form). */
  expandedBy: Expander;
  /** `:-`, `-`, `:+`, `+`, `:?`, `?`... */
  modifier?: string;
  /** `${X:-y}` / `${X-y}` give a default; `${X:+y}` expands to '' when unset. */
  hasDefault: boolean;
  /** The exec-form argument it was found in (for messages). */
  argument?: string;
}

export interface UserState {
  /** The USER value after substitution (`app`, `1000:1000`); undefined when no USER ran (base image default). */
  value?: string;
  user?: string;
  group?: string;
  numeric: boolean;
  isRoot: boolean;
  /** False when the value depends on a variable whose value is unknown (`USER $APP_UID`). */
  resolved: boolean;
  /** The USER instruction, possibly in the stage this one builds on. */
  setAt?: Instruction;
}

/** `root`, `0`, `root:root`, `0:0`. */
export function isRootUser(value: string | undefined): boolean {
  const user = (value ?? '').split(':')[0];
  return user === 'root' || user === '0';
}

export interface WorkdirState {
  /** Absolute path after resolving relative WORKDIRs; undefined when none was set (the base image's, often `/`). */
  path?: string;
  setAt?: Instruction;
}

export interface ShellState {
  /** The shell form prefix: `["/bin/sh", "-c"]` unless a SHELL instruction changed it. */
  argv: string[];
  setAt?: Instruction;
  /** Base name of the shell (`sh`, `bash`, `pwsh`...). */
  name: string;
  /** A POSIX-family shell whose scripts the shell parser reads. */
  posix: boolean;
  /** Options the SHELL's flags switch on (`-o pipefail`, `-e`). */
  options: Partial<ShellOptions>;
  /** What `/bin/sh` is on this stage's base (dash on Debian/Ubuntu, ash on Alpine/BusyBox). */
  binSh: ShellFlavor;
}

/** What a RUN / CMD / ENTRYPOINT / HEALTHCHECK executes. */
export interface Execution {
  form: 'exec' | 'shell';
  /** Exec form: the JSON array. Shell form: the active SHELL followed by the script. */
  argv: string[];
  /** The script a shell runs: the shell-form text, the `-c` argument of an exec-form shell, or a RUN heredoc body. */
  script?: string;
  /** The exec form runs a shell with `-c` (`["sh", "-c", "..."]`), so `$VAR` in its script is expanded. */
  execShell: boolean;
  /** A RUN heredoc run by a non-shell interpreter through its shebang (`#!/usr/bin/env python3`). */
  interpreter?: string;
  /** Commands of the script (file lines), or the single exec-form command. */
  commands: ShellCommand[];
  shellError?: ShellSyntaxError;
}

export interface RunDetails extends Execution {
  mounts: Mount[];
  /** `--network=none|host|default`. */
  network?: string;
  /** `--security=insecure|sandbox`. */
  security?: string;
}

export interface Instruction {
  /** Position in the file's instruction list. */
  index: number;
  /** Upper-case keyword (`RUN`); `written` is as in the file (`run`). */
  keyword: string;
  written: string;
  /** 1-based first and last line (heredoc bodies included). */
  line: number;
  endLine: number;
  column: number;
  /** Source lines line..endLine. */
  text: string;
  /** Everything after the keyword on the instruction's own lines (flags included), continuations joined. */
  rawArgs: string;
  /** The arguments after the flags. */
  args: string;
  flags: InstructionFlag[];
  /** Exec form (a valid JSON array) vs shell form, for instructions that have the distinction. */
  form: 'exec' | 'shell' | 'none';
  /** The parsed JSON array of an exec-form instruction. */
  execArgs?: string[];
  /** Set when the arguments start with `[` but are not a valid JSON array of strings. */
  jsonError?: string;
  heredocs: Heredoc[];
  /** Undefined for ARGs before the first FROM (and anything else there). */
  stage?: Stage;
  /** The environment before this instruction runs. */
  env: EnvScope;
  user: UserState;
  workdir: WorkdirState;
  shell: ShellState;
  variables: VariableRef[];
  /** RUN only. */
  run?: RunDetails;
  /** CMD, ENTRYPOINT, and HEALTHCHECK CMD. */
  execution?: Execution;
  /** HEALTHCHECK NONE. */
  healthcheckNone?: boolean;
  /**
   * ONBUILD: the instruction it registers, read like any other. It runs in every image built FROM this one,
   * with that image's user and working directory, which are unknown here; it is not part of any stage's list.
   */
  trigger?: Instruction;
  /** For a trigger: the ONBUILD that registers it (its `stage` is the ONBUILD's). */
  onbuild?: Instruction;
  /** Line-independent identity for fingerprints: the normalized instruction text. */
  subject: string;
  /** The flag's value (as written), or undefined. */
  flag(name: string): string | undefined;
  /** File position of an offset inside `args`. */
  argPosition(offset: number): { line: number; column: number };
}

export interface BaseImage {
  /** As written after FROM (`${BASE}`, `python:3.12`). */
  written: string;
  /** After substituting global ARGs (defaults used where a build arg is unknown). */
  raw: string;
  /** False when some ARG's value is unknown. */
  exact: boolean;
  /** ARGs the reference uses that are not declared before the first FROM, or declared without default. */
  unresolvedArgs: string[];
  /** Every variable the reference uses. */
  args: string[];
  isScratch: boolean;
  /** Names an earlier stage (`FROM build AS test`). */
  isStageRef: boolean;
  stage?: Stage;
  /** The parsed reference, when it is an image (not a stage, parseable). */
  reference?: ImageReference;
  /** Another Dockerfile of the repository that builds this image (`FROM argocd-base`). */
  localBuild?: LocalBuild;
  registry?: string;
  repository?: string;
  tag?: string;
  digest?: string;
}

export interface Stage {
  index: number;
  /** The `AS name` alias, as written. */
  name?: string;
  from: Instruction;
  base: BaseImage;
  /** `--platform` value, as written. */
  platform?: string;
  isFinal: boolean;
  instructions: Instruction[];
  /** Shell flavour of `/bin/sh`, followed through stage references. */
  binSh: ShellFlavor;
  /** The stage's external image at the root of its stage chain (undefined for scratch / unknown). */
  rootImage?: ImageReference;
  /** The state after the stage's last instruction: what an image built from this stage runs with. */
  end: StageEnd;
}

export interface StageEnd {
  env: EnvScope;
  user: UserState;
  workdir: WorkdirState;
  shell: ShellState;
}

export interface SyntaxProblem {
  line: number;
  column?: number;
  message: string;
  /** The instruction concerned, when one is. */
  instruction?: Instruction;
}

export interface DockerfileSettings {
  trustedRegistries: string[];
  finalStage?: string;
  /** `performance.now()` after which the builder stops reading instructions (the per-file time budget). */
  deadline?: number;
}

export interface DockerfileModel {
  file: SourceFile;
  path: string;
  directives: Directive[];
  escapeChar: string;
  instructions: Instruction[];
  /** ARG instructions before the first FROM. */
  globalArgs: Instruction[];
  stages: Stage[];
  finalStage?: Stage;
  /** Reasons the file is not (entirely) valid; `dockerfile/invalid-syntax` reports them. */
  problems: SyntaxProblem[];
  /** The file is not text at all; no instruction was read. */
  binary: boolean;
  /** Line of the first instruction left unread because the file ran over its time budget. */
  stoppedAt?: number;
  settings: DockerfileSettings;
  context?: RunContext;
  stageByName(name: string): Stage | undefined;
  /** The instruction covering a 1-based line. */
  instructionAt(line: number): Instruction | undefined;
}

// ------------------------------------------------------------------------------------------ building

export function dockerfileModel(
  file: SourceFile,
  settings: DockerfileSettings = { trustedRegistries: [] },
  context?: RunContext,
): DockerfileModel {
  return file.parsed(dockerfileModelKind(settings), () => buildModel(file, settings, context));
}

/** The parse kind the model is cached under on its file. */
export function dockerfileModelKind(settings: DockerfileSettings): string {
  return `dockerfile:${settings.finalStage ?? ''}`;
}

export function buildModel(
  file: SourceFile,
  settings: DockerfileSettings,
  context?: RunContext,
): DockerfileModel {
  const model: DockerfileModel = {
    file,
    path: file.path,
    directives: [],
    escapeChar: '\\',
    instructions: [],
    globalArgs: [],
    stages: [],
    problems: [],
    binary: false,
    settings,
    context,
    stageByName(name) {
      const wanted = name.toLowerCase();
      return this.stages.find((s) => s.name?.toLowerCase() === wanted);
    },
    instructionAt(line) {
      return this.instructions.find((i) => i.line <= line && line <= i.endLine);
    },
  };
  if (looksBinary(file.text)) {
    model.binary = true;
    model.problems.push({
      line: 1,
      message: 'This is not a text file, so no instruction can be read from it.',
    });
    return model;
  }
  const split = splitDockerfile(file);
  model.directives = split.directives;
  model.escapeChar = split.escapeChar;
  model.problems.push(...split.problems);
  new ModelBuilder(model, file).build(split.instructions);
  model.problems.sort((a, b) => a.line - b.line);
  return model;
}

type Binding = { value: string | undefined; kind: 'arg' | 'env' | 'builtin'; definedAt?: Instruction };

/**
 * The bindings of a chain of scopes, shared: each name keeps its history of values in binding order,
 * and a scope sees the entries up to its version. Binding a name in the newest scope appends instead
 * of copying the map, so a file of many ENV lines stays linear; binding from an older scope forks.
 */
class BindingStore {
  private readonly history = new Map<string, { version: number; binding: Binding }[]>();
  latest = 0;

  static from(bindings: ReadonlyMap<string, Binding>): BindingStore {
    const store = new BindingStore();
    for (const [name, binding] of bindings) store.history.set(name, [{ version: 0, binding }]);
    return store;
  }

  get(name: string, version: number): Binding | undefined {
    const entries = this.history.get(name);
    if (!entries || entries[0].version > version) return undefined;
    // The last entry at or before `version`.
    let low = 0;
    let high = entries.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (entries[mid].version <= version) low = mid;
      else high = mid - 1;
    }
    return entries[low].binding;
  }

  set(name: string, binding: Binding): number {
    const version = ++this.latest;
    const entries = this.history.get(name);
    if (entries) entries.push({ version, binding });
    else this.history.set(name, [{ version, binding }]);
    return version;
  }

  entries(version: number): Map<string, Binding> {
    const out = new Map<string, Binding>();
    for (const name of this.history.keys()) {
      const binding = this.get(name, version);
      if (binding) out.set(name, binding);
    }
    return out;
  }
}

class Scope implements EnvScope {
  private readonly store: BindingStore;
  private readonly version: number;

  constructor(
    bindings: ReadonlyMap<string, Binding> | { store: BindingStore; version: number },
    /** What an unbound name is: unknown base image env, or nothing at all (scratch / FROM lines). */
    private readonly unbound: 'maybe' | 'undefined',
    private readonly baseEnv: readonly string[],
    private readonly escapeChar: string,
  ) {
    if (bindings instanceof Map) {
      this.store = BindingStore.from(bindings);
      this.version = this.store.latest;
    } else {
      ({ store: this.store, version: this.version } = bindings as { store: BindingStore; version: number });
    }
  }

  lookup(name: string, expandedBy: Expander = 'shell'): VarLookup {
    const bound = this.store.get(name, this.version);
    if (bound) return { state: 'defined', value: bound.value, kind: bound.kind, definedAt: bound.definedAt };
    if (isWellKnownVariable(name, expandedBy) || this.baseEnv.includes(name))
      return { state: 'maybe', wellKnown: true };
    return this.unbound === 'maybe' ? { state: 'maybe', wellKnown: false } : { state: 'undefined' };
  }

  names(): string[] {
    return [...this.store.entries(this.version).keys()];
  }

  imageEnvNames(): string[] {
    return [...new Set([...this.envOnly().keys(), ...this.baseEnv])];
  }

  expand(text: string): Expanded {
    return expandWord(text, this.asLookup(), this.escapeChar);
  }

  asLookup(): Lookup {
    return (name) => {
      const found = this.lookup(name, 'docker');
      if (found.state === 'defined')
        return found.value === undefined ? { known: false } : { known: true, value: found.value };
      if (found.state === 'undefined') return { known: true, value: '' };
      return { known: false };
    };
  }

  with(name: string, binding: Binding): Scope {
    const store =
      this.store.latest === this.version ? this.store : BindingStore.from(this.store.entries(this.version));
    const version = store.set(name, binding);
    return new Scope({ store, version }, this.unbound, this.baseEnv, this.escapeChar);
  }

  /** What an image built FROM this point sees: the ENV bindings, and whatever else its own base sets. */
  forChildImage(): Scope {
    return new Scope(this.envOnly(), 'maybe', this.baseEnv, this.escapeChar);
  }

  /** Only the ENV bindings: what a stage built on this one inherits. */
  envOnly(): Map<string, Binding> {
    return new Map([...this.store.entries(this.version)].filter(([, b]) => b.kind === 'env'));
  }
}

interface StageState {
  stage: Stage;
  scope: Scope;
  user: UserState;
  workdir: WorkdirState;
  shell: ShellState;
}

const DEFAULT_SHELL = ['/bin/sh', '-c'];
/** Instructions whose RUN scripts are parsed ahead together. */
const RUNS_AHEAD = 256;
const defaultShells = new Map<ShellFlavor, ShellState>();

/** The state before any SHELL instruction, one shared object per `/bin/sh` flavour: nothing changes it. */
function defaultShell(binSh: ShellFlavor): ShellState {
  let state = defaultShells.get(binSh);
  if (!state) {
    state = shellState(DEFAULT_SHELL, undefined, binSh);
    defaultShells.set(binSh, state);
  }
  return state;
}

class ModelBuilder {
  private readonly escape: string;
  private globalScope: Scope;
  private readonly finalStates = new Map<Stage, StageState>();
  /** Each instruction's arguments (after flags) with file positions. */
  private readonly tracedArgs = new WeakMap<Instruction, TracedText>();
  /** Flags already read while parsing ahead, for makeInstruction. */
  private readonly flagsRead = new Map<RawInstruction, { flags: InstructionFlag[]; rest: TracedText }>();

  constructor(
    private readonly model: DockerfileModel,
    private readonly file: SourceFile,
  ) {
    this.escape = model.escapeChar;
    let scope = new Scope(new Map(), 'undefined', [], this.escape);
    for (const name of AUTOMATIC_PLATFORM_ARGS)
      scope = scope.with(name, { value: undefined, kind: 'builtin' });
    this.globalScope = scope;
  }

  build(raws: RawInstruction[]): void {
    let current: StageState | undefined;
    const noStageShell: ShellState = defaultShell('unknown');
    const deadline = this.model.settings.deadline;
    let parsedAhead = 0;
    for (const [at, raw] of raws.entries()) {
      if (deadline !== undefined && performance.now() > deadline) {
        this.model.stoppedAt = raw.line;
        break;
      }
      if (at >= parsedAhead) parsedAhead = this.parseRunsAhead(raws, at);
      const instruction = this.makeInstruction(raw);
      this.model.instructions.push(instruction);
      if (!KNOWN_INSTRUCTIONS.has(instruction.keyword)) {
        this.problem(
          instruction,
          `\`${instruction.written}\` is not a Dockerfile instruction, so the build fails before it starts.`,
        );
      }

      if (instruction.keyword === 'FROM') {
        if (current) this.closeStage(current);
        current = this.startStage(instruction);
        this.analyze(instruction);
        continue;
      }
      if (!current) {
        instruction.env = this.globalScope;
        instruction.shell = noStageShell;
        if (instruction.keyword === 'ARG') {
          this.model.globalArgs.push(instruction);
          this.globalScope = this.applyArg(instruction, this.globalScope, true);
        }
        this.analyze(instruction);
        continue;
      }
      instruction.stage = current.stage;
      current.stage.instructions.push(instruction);
      instruction.env = current.scope;
      instruction.user = current.user;
      instruction.workdir = current.workdir;
      instruction.shell = current.shell;
      this.analyze(instruction);
      this.advance(instruction, current);
    }
    if (current) this.closeStage(current);
    this.chooseFinalStage();
  }

  private problem(instruction: Instruction, message: string, line = instruction.line, column?: number): void {
    this.model.problems.push({ line, column, message, instruction });
  }

  // ---------------------------------------------------------------- instructions

  /**
   * Parses the scripts of the next shell-form RUNs from `from` on in batches (see prefetchShellScripts),
   * a window at a time so the time budget is still checked between instructions; returns where it stopped.
   */
  private parseRunsAhead(raws: readonly RawInstruction[], from: number): number {
    const to = Math.min(raws.length, from + RUNS_AHEAD);
    const scripts: string[] = [];
    for (let i = from; i < to; i++) {
      const raw = raws[i];
      if (raw.keyword !== 'RUN' || raw.heredocs.length > 0) continue;
      const split = this.readFlags(raw.keyword, raw.args);
      this.flagsRead.set(raw, split);
      const script = split.rest.trim().text;
      if (!script.startsWith('[')) scripts.push(script);
    }
    if (scripts.length > 1) prefetchShellScripts(scripts);
    return to;
  }

  private makeInstruction(raw: RawInstruction): Instruction {
    const argsText = raw.args;
    const { flags, rest } = this.flagsRead.get(raw) ?? this.readFlags(raw.keyword, argsText);
    this.flagsRead.delete(raw);
    const restText = rest.trim();
    const text = this.file.lines.slice(raw.line - 1, raw.endLine).join('\n');
    const instruction: Instruction = {
      index: this.model.instructions.length,
      keyword: raw.keyword,
      written: raw.written,
      line: raw.line,
      endLine: raw.endLine,
      column: raw.column,
      text,
      rawArgs: argsText.text.trim(),
      args: restText.text,
      flags,
      form: 'none',
      heredocs: raw.heredocs.map((h) => ({ ...h, isScript: false })),
      env: this.globalScope,
      user: { numeric: false, isRoot: false, resolved: true },
      workdir: {},
      shell: defaultShell('unknown'),
      variables: [],
      subject: `${raw.keyword} ${argsText.text.replace(/\s+/g, ' ').trim()}`,
      flag(name) {
        return this.flags.find((f) => f.name === name)?.value;
      },
      argPosition(offset) {
        return restText.at(offset);
      },
    };
    this.tracedArgs.set(instruction, restText);
    if (['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD'].includes(raw.keyword)) {
      const json = parseJsonArray(restText.text);
      if (json && 'values' in json) {
        instruction.form = 'exec';
        instruction.execArgs = json.values;
      } else {
        // COPY/ADD have no shell form; their JSON form only allows spaces in paths.
        instruction.form = raw.keyword === 'COPY' || raw.keyword === 'ADD' ? 'none' : 'shell';
        // `RUN [ -f x ] && ...` is a shell test, not a broken exec form.
        if (json && 'error' in json && looksLikeExecForm(restText.text, raw.keyword !== 'RUN'))
          instruction.jsonError = json.error;
      }
    }
    return instruction;
  }

  /** Leading `--name=value` words of instructions that take flags. */
  private readFlags(keyword: string, args: TracedText): { flags: InstructionFlag[]; rest: TracedText } {
    const flags: InstructionFlag[] = [];
    if (!['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK'].includes(keyword)) return { flags, rest: args };
    const words = splitWords(args.text, this.escape);
    let restStart = 0;
    for (const word of words) {
      if (!word.raw.startsWith('--') || word.raw === '--') break;
      const eq = word.raw.indexOf('=');
      const pos = args.at(word.offset);
      flags.push({
        name: eq < 0 ? word.raw.slice(2) : word.raw.slice(2, eq),
        value: eq < 0 ? undefined : word.raw.slice(eq + 1),
        line: pos.line,
        column: pos.column,
      });
      restStart = word.offset + word.raw.length;
    }
    return { flags, rest: args.slice(restStart) };
  }

  // ---------------------------------------------------------------- stages

  private startStage(from: Instruction): StageState {
    from.env = this.globalScope;
    const words = splitWords(from.args, this.escape);
    const written = words[0]?.raw ?? '';
    if (!written) this.problem(from, 'FROM names no image.');
    let name: string | undefined;
    if (words.length >= 3 && words[1].raw.toLowerCase() === 'as') name = words[2].raw;
    else if (words.length > 1) {
      this.problem(
        from,
        `FROM takes an image and an optional \`AS name\`; \`${from.args}\` has extra words.`,
      );
    }
    if (name && !/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(name)) {
      this.problem(
        from,
        `\`${name}\` is not a valid stage name: use letters, digits, \`_\`, \`.\` and \`-\`, starting with a letter.`,
      );
    }

    const lookup = this.globalScope;
    const uses = findVariables(written, this.escape).map((v) => v.name);
    const unresolvedArgs = uses.filter((n) => {
      const found = lookup.lookup(n);
      return found.state !== 'defined' || (found.kind === 'arg' && found.value === undefined);
    });
    const expanded = lookup.expand(written);
    const earlier = this.model.stages.find(
      (s) => s.name && s.name.toLowerCase() === expanded.value.toLowerCase(),
    );
    const reference = earlier ? undefined : parseImageReference(expanded.value);
    const base: BaseImage = {
      written,
      raw: expanded.value,
      exact: expanded.exact,
      unresolvedArgs: [...new Set(unresolvedArgs)],
      args: [...new Set(uses)],
      isScratch: !earlier && expanded.value.toLowerCase() === 'scratch',
      isStageRef: Boolean(earlier),
    };
    if (earlier) base.stage = earlier;
    if (reference && !base.isScratch) {
      base.reference = reference;
      base.registry = reference.registry;
      base.repository = reference.repository;
      if (reference.tag !== undefined) base.tag = reference.tag;
      if (reference.digest !== undefined) base.digest = reference.digest;
    }
    if (base.reference) {
      const localBuild = findLocalBuild(base.reference, this.model.file, this.model.context, (file) =>
        dockerfileModel(file, this.model.settings, this.model.context),
      );
      if (localBuild) base.localBuild = localBuild;
    }
    const rootImage = earlier ? earlier.rootImage : base.reference;
    const rootBuild = earlier ? stageChain(earlier).pop()?.base.localBuild : base.localBuild;
    const baseEnv = [...knownBaseEnv(rootImage), ...(rootBuild?.stage.end.env.imageEnvNames() ?? [])];
    const stage: Stage = {
      index: this.model.stages.length,
      name,
      from,
      base,
      platform: from.flag('platform'),
      isFinal: false,
      instructions: [],
      binSh: earlier ? earlier.binSh : shellFlavorOf(base.reference),
      rootImage,
      end: {
        env: this.globalScope,
        user: { numeric: false, isRoot: false, resolved: true },
        workdir: {},
        shell: defaultShell('unknown'),
      },
    };
    this.model.stages.push(stage);
    from.stage = stage;

    const parent = earlier ? this.finalStates.get(earlier) : undefined;
    const scope = parent
      ? new Scope(parent.scope.envOnly(), base.isScratch ? 'undefined' : 'maybe', baseEnv, this.escape)
      : new Scope(new Map(), base.isScratch ? 'undefined' : 'maybe', baseEnv, this.escape);
    const state: StageState = {
      stage,
      scope,
      user: parent ? parent.user : { numeric: false, isRoot: false, resolved: true },
      workdir: parent ? parent.workdir : {},
      shell: parent ? { ...parent.shell, binSh: stage.binSh } : defaultShell(stage.binSh),
    };
    from.user = state.user;
    from.workdir = state.workdir;
    from.shell = state.shell;
    return state;
  }

  private closeStage(state: StageState): void {
    this.finalStates.set(state.stage, state);
    state.stage.end = { env: state.scope, user: state.user, workdir: state.workdir, shell: state.shell };
  }

  private chooseFinalStage(): void {
    const stages = this.model.stages;
    if (stages.length === 0) return;
    const wanted = this.model.settings.finalStage;
    let final = stages[stages.length - 1];
    if (wanted) {
      const byName = this.model.stageByName(wanted);
      const byIndex = /^\d+$/.test(wanted) ? stages[Number(wanted)] : undefined;
      final = byName ?? byIndex ?? final;
    }
    final.isFinal = true;
    this.model.finalStage = final;
  }

  // ---------------------------------------------------------------- state changes

  private applyArg(instruction: Instruction, scope: Scope, global: boolean): Scope {
    let next = scope;
    const pairs = keyValuePairs(instruction.args, this.escape, false);
    if (pairs.length === 0) this.problem(instruction, 'ARG needs a name.');
    for (const pair of pairs) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(pair.key)) {
        this.problem(instruction, `\`${pair.key}\` is not a valid ARG name.`);
        continue;
      }
      let value: string | undefined;
      if (pair.hasValue) {
        const expanded = scope.expand(pair.rawValue);
        value = expanded.exact ? expanded.value : undefined;
      } else if (!global) {
        // `ARG X` inside a stage takes the global default, if any; platform args are filled by BuildKit.
        const inherited = this.globalScope.lookup(pair.key);
        if (inherited.state === 'defined') value = inherited.value;
      }
      const kind = AUTOMATIC_PLATFORM_ARGS.includes(pair.key) && !pair.hasValue ? 'builtin' : 'arg';
      next = next.with(pair.key, { value, kind, definedAt: instruction });
    }
    return next;
  }

  private applyEnv(instruction: Instruction, scope: Scope): Scope {
    let next = scope;
    const pairs = keyValuePairs(instruction.args, this.escape, true);
    if (pairs.length === 0) this.problem(instruction, 'ENV needs a name and a value.');
    for (const pair of pairs) {
      if (!pair.hasValue) {
        this.problem(instruction, `ENV \`${pair.key}\` has no value: write \`ENV ${pair.key}=value\`.`);
        continue;
      }
      // Every value sees the scope from before the instruction, not earlier pairs of the same ENV.
      const expanded = scope.expand(pair.rawValue);
      next = next.with(pair.key, {
        value: expanded.exact ? expanded.value : undefined,
        kind: 'env',
        definedAt: instruction,
      });
    }
    return next;
  }

  private advance(instruction: Instruction, state: StageState): void {
    switch (instruction.keyword) {
      case 'ARG':
        state.scope = this.applyArg(instruction, state.scope, false);
        break;
      case 'ENV':
        state.scope = this.applyEnv(instruction, state.scope);
        break;
      case 'USER': {
        const expanded = state.scope.expand(instruction.args.trim());
        const value = expanded.value;
        if (!value) {
          this.problem(instruction, 'USER needs a user name or UID.');
          break;
        }
        const [user, group] = value.split(':');
        state.user = {
          value,
          user,
          group,
          numeric: /^\d+$/.test(user) && (group === undefined || /^\d+$/.test(group)),
          isRoot: isRootUser(user),
          resolved: expanded.exact,
          setAt: instruction,
        };
        break;
      }
      case 'WORKDIR': {
        const value = state.scope.expand(instruction.args.trim()).value;
        if (!value) {
          this.problem(instruction, 'WORKDIR needs a path.');
          break;
        }
        const path =
          value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value)
            ? value
            : joinPath(state.workdir.path ?? '/', value);
        state.workdir = { path: normalizePath(path), setAt: instruction };
        break;
      }
      case 'SHELL': {
        if (instruction.form !== 'exec' || !instruction.execArgs?.length) {
          this.problem(
            instruction,
            'SHELL must be a JSON array, e.g. `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`.',
          );
          break;
        }
        state.shell = shellState(instruction.execArgs, instruction, state.stage.binSh);
        break;
      }
      default:
        break;
    }
  }

  // ---------------------------------------------------------------- per-instruction analysis

  private analyze(instruction: Instruction): void {
    const keyword = instruction.keyword;
    // SHELL's own message comes from advance(): it must be a JSON array.
    if (instruction.jsonError && keyword !== 'SHELL') {
      this.problem(
        instruction,
        `The arguments look like a JSON array but are not one (${instruction.jsonError}); Docker falls back to shell form and runs \`${instruction.args}\` as a shell command. Use double quotes: \`["executable", "arg"]\`.`,
      );
    }
    this.checkArity(instruction);
    if (DOCKER_EXPANDED.has(keyword)) instruction.variables = this.dockerVariables(instruction);
    if (keyword === 'RUN') {
      instruction.run = this.runDetails(instruction);
      instruction.variables = this.executionVariables(instruction, instruction.run);
    } else if (keyword === 'CMD' || keyword === 'ENTRYPOINT') {
      instruction.execution = this.execution(
        instruction,
        instruction.form === 'exec' ? 'exec' : 'shell',
        instruction.args,
      );
      instruction.variables = this.executionVariables(instruction, instruction.execution);
    } else if (keyword === 'HEALTHCHECK') {
      this.healthcheck(instruction);
    } else if (keyword === 'ONBUILD') {
      this.readTrigger(instruction);
    }
    // Flag values are expanded by Docker too (`--mount=...,id=$X`, `--chown=$UID`).
    for (const flag of instruction.flags) {
      if (flag.value === undefined) continue;
      flag.expanded = instruction.env.expand(flag.value).value;
      for (const use of findVariables(flag.value, this.escape)) {
        instruction.variables.push({
          name: use.name,
          line: flag.line,
          column: flag.column + flag.name.length + 3 + use.offset,
          expandedBy: 'docker',
          modifier: use.modifier,
          hasDefault: hasDefault(use.modifier),
        });
      }
    }
  }

  /** `ONBUILD RUN ...`: the trigger as an instruction of its own, analyzed where it will run. */
  private readTrigger(onbuild: Instruction): void {
    const args = this.tracedArgs.get(onbuild);
    const written = args && /^\S+/.exec(args.text)?.[0];
    if (!args || !written) return; // checkArity reported the empty ONBUILD
    const keyword = written.toUpperCase();
    if (keyword === 'ONBUILD' || keyword === 'FROM' || keyword === 'MAINTAINER') {
      this.problem(
        onbuild,
        `\`ONBUILD ${written}\` is not allowed: ${keyword === 'ONBUILD' ? 'triggers cannot be chained' : `${keyword} cannot be a trigger`}, so the build fails.`,
      );
      return;
    }
    const start = args.at(0);
    const trigger = this.makeInstruction({
      written,
      keyword,
      line: onbuild.line,
      endLine: onbuild.endLine,
      column: start.column,
      headerEndLine: onbuild.endLine,
      args: args.slice(written.length),
      heredocs: [],
    });
    trigger.index = onbuild.index;
    trigger.subject = `ONBUILD ${trigger.subject}`;
    trigger.onbuild = onbuild;
    if (onbuild.stage) trigger.stage = onbuild.stage;
    // The image built FROM this one has this stage's ENV and SHELL; its USER and WORKDIR are its own.
    trigger.env = onbuild.env instanceof Scope ? onbuild.env.forChildImage() : onbuild.env;
    trigger.user = { numeric: false, isRoot: false, resolved: false };
    trigger.workdir = {};
    trigger.shell = onbuild.shell;
    onbuild.trigger = trigger;
    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      this.problem(
        onbuild,
        `\`${written}\` is not a Dockerfile instruction: every build FROM this image fails at this trigger.`,
      );
      return;
    }
    this.analyze(trigger);
  }

  private checkArity(instruction: Instruction): void {
    const { keyword } = instruction;
    if (!KNOWN_INSTRUCTIONS.has(keyword)) return;
    const empty = instruction.args.trim() === '' && instruction.heredocs.length === 0;
    if (empty && keyword !== 'FROM' && keyword !== 'ENV' && keyword !== 'ARG') {
      this.problem(instruction, `${keyword} has no arguments.`);
      return;
    }
    if ((keyword === 'COPY' || keyword === 'ADD') && instruction.heredocs.length === 0) {
      const count = instruction.execArgs?.length ?? splitWords(instruction.args, this.escape).length;
      if (count < 2) this.problem(instruction, `${keyword} needs at least a source and a destination.`);
    }
  }

  /** `$VAR` references Docker expands in this instruction's arguments. */
  private dockerVariables(instruction: Instruction): VariableRef[] {
    const text = instruction.args;
    return findVariables(text, this.escape).map((use) => {
      const pos = instruction.argPosition(use.offset);
      return {
        name: use.name,
        line: pos.line,
        column: pos.column,
        expandedBy: 'docker' as const,
        modifier: use.modifier,
        hasDefault: hasDefault(use.modifier),
      };
    });
  }

  private runDetails(instruction: Instruction): RunDetails {
    const mounts = instruction.flags
      .filter((f) => f.name === 'mount' && f.value !== undefined)
      .map((f) => parseMount(f.value!));
    const execution = this.execution(
      instruction,
      instruction.form === 'exec' ? 'exec' : 'shell',
      instruction.args,
    );
    const details: RunDetails = { ...execution, mounts };
    const network = instruction.flag('network');
    const security = instruction.flag('security');
    if (network !== undefined) details.network = network;
    if (security !== undefined) details.security = security;
    return details;
  }

  private healthcheck(instruction: Instruction): void {
    const words = splitWords(instruction.args, this.escape);
    const first = words[0]?.raw.toUpperCase();
    if (first === 'NONE') {
      instruction.healthcheckNone = true;
      return;
    }
    if (first !== 'CMD') {
      this.problem(instruction, 'HEALTHCHECK takes `CMD <command>` or `NONE`.');
      return;
    }
    const commandText = instruction.args.slice(words[0].offset + 3);
    const json = parseJsonArray(commandText);
    if (json && 'values' in json) {
      instruction.form = 'exec';
      instruction.execArgs = json.values;
    } else {
      instruction.form = 'shell';
      if (json && 'error' in json && looksLikeExecForm(commandText, true)) {
        instruction.jsonError = json.error;
        this.problem(
          instruction,
          `The HEALTHCHECK command looks like a JSON array but is not one (${json.error}); Docker runs it as a shell command.`,
        );
      }
    }
    instruction.execution = this.execution(
      instruction,
      instruction.form === 'exec' ? 'exec' : 'shell',
      commandText,
      words[0].offset + 3,
    );
    instruction.variables = this.executionVariables(instruction, instruction.execution, words[0].offset + 3);
  }

  /** What a RUN / CMD / ENTRYPOINT / HEALTHCHECK CMD executes, parsed as shell where a shell runs it. */
  private execution(
    instruction: Instruction,
    form: 'exec' | 'shell',
    commandText: string,
    commandOffset = 0,
  ): Execution {
    const lineOfArgs = (offset: number): number => instruction.argPosition(commandOffset + offset).line;

    if (form === 'exec') {
      const argv = instruction.execArgs ?? [];
      const invocation = parseShellInvocation(argv);
      const execution: Execution = { form, argv, execShell: false, commands: [] };
      if (invocation && invocation.scriptIndex !== undefined) {
        execution.execShell = true;
        execution.script = argv[invocation.scriptIndex];
        const parsed = parseShell(execution.script, {
          initialOptions: invocation.options,
          lineOf: () => instruction.line,
        });
        execution.commands = parsed.commands;
        if (parsed.error) execution.shellError = parsed.error;
      } else if (argv.length) {
        // The exec form as one command, for rules that look at commands (`["apt-get", "install", ...]`).
        execution.commands = [execFormCommand(argv, instruction.line)!];
      }
      return execution;
    }

    const shell = instruction.shell;
    const execution: Execution = { form, argv: [...shell.argv, commandText], execShell: false, commands: [] };
    if (!shell.posix) return execution;

    // RUN <<EOF ... EOF: the body is the script (its shebang, if any, picks the interpreter).
    const scriptHeredoc = instruction.keyword === 'RUN' ? this.scriptHeredoc(instruction) : undefined;
    let script: string;
    let lineOf: (offset: number) => number;
    let options: Partial<ShellOptions> = shell.options;
    if (scriptHeredoc) {
      scriptHeredoc.isScript = true;
      script = scriptHeredoc.body;
      const bodyLine = scriptHeredoc.line;
      const bodyLines = new LineIndex(script);
      lineOf = (offset) => bodyLine + bodyLines.lineOf(offset) - 1;
      const shebang = /^#!\s*(\S+)(?:[ \t]+([^\n]*))?/.exec(script);
      if (shebang) {
        let interpreterArgv = [shebang[1], ...(shebang[2] ?? '').split(/\s+/).filter(Boolean)];
        if (interpreterArgv[0].endsWith('/env'))
          interpreterArgv = interpreterArgv.slice(1).filter((a) => a !== '-S');
        const invocation = parseShellInvocation([...interpreterArgv, '-c']);
        if (!invocation) {
          execution.interpreter = interpreterArgv[0] ?? shebang[1];
          execution.script = script;
          return execution;
        }
        options = invocation.options;
      }
    } else {
      // Heredocs of a shell-form RUN are part of the script the shell reads (`cat <<EOF > file`).
      const header = commandText;
      const pieces = [header];
      const pieceLines: ((offset: number) => number)[] = [lineOfArgs];
      let length = header.length;
      const boundaries = [0];
      for (const heredoc of instruction.heredocs) {
        const piece = '\n' + heredoc.body + (heredoc.stripTabs ? '' : '') + heredoc.delimiter;
        boundaries.push(length);
        const startLine = heredoc.line;
        const bodyLines = new LineIndex(piece.slice(1));
        pieceLines.push((offset) => startLine + bodyLines.lineOf(Math.max(0, offset - 1)) - 1);
        pieces.push(piece);
        length += piece.length;
      }
      script = pieces.join('');
      lineOf = (offset) => {
        let k = boundaries.length - 1;
        while (k > 0 && offset < boundaries[k]) k--;
        return pieceLines[k](offset - boundaries[k]);
      };
    }
    execution.script = script;
    const parsed = parseShell(script, { initialOptions: options, lineOf });
    execution.commands = parsed.commands;
    if (parsed.error) {
      execution.shellError = parsed.error;
      // A broken JSON array read as shell: its own problem says so, the shell's complaint adds nothing.
      if (!instruction.jsonError)
        this.problem(
          instruction,
          `Shell syntax error in ${instruction.keyword}: ${parsed.error.message}.`,
          parsed.error.line,
        );
    }
    return execution;
  }

  /** The heredoc whose body is the RUN's script: `RUN <<EOF` with nothing else but flags. */
  private scriptHeredoc(instruction: Instruction): Heredoc | undefined {
    if (instruction.heredocs.length === 0) return undefined;
    const header = instruction.args.trim();
    if (/^<<-?\s*(["']?)[A-Za-z0-9_][A-Za-z0-9_.-]*\1$/.test(header)) return instruction.heredocs[0];
    return undefined;
  }

  /** Variables of an execution: expanded by a shell, or by nobody in exec form. */
  private executionVariables(
    instruction: Instruction,
    execution: Execution,
    commandOffset = 0,
  ): VariableRef[] {
    const out: VariableRef[] = [];
    if (execution.form === 'exec') {
      const argv = execution.argv;
      const invocation = parseShellInvocation(argv);
      const scriptIndex = invocation?.scriptIndex;
      argv.forEach((arg, i) => {
        for (const use of findVariables(arg, '\\')) {
          const pos = this.locateInArgs(instruction, arg, use.offset, commandOffset);
          out.push({
            name: use.name,
            line: pos.line,
            column: pos.column,
            expandedBy: i === scriptIndex ? 'shell' : 'none',
            modifier: use.modifier,
            hasDefault: hasDefault(use.modifier),
            argument: arg,
          });
        }
      });
      return out;
    }
    if (execution.interpreter) return out;
    const header = instruction.args.slice(commandOffset);
    for (const use of findVariables(header, '\\')) {
      const pos = instruction.argPosition(commandOffset + use.offset);
      out.push({
        name: use.name,
        line: pos.line,
        column: pos.column,
        expandedBy: 'shell',
        modifier: use.modifier,
        hasDefault: hasDefault(use.modifier),
      });
    }
    // `RUN <<EOF`: the body is the script the shell reads.
    const script = instruction.heredocs.find((h) => h.isScript);
    if (script) {
      const bodyLines = new LineIndex(script.body);
      for (const use of findVariables(script.body, '\\')) {
        const at = bodyLines.position(use.offset);
        out.push({
          name: use.name,
          line: script.line + at.line - 1,
          // `<<-` strips leading tabs, so the column in the file is not known exactly.
          column: script.stripTabs ? 1 : at.column,
          expandedBy: 'shell',
          modifier: use.modifier,
          hasDefault: hasDefault(use.modifier),
        });
      }
    }
    return out;
  }

  /** Where `arg`'s character `offset` is in the instruction (exec-form strings are found in the text). */
  private locateInArgs(
    instruction: Instruction,
    arg: string,
    offset: number,
    commandOffset: number,
  ): { line: number; column: number } {
    const args = instruction.args;
    const encoded = JSON.stringify(arg).slice(1, -1);
    const at = args.indexOf(encoded, commandOffset);
    if (at < 0) return { line: instruction.line, column: instruction.column };
    const prefix = JSON.stringify(arg.slice(0, offset)).slice(1, -1);
    return instruction.argPosition(at + prefix.length);
  }
}

// --------------------------------------------------------------------------------------------- helpers

function shellState(argv: string[], setAt: Instruction | undefined, binSh: ShellFlavor): ShellState {
  const invocation = parseShellInvocation(argv);
  const name = (argv[0] ?? '').split(/[\\/]/).pop() ?? '';
  return {
    argv,
    setAt,
    name: invocation?.shell ?? name,
    posix: Boolean(invocation),
    options: invocation?.options ?? {},
    binSh,
  };
}

function hasDefault(modifier: string | undefined): boolean {
  return (
    modifier === ':-' ||
    modifier === '-' ||
    modifier === ':+' ||
    modifier === '+' ||
    modifier === ':=' ||
    modifier === '='
  );
}

/** `--mount=type=cache,target=/root/.cache,id=pip`. */
export function parseMount(raw: string): Mount {
  const options: Record<string, string> = {};
  for (const part of raw.split(',')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq < 0) options[part.trim()] = 'true';
    else options[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  const mount: Mount = {
    type: options.type ?? 'bind',
    readonly: ['ro', 'readonly'].some((k) => options[k] !== undefined && options[k] !== 'false'),
    options,
    raw,
  };
  const target = options.target ?? options.dst ?? options.destination;
  const source = options.source ?? options.src;
  if (target !== undefined) mount.target = target;
  if (source !== undefined) mount.source = source;
  if (options.from !== undefined) mount.from = options.from;
  if (options.id !== undefined) mount.id = options.id;
  if (options.env !== undefined) mount.env = options.env;
  return mount;
}

function joinPath(base: string, relative: string): string {
  return base.endsWith('/') ? base + relative : `${base}/${relative}`;
}

// ----------------------------------------------------------------------------------------------- facts

/**
 * A fact about a model, stage or instruction that rules ask for, computed on first use and then shared by
 * every rule (the model is complete once built, so the fact never changes). Further arguments must be
 * determined by the owner (an instruction's model). Callers must not change the fact.
 */
export function sharedFact<Owner extends object, Args extends unknown[], T>(
  compute: (owner: Owner, ...rest: Args) => T,
): (owner: Owner, ...rest: Args) => T {
  const known = new WeakMap<Owner, T>();
  return (owner, ...rest) => {
    if (known.has(owner)) return known.get(owner) as T;
    const value = compute(owner, ...rest);
    known.set(owner, value);
    return value;
  };
}

// ---------------------------------------------------------------------------------------------- stages

/** Whether a COPY/ADD/RUN --mount `from` value names a stage (by alias or index) defined before `before`. */
export function stageForReference(
  model: DockerfileModel,
  ref: string,
  before: Stage | undefined,
): Stage | undefined {
  const limit = before ? before.index : model.stages.length;
  if (/^\d+$/.test(ref)) {
    const index = Number(ref);
    return index < limit ? model.stages[index] : undefined;
  }
  const wanted = ref.toLowerCase();
  return model.stages.find((s) => s.index < limit && s.name?.toLowerCase() === wanted);
}

/** The stage and the earlier stages it is built on (`FROM build`), nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (
    let current: Stage | undefined = stage;
    current && !chain.includes(current);
    current = current.base.stage
  ) {
    chain.push(current);
  }
  return chain;
}

/**
 * The stages whose layers make up the final image: the final stage and the stages it is built on, nearest
 * first. Stages it only copies files from are not among them.
 */
export function finalImageStages(model: DockerfileModel): Stage[] {
  return model.finalStage ? stageChain(model.finalStage) : [];
}

export interface InstructionSelection {
  /**
   * Also the ONBUILD triggers, right after their ONBUILD: for rules about what an instruction does wherever it
   * runs, not about the stage it is in (a trigger's user, working directory and later steps are unknown).
   */
  triggers?: boolean;
}

/** Lists every rule asks for, computed once per model (and again if the model grew since). */
interface InstructionLists {
  count: number;
  withTriggers: Instruction[];
  runs: Instruction[];
  runsWithTriggers: Instruction[];
}
const instructionLists = new WeakMap<DockerfileModel, InstructionLists>();

function listsOf(model: DockerfileModel): InstructionLists {
  let lists = instructionLists.get(model);
  if (!lists || lists.count !== model.instructions.length) {
    const withTriggers = model.instructions.flatMap((i) => (i.trigger ? [i, i.trigger] : [i]));
    const isRun = (i: Instruction) => i.keyword === 'RUN' && i.run !== undefined;
    lists = {
      count: model.instructions.length,
      withTriggers,
      runs: model.instructions.filter(isRun),
      runsWithTriggers: withTriggers.filter(isRun),
    };
    instructionLists.set(model, lists);
  }
  return lists;
}

/** The file's instructions in order, with the ONBUILD triggers when asked. Shared: do not change the list. */
export function instructionsOf(model: DockerfileModel, selection: InstructionSelection = {}): Instruction[] {
  if (!selection.triggers) return model.instructions;
  return listsOf(model).withTriggers;
}

/**
 * Every RUN of the file, in file order; with `stages`, only the RUNs of those stages (a trigger counts in the
 * stage of its ONBUILD: it runs in the images built on that stage). Shared: do not change the list.
 */
export function runInstructions(
  model: DockerfileModel,
  stages?: readonly Stage[],
  selection: InstructionSelection = {},
): Instruction[] {
  const lists = listsOf(model);
  const runs = selection.triggers ? lists.runsWithTriggers : lists.runs;
  if (!stages) return runs;
  return runs.filter((i) => i.stage !== undefined && stages.includes(i.stage));
}

// ------------------------------------------------------------------------------------------- what runs

/** What a container of this stage runs: the ENTRYPOINT and CMD in effect, following `FROM <stage>`. */
export interface ContainerProcess {
  entrypoint?: Instruction;
  cmd?: Instruction;
  /** ENTRYPOINT argv followed by CMD argv (shell forms included as their shell invocation). */
  argv: string[];
}

export function containerProcess(stage: Stage): ContainerProcess {
  return containerProcessOf(stage);
}

const containerProcessOf = sharedFact((stage: Stage): ContainerProcess => {
  let entrypoint: Instruction | undefined;
  let cmd: Instruction | undefined;
  for (const s of stageChain(stage).reverse()) {
    let cmdFromThisStage = false;
    for (const i of s.instructions) {
      if (i.keyword === 'ENTRYPOINT') {
        entrypoint = i;
        // Setting ENTRYPOINT drops a CMD inherited from the base; a CMD set earlier in the same stage stays.
        if (!cmdFromThisStage) cmd = undefined;
      } else if (i.keyword === 'CMD') {
        cmd = i;
        cmdFromThisStage = true;
      }
    }
  }
  const argvOf = (i: Instruction | undefined): string[] => i?.execution?.argv ?? [];
  const argv = entrypoint
    ? entrypoint.form === 'exec'
      ? [...argvOf(entrypoint), ...argvOf(cmd)]
      : argvOf(entrypoint)
    : argvOf(cmd);
  return { entrypoint, cmd, argv };
});

// ------------------------------------------------------------------------------------------- variables

/** A variable an ENV or ARG instruction sets. */
export interface DeclaredVariable {
  name: string;
  /** After Docker's substitution; undefined when it is not given (`ARG X`) or depends on an unknown value. */
  value: string | undefined;
  hasValue: boolean;
}

/** Every variable an ENV or ARG sets (the legacy `ENV KEY value` included), in order. */
export function declaredVariables(model: DockerfileModel, instruction: Instruction): DeclaredVariable[] {
  if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') return [];
  return declaredVariablesOf(instruction, model);
}

const declaredVariablesOf = sharedFact(
  (instruction: Instruction, model: DockerfileModel): DeclaredVariable[] =>
    keyValuePairs(instruction.args, model.escapeChar, instruction.keyword === 'ENV').map((pair) => {
      if (!pair.hasValue) return { name: pair.key, value: undefined, hasValue: false };
      const expanded = instruction.env.expand(pair.rawValue);
      return { name: pair.key, value: expanded.exact ? expanded.value : undefined, hasValue: true };
    }),
);

/**
 * A `$X` in an ENV value where X is assigned by an earlier pair of the same ENV (`ENV A=1 B=$A`): Docker
 * substitutes every value with the variables from before the instruction, so it does not get that pair's value.
 */
export interface SameInstructionReference {
  /** The variable referenced, and the pair assigning it earlier in the instruction. */
  name: string;
  earlier: KeyValue;
  /** The pair whose value holds the reference. */
  pair: KeyValue;
  /** Offset of the `$` in the instruction's `args`. */
  offset: number;
  /**
   * The pair assigns the variable it reads, which an earlier pair assigned too (`ENV PATH=/a:$PATH
   * PATH=/b:$PATH`): both extend the value from before the instruction, so the earlier one is lost.
   */
  repeatsItself: boolean;
}

/** Every reference of an ENV to a variable the same ENV assigned earlier (one per pair and name). */
export function sameInstructionReferences(
  model: DockerfileModel,
  instruction: Instruction,
): SameInstructionReference[] {
  if (instruction.keyword !== 'ENV') return [];
  const pairs = keyValuePairs(instruction.args, model.escapeChar, true);
  const out: SameInstructionReference[] = [];
  for (let k = 1; k < pairs.length; k++) {
    const pair = pairs[k];
    const earlier = new Map(
      pairs
        .slice(0, k)
        .filter((p) => p.hasValue)
        .map((p) => [p.key, p]),
    );
    const seen = new Set<string>();
    for (const use of findVariables(pair.rawValue, model.escapeChar)) {
      const assigned = earlier.get(use.name);
      if (!assigned || seen.has(use.name)) continue;
      seen.add(use.name);
      out.push({
        name: use.name,
        earlier: assigned,
        pair,
        offset: pair.valueOffset + use.offset,
        repeatsItself: use.name === pair.key,
      });
    }
  }
  return out;
}

// ----------------------------------------------------------------------------------------------- paths

/**
 * `/a/./b/../c/` → `/a/c`, `./src//` → `src`: `.`, `..` and repeated or trailing slashes resolved. Windows
 * paths (`C:\app`) are returned as written.
 */
export function normalizePath(path: string): string {
  if (/^[A-Za-z]:/.test(path)) return path;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return (path.startsWith('/') ? '/' : '') + parts.join('/');
}

/** Resolves a path against a working directory; undefined when it is relative and the directory is unknown. */
export function resolvePath(path: string, cwd: string | undefined): string | undefined {
  if (path.startsWith('/')) return normalizePath(path);
  if (!cwd || /^[A-Za-z]:/.test(path)) return undefined;
  return normalizePath(`${cwd}/${path}`);
}

/**
 * Whether `path` is `dir` or below it, both normalized; relative paths compare with relative ones. `.` is
 * the current directory, which is not known here, so it may hold any path.
 */
export function isWithin(path: string, dir: string): boolean {
  const p = normalizePath(path);
  const d = normalizePath(dir);
  if (d === '') return true;
  if (d === '/') return p.startsWith('/');
  return p === d || p.startsWith(d + '/');
}

/** The last segment of a path or a command name: `/usr/bin/apt-get` → `apt-get`, `conf.d/` → `conf.d`. */
export function baseName(path: string): string {
  // Most command names have no slash; rules ask this of every command, so that case allocates nothing.
  if (!path.includes('/')) return path;
  return path.replace(/\/+$/, '').split('/').pop() ?? path;
}

/** `.`, `./`, `/`, `dir/`, `dir/.`: the destination is certainly a directory. */
export function isDirectoryDestination(dest: string): boolean {
  return /[/\\]$/.test(dest) || dest === '.' || dest === '..' || /[/\\]\.$/.test(dest);
}

// ------------------------------------------------------------------------------------------ COPY / ADD

/** One path argument of COPY/ADD: as written, and after Docker's substitution. */
export interface PathArgument {
  written: string;
  value: string;
  /** False when a build arg's value is unknown. */
  exact: boolean;
  /** `<<EOF` of `COPY <<EOF /dest`: an inline file, not a path. */
  heredoc: boolean;
  /** Offset in the instruction's `args` (undefined for exec form). */
  offset?: number;
}

export interface CopyArguments {
  sources: PathArgument[];
  destination: PathArgument;
  /** `--from` as written, and the earlier stage it names (undefined for an image or the build context). */
  from?: string;
  fromStage?: Stage;
}

/** Sources and destination of a COPY or ADD; undefined when it has fewer than two arguments. */
export function copyArguments(model: DockerfileModel, instruction: Instruction): CopyArguments | undefined {
  if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return undefined;
  return copyArgumentsOf(instruction, model);
}

const copyArgumentsOf = sharedFact(
  (instruction: Instruction, model: DockerfileModel): CopyArguments | undefined => {
    const expand = (text: string): { value: string; exact: boolean } => {
      const expanded = instruction.env.expand(text);
      return { value: expanded.value, exact: expanded.exact };
    };
    let args: PathArgument[];
    if (instruction.form === 'exec' && instruction.execArgs) {
      args = instruction.execArgs.map((a) => ({
        written: a,
        ...expand(a.replace(/\\/g, '\\\\')),
        heredoc: false,
      }));
    } else {
      args = splitWords(instruction.args, model.escapeChar).map((w) => ({
        written: w.raw,
        ...(w.raw.startsWith('<<') ? { value: w.raw, exact: true } : expand(w.raw)),
        heredoc: w.raw.startsWith('<<'),
        offset: w.offset,
      }));
    }
    if (args.length < 2) return undefined;
    const from = instruction.flag('from');
    const result: CopyArguments = { sources: args.slice(0, -1), destination: args[args.length - 1] };
    if (from !== undefined) {
      result.from = from;
      const fromValue = instruction.env.expand(from).value;
      const fromStage = stageForReference(model, fromValue, instruction.stage);
      if (fromStage) result.fromStage = fromStage;
    }
    return result;
  },
);

/** The absolute path a COPY/ADD source lands at, when it can be told. */
export function landingPath(
  instruction: Instruction,
  args: CopyArguments,
  source: PathArgument,
): string | undefined {
  const dest = resolvePath(args.destination.value, instruction.workdir.path ?? '/');
  if (!dest) return undefined;
  const sourceIsDirectory = /\/$/.test(source.value) || source.value === '.' || /^\.\/?$/.test(source.value);
  if (sourceIsDirectory) return dest;
  if (isDirectoryDestination(args.destination.value) || args.sources.length > 1) {
    return normalizePath(`${dest}/${baseName(source.value)}`);
  }
  return dest;
}

/**
 * Whether a file at `path` in `stage` ends up in the final image: the stage is one the final image is
 * built FROM, or a stage that does reach it copies the file (or a directory holding it) with COPY --from.
 */
export function reachesFinalImage(model: DockerfileModel, stage: Stage, path: string, depth = 0): boolean {
  const finalStages = finalImageStages(model);
  if (finalStages.includes(stage)) return true;
  if (depth > model.stages.length) return false;
  for (const consumer of model.stages) {
    for (const instruction of consumer.instructions) {
      if (instruction.keyword !== 'COPY') continue;
      const args = copyArguments(model, instruction);
      if (!args || args.fromStage !== stage) continue;
      for (const source of args.sources) {
        const sourcePath = normalizePath('/' + source.value.replace(/^\/+/, ''));
        const glob = /[*?[]/.test(sourcePath);
        const matches = glob
          ? ancestorsOf(path).some((p) => picomatch(sourcePath, { dot: true })(p))
          : isWithin(path, sourcePath);
        if (!matches) continue;
        const dest = resolvePath(args.destination.value, instruction.workdir.path ?? '/');
        // Where the file lands in the consumer; when that is unknown, any path under the destination will do.
        const moved = dest
          ? glob || sourcePath === path
            ? isDirectoryDestination(args.destination.value)
              ? normalizePath(`${dest}/${baseName(path)}`)
              : dest
            : normalizePath(`${dest}/${path.slice(sourcePath === '/' ? 1 : sourcePath.length + 1)}`)
          : '/';
        if (reachesFinalImage(model, consumer, moved, depth + 1)) return true;
      }
    }
  }
  return false;
}

function ancestorsOf(path: string): string[] {
  const out = [path];
  let current = path;
  while (current.lastIndexOf('/') > 0) {
    current = current.slice(0, current.lastIndexOf('/'));
    out.push(current);
  }
  return out;
}
