import { listed } from '../../../engine/finding';
import type { Rule } from '../../../engine/rule';
import { waiversOf, type ContainerPort, type KubernetesModel, type Workload } from '../model';
import { reportAt } from '../report';
import { deploymentYaml, HTTP_PORT, serviceYaml } from './examples';

export const servicePortMismatch: Rule<KubernetesModel> = {
  id: 'k8s/service-port-mismatch',
  severity: 'error',
  title: 'Service targetPort is not a port of its pods',
  help:
    "A named `targetPort` is resolved against the port names of the selected pods' containers: when " +
    'no container has a port of that name, the Service has no endpoints for it and every connection ' +
    'fails. Use a name the container declares. A numeric `targetPort` the pods do not declare still ' +
    'reaches the process if it listens there, but usually means the numbers drifted apart.',
  aliases: ['kube-score/service-targets-pod'],
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({ replicas: 2, container: HTTP_PORT }) + serviceYaml('web', 80, 'web'),
    good: deploymentYaml({ replicas: 2, container: HTTP_PORT }) + serviceYaml('web', 80, 'http'),
  },
  check(model, report) {
    // Each workload's ports once: a workload may be the backend of thousands of Services.
    const portsOf = new Map<Workload, ContainerPort[]>();
    const declaredBy = (w: Workload) => {
      let ports = portsOf.get(w);
      if (!ports)
        portsOf.set(w, (ports = w.containers.filter((c) => c.role !== 'init').flatMap((c) => c.ports)));
      return ports;
    };
    for (const service of model.services) {
      // A patched workload gains containers and ports when kustomize builds it.
      if (service.backends.length === 0 || service.backends.some((w) => w.patched)) continue;
      const backends = service.backends;
      const ports = backends.map(declaredBy);
      // Built only for a finding: a Service may select thousands of workloads.
      const waivers = () => waiversOf(service.object, ...backends.map((w) => w.object));
      const names = () => listed(backends.map((w) => w.object.ref));
      service.ports.forEach((port, index) => {
        const target = port.targetPort ?? port.port;
        if (target === undefined || (typeof target === 'string' && /[${}]/.test(target))) return;
        const field = port.targetPort === undefined ? 'port' : 'targetPort';
        const path = ['spec', 'ports', index, field];
        if (typeof target === 'string') {
          if (ports.some((list) => list.some((p) => p.name === target))) return;
          const declared = [
            ...new Set(
              ports
                .flat()
                .map((p) => p.name)
                .filter(Boolean),
            ),
          ];
          report(
            reportAt(
              service.object,
              path,
              `${service.object.ref} sends port ${port.port ?? index} to the port named \`${target}\`, but no container of ${names()} declares it (${declared.length ? `named ports: ${listed(declared)}` : 'they name no port'}): the Service has no endpoints for it.`,
              { waivers: waivers(), field: `ports.${index}.targetPort` },
            ),
          );
          return;
        }
        // Numeric: only when every backend declares its ports and none declares this one.
        if (
          ports.some((list) => list.length === 0) ||
          ports.some((list) => list.some((p) => p.containerPort === target))
        )
          return;
        const declared = [
          ...new Set(
            ports
              .flat()
              .map((p) => p.containerPort)
              .filter((p) => p !== undefined),
          ),
        ];
        report(
          reportAt(
            service.object,
            path,
            `${service.object.ref} sends port ${port.port ?? index} to ${field === 'port' ? 'the same port number ' : ''}${target}, but the containers of ${names()} declare ${listed(declared)}: check that the process listens on ${target}.`,
            { waivers: waivers(), field: `ports.${index}.targetPort`, severity: 'notice' },
          ),
        );
      });
    }
  },
};
