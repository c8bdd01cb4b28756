import picomatch from 'picomatch';
import type { Rule } from '../../../engine/rule';
import { parseImageReference, type ImageReference } from '../image';
import { stageForReference, type DockerfileModel, type Instruction } from '../model';

/**
 * A trusted-registries entry matches `registry/repository`: `ghcr.io/acme/*` (any depth below acme),
 * `docker.io/library/*`, or a bare registry host `registry.acme.dev` for everything it serves.
 */
function trustMatcher(patterns: readonly string[]): (image: ImageReference) => boolean {
  const matchers = patterns.flatMap((pattern) => {
    const p = pattern.trim().replace(/\/+$/, '');
    if (!p.includes('/')) return [(image: ImageReference) => picomatch.isMatch(image.registry, p)];
    const deep = p.endsWith('/*') ? `${p}*` : p;
    return [
      (image: ImageReference) => picomatch.isMatch(image.name, deep) || picomatch.isMatch(image.name, p),
    ];
  });
  return (image) => matchers.some((m) => m(image));
}

interface ImageUse {
  instruction: Instruction;
  image: ImageReference;
  how: string;
}

function imageUses(model: DockerfileModel): ImageUse[] {
  const uses: ImageUse[] = [];
  for (const stage of model.stages) {
    const base = stage.base;
    if (base.reference && !base.isScratch && base.unresolvedArgs.length === 0) {
      uses.push({ instruction: stage.from, image: base.reference, how: 'FROM' });
    }
    for (const instruction of stage.instructions) {
      const refs: { value: string; how: string }[] = [];
      const from = instruction.flags.find((f) => f.name === 'from');
      if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && from?.expanded) {
        refs.push({ value: from.expanded, how: `${instruction.keyword} --from` });
      }
      for (const mount of instruction.run?.mounts ?? []) {
        if (mount.from)
          refs.push({ value: instruction.env.expand(mount.from).value, how: 'RUN --mount from' });
      }
      for (const ref of refs) {
        if (
          stageForReference(model, ref.value, stage) ||
          model.stageByName(ref.value) ||
          /\$/.test(ref.value)
        )
          continue;
        const image = parseImageReference(ref.value);
        if (image && !image.isScratch) uses.push({ instruction, image, how: ref.how });
      }
    }
  }
  return uses;
}

export const fromUntrustedRegistry: Rule<DockerfileModel> = {
  id: 'dockerfile/from-untrusted-registry',
  severity: 'error',
  title: 'Image from a registry outside the trusted list',
  help: 'The config lists the registries images may come from (`dockerfile.trusted-registries`), and this image comes from elsewhere: an unreviewed publisher can change what it serves, and a mirror you do not control can vanish. Pull through a trusted registry or mirror, or add the source to `trusted-registries` after review.',
  aliases: ['DL3026'],
  example: {
    file: 'Dockerfile',
    bad: 'FROM randomuser/python-base:3.12\nCOPY --from=quay.io/someone/tools:1.0 /bin/tool /usr/local/bin/tool\n',
    good: 'FROM ghcr.io/acme/python-base:3.12\nCOPY --from=ghcr.io/acme/tools:1.0 /bin/tool /usr/local/bin/tool\n',
    config: 'dockerfile:\n  trusted-registries: ["ghcr.io/acme/*"]\n',
  },
  check(model, report) {
    const trusted = model.settings.trustedRegistries;
    if (trusted.length === 0) return;
    const isTrusted = trustMatcher(trusted);
    for (const use of imageUses(model)) {
      if (isTrusted(use.image)) continue;
      report({
        file: model.path,
        line: use.instruction.line,
        endLine: use.instruction.endLine,
        message: `${use.how} \`${use.image.raw}\` comes from \`${use.image.name}\`, which matches none of the trusted registries (${trusted.map((t) => `\`${t}\``).join(', ')}).`,
        subject: `${use.instruction.subject}\u0000${use.image.raw}`,
      });
    }
  },
};
