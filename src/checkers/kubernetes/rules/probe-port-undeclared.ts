import type { Rule } from '../../../engine/rule';
import { asScalar, getPath } from '../../../parse/tree';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';
import { deploymentYaml, HTTP_PORT } from './examples';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'];

export const probePortUndeclared: Rule<KubernetesModel> = {
  id: 'k8s/probe-port-undeclared',
  severity: 'error',
  title: 'Probe targets a port the container does not declare',
  help:
    "A probe's named port is looked up among the container's own `ports`: when no port has that " +
    'name, the probe can never succeed, so the pod never becomes ready (readiness) or restarts ' +
    'forever (liveness). Declare the port with that name, or use the right name. A numeric port ' +
    'that is not declared is only suspicious (the process may still listen there).',
  aliases: ['kube-linter/liveness-port', 'kube-linter/readiness-port', 'kube-linter/startup-port'],
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({
      replicas: 2,
      container: [
        ...HTTP_PORT,
        '          readinessProbe:',
        '            httpGet:',
        '              path: /ready',
        '              port: web',
      ],
    }),
    good: deploymentYaml({
      replicas: 2,
      container: [
        ...HTTP_PORT,
        '          readinessProbe:',
        '            httpGet:',
        '              path: /ready',
        '              port: http',
      ],
    }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      for (const container of workload.containers) {
        if (container.role === 'init') continue;
        for (const probeName of PROBES) {
          const probe = container[probeName];
          if (!probe) continue;
          for (const handler of HANDLERS) {
            const port = asScalar(getPath(probe, handler, 'port'));
            if (!port || port.value === null) continue;
            const path = [...container.path, probeName, handler, 'port'];
            const field = `${container.name}.${probeName}.port`;
            if (typeof port.value === 'number') {
              if (container.ports.length === 0 || container.ports.some((p) => p.containerPort === port.value))
                continue;
              const declared = container.ports.map((p) => p.containerPort).join(', ');
              report(
                reportAt(
                  workload.object,
                  path,
                  `${workload.object.ref}, container \`${container.name}\`: the ${probeName} checks port ${port.value}, but the container declares ${declared}. Check the port number.`,
                  { field, severity: 'warning' },
                ),
              );
            } else if (typeof port.value === 'string' && !/^\d+$/.test(port.value)) {
              if (container.ports.some((p) => p.name === port.value)) continue;
              const names = container.ports.map((p) => p.name).filter(Boolean);
              report(
                reportAt(
                  workload.object,
                  path,
                  `${workload.object.ref}, container \`${container.name}\`: the ${probeName} checks the port named \`${port.value}\`, which the container does not declare (${names.length ? `its ports are ${names.join(', ')}` : 'it names no port'}): the probe can never pass.`,
                  { field },
                ),
              );
            }
          }
        }
      }
    }
  },
};
