import type { Rule } from '../../../engine/rule';
import { effectiveCommand, type ShellCommand } from '../../../parse/shell';
import { baseName, runInstructions, type DockerfileModel, type Instruction } from '../model';
import { packageCommands, type PackageCommand } from '../packages';

const isUrl = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('git+');
const isPath = (value: string): boolean => /^(\.{1,2}(\/|$)|\/|~\/)/.test(value);

/** A local file or URL instead of a name from the repository: its content is whatever the file is. */
function isArtifact(value: string, extensions: RegExp): boolean {
  return isPath(value) || isUrl(value) || extensions.test(value);
}

/** Git refs and version queries that move: a branch, or "whatever is newest". */
const FLOATING = new Set([
  'latest',
  'master',
  'main',
  'HEAD',
  'head',
  'develop',
  'dev',
  'trunk',
  'upgrade',
  'patch',
]);

/**
 * Why a package floats: no version at all, a git source with no ref (the default branch), or a ref that
 * is a branch or `latest`.
 */
type Looseness = 'version' | 'ref' | 'branch';

interface Loose {
  value: string;
  why: Looseness;
}

/** A git source's ref: `repo.git@v1.0` (pip), `repo#v1.0` (npm); undefined when there is none. */
function gitRef(url: string, separator: '@' | '#'): string | undefined {
  const withoutScheme = url.replace(/^[a-z][a-z0-9+.-]*:(\/\/)?/i, '');
  if (separator === '#') {
    const hash = withoutScheme.indexOf('#');
    return hash < 0 ? undefined : withoutScheme.slice(hash + 1);
  }
  // pip: the ref follows the last `@` of the path (`git@host` before the first `/` is the user).
  const path = withoutScheme.replace(/#.*$/, '');
  const slash = path.indexOf('/');
  const at = path.lastIndexOf('@');
  return at > slash && slash >= 0 ? path.slice(at + 1) : undefined;
}

function gitLooseness(ref: string | undefined): Looseness | undefined {
  if (ref === undefined || ref === '') return 'ref';
  return FLOATING.has(ref) ? 'branch' : undefined;
}

/** `https://github.com/o/r/archive/refs/heads/main.zip`: a download of a branch's current state. */
function isBranchArchive(value: string): boolean {
  return /\/archive\/(refs\/heads\/)?(main|master|develop|trunk)\.(zip|tar\.gz|tgz)$/.test(value);
}

// ------------------------------------------------------------------------------------ per manager

function rpmLoose(pc: PackageCommand): Loose[] | undefined {
  // `reinstall` puts back the version already installed.
  if (!['install', 'in'].includes(pc.action)) return undefined;
  return pc.operands
    .filter((o) => !o.word.dynamic && o.value !== '')
    .filter(
      (o) =>
        // `@group` and `@module:stream` are not packages; `pkg(capability)` and file provides are not names.
        !o.value.startsWith('@') &&
        !o.value.includes('(') &&
        !isArtifact(o.value, /\.rpm$/) &&
        !isRpmVersioned(o.value),
    )
    .map((o) => ({ value: o.value, why: 'version' }));
}

/** `nginx-1.24.0`, `nginx-1:1.24.0-1.el9.x86_64`, `nginx-1.24*`, `nginx = 1.24`, `nginx>=1.24`. */
function isRpmVersioned(value: string): boolean {
  if (/[<>=]/.test(value)) return true;
  const dash = value.lastIndexOf('-');
  return dash > 0 && /^(\d+:)?\d/.test(value.slice(dash + 1));
}

function zypperLoose(pc: PackageCommand): Loose[] | undefined {
  if (!['install', 'in'].includes(pc.action)) return undefined;
  // Patterns, patches and products are collections, not versioned packages.
  const type = pc.values('-t', '--type')[0];
  if (type && type !== 'package') return [];
  return pc.operands
    .filter((o) => !o.word.dynamic && o.value !== '')
    .filter((o) => !o.value.includes('(') && !isArtifact(o.value, /\.rpm$/) && !isRpmVersioned(o.value))
    .map((o) => ({ value: o.value, why: 'version' }));
}

function pipLoose(pc: PackageCommand): Loose[] | undefined {
  if (pc.action !== 'install') return undefined;
  const out: Loose[] = [];
  // Editable installs (`-e git+https://...#egg=x`) take their source as an option value.
  for (const value of pc.values('-e', '--editable')) {
    if (!value.includes('git+')) continue;
    const why = gitLooseness(gitRef(value.slice(value.indexOf('git+')), '@'));
    if (why) out.push({ value, why });
  }
  const constrained = pc.has('-c', '--constraint');
  for (const o of pc.operands) {
    if (o.word.dynamic || o.value === '') continue;
    if (o.value.includes('git+')) {
      const why = gitLooseness(gitRef(o.value.slice(o.value.indexOf('git+')), '@'));
      if (why) out.push({ value: o.value, why });
      continue;
    }
    if (isBranchArchive(o.value)) {
      out.push({ value: o.value, why: 'branch' });
      continue;
    }
    // A constraints file pins whatever the command names.
    if (constrained) continue;
    if (!/(===?|~=|!=|<=?|>=?|@)/.test(o.value) && !isArtifact(o.value, /\.(whl|tar\.gz|zip|tgz)$/))
      out.push({ value: o.value, why: 'version' });
  }
  return out;
}

/** npm, pnpm and Yarn package specs: a registry name with a version, a git source with a ref, or a file. */
function nodeSpecLoose(value: string): Looseness | undefined {
  // `alias@github:o/r`, `name@git+https://...`: the part after the name is the spec.
  const at = value.indexOf('@', 1);
  const spec = at > 0 && /^[a-z+]+:|^[\w.-]+\//i.test(value.slice(at + 1)) ? value.slice(at + 1) : value;
  const gitLike =
    /^(git\+[a-z]+|git|github|gitlab|bitbucket|gist):/i.test(spec) ||
    /^https?:\/\/.*\.git(#.*)?$/i.test(spec) ||
    /^[A-Za-z0-9][\w.-]*\/[\w.-]+(#.*)?$/.test(spec);
  // `#semver:^1.2` is a range over the repository's tags, like a version range from the registry.
  if (gitLike) return gitLooseness(gitRef(spec, '#'));
  if (isArtifact(spec, /\.(tgz|tar\.gz)$/) || /^(file|link|npm|workspace|portal|patch):/.test(spec))
    return undefined;
  if (at < 0) return 'version';
  const version = value.slice(at + 1);
  return version === '' || version === '*' || version === 'latest' || version === 'next'
    ? 'version'
    : undefined;
}

function nodeLoose(pc: PackageCommand): Loose[] | undefined {
  let operands = pc.operands;
  if (pc.manager === 'yarn') {
    if (pc.action === 'global' && operands[0]?.value === 'add') operands = operands.slice(1);
    else if (pc.action !== 'add') return undefined;
  } else if (!['install', 'i', 'add'].includes(pc.action)) return undefined;
  const out: Loose[] = [];
  for (const o of operands) {
    if (o.word.dynamic || o.value === '') continue;
    const why = nodeSpecLoose(o.value);
    if (why) out.push({ value: o.value, why });
  }
  return out;
}

function gemLoose(pc: PackageCommand): Loose[] | undefined {
  if (pc.action !== 'install') return undefined;
  if (pc.has('-v', '--version')) return [];
  return pc.operands
    .filter((o) => !o.word.dynamic && o.value !== '')
    .filter((o) => !o.value.includes(':') && !isArtifact(o.value, /\.gem$/))
    .map((o) => ({ value: o.value, why: 'version' }));
}

/** `latest`/`upgrade`/`patch` are version queries; `master`, `main`, `HEAD` are branches. */
function goQueryLooseness(query: string): Looseness | undefined {
  if (!FLOATING.has(query)) return undefined;
  return ['latest', 'upgrade', 'patch'].includes(query) ? 'version' : 'branch';
}

function goLoose(pc: PackageCommand): Loose[] | undefined {
  if (!['install', 'get', 'run'].includes(pc.action)) return undefined;
  const out: Loose[] = [];
  // `go run` takes the program's own arguments after the package: only the first operand is a package.
  const operands = pc.action === 'run' ? pc.operands.slice(0, 1) : pc.operands;
  for (const o of operands) {
    if (o.word.dynamic || o.value === '' || isPath(o.value) || o.value.endsWith('.go')) continue;
    const at = o.value.lastIndexOf('@');
    if (at >= 0) {
      const why = goQueryLooseness(o.value.slice(at + 1));
      if (why) out.push({ value: o.value, why });
    } else if (pc.action === 'get' && o.value.includes('.')) {
      // Without a version `go get` upgrades the module to its latest release; `go install` and `go run`
      // build what go.mod requires (and refuse a remote package without a version outside a module).
      out.push({ value: o.value, why: 'version' });
    }
  }
  return out;
}

function looseOperands(pc: PackageCommand): Loose[] | undefined {
  switch (pc.manager) {
    case 'apt-get':
    case 'apt':
      if (pc.action !== 'install') return undefined;
      // `pkg=1.2-1`, `pkg=1.2*`; a release (`pkg/bookworm-backports`) is not a version.
      return pc.operands
        .filter((o) => !o.word.dynamic && o.value !== '')
        .filter((o) => !o.value.includes('=') && !isArtifact(o.value, /\.deb$/))
        .map((o) => ({ value: o.value, why: 'version' }));
    case 'apk':
      if (pc.action !== 'add') return undefined;
      // `pkg=1.2-r0`, `pkg~1.2`, `pkg>=1.2`, `pkg<2`.
      return pc.operands
        .filter((o) => !o.word.dynamic && o.value !== '')
        .filter((o) => !/[=~<>]/.test(o.value) && !isArtifact(o.value, /\.apk$/))
        .map((o) => ({ value: o.value, why: 'version' }));
    case 'yum':
    case 'dnf':
    case 'microdnf':
      return rpmLoose(pc);
    case 'zypper':
      return zypperLoose(pc);
    case 'pip':
      return pipLoose(pc);
    case 'npm':
    case 'pnpm':
    case 'yarn':
      return nodeLoose(pc);
    case 'gem':
      return gemLoose(pc);
    case 'go':
      return goLoose(pc);
    default:
      return undefined;
  }
}

// ----------------------------------------------------------------------------------------------- cargo

const CARGO_WITH_VALUE = new Set([
  '--version',
  '--vers',
  '--git',
  '--branch',
  '--tag',
  '--rev',
  '--path',
  '--root',
  '--index',
  '--registry',
  '--target',
  '--target-dir',
  '--features',
  '--profile',
  '--bin',
  '--example',
  '--jobs',
  '--config',
  '--color',
  '--message-format',
  '-F',
  '-j',
  '-Z',
]);

/** `cargo install` reads its own argv: cargo is not among the package managers the model knows. */
function cargoLoose(command: ShellCommand): Loose[] | undefined {
  if (baseName(command.name) !== 'cargo' || command.args[0] !== 'install') return undefined;
  const options = new Map<string, string>();
  const crates: string[] = [];
  const words = command.words.slice(2);
  for (let i = 0; i < words.length; i++) {
    const value = words[i].value;
    if (!value.startsWith('-')) {
      if (!words[i].dynamic) crates.push(value);
      continue;
    }
    const eq = value.indexOf('=');
    const name = eq < 0 ? value : value.slice(0, eq);
    options.set(
      name,
      eq >= 0 ? value.slice(eq + 1) : CARGO_WITH_VALUE.has(name) ? (words[++i]?.value ?? '') : '',
    );
  }
  const git = options.get('--git');
  if (git !== undefined) {
    if (options.has('--rev') || options.has('--tag')) return [];
    return [{ value: git, why: options.has('--branch') ? 'branch' : 'ref' }];
  }
  if (options.has('--path') || options.has('--version') || options.has('--vers')) return [];
  return crates.filter((c) => !c.includes('@')).map((value) => ({ value, why: 'version' }));
}

// ----------------------------------------------------------------------------------------------- rule

const HOW: Record<string, string> = {
  'apt-get': '`pkg=1.2.3-1`',
  apt: '`pkg=1.2.3-1`',
  apk: '`pkg=1.2.3-r0` (or `pkg~1.2`)',
  yum: '`pkg-1.2.3` (or `pkg-1.2.3-1.el9`)',
  dnf: '`pkg-1.2.3` (or `pkg-1.2.3-1.el9`)',
  microdnf: '`pkg-1.2.3` (or `pkg-1.2.3-1.el9`)',
  zypper: '`pkg=1.2.3` (or `pkg-1.2.3`)',
  pip: '`pkg==1.2.3` or a requirements/constraints file',
  npm: '`pkg@1.2.3`',
  pnpm: '`pkg@1.2.3`',
  yarn: '`pkg@1.2.3`',
  gem: '`-v 1.2.3` or `pkg:1.2.3`',
  go: '`module/cmd@v1.2.3`',
  cargo: '`--version 1.2.3` or `crate@1.2.3`',
};

/** How each manager names a git ref. */
const REF: Record<string, string> = {
  pip: 'a tag or commit (`git+https://host/repo.git@v1.2.0`, or an `archive/refs/tags/v1.2.0.zip` URL)',
  npm: '`#<tag or commit>` after the repository',
  pnpm: '`#<tag or commit>` after the repository',
  yarn: '`#<tag or commit>` after the repository',
  go: 'a release (`@v1.2.3`) or a commit',
  cargo: '`--tag <tag>` or `--rev <commit>`',
};

function describe(manager: string, action: string, loose: readonly Loose[]): string {
  const list = (why: Looseness): string[] => loose.filter((l) => l.why === why).map((l) => `\`${l.value}\``);
  const parts: string[] = [];
  const versionless = list('version');
  if (versionless.length > 0)
    parts.push(
      `installs ${versionless.join(', ')} without a version; pin ${versionless.length > 1 ? 'them' : 'it'} as ${HOW[manager]}`,
    );
  const refless = list('ref');
  if (refless.length > 0)
    parts.push(
      `installs ${refless.join(', ')} from git without a ref, so it gets whatever the default branch holds; pin ${REF[manager]}`,
    );
  const branches = list('branch');
  if (branches.length > 0)
    parts.push(
      `installs ${branches.join(', ')} at a branch or \`latest\`, which moves; pin ${REF[manager] ?? HOW[manager]}`,
    );
  return `${manager} ${action} ${parts.join('; it also ')}.`;
}

export const packageUnpinned: Rule<DockerfileModel> = {
  id: 'dockerfile/package-unpinned',
  severity: 'notice',
  title: 'Package installed without a version',
  help:
    'A package installed by name gets whatever version the repository has on the day of the build, so two builds of the same commit can differ and a breaking release arrives unannounced; a git source without a tag or commit, a branch, or `@latest` moves the same way. ' +
    'Fix: pin versions (`apt-get install curl=7.88.1-10+deb12u5`, `apk add curl=8.5.0-r0`, `dnf install -y nginx-1.24.0`, `zypper install nginx=1.24.0`, `pip install flask==3.0.3` or `-r requirements.txt` with pins, `npm install -g pnpm@9.1.0`, `gem install bundler -v 2.5.10`, `go install golang.org/x/tools/cmd/goimports@v0.22.0`, `cargo install ripgrep --version 14.1.0`), and give git sources a tag or commit (`pip install git+https://github.com/org/lib.git@v1.2.0`, `npm install github:org/lib#v1.2.0`, `cargo install --git ... --tag v1.2.0`). ' +
    'Off by default: OS packages pinned exactly break when the mirror drops the old version, so enable it where reproducibility is worth that.',
  defaultOff: true,
  aliases: ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3028', 'DL3033', 'DL3037', 'DL3041'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask gunicorn\n',
    good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, undefined, { triggers: true })) {
      for (const pc of packageCommands(instruction)) {
        const loose = looseOperands(pc);
        const action = pc.manager === 'yarn' && pc.action === 'global' ? 'global add' : pc.action;
        if (loose && loose.length > 0)
          reportLoose(model, instruction, pc.outer, pc.command, pc.manager, action, loose, report);
      }
      for (const outer of instruction.run?.commands ?? []) {
        const command = effectiveCommand(outer);
        const loose = cargoLoose(command);
        if (loose && loose.length > 0)
          reportLoose(model, instruction, outer, command, 'cargo', 'install', loose, report);
      }
    }
  },
};

function reportLoose(
  model: DockerfileModel,
  instruction: Instruction,
  outer: ShellCommand,
  command: ShellCommand,
  manager: string,
  action: string,
  loose: readonly Loose[],
  report: Parameters<Rule<DockerfileModel>['check']>[1],
): void {
  report({
    file: model.path,
    line: outer.line,
    message: describe(manager, action, loose),
    subject: `${instruction.subject}\u0000${command.text}`,
  });
}
