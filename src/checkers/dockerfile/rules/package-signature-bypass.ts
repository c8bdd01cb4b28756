import type { Rule } from '../../../engine/rule';
import { effectiveCommand } from '../../../parse/shell';
import { runInstructions, type DockerfileModel, type Instruction } from '../model';
import { packageCommands, quoteCommand, type PackageCommand } from '../packages';
import { fileWrites } from '../files';

const APT_UNAUTHENTICATED =
  /^(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)=(true|yes|1)$/i;
const GPGCHECK_OFF = /^(.+\.)?(gpgcheck|repo_gpgcheck|localpkg_gpgcheck)=(0|false|no)$/i;

/** How a package-manager command skips signature checks, if it does. */
function bypassOf(pc: PackageCommand): string | undefined {
  switch (pc.manager) {
    case 'apk':
      return pc.has('--allow-untrusted')
        ? '`apk --allow-untrusted` installs packages whose signature is missing or unknown'
        : undefined;
    case 'apt-get':
    case 'apt':
      if (pc.has('--allow-unauthenticated'))
        return `\`${pc.manager} --allow-unauthenticated\` installs unsigned packages`;
      if (pc.has('--force-yes'))
        return `\`${pc.manager} --force-yes\` also installs unauthenticated packages`;
      if (pc.has('--allow-insecure-repositories'))
        return `\`${pc.manager} --allow-insecure-repositories\` accepts unsigned repositories`;
      if (pc.values('-o', '--option').some((v) => APT_UNAUTHENTICATED.test(v)))
        return `\`${pc.manager} -o ${pc.values('-o', '--option').find((v) => APT_UNAUTHENTICATED.test(v))}\` accepts unsigned packages`;
      return undefined;
    case 'yum':
    case 'dnf':
    case 'microdnf':
      if (pc.has('--nogpgcheck', '--no-gpgchecks'))
        return `\`${pc.manager} --nogpgcheck\` installs packages without checking their signatures`;
      if (pc.values('--setopt').some((v) => GPGCHECK_OFF.test(v.replace(/['"]/g, ''))))
        return `\`${pc.manager} --setopt=gpgcheck=0\` installs packages without checking their signatures`;
      return undefined;
    case 'zypper':
      return pc.has('--no-gpg-checks')
        ? '`zypper --no-gpg-checks` installs packages whose signatures fail to verify'
        : undefined;
    case 'rpm': {
      const skipped = ['--nosignature', '--nodigest', '--noverify', '--nofiledigest'].filter((flag) =>
        pc.has(flag),
      );
      return skipped.length
        ? `\`rpm ${skipped.join(' ')}\` installs the package without verifying it`
        : undefined;
    }
    default:
      return undefined;
  }
}

/** An apt source marked `[trusted=yes]`: a repository apt never verifies. */
const TRUSTED_SOURCE = /\[[^\]]*\btrusted=yes\b[^\]]*\]/;

/**
 * `deb [trusted=yes] file:///tmp/repo ./`: a repository on the local disk holds packages this build made or
 * copied itself; nothing crosses a network for a signature to protect.
 */
const LOCAL_SOURCE = /\]\s*["']?(file|copy):/;

/** Positions of the commands that write a `[trusted=yes]` source into /etc/apt/sources.list(.d) (`> file`, `| tee file`). */
function trustedAptSources(instruction: Instruction): Set<number> {
  const writes = fileWrites(instruction).filter(
    (write) =>
      write.file.startsWith('/etc/apt/sources.list') &&
      write.lines.some((line) => TRUSTED_SOURCE.test(line) && !LOCAL_SOURCE.test(line)),
  );
  return new Set(writes.map((write) => write.position));
}

export const packageSignatureBypass: Rule<DockerfileModel> = {
  id: 'dockerfile/package-signature-bypass',
  severity: 'warning',
  title: 'Package signature checks bypassed',
  help:
    "Package managers verify each package (or the repository index) against the distribution's signing keys; that is what stops a compromised mirror, a proxy or a typo-squatted repository from handing you a modified package. Flags like `--allow-untrusted`, `--allow-unauthenticated`, `--force-yes`, `--nogpgcheck`, `rpm --nosignature` or a `[trusted=yes]` apt source install whatever arrives (a `[trusted=yes]` source on a local `file:` repository the build assembled itself is no bypass). " +
    "Fix: import the repository's signing key (`signed-by=` for apt, `rpm --import`, `/etc/apk/keys/`) and drop the flag; for a package you built yourself, sign it or verify its checksum before installing.",
  aliases: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM alpine:3.20\nCOPY vendor/agent-1.4.2.apk /tmp/\nRUN apk add --no-cache --allow-untrusted /tmp/agent-1.4.2.apk\n',
    good: 'FROM alpine:3.20\nCOPY vendor/agent.rsa.pub /etc/apk/keys/agent.rsa.pub\nCOPY vendor/agent-1.4.2.apk /tmp/\nRUN apk add --no-cache /tmp/agent-1.4.2.apk\n',
  },
  check(model, report) {
    for (const instruction of runInstructions(model, undefined, { triggers: true })) {
      const byCommand = new Map(packageCommands(instruction).map((pc) => [pc.outer, pc]));
      const trustedSources = trustedAptSources(instruction);
      instruction.run!.commands.forEach((outer, index) => {
        const pc = byCommand.get(outer);
        const message = pc
          ? bypassOf(pc)
          : trustedSources.has(index)
            ? 'an apt source marked `[trusted=yes]` is never verified'
            : undefined;
        if (!message) return;
        report({
          file: model.path,
          line: outer.line,
          message: `${message}: ${quoteCommand(effectiveCommand(outer))}.`,
          subject: `${instruction.subject}\u0000${outer.text}`,
        });
      });
    }
  },
};
