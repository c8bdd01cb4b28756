import type { Rule } from '../../../engine/rule';
import type { CoherenceModel } from '../model';
import { linkedImages, place } from '../linked';

export const nonrootImageMismatch: Rule<CoherenceModel> = {
  id: 'coherence/nonroot-image-mismatch',
  severity: 'error',
  title: 'runAsNonRoot with an image whose user the kubelet cannot verify',
  help:
    'With `runAsNonRoot: true` and no numeric `runAsUser`, the kubelet checks the user the image ' +
    'declares before it starts the container. It refuses an image that runs as root, and an image ' +
    'whose USER is a name (it cannot tell which UID a name maps to): the pod stays in ' +
    'CreateContainerConfigError and never starts. Give the Dockerfile a numeric USER (`USER ' +
    '10001:10001`, after creating that user), or set `runAsUser` to the UID in the pod or container ' +
    'securityContext.',
  example: {
    file: 'k8s/deployment.yaml',
    bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: api
          image: ghcr.io/acme/api:1.0.0
`,
    good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
      containers:
        - name: api
          image: ghcr.io/acme/api:1.0.0
`,
    files: {
      Dockerfile: 'FROM node:22-alpine\nRUN adduser -D -u 10001 app\nUSER app\nCMD ["node", "server.js"]\n',
      'docker-compose.yml': 'services:\n  api:\n    build: .\n    image: ghcr.io/acme/api:1.0.0\n',
    },
  },
  check(model, report) {
    for (const container of model.containers) {
      if (!container.runAsNonRoot?.value || container.runAsUser !== undefined) continue;
      const linked = linkedImages(model, container);
      // Every Dockerfile that builds this name must give the bad user; one that does not leaves it open.
      if (
        !linked.length ||
        !linked.every((l) => l.facts.user && (l.facts.user.isRoot || !l.facts.user.numeric))
      )
        continue;
      const { facts } = linked[0];
      const user = facts.user!;
      const why = user.isRoot
        ? 'runs as root, which the kubelet refuses'
        : `runs as the user name \`${user.value}\`, which the kubelet cannot verify is not root`;
      report({
        file: container.file,
        line: container.runAsNonRoot.line,
        message:
          `${container.workload} container \`${container.container}\` requires runAsNonRoot without a numeric runAsUser, ` +
          `but its image \`${container.image}\` (built from ${place(facts.dockerfile, user.line)}) ${why}: ` +
          'the pod fails with CreateContainerConfigError. Use a numeric USER in the Dockerfile or set runAsUser.',
        subject: `${container.namespace}/${container.workload}/${container.container}`,
      });
    }
  },
};
