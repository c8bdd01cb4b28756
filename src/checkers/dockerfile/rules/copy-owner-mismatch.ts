import type { Rule } from '../../../engine/rule';
import { effectiveCommand, type ShellCommand } from '../../../parse/shell';
import {
  copyArguments,
  finalImageStages,
  isRootUser,
  isWithin,
  landingPath,
  resolvePath,
  type DockerfileModel,
  type Instruction,
} from '../model';
import { hasNonRootDefaultUser } from '../image';
import { parseJsonArray, splitWords } from '../words';
import { covers, createdUsers, pathsHandedOver, pathsWritten, type PathEffect } from '../files';

/** Package installs that write into the current directory (`node_modules`, `vendor`). */
function installsIntoCwd(command: ShellCommand): boolean {
  const cmd = effectiveCommand(command);
  const [sub] = cmd.args;
  if (cmd.name === 'npm')
    return (sub === 'ci' || sub === 'install' || sub === 'i') && !cmd.args.includes('-g');
  if (cmd.name === 'yarn') return sub === undefined || sub === 'install';
  if (cmd.name === 'pnpm') return sub === 'install' || sub === 'i';
  if (cmd.name === 'composer') return sub === 'install';
  return false;
}

/** Something root created: a file or directory the runtime user will not own. */
interface RootCreated {
  path: string;
  order: number;
  line: number;
  instruction: Instruction;
  /** `COPY ssh-keys/id_rsa`, `mkdir /home/user/.ssh`, `WORKDIR /app`. */
  what: string;
  kind: 'workdir' | 'copy' | 'run';
  /** The path existed before: a directory copied into it leaves the directory's owner as it was. */
  existed: boolean;
  /** COPY/ADD of a directory (`app/`, `.`): its contents land in `path`, which keeps its owner if it existed. */
  directory?: boolean;
}

interface HandOver {
  effect: PathEffect;
  order: number;
}

/** Every instruction and command has a position in build order; later hand-overs fix earlier creations. */
const orderOf = (instruction: Instruction, command = 0): number => instruction.index * 10_000 + command;

function volumePaths(instruction: Instruction, escapeChar: string): string[] {
  const json = parseJsonArray(instruction.args);
  const words =
    json && 'values' in json ? json.values : splitWords(instruction.args, escapeChar).map((w) => w.raw);
  return words.map((w) => instruction.env.expand(w).value).filter((p) => p.startsWith('/'));
}

