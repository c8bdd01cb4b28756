// What kind of image a Dockerfile builds, and whether its process gives up root on its own. The root-user
// rules only make sense for a service image whose process keeps the user it starts with: a base or toolchain
// image, a data image with no process, or a build/test/devcontainer image is run by someone who chooses the
// user, and an entrypoint that switches user with gosu/su-exec/setpriv runs the service unprivileged.
import {
  baseName,
  copyArguments,
  containerProcess,
  dockerfileModel,
  finalImageStages,
  normalizePath,
  sharedFact,
  type DockerfileModel,
  type Instruction,
} from './model';
import { builtOnBy } from './local-images';

export type ImageKind = 'service' | 'base' | 'data' | 'build';

export interface ImagePurpose {
  kind: ImageKind;
  /** Why this kind was inferred, to quote in messages ("it sets no CMD or ENTRYPOINT of its own"). */
  because: string;
}

/** Commands that start a process as another user: the image starts as root and drops privileges. */
const PRIVILEGE_DROPPERS = ['gosu', 'su-exec', 'setpriv', 'runuser', 's6-setuidgid', 'chpst', 'setuidgid'];

/** `chroot --userspec=app`, `su app -c ...`, `sudo -u app ...`: a command run as another user. */
const DROP_PATTERN = new RegExp(
  [
    `(^|[\\s/;|&'"(])(${PRIVILEGE_DROPPERS.join('|')})\\s`,
    `\\bchroot\\s+--userspec`,
    `\\bsu\\s+(-[a-z]+\\s+)*-c\\s`,
    `\\bsu\\s+(-[a-z]+\\s+)*[a-z_][\\w-]*\\s+-c\\s`,
    `\\bsudo\\s+(-[A-Za-z]+\\s+)*-u\\s`,
  ].join('|'),
  'm',
);

/**
 * Servers that start as root by design and run their workers as an unprivileged user of their own
 * configuration (nginx, Apache httpd, php-fpm, the mail daemons): no USER is the documented way to run them.
 */
const SELF_DROPPING_DAEMONS =
  /^(nginx|openresty|httpd|httpd-foreground|apache2|apache2-foreground|apachectl|php-fpm[\d.]*|postfix|dovecot|master|sshd|named|unbound|squid|vsftpd|proftpd|pure-ftpd|exim|smbd|cupsd)$/;

/**
 * Supervisors that start several programs, each as the `user=` of its own section (supervisord) or run
 * script (runit, s6): the supervisor needs root to do so, and the programs' users are set there.
 */
const PROCESS_SUPERVISORS = new Set(['supervisord', 'runsvdir', 's6-svscan']);

/**
 * `chmod 1777 /data` (world-writable with the sticky bit, like /tmp), or `chmod g=u` on directories given
 * to group 0 (OpenShift's arbitrary UIDs): the image is made for a user picked when it runs (`docker run
 * --user`, `runAsUser`), so it deliberately names none. A plain `chmod 777` says nothing of the kind.
 */
const STICKY_WORLD_WRITABLE = /^(0?1777|a\+rwxt|[ugoa]*=rwxt)$/;
const GROUP_AS_OWNER = /^g(=u|\+rwX?|=rwX?)$/;

function preparedForAnyUser(model: DockerfileModel): string | undefined {
  let groupZero = false;
  let groupWritable: string | undefined;
  for (const stage of finalImageStages(model)) {
    for (const instruction of stage.instructions) {
      for (const command of instruction.run?.commands ?? []) {
        const [mode] = command.args.filter((a) => !a.startsWith('-'));
        if (!mode) continue;
        if (command.name === 'chgrp' && (mode === '0' || mode === 'root')) groupZero = true;
        if (command.name === 'chown' && /:(0|root)$/.test(mode)) groupZero = true;
        if (command.name !== 'chmod') continue;
        const text = `chmod ${command.args.join(' ')}`;
        if (STICKY_WORLD_WRITABLE.test(mode)) return text;
        if (GROUP_AS_OWNER.test(mode)) groupWritable ??= text;
      }
    }
  }
  return groupZero ? groupWritable : undefined;
}

/** Wrappers that start the real command as a child: the command after them is what runs. */
const INIT_WRAPPERS = new Set(['tini', 'tini-static', 'dumb-init', 'catatonit', 'pid1']);

/** What a shell or REPL as CMD says: the image is a toolchain a user starts commands in. */
const INTERACTIVE = new Set([
  'sh',
  'bash',
  'ash',
  'zsh',
  'fish',
  'python',
  'python3',
  'node',
  'irb',
  'iex',
  'erl',
  'jshell',
  'ghci',
  'php',
  'pwsh',
  'R',
  'julia',
  'ipython',
]);

