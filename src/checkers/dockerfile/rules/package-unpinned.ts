import type { Rule } from '../../../engine/rule';
import { runInstructions, type DockerfileModel } from '../model';
import { packageCommands, type Operand, type PackageCommand } from '../packages';

const isUrl = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('git+');
const isPath = (value: string): boolean => /^(\.{1,2}(\/|$)|\/|~\/)/.test(value);

/** A local file or URL instead of a name from the repository: its content is whatever the file is. */
function isArtifact(value: string, extensions: RegExp): boolean {
  return isPath(value) || isUrl(value) || extensions.test(value);
}

/** Operands named without a version, per manager; undefined when the command installs nothing by name. */
function unpinned(pc: PackageCommand): Operand[] | undefined {
  const names = pc.operands.filter((o) => !o.word.dynamic && o.value !== '');
  switch (pc.manager) {
    case 'apt-get':
    case 'apt':
      if (pc.action !== 'install') return undefined;
      // `pkg=1.2-1`, `pkg=1.2*`; a release (`pkg/bookworm-backports`) is not a version.
      return names.filter((o) => !o.value.includes('=') && !isArtifact(o.value, /\.deb$/));
    case 'apk':
      if (pc.action !== 'add') return undefined;
      // `pkg=1.2-r0`, `pkg~1.2`, `pkg>=1.2`, `pkg<2`.
      return names.filter((o) => !/[=~<>]/.test(o.value) && !isArtifact(o.value, /\.apk$/));
    case 'pip':
      if (pc.action !== 'install') return undefined;
      // A constraints file pins whatever the command names.
      if (pc.has('-c', '--constraint')) return [];
      return names.filter(
        (o) => !/(===?|~=|!=|<=?|>=?|@)/.test(o.value) && !isArtifact(o.value, /\.(whl|tar\.gz|zip|tgz)$/),
      );
    case 'npm':
    case 'pnpm':
      if (!['install', 'i', 'add'].includes(pc.action)) return undefined;
      return names.filter((o) => {
        if (isArtifact(o.value, /\.(tgz|tar\.gz)$/) || /^(file|link|git|github|npm):/.test(o.value))
          return false;
        const at = o.value.indexOf('@', 1);
        if (at < 0) return true;
        const version = o.value.slice(at + 1);
        return version === '' || version === '*' || version === 'latest' || version === 'next';
      });
    case 'gem':
      if (pc.action !== 'install') return undefined;
      if (pc.has('-v', '--version')) return [];
      return names.filter((o) => !o.value.includes(':') && !isArtifact(o.value, /\.gem$/));
    case 'go':
      if (pc.action !== 'install') return undefined;
      // Without `@` a module-aware `go install` builds what go.mod pins; `@latest` and branches float.
      return names.filter((o) => {
        const at = o.value.lastIndexOf('@');
        return (
          at >= 0 && ['latest', 'master', 'main', 'HEAD', 'upgrade', 'patch'].includes(o.value.slice(at + 1))
        );
      });
    default:
      return undefined;
  }
}

const HOW: Partial<Record<PackageCommand['manager'], string>> = {
  'apt-get': '`pkg=1.2.3-1`',
  apt: '`pkg=1.2.3-1`',
  apk: '`pkg=1.2.3-r0` (or `pkg~1.2`)',
  pip: '`pkg==1.2.3` or a requirements/constraints file',
  npm: '`pkg@1.2.3`',
  pnpm: '`pkg@1.2.3`',
  gem: '`-v 1.2.3` or `pkg:1.2.3`',
  go: '`module/cmd@v1.2.3`',
};

export const packageUnpinned: Rule<DockerfileModel> = {
  id: 'dockerfile/package-unpinned',
  severity: 'notice',
  title: 'Package installed without a version',
  help:
    'A package installed by name gets whatever version the repository has on the day of the build, so two builds of the same commit can differ and a breaking release arrives unannounced. ' +
    'Fix: pin versions (`apt-get install curl=7.88.1-10+deb12u5`, `apk add curl=8.5.0-r0`, `pip install flask==3.0.3` or `-r requirements.txt` with pins, `npm install -g pnpm@9.1.0`, `gem install bundler -v 2.5.10`, `go install golang.org/x/tools/cmd/goimports@v0.22.0`). Off by default: OS packages pinned exactly break when the mirror drops the old version, so enable it where reproducibility is worth that.',
  defaultOff: true,
  aliases: ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3028'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask gunicorn\n',
    good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, undefined, { triggers: true })) {
      for (const pc of packageCommands(instruction)) {
        const loose = unpinned(pc);
        if (!loose || loose.length === 0) continue;
        const listed = loose.map((o) => `\`${o.value}\``).join(', ');
        report({
          file: model.path,
          line: pc.outer.line,
          message: `${pc.manager} ${pc.action} installs ${listed} without a version; pin ${loose.length > 1 ? 'them' : 'it'} as ${HOW[pc.manager]}.`,
          subject: `${instruction.subject}\u0000${pc.command.text}`,
        });
      }
    }
  },
};
