import { listed } from '../../../engine/finding';
import type { Rule } from '../../../engine/rule';
import { waiversOf, type KubernetesModel, type Workload } from '../model';
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
    // Services with one selector share one list of backends: their ports are read once per list.
    const declaredBy = new Map<readonly Workload[], DeclaredPorts>();
    for (const service of model.services) {
      const backends = service.backends;
      // A patched workload gains containers and ports when kustomize builds it.
      if (backends.length === 0 || backends.some((w) => w.patched)) continue;
      let declared = declaredBy.get(backends);
      if (!declared) declaredBy.set(backends, (declared = declaredPorts(backends)));
      const { names, numbers, everyBackendDeclares } = declared;
      // Built only for a finding: a Service may select thousands of workloads.
      const waivers = () => waiversOf(service.object, backends);
      const backendNames = () => listed(backends, (w) => w.object.ref);
      service.ports.forEach((port, index) => {
        const target = port.targetPort ?? port.port;
        if (target === undefined || (typeof target === 'string' && /[${}]/.test(target))) return;
        const field = port.targetPort === undefined ? 'port' : 'targetPort';
        const path = ['spec', 'ports', index, field];
        if (typeof target === 'string') {
          if (names.has(target) || !PORT_NAME.test(target)) return;
          report(
            reportAt(
              service.object,
              path,
              `${service.object.ref} sends port ${port.port ?? index} to the port named \`${target}\`, but no container of ${backendNames()} declares it (${names.size ? `named ports: ${listed([...names], (name) => name)}` : 'they name no port'}): the Service has no endpoints for it.`,
              { waivers: waivers(), field: `ports.${index}.targetPort` },
            ),
          );
          return;
        }
        // Numeric: only when every backend declares its ports and none declares this one.
        if (!everyBackendDeclares || numbers.has(target)) return;
        report(
          reportAt(
            service.object,
            path,
            `${service.object.ref} sends port ${port.port ?? index} to ${field === 'port' ? 'the same port number ' : ''}${target}, but the containers of ${backendNames()} declare ${listed([...numbers], (number) => number)}: check that the process listens on ${target}.`,
            { waivers: waivers(), field: `ports.${index}.targetPort`, severity: 'notice' },
          ),
        );
      });
    }
  },
};

/**
 * What a port's name may be (an IANA service name: at most 15 lowercase letters, digits and inner
 * dashes, one letter at least). Anything else, such as `PORT`, is a placeholder a script fills in
 * before the apply, and no name to look for.
 */
const PORT_NAME = /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The ports the long-running containers of a Service's backends declare, in the order written. */
interface DeclaredPorts {
  names: Set<string>;
  numbers: Set<number>;
  /** False when some backend declares no port at all: a numeric target may still be right. */
  everyBackendDeclares: boolean;
}

function declaredPorts(backends: readonly Workload[]): DeclaredPorts {
  const declared: DeclaredPorts = { names: new Set(), numbers: new Set(), everyBackendDeclares: true };
  for (const workload of backends) {
    let any = false;
    for (const container of workload.containers) {
      if (container.role === 'init') continue;
      for (const port of container.ports) {
        any = true;
        if (port.name) declared.names.add(port.name);
        if (port.containerPort !== undefined) declared.numbers.add(port.containerPort);
      }
    }
    if (!any) declared.everyBackendDeclares = false;
  }
  return declared;
}
