import type { Rule } from '../../../engine/rule';
import { longRunning, type KubernetesModel } from '../model';
import { reportAt } from '../report';
import { deploymentYaml } from './examples';

export const missingMemoryLimit: Rule<KubernetesModel> = {
  id: 'k8s/missing-memory-limit',
  severity: 'warning',
  title: 'Container without a memory limit',
  help:
    'Without a memory limit, a leak or a burst grows until the node runs out of memory, and the ' +
    'kernel then kills processes of other pods too. Set `resources.limits.memory` (a CPU limit is ' +
    'optional and often better left out: it throttles). ' +
    'A notice for a container that only sleeps (`sleep infinity`): a client someone execs into.',
  aliases: ['polaris/memoryLimitsMissing', 'CKV_K8S_13', 'kube-linter/unset-memory-requirements'],
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({
      replicas: 2,
      container: [
        '          resources:',
        '            requests:',
        '              cpu: 250m',
        '              memory: 256Mi',
      ],
    }),
    good: deploymentYaml({
      replicas: 2,
      container: [
        '          resources:',
        '            requests:',
        '              cpu: 250m',
        '              memory: 256Mi',
        '            limits:',
        '              memory: 256Mi',
      ],
    }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      for (const container of longRunning(workload)) {
        if (container.limits.has('memory')) continue;
        report(
          reportAt(
            workload.object,
            container.requests.size || container.limits.size
              ? [...container.path, 'resources']
              : [...container.path, 'name'],
            `${workload.object.ref}, container \`${container.name}\` has no memory limit: a leak can exhaust the node and take other pods down with it. Set \`resources.limits.memory\`.`,
            {
              field: `${container.name}.resources.limits.memory`,
              // A container that only sleeps is a client someone execs into: what it needs depends on them.
              ...(container.idle && { severity: 'notice' }),
            },
          ),
        );
      }
    }
  },
};