/** Directories and file-name words of images that only build, test or host development. */
const BUILD_PATH =
  /(^|\/)(\.devcontainer|\.github|tests?|test[-_]?\w+|testing|testdata|e2e|integration|ci|hack|fixtures?|docs|playwright|cypress)\//i;
const BUILD_NAME =
  /(^|[.\-_])(test|tests|e2e|ci|dev|devel|devcontainer|build|builder|buildenv|toolchain|lint|cross|debug|tilt)([.\-_]|$)/i;
const BUILD_STAGE =
  /^(test|tests|e2e|ci|dev|devel|devcontainer|build|builder|buildenv|toolchain|lint|debug)([-_.]|$)/i;

export const imagePurpose = sharedFact((model: DockerfileModel): ImagePurpose => {
  const stage = model.finalStage;
  if (!stage) return { kind: 'base', because: 'it has no stage' };
  const fileName = model.path.split('/').pop() ?? model.path;
  if (BUILD_PATH.test(model.path))
    return { kind: 'build', because: `\`${model.path}\` lies among build, test or development files` };
  if (fileName !== 'Dockerfile' && fileName !== 'Containerfile' && BUILD_NAME.test(fileName))
    return { kind: 'build', because: `its name \`${fileName}\` says it builds, tests or hosts development` };
  if (stage.name && BUILD_STAGE.test(stage.name))
    return { kind: 'build', because: `its final stage is named \`${stage.name}\`` };
  const user = builtOnBy(model.file, model.context, (file) =>
    dockerfileModel(file, model.settings, model.context),
  );
  if (user) return { kind: 'base', because: `\`${user}\` of this repository is built FROM it` };
  const process = containerProcess(stage);
  const ownsProcess = process.entrypoint !== undefined || process.cmd !== undefined;
  if (!ownsProcess) {
    if (!stage.rootImage && !stage.base.isStageRef && stage.base.isScratch)
      return { kind: 'data', because: 'it is built FROM scratch and starts no process' };
    return { kind: 'base', because: 'it sets no CMD or ENTRYPOINT of its own' };
  }
  const packager = packagingCommand(process.cmd ?? process.entrypoint);
  if (packager) return { kind: 'build', because: `its process runs \`${packager}\`, which builds packages` };
  if (model.instructions.some((i) => i.keyword === 'ONBUILD'))
    return { kind: 'base', because: 'it registers ONBUILD steps for the images built on it' };
  // A language image's entrypoint script hands over to its CMD (`docker-entrypoint.sh node`).
  const passthrough = !process.entrypoint || isEntrypointScript(process.entrypoint.execution?.argv ?? []);
  const shell = passthrough ? interactiveCommand(process.cmd?.execution?.argv ?? []) : undefined;
  if (shell)
    return { kind: 'base', because: `its CMD starts \`${shell}\`, a shell or interpreter for the user` };
  return { kind: 'service', because: 'it starts its own process' };
});

/** Tools that build distribution packages: a container that runs one is a packaging step of a build. */
const PACKAGE_BUILDERS = new Set([
  'rpmbuild',
  'dpkg-buildpackage',
  'debuild',
  'pbuilder',
  'makepkg',
  'abuild',
  'nfpm',
]);

/** The package builder a CMD/ENTRYPOINT runs, in exec form or anywhere in its shell script. */
function packagingCommand(instruction: Instruction | undefined): string | undefined {
  const commands = instruction?.execution?.commands ?? [];
  return commands.map((c) => baseName(c.name)).find((name) => PACKAGE_BUILDERS.has(name));
}

function isEntrypointScript(argv: readonly string[]): boolean {
  return argv.length === 1 && /(^|\/)[\w.-]*entrypoint[\w.-]*$/.test(argv[0]);
}

/** A shell or REPL with nothing to run (`bash`, `python3`, `php -a`): undefined for `python -m app`. */
function interactiveCommand(argv: readonly string[]): string | undefined {
  const shellInvocation = argv.length >= 2 && ['-c', '-lc'].includes(argv[argv.length - 2]);
  const words = shellInvocation ? splitScript(argv[argv.length - 1]) : argv;
  const command = mainCommand(words);
  if (!command || !INTERACTIVE.has(command)) return undefined;
  const rest = words.slice(words.findIndex((w) => w.split('/').pop() === command) + 1);
  return rest.every((w) => /^-[a-zA-Z]$/.test(w) && w !== '-m' && w !== '-c') ? command : undefined;
}

function splitScript(script: string): string[] {
  return script.trim().split(/\s+/);
}

