import { effectiveCommand, type ShellCommand } from '../../../parse/shell';
import type { Rule } from '../../../engine/rule';
import { shellFlavorOf, type ImageReference } from '../image';
import { baseName, runInstructions, type DockerfileModel, type Instruction } from '../model';
import { removesAfter } from '../packages';

/** Bytes one UID takes in /var/log/lastlog (`struct lastlog` on 64-bit glibc) and in /var/log/faillog. */
const LASTLOG_ENTRY = 292;
const FAILLOG_ENTRY = 32;

/**
 * From this UID on the two files hold about 20 MB of zeros, more than many slim bases weigh; below it
 * (system accounts, 1000, 10001) the growth is a few megabytes at most.
 */
const LARGE_UID = 65536;

/** useradd options that take a value, short (`-u 1000`, `-u1000`, in a cluster `-mu 1000`) and long. */
const SHORT_WITH_VALUE = 'bcdefgGkKpPRsuZ';
const LONG_WITH_VALUE = new Set([
  '--base-dir',
  '--comment',
  '--home-dir',
  '--expiredate',
  '--inactive',
  '--gid',
  '--groups',
  '--skel',
  '--key',
  '--password',
  '--prefix',
  '--root',
  '--shell',
  '--uid',
  '--selinux-user',
  '--selinux-range',
]);

interface UseraddCall {
  uid?: string;
  noLogInit: boolean;
}

function readUseradd(command: ShellCommand, instruction: Instruction): UseraddCall {
  const words = command.words;
  const call: UseraddCall = { noLogInit: false };
  // Each word after Docker's and the shell's known substitutions; a build arg without a value stays `$X`.
  const text = (index: number): string | undefined => {
    const word = words[index];
    if (!word?.dynamic) return word?.value;
    const expanded = instruction.env.expand(word.value);
    return expanded.exact ? expanded.value : word.value;
  };
  for (let i = 1; i < words.length; i++) {
    const value = text(i) ?? '';
    if (value === '--') break;
    if (value.startsWith('--')) {
      const eq = value.indexOf('=');
      const name = eq < 0 ? value : value.slice(0, eq);
      if (name === '--no-log-init') call.noLogInit = true;
      if (!LONG_WITH_VALUE.has(name)) continue;
      const given = eq < 0 ? text(++i) : value.slice(eq + 1);
      if (name === '--uid') call.uid = given;
      continue;
    }
    if (!value.startsWith('-') || value === '-') continue;
    for (let k = 1; k < value.length; k++) {
      const letter = value[k];
      if (letter === 'l') call.noLogInit = true;
      if (!SHORT_WITH_VALUE.includes(letter)) continue;
      const rest = value.slice(k + 1);
      const given = rest !== '' ? rest : text(++i);
      if (letter === 'u') call.uid = given;
      break;
    }
  }
  return call;
}

/** The repository's last segment and the tag: `library/ubuntu:22.04` → `ubuntu`, `22.04`. */
function nameAndTag(image: ImageReference): { name: string; tag: string } {
  return { name: image.repository.split('/').pop() ?? '', tag: image.tag ?? '' };
}

/**
 * Distribution releases whose useradd still writes a zeroed entry for every new user (shadow-utils before
 * 4.13; later releases skip entries that were never written): Debian up to 11, Ubuntu up to 22.04, and the
 * RHEL 7-9 family. Undefined when the base says nothing either way.
 */
function writesLogEntries(image: ImageReference | undefined): string | undefined {
  if (!image) return undefined;
  const { name, tag } = nameAndTag(image);
  const release = /(^|[-.])(jessie|stretch|buster|bullseye|trusty|xenial|bionic|focal|jammy)([-.]|$)/.exec(
    tag,
  );
  if (release) return release[2];
  if (name === 'ubuntu' && /^(1[4-9]|2[0-2])\.(04|10)/.test(tag)) return `Ubuntu ${tag}`;
  if (name === 'debian' && /^(8|9|10|11)([.-]|$)/.test(tag)) return `Debian ${tag}`;
  if (/^(centos|amazonlinux)$/.test(name)) return name;
  if (/^(rockylinux|almalinux|oraclelinux)$/.test(name) && /^[789]([.-]|$)/.test(tag))
    return `${name} ${tag}`;
  if (
    /(^|\/)ubi[789]$/.test(image.repository.replace(/\/ubi$/, '')) &&
    !/minimal|micro/.test(image.repository)
  )
    return image.repository;
  return undefined;
}

function formatBytes(bytes: number): string {
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export const useraddWithoutNoLogInit: Rule<DockerfileModel> = {
  id: 'dockerfile/useradd-without-no-log-init',
  severity: 'notice',
  title: 'useradd with a large UID and no --no-log-init',
  help:
    "useradd writes the new user's entry into /var/log/lastlog and /var/log/faillog at an offset proportional to the UID (292 and 32 bytes per UID). On a host those files stay sparse; image layers do not keep files sparse, so every byte up to the UID lands in the layer as zeros: about 20 MB at UID 65536, 300 MB at 1,000,000, and hundreds of gigabytes for the UIDs OpenShift and LDAP hand out, which can fill the builder's disk. " +
    `Checked from UID ${LARGE_UID} on, where the files reach about 20 MB; below that the growth is small. ` +
    'Fix: `useradd -l -u <uid> ...` (`--no-log-init`); a container has no use for login records. ' +
    'A warning on bases whose useradd is known to write these entries (Debian up to 11, Ubuntu up to 22.04, RHEL 7-9 and their rebuilds, Amazon Linux); a notice elsewhere, since shadow-utils 4.13 and later skip entries that were never written and Alpine has no such files. `adduser` is not checked.',
  aliases: ['DL3046'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM ubuntu:22.04\nRUN useradd -m -u 1000680000 app\nUSER app\n',
    good: 'FROM ubuntu:22.04\nRUN useradd -l -m -u 1000680000 app\nUSER app\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, undefined, { triggers: true })) {
      for (const outer of instruction.run?.commands ?? []) {
        const command = effectiveCommand(outer);
        if (baseName(command.name) !== 'useradd') continue;
        const call = readUseradd(command, instruction);
        if (call.noLogInit || call.uid === undefined || !/^\d+$/.test(call.uid)) continue;
        const uid = Number(call.uid);
        if (uid < LARGE_UID) continue;
        const at = (instruction.run?.commands ?? []).indexOf(outer);
        const logsRemoved = ['/var/log/lastlog', '/var/log/faillog'].every((file) =>
          removesAfter(instruction, file, at),
        );
        if (logsRemoved) continue;
        const rootImage = instruction.stage?.rootImage;
        // Alpine and BusyBox have no lastlog or faillog, and useradd does not create them.
        if (shellFlavorOf(rootImage) === 'ash') continue;
        const known = instruction.onbuild ? undefined : writesLogEntries(rootImage);
        const size = formatBytes(uid * (LASTLOG_ENTRY + FAILLOG_ENTRY));
        const where = known
          ? ` The base (${known}) has a useradd that writes these entries.`
          : ' (shadow-utils 4.13 and later skip the entry; older releases, as in Debian 11, Ubuntu 22.04 and RHEL 9, write it.)';
        report({
          file: model.path,
          line: outer.line,
          severity: known ? 'warning' : 'notice',
          message: `\`useradd\` creates UID ${uid} without \`-l\` (\`--no-log-init\`): /var/log/lastlog and /var/log/faillog get an entry at that offset, about ${size} of zeros in the layer.${where} Add \`-l\`.`,
          subject: `${instruction.subject}\u0000${outer.text}`,
        });
      }
    }
  },
};
