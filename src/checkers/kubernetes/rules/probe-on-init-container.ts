import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';
import { deploymentYaml } from './examples';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

const init = (probe: boolean, sidecar = false) => [
  '      initContainers:',
  '        - name: migrate',
  '          image: acme/migrate:1.4.2',
  ...(sidecar ? ['          restartPolicy: Always'] : []),
  ...(probe ? ['          readinessProbe:', '            exec:', '              command: ["true"]'] : []),
];

export const probeOnInitContainer: Rule<KubernetesModel> = {
  id: 'k8s/probe-on-init-container',
  severity: 'error',
  title: 'Probe on an init container',
  help:
    'Init containers run to completion before the pod starts, so the API server rejects liveness, ' +
    'readiness and startup probes on them. Remove the probe, or, for a sidecar meant to run beside ' +
    'the app, make it a native sidecar with `restartPolicy: Always`.',
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({ replicas: 2, pod: init(true) }),
    good: deploymentYaml({ replicas: 2, pod: init(false) }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      for (const container of workload.containers) {
        if (container.role !== 'init') continue;
        for (const probe of PROBES) {
          if (!container[probe]) continue;
          report(
            reportAt(
              workload.object,
              [...container.path, probe],
              `${workload.object.ref}, init container \`${container.name}\` has a ${probe}; the API server rejects probes on init containers. Remove it, or add \`restartPolicy: Always\` to make it a sidecar.`,
              { field: `${container.name}.${probe}` },
            ),
          );
        }
      }
    }
  },
};
