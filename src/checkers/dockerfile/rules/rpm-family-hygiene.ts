import type { Rule } from '../../../engine/rule';
import type { ImageReference } from '../image';
import { finalImageStages, runInstructions, type DockerfileModel, type Instruction } from '../model';
import {
  answeredByYes,
  cacheMountCovers,
  packageCommandsOf,
  quoteCommand,
  removesAfter,
  suggestOptionAfterAction,
  type PackageCommand,
} from '../packages';

type Family = 'dnf' | 'zypper';

/** Actions that download packages and metadata into the cache. */
const DOWNLOADING: Record<Family, string[]> = {
  dnf: [
    'install',
    'groupinstall',
    'localinstall',
    'reinstall',
    'update',
    'upgrade',
    'downgrade',
    'distro-sync',
    'group',
    'module',
  ],
  zypper: ['install', 'in', 'update', 'up', 'patch', 'dist-upgrade', 'dup', 'source-install', 'si'],
};

/**
 * Actions that ask for confirmation (yum/dnf: "Is this ok [y/N]", zypper: "Continue? [y/n/v/...]"): every
 * downloading action, and the removals.
 */
const CONFIRMING: Record<Family, string[]> = {
  dnf: [...DOWNLOADING.dnf, 'remove', 'erase', 'autoremove'],
  zypper: [...DOWNLOADING.zypper, 'remove', 'rm'],
};

const CACHE_DIRS: Record<Family, string[]> = {
  dnf: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'],
  zypper: ['/var/cache/zypp'],
};

function familyOf(pc: PackageCommand): Family {
  return pc.manager === 'zypper' ? 'zypper' : 'dnf';
}

function cleanCommand(family: Family, pc: PackageCommand): string {
  return family === 'zypper' ? 'zypper clean --all' : `${pc.manager} clean all`;
}

/**
 * Release 8 of RHEL/UBI/Oracle Linux/CentOS/Rocky/Alma: its microdnf assumes yes (older builds of it even
 * reject `-y`); from release 9 on, microdnf asks "Is this ok [y/N]" like dnf.
 */
function isRelease8(image: ImageReference | undefined): boolean {
  if (!image) return false;
  if (/(^|\/)ubi8(\/|-|$)/.test(image.repository)) return true;
  return (
    /(ubi|rhel|oraclelinux|centos|rockylinux|almalinux)/.test(image.repository) &&
    /^8([.-]|$)/.test(image.tag ?? '')
  );
}

/** yum/dnf and microdnf (from release 9) need -y; zypper needs -n (global) or -y (per command). */
function needsYes(instruction: Instruction, pc: PackageCommand): boolean {
  if (answeredByYes(instruction, pc)) return false;
  if (pc.manager === 'microdnf' && isRelease8(instruction.stage?.rootImage)) return false;
  const family = familyOf(pc);
  if (!CONFIRMING[family].includes(pc.action)) return false;
  if (family === 'zypper') return !pc.has('-n', '--non-interactive', '-y', '--no-confirm');
  return (
    !pc.has('-y', '--assumeyes') && !pc.values('--setopt').some((v) => /^assumeyes=(1|true|yes)$/i.test(v))
  );
}

/** A clean after `after`: `yum/dnf/microdnf clean all`, `zypper clean`/`cc`, or removing the cache dir. */
function cleansAfter(instruction: Instruction, family: Family, after: number): boolean {
  const cleaned = packageCommandsOf(
    instruction,
    family === 'zypper' ? ['zypper'] : ['yum', 'dnf', 'microdnf'],
  ).some(
    (pc) =>
      pc.position > after &&
      (family === 'zypper'
        ? pc.action === 'clean' || pc.action === 'cc'
        : pc.action === 'clean' && pc.operands.some((o) => o.value === 'all')),
  );
  return cleaned || CACHE_DIRS[family].some((dir) => removesAfter(instruction, dir, after));
}

export const rpmFamilyHygiene: Rule<DockerfileModel> = {
  id: 'dockerfile/rpm-family-hygiene',
  severity: 'notice',
  title: 'yum/dnf/microdnf/zypper install without -y or without clean',
  help:
    'yum and dnf ask "Is this ok [y/N]" and zypper asks "Continue?" before installing; a build cannot answer, so the command aborts. microdnf asks too from RHEL/UBI/Oracle Linux 9 on (release 8 bases assume yes and are left alone). Their package and metadata caches (/var/cache/yum, /var/cache/dnf, /var/cache/zypp) also stay in the layer unless the same RUN cleans them. ' +
    'Fix: `dnf install -y <pkgs> && dnf clean all` (yum alike; `zypper --non-interactive install <pkgs> && zypper clean --all`; microdnf needs only `microdnf clean all`), or mount a cache on the cache directory. The clean is checked only in stages the final image builds on.',
  aliases: ['DL3030', 'DL3032', 'DL3034', 'DL3036', 'DL3038', 'DL3040'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM rockylinux:9\nRUN dnf install nginx\n',
    good: 'FROM rockylinux:9\nRUN dnf install -y nginx && dnf clean all\n',
  },
  check(model, report) {
    const finalStages = finalImageStages(model);
    for (const instruction of runInstructions(model, undefined, { triggers: true })) {
      const commands = packageCommandsOf(instruction, ['yum', 'dnf', 'microdnf', 'zypper']);
      const withoutYes = commands.filter((pc) => needsYes(instruction, pc));
      const unclean =
        instruction.stage && finalStages.includes(instruction.stage)
          ? commands.filter((pc) => {
              const family = familyOf(pc);
              return (
                DOWNLOADING[family].includes(pc.action) &&
                !CACHE_DIRS[family].some((dir) => cacheMountCovers(instruction, dir)) &&
                !cleansAfter(instruction, family, pc.position)
              );
            })
          : [];
      if (withoutYes.length === 0 && unclean.length === 0) continue;
      const problems: string[] = [];
      if (withoutYes.length > 0) {
        problems.push(
          `${quoteCommand(withoutYes[0].command)} has no \`-y\`, so it stops at the confirmation prompt and the build fails`,
        );
      }
      if (unclean.length > 0) {
        problems.push(
          `${quoteCommand(unclean[0].command)} leaves its package cache in the layer: add \`&& ${cleanCommand(familyOf(unclean[0]), unclean[0])}\` to the same RUN`,
        );
      }
      // Adding -y is a complete, mechanical fix only when nothing else is wrong.
      const suggestion =
        unclean.length === 0 ? suggestOptionAfterAction(model, instruction, withoutYes, '-y') : undefined;
      report({
        file: model.path,
        line: instruction.line,
        endLine: instruction.endLine > instruction.line ? instruction.endLine : undefined,
        message: `${problems.join('; ')}.`,
        subject: `${instruction.subject}\u0000${[...withoutYes, ...unclean].map((pc) => pc.command.text).join('\u0000')}`,
        suggestion,
      });
    }
  },
};