export const copyOwnerMismatch: Rule<DockerfileModel> = {
  id: 'dockerfile/copy-owner-mismatch',
  severity: 'warning',
  title: 'Files the non-root user needs are owned by root',
  help:
    "COPY and ADD create files owned by root unless given `--chown`, whatever the current USER is, and RUN creates files as the user it runs as. When the image runs as a non-root user, files that user must own (its home, `.ssh`, `.cache`, a VOLUME, the app directory it installs into) end up owned by root: writes fail with 'permission denied' at build or run time, and tools that check ownership (ssh, gpg) refuse them. Switching USER earlier does not change who owns files that were already created. " +
    'Fix: `COPY --chown=app:app ...`, create the directory as the user (after `USER app`), or `chown -R app:app <dir>` in the RUN that creates it.',
  example: {
    file: 'Dockerfile',
    bad: 'FROM alpine:3.20\nRUN adduser -D -h /home/app app && mkdir /home/app/.config\nCOPY settings.toml /home/app/.config/settings.toml\nUSER app\nCMD ["app"]\n',
    good: 'FROM alpine:3.20\nRUN adduser -D -h /home/app app && install -d -o app -g app /home/app/.config\nCOPY --chown=app:app settings.toml /home/app/.config/settings.toml\nUSER app\nCMD ["app"]\n',
  },
  check(model, report) {
    // The USER the final image runs as (following the stages it is built on), when it is known.
    const runtime = model.finalStage?.end.user;
    if (!runtime?.setAt || !runtime.value || !runtime.resolved || runtime.isRoot) return;
    const runtimeUser = runtime.setAt;
    const userName = runtime.value.split(':')[0];
    // Build order, root stage first: what a later step does fixes or breaks what an earlier one created.
    const stages = finalImageStages(model).reverse();
    const account = createdUsers(stages).find((u) => u.name === userName || u.uid === userName);
    const homeVar = runtimeUser.env.lookup('HOME');
    const home = account?.home ?? (homeVar.state === 'defined' ? homeVar.value : undefined);

    /** Places the user must own, and why. */
    const mustOwn: { path: string; why: string }[] = [];
    const homePath = home ? resolvePath(home, '/') : undefined;
    // Shared scratch directories and root's own home are not a home the user must own.
    if (homePath && !['/', '/tmp', '/var/tmp', '/root'].includes(homePath))
      mustOwn.push({ path: homePath, why: `${homePath} is ${userName}'s home` });

    const created: RootCreated[] = [];
    const handed: HandOver[] = [];
    const writes: { command: ShellCommand; instruction: Instruction; dir: string; order: number }[] = [];
    const existedBefore = (path: string, instruction: Instruction): boolean =>
      created.some((c) => c.path === path) ||
      handed.some((h) => h.effect.path === path) ||
      (account !== undefined && account.home === path && account.at.index < instruction.index);
    const isOwnerName = (name: string | undefined): boolean =>
      name !== undefined && (name === userName || name === account?.uid || name === account?.name);

    for (const stage of stages) {
      const baseRunsAsRoot = !hasNonRootDefaultUser(stage.rootImage);
      for (const instruction of stage.instructions) {
        const order = orderOf(instruction);
        const asRoot = instruction.user.value === undefined ? baseRunsAsRoot : instruction.user.isRoot;
        if (instruction.keyword === 'VOLUME') {
          for (const path of volumePaths(instruction, model.escapeChar)) {
            mustOwn.push({ path, why: `${path} is a VOLUME the container writes to` });
          }
        } else if (instruction.keyword === 'WORKDIR' && asRoot) {
          const expanded = instruction.env.expand(instruction.args.trim());
          const path = expanded.exact
            ? resolvePath(expanded.value, instruction.workdir.path ?? '/')
            : undefined;
          // WORKDIR creates the directory only when it does not exist yet.
          if (path && !existedBefore(path, instruction)) {
            created.push({
              path,
              order,
              line: instruction.line,
              instruction,
              what: `WORKDIR ${path}`,
              kind: 'workdir',
              existed: false,
            });
          }
        } else if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
          const args = copyArguments(model, instruction);
          const chown = instruction.flag('chown');
          const owner = chown === undefined ? undefined : instruction.env.expand(chown).value.split(':')[0];
          for (const source of args?.sources ?? []) {
            const landing = args && landingPath(instruction, args, source);
            if (!landing) continue;
            if (owner !== undefined && !isRootUser(owner)) {
              handed.push({ effect: { path: landing, recursive: true }, order });
            } else {
              const what = `${instruction.keyword} ${source.written}`;
              created.push({
                path: landing,
                order,
                line: instruction.line,
                instruction,
                what,
                kind: 'copy',
                existed: existedBefore(landing, instruction),
                directory: /\/$/.test(source.value) || /^\.\/?$/.test(source.value),
              });
            }
          }
        } else if (instruction.keyword === 'RUN') {
          let cwd = instruction.workdir.path ?? '/';
          (instruction.run?.commands ?? []).forEach((command, index) => {
            const cmd = effectiveCommand(command);
            const at = orderOf(instruction, index + 1);
            if (cmd.name === 'cd' && cmd.context.length === 0) {
              cwd = resolvePath(cmd.args[0] ?? '/', cwd) ?? cwd;
              return;
            }
            for (const effect of pathsHandedOver(command, cwd)) handed.push({ effect, order: at });
            const written = pathsWritten(command, cwd);
            if (asRoot) {
              for (const { path } of written) {
                created.push({
                  path,
                  order: at,
                  line: command.line,
                  instruction,
                  what: command.text,
                  kind: 'run',
                  existed: false,
                });
              }
            } else if (isOwnerName(instruction.user.user)) {
              for (const { path } of written) {
                writes.push({
                  command,
                  instruction,
                  dir: path.slice(0, path.lastIndexOf('/')) || '/',
                  order: at,
                });
              }
              if (installsIntoCwd(command)) writes.push({ command, instruction, dir: cwd, order: at });
            }
          });
        }
      }
    }
    // An account created with its home directory owns that directory.
    if (account?.createsHome && homePath) {
      handed.push({ effect: { path: homePath, recursive: false }, order: orderOf(account.at, 1) });
    }

    const fixedLater = (path: string, order: number): boolean =>
      handed.some((h) => h.order > order && covers(h.effect, path));
    /** Whether something before `order` created `path` or a path below it. */
    const exists = (path: string, order: number): boolean =>
      created.some((c) => c.order < order && isWithin(c.path, path)) ||
      handed.some((h) => h.order < order && isWithin(h.effect.path, path));
    /**
     * Who owns `path` just before `order`, as far as the build shows: creating a path that already exists
     * (`mkdir -p`, a directory copied into it) leaves its owner, and a recursive chown reaches only what existed.
     */
    const ownerBefore = (path: string, order: number): 'user' | 'root' | undefined => {
      let last: { order: number; owner: 'user' | 'root' } | undefined;
      const note = (at: number, owner: 'user' | 'root'): void => {
        if (!last || at > last.order) last = { order: at, owner };
      };
      for (const h of handed) {
        if (h.order >= order || !covers(h.effect, path)) continue;
        if (h.effect.path === path || exists(path, h.order)) note(h.order, 'user');
      }
      for (const c of created) {
        if (c.order >= order || c.path !== path || c.kind === 'workdir') continue;
        const takesOver =
          c.kind === 'copy' ? !(c.directory && exists(path, c.order)) : !exists(path, c.order);
        if (takesOver) note(c.order, 'root');
      }
      return last?.owner;
    };
    const userAt = `the image runs as \`${userName}\` (USER at line ${runtimeUser.line})`;
    const fix = `Use \`--chown=${userName}\` or create it as \`${userName}\`.`;

    for (const item of created) {
      const place = mustOwn.find((m) => isWithin(item.path, m.path));
      if (!place || item.kind === 'workdir' || fixedLater(item.path, item.order)) continue;
      // Writing into a path that exists keeps its owner: only what root creates becomes root's.
      if (item.kind === 'run' && ownerBefore(item.path, item.order) === 'user') continue;
      if (item.kind === 'copy') {
        if (item.directory && exists(item.path, item.order)) {
          // Root-owned files in a directory the user owns: the user can still replace them.
          if (ownerBefore(item.path, item.order) !== 'root') continue;
        } else if (!item.directory) {
          const parent = item.path.slice(0, item.path.lastIndexOf('/')) || '/';
          // ssh and gpg refuse keys and configuration their user does not own, wherever they are.
          const checkedByOwner = /\/\.(ssh|gnupg)(\/|$)/.test(item.path);
          if (!exists(parent, item.order) && isWithin(parent, place.path)) {
            let missing = parent;
            for (
              let up = parent.slice(0, parent.lastIndexOf('/')) || '/';
              isWithin(up, place.path) && !exists(up, item.order);
              up = up.slice(0, up.lastIndexOf('/')) || '/'
            ) {
              missing = up;
              if (up === '/') break;
            }
            if (fixedLater(missing, item.order)) continue;
            report({
              file: model.path,
              line: item.line,
              message: `\`${item.what}\` creates ${missing} owned by root (COPY and ADD make missing directories as root unless given \`--chown\`), but ${userAt} and ${place.why}: it cannot create or replace files there. ${fix}`,
              subject: `${item.instruction.subject}\u0000${item.path}`,
            });
            continue;
          }
          if (!checkedByOwner && ownerBefore(parent, item.order) === 'user') continue;
        }
      }
      report({
        file: model.path,
        line: item.line,
        message: `\`${item.what}\` leaves ${item.path} owned by root, but ${userAt} and ${place.why}: it cannot write or replace it. ${fix}`,
        subject: `${item.instruction.subject}\u0000${item.path}`,
      });
    }

    const reported = new Set<string>();
    for (const write of writes) {
      const owner = created
        .filter((c) => c.path === write.dir && c.order < write.order && !(c.kind === 'copy' && c.existed))
        .filter(
          (c) => !handed.some((h) => h.order > c.order && h.order < write.order && covers(h.effect, c.path)),
        )
        .pop();
      if (!owner || mustOwn.some((m) => isWithin(owner.path, m.path))) continue;
      const key = `${write.instruction.index}\u0000${write.dir}`;
      if (reported.has(key)) continue;
      reported.add(key);
      report({
        file: model.path,
        line: write.command.line,
        message: `\`${write.command.text}\` runs as \`${userName}\` and writes into ${write.dir}, which root created (\`${owner.what}\`, line ${owner.line}): it fails with "permission denied". Create ${write.dir} with \`--chown=${userName}\` or \`chown ${userName}\` it first.`,
        subject: `${write.instruction.subject}\u0000${write.dir}`,
      });
    }
  },
};
