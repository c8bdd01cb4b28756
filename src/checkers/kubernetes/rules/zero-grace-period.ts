import type { Rule } from '../../../engine/rule';
import { numberValue, type KubernetesModel } from '../model';
import { mapGet } from '../../../parse/tree';
import { reportAt } from '../report';
import { deploymentYaml } from './examples';

export const zeroGracePeriod: Rule<KubernetesModel> = {
  id: 'k8s/zero-grace-period',
  severity: 'warning',
  title: '`terminationGracePeriodSeconds: 0`',
  help:
    'With no grace period, a deleted pod is killed at once: no SIGTERM handling, no draining of ' +
    'in-flight requests, no flushing of buffers; for a StatefulSet it can even break its ' +
    'at-most-one-pod guarantee. Leave the default (30) or set what shutdown really needs.',
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({ replicas: 2, pod: ['      terminationGracePeriodSeconds: 0'] }),
    good: deploymentYaml({ replicas: 2, pod: ['      terminationGracePeriodSeconds: 30'] }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      if (numberValue(mapGet(workload.podSpec, 'terminationGracePeriodSeconds')?.value) !== 0) continue;
      report(
        reportAt(
          workload.object,
          [...workload.podSpecPath, 'terminationGracePeriodSeconds'],
          `${workload.object.ref} sets \`terminationGracePeriodSeconds: 0\`: its pods are killed without a chance to finish in-flight work. Remove it or give shutdown the seconds it needs.`,
        ),
      );
    }
  },
};
