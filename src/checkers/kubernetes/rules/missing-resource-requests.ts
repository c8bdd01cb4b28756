import type { Rule } from '../../../engine/rule';
import { longRunning, type KubernetesModel } from '../model';
import { reportAt } from '../report';
import { deploymentYaml } from './examples';

const RESOURCES = (requests: boolean) => [
  '          resources:',
  ...(requests ? ['            requests:', '              cpu: 250m', '              memory: 256Mi'] : []),
  '            limits:',
  '              memory: 256Mi',
];

export const missingResourceRequests: Rule<KubernetesModel> = {
  id: 'k8s/missing-resource-requests',
  severity: 'warning',
  title: 'Container without CPU and memory requests',
  help:
    'Requests are what the scheduler reserves. Without them pods are packed onto nodes that cannot ' +
    'hold their real use, are the first evicted under memory pressure (BestEffort), and autoscalers ' +
    'cannot compute utilisation. Set `resources.requests.cpu` and `.memory` to the usual load. ' +
    '(A limit without a request counts as the request.) ' +
    'A notice for a container that only sleeps (`sleep infinity`): a client someone execs into.',
  aliases: [
    'kube-linter/unset-cpu-requirements',
    'kube-linter/unset-memory-requirements',
    'polaris/cpuRequestsMissing',
    'polaris/memoryRequestsMissing',
    'CKV_K8S_10',
    'CKV_K8S_12',
  ],
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({ replicas: 2, container: RESOURCES(false) }),
    good: deploymentYaml({ replicas: 2, container: RESOURCES(true) }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      for (const container of longRunning(workload)) {
        // Kubernetes copies a limit into a missing request.
        const missing = ['cpu', 'memory'].filter(
          (r) => !container.requests.has(r) && !container.limits.has(r),
        );
        if (missing.length === 0) continue;
        report(
          reportAt(
            workload.object,
            container.requests.size || container.limits.size
              ? [...container.path, 'resources']
              : [...container.path, 'name'],
            `${workload.object.ref}, container \`${container.name}\` requests no ${missing.join(' and ')}: the scheduler reserves nothing for it${missing.includes('memory') ? ' and it is evicted first under memory pressure' : ''}. Set \`resources.requests.${missing.join('` and `.')}\`.`,
            {
              field: `${container.name}.resources.requests`,
              // A container that only sleeps is a client someone execs into: what it needs depends on them.
              ...(container.idle && { severity: 'notice' }),
            },
          ),
        );
      }
    }
  },
};
