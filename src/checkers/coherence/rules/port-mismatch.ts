import type { Rule } from '../../../engine/rule';
import type { CoherenceModel } from '../model';
import { linkedImages } from '../linked';

/** The port appears as a number of its own in the text (`--port=8080`, `PORT=8080`, `:8080`). */
function mentions(text: string, port: number): boolean {
  return new RegExp(`(^|[^\\d])${port}([^\\d]|$)`).test(text);
}

export const portMismatch: Rule<CoherenceModel> = {
  id: 'coherence/port-mismatch',
  severity: 'warning',
  title: 'Container or probe port the image does not serve',
  help:
    'The manifest sends traffic or probes to a port that the image built in this repository neither ' +
    'EXPOSEs nor passes to its server (in CMD, ENTRYPOINT or ENV), and the manifest does not pass it ' +
    'either (command, args, env). The Service then routes to a closed port and the probes fail, so ' +
    'the rollout never becomes ready. Use the port the image serves on, or tell the server the port ' +
    'the manifest expects (an env variable or argument), and keep EXPOSE in step.',
  example: {
    file: 'k8s/deployment.yaml',
    bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:2.1.0
          ports:
            - containerPort: 8080
`,
    good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:2.1.0
          ports:
            - containerPort: 3000
`,
    files: {
      Dockerfile: 'FROM node:22-alpine\nEXPOSE 3000\nUSER 1000\nCMD ["node", "server.js"]\n',
      'docker-compose.yml': 'services:\n  web:\n    build: .\n    image: ghcr.io/acme/web:2.1.0\n',
    },
  },
  check(model, report) {
    for (const container of model.containers) {
      const linked = linkedImages(model, container);
      // Only images that declare their ports say which ones they serve; every linked one must disagree.
      if (!linked.length || !linked.every((l) => l.facts.exposedPorts?.length)) continue;
      const served = (port: number) =>
        mentions(container.configText, port) ||
        linked.some((l) => l.facts.exposedPorts!.includes(port) || mentions(l.facts.processText, port));
      const checked = new Set<number>();
      const targets = [
        ...container.ports.map((p) => ({ port: p.port, line: p.line, what: `containerPort ${p.port}` })),
        ...container.probePorts.map((p) => ({
          port: p.port,
          line: p.line,
          what: `${p.probe} port ${p.port}`,
        })),
      ];
      for (const target of targets) {
        if (served(target.port) || checked.has(target.port)) continue;
        checked.add(target.port);
        const { facts } = linked[0];
        report({
          file: container.file,
          line: target.line,
          message:
            `${container.workload} container \`${container.container}\` uses ${target.what}, but its image ` +
            `\`${container.image}\` (built from ${facts.dockerfile}) EXPOSEs ${facts.exposedPorts!.join(', ')} ` +
            `and passes ${target.port} nowhere: traffic and probes to ${target.port} find a closed port.`,
          subject: `${container.namespace}/${container.workload}/${container.container}/${target.port}`,
        });
      }
    }
  },
};
