import type { Rule } from '../../../engine/rule';
import type { CoherenceModel } from '../model';
import { effectiveTag, parseImageName } from '../images';
import { place } from '../linked';

export const imageBuiltButLatest: Rule<CoherenceModel> = {
  id: 'coherence/image-built-but-latest',
  severity: 'notice',
  title: 'Manifest deploys :latest of an image this repository versions',
  help:
    'The repository builds this image with versioned tags, but the manifest deploys `:latest` (or no ' +
    'tag, which means latest). Which build runs then depends on when each node pulled, a rollback ' +
    'cannot name the previous version, and a new push does not roll the Deployment. Deploy the ' +
    'versioned tag (or a digest) that the build produces, and let the release update it.',
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
      containers:
        - name: api
          image: ghcr.io/acme/api:latest
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
      containers:
        - name: api
          image: ghcr.io/acme/api:1.4.0
`,
    files: {
      Dockerfile: 'FROM scratch\nCOPY api /api\nUSER 65532\nENTRYPOINT ["/api"]\n',
      'docker-compose.yml': 'services:\n  api:\n    build: .\n    image: ghcr.io/acme/api:1.4.0\n',
    },
  },
  check(model, report) {
    for (const container of model.containers) {
      const image = parseImageName(container.image);
      if (!image || effectiveTag(image) !== 'latest') continue;
      const versioned = model.links.builds.find(
        (b) =>
          b.image.repository === image.repository &&
          ((b.image.tag && b.image.tag !== 'latest') || b.runtimeTag === 'versioned'),
      );
      if (!versioned) continue;
      const tag = versioned.image.tag
        ? `as \`${versioned.image.repository}:${versioned.image.tag}\``
        : `as \`${versioned.image.repository}\` with a tag set per build (the commit or run, never latest)`;
      report({
        file: container.file,
        line: container.imageLine,
        message:
          `${container.workload} container \`${container.container}\` deploys \`${container.image}\`, an image this ` +
          `repository builds ${tag} (${place(versioned.at.file, versioned.at.line)}): ` +
          'deploy the versioned tag so every node runs the same build and a rollback has a name.',
        subject: `${container.namespace}/${container.workload}/${container.container}`,
      });
    }
  },
};