/** The program a container really runs, past `tini --` and the like (base name). */
function mainCommand(argv: readonly string[]): string | undefined {
  let k = 0;
  const base = (word: string | undefined) => word?.split('/').pop();
  while (k < argv.length && INIT_WRAPPERS.has(base(argv[k]) ?? '')) {
    k++;
    while (k < argv.length && argv[k].startsWith('-')) k++;
  }
  return base(argv[k]);
}

/**
 * How the process gives up root, when it does: a user-switching command in the ENTRYPOINT/CMD, or in the
 * entrypoint script the image copies from the repository. Undefined when nothing says so.
 */
export const privilegeDrop = sharedFact((model: DockerfileModel): string | undefined => {
  const stage = model.finalStage;
  if (!stage) return undefined;
  const process = containerProcess(stage);
  const argv = process.argv;
  const inline = argv.join(' ');
  const found = DROP_PATTERN.exec(inline);
  if (found) return `its ${process.entrypoint ? 'ENTRYPOINT' : 'CMD'} runs \`${found[0].trim()}\``;
  // `ENTRYPOINT ["docker-php-entrypoint"]` + `CMD ["php-fpm"]`: the script prepares, then execs the CMD.
  const entrypointArgv = process.entrypoint?.execution?.argv ?? [];
  const handsOver = process.entrypoint?.form === 'exec' && isEntrypointScript(entrypointArgv) && process.cmd;
  const command = mainCommand(handsOver ? (process.cmd?.execution?.argv ?? []) : argv);
  if (command && SELF_DROPPING_DAEMONS.test(command))
    return `its process \`${command}\` starts as root and hands its work to an unprivileged user itself`;
  if (command && PROCESS_SUPERVISORS.has(command))
    return `it starts the process supervisor \`${command}\`, which runs each program as the user its configuration names`;
  // s6-overlay's /init starts services as the user their run scripts name.
  if (argv.some((a) => a === '/init'))
    return 'it starts s6-overlay (`/init`), which runs each service as its own user';
  const anyUser = preparedForAnyUser(model);
  if (anyUser)
    return `it prepares its directories for whatever user runs it (\`${anyUser}\`), so the user is chosen at run time`;
  for (const word of argv.slice(0, 3)) {
    const script = copiedScript(model, word);
    if (script && DROP_PATTERN.test(script.text))
      return `its entrypoint script \`${script.path}\` switches to another user`;
  }
  return undefined;
});

/** A file of the repository the final image copies to `target` (an absolute path or a name on PATH). */
function copiedScript(model: DockerfileModel, target: string): { path: string; text: string } | undefined {
  if (!model.context || !/[\w.-]+(\.sh|entrypoint[\w.-]*|\.bash)$/i.test(target)) return undefined;
  const wanted = target.split('/').pop() ?? target;
  const dockerfileDir = model.path.includes('/') ? model.path.slice(0, model.path.lastIndexOf('/')) : '';
  for (const stage of finalImageStages(model)) {
    for (const instruction of stage.instructions) {
      const args = copyArguments(model, instruction);
      if (!args || args.from !== undefined) continue;
      for (const source of args.sources) {
        const name = source.value.replace(/\/+$/, '').split('/').pop() ?? '';
        const candidates =
          name === wanted
            ? [source.value]
            : source.value.endsWith('/') || !name.includes('.')
              ? [`${source.value}/${wanted}`]
              : [];
        for (const candidate of candidates) {
          const file = findInContext(model, dockerfileDir, candidate);
          if (file) return file;
        }
      }
    }
  }
  return undefined;
}

/**
 * A file of the repository a COPY names, by its path in the build context. The context is unknown: try the
 * Dockerfile's directory and each directory above it.
 */
export function repositoryFile(
  model: DockerfileModel,
  relative: string,
): { path: string; text: string } | undefined {
  const dir = model.path.includes('/') ? model.path.slice(0, model.path.lastIndexOf('/')) : '';
  return findInContext(model, dir, relative);
}

function findInContext(
  model: DockerfileModel,
  dir: string,
  relative: string,
): { path: string; text: string } | undefined {
  let current = dir;
  for (;;) {
    const path = normalizePath(`${current ? `${current}/` : ''}${relative.replace(/^\.\//, '')}`).replace(
      /^\//,
      '',
    );
    const file = model.context?.fileAt(path);
    if (file) return { path, text: file.text };
    if (!current) return undefined;
    current = current.includes('/') ? current.slice(0, current.lastIndexOf('/')) : '';
  }
}

/** How the finding words the inferred kind: "a service image (it starts its own process)". */
export function describePurpose(purpose: ImagePurpose): string {
  const names: Record<ImageKind, string> = {
    service: 'a service image',
    base: 'a base or toolchain image',
    data: 'a data image',
    build: 'a build, test or development image',
  };
  return `${names[purpose.kind]} (${purpose.because})`;
}
