import type { Rule } from '../../../engine/rule';
import {
  baseName,
  copyArguments,
  finalImageStages,
  instructionsOf,
  isDirectoryDestination,
  landingPath,
  reachesFinalImage,
  type DockerfileModel,
} from '../model';
import { holdsOnlyPublicMaterial, secretFileKind } from '../files';
import { describePurpose, imagePurpose, repositoryFile } from '../purpose';

export const copySecretFile: Rule<DockerfileModel> = {
  id: 'dockerfile/copy-secret-file',
  severity: 'error',
  title: 'Private key or credentials file copied into the image',
  help:
    'A file copied into an image stays in that layer forever: deleting it in a later step only hides it, and anyone who can pull the image (or read the build cache) can extract it with `docker save`. That holds for SSH keys, TLS private keys, `.env` files, `.npmrc`/`.pypirc`/`.netrc` tokens, cloud credentials and kubeconfigs. ' +
    "Fix: mount the secret only for the step that needs it, `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci` or `RUN --mount=type=ssh git clone ...`, and give runtime secrets to the container from the orchestrator. In a builder stage that the final image does not copy whole, the secret still sits in the builder's layers and cache, so the finding is a warning there. In a build, test or development image (by its path, name or final stage) it is a notice: the keys and password files of test fixtures belong there.",
  example: {
    file: 'Dockerfile',
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache git openssh-client\nCOPY id_rsa /root/.ssh/id_rsa\nRUN git clone git@github.com:acme/config.git /config\n',
    good: '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN apk add --no-cache git openssh-client\nRUN --mount=type=ssh git clone git@github.com:acme/config.git /config\n',
  },
  check(model, report) {
    const finalStages = finalImageStages(model);
    const purpose = imagePurpose(model);
    const forTests = purpose.kind === 'build';
    for (const instruction of instructionsOf(model, { triggers: true })) {
      const stage = instruction.stage;
      const args = copyArguments(model, instruction);
      if (!stage || !args) continue;
      for (const source of args.sources) {
        if (source.heredoc) continue;
        const destination = args.destination.value;
        // The file's name at its destination counts too: `COPY deploy_key /root/.ssh/id_ed25519`.
        const landsAs = isDirectoryDestination(destination)
          ? `${destination.replace(/[/\\]+$/, '')}/${baseName(source.value)}`
          : destination;
        const kind =
          secretFileKind(source.value) ?? (args.sources.length === 1 ? secretFileKind(landsAs) : undefined);
        if (!kind) continue;
        // The file is in the repository: what it holds decides (a PGP public key, a dotenv of settings).
        const inRepository =
          args.from === undefined
            ? /[*?[]/.test(source.value)
              ? undefined
              : repositoryFile(model, source.value)?.text
            : undefined;
        if (inRepository !== undefined && holdsOnlyPublicMaterial(inRepository, kind)) continue;
        const landing = landingPath(instruction, args, source);
        // A trigger copies the file into every image built FROM this one.
        const inFinal =
          instruction.onbuild !== undefined ||
          finalStages.includes(stage) ||
          (landing !== undefined
            ? reachesFinalImage(model, stage, landing)
            : reachesFinalImage(model, stage, '/'));
        const position = source.offset !== undefined ? instruction.argPosition(source.offset) : instruction;
        const stageName = stage.name ?? `#${stage.index}`;
        report({
          file: model.path,
          line: position.line,
          column: position.column,
          // A test or development image holds fixtures made for it (a test key, an htpasswd) and ships to
          // no one: whether the file is a real credential is context the repository rarely shows.
          severity: forTests ? 'notice' : inFinal ? undefined : 'warning',
          message: instruction.onbuild
            ? `This ONBUILD trigger puts ${source.value} (${kind}) from the build context of each image built FROM this one into a layer of that image: anyone who can pull it can read the file.`
            : forTests
              ? `${instruction.keyword} puts ${source.value} (${kind}) into a layer of ${describePurpose(purpose)}: harmless for a fixture made for tests, but a real credential there is readable by anyone who can pull the image.`
              : inFinal
                ? `${instruction.keyword} puts ${source.value} (${kind}) into a layer of the final image: anyone who can pull the image can read it, even if a later step deletes it.`
                : `${instruction.keyword} puts ${source.value} (${kind}) into a layer of the builder stage ${stageName}: the final image does not copy it, but it stays in that stage's layers and the build cache.`,
          subject: `${instruction.subject}\u0000${source.value}`,
        });
      }
    }
  },
};
