import type { Rule } from '../../../engine/rule';
import { copyArguments, instructionsOf, type DockerfileModel } from '../model';

/** Git sources are pinned by their ref (`#v1.2.3`), not by a checksum. */
const GIT = /^git@|\.git(#.*)?$|^git:\/\//i;

export const addRemoteNoChecksum: Rule<DockerfileModel> = {
  id: 'dockerfile/add-remote-no-checksum',
  severity: 'warning',
  title: 'ADD of a URL without --checksum',
  help:
    'ADD fetches the URL at build time and trusts whatever comes back: a compromised or changed download ends up in the image, and the build is not reproducible. ' +
    'Fix: pin the content with `ADD --checksum=sha256:<digest> <url> <dest>` (Dockerfile syntax 1.6+), or download with `curl -fsSL` and check it with `sha256sum -c` in the same RUN.',
  example: {
    file: 'Dockerfile',
    bad: 'FROM debian:12-slim\nADD https://example.com/tool-1.2.3-linux-amd64 /usr/local/bin/tool\n',
    good: '# syntax=docker/dockerfile:1.6\nFROM debian:12-slim\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool-1.2.3-linux-amd64 /usr/local/bin/tool\n',
  },
  check(model, report) {
    for (const instruction of instructionsOf(model, { triggers: true })) {
      if (instruction.keyword !== 'ADD' || instruction.flag('checksum') !== undefined) continue;
      const args = copyArguments(model, instruction);
      for (const source of args?.sources ?? []) {
        if (!/^(https?|ftp):\/\//i.test(source.value) || GIT.test(source.value)) continue;
        const position = source.offset !== undefined ? instruction.argPosition(source.offset) : instruction;
        report({
          file: model.path,
          line: position.line,
          column: position.column,
          message: `ADD fetches ${source.value} without \`--checksum\`: whatever the server returns goes into the image.`,
          subject: `${instruction.subject}\u0000${source.value}`,
        });
      }
    }
  },
};
