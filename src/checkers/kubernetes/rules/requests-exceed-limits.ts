import type { Rule } from '../../../engine/rule';
import { asScalar } from '../../../parse/tree';
import type { KubernetesModel } from '../model';
import { parseQuantity } from '../quantity';
import { reportAt } from '../report';
import { deploymentYaml } from './examples';

const RESOURCES = (request: string) => [
  '          resources:',
  '            requests:',
  `              memory: ${request}`,
  '              cpu: 100m',
  '            limits:',
  '              memory: 512Mi',
];

export const requestsExceedLimits: Rule<KubernetesModel> = {
  id: 'k8s/requests-exceed-limits',
  severity: 'error',
  title: 'Request greater than its limit',
  help:
    'A resource request may not exceed its limit: the API server rejects the pod ("must be less than ' +
    'or equal to ... limit"), so the workload never starts. Quantities compare by value: `1Gi` is ' +
    '1024Mi, `500m` CPU is half a core. Raise the limit or lower the request.',
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({ replicas: 2, container: RESOURCES('1Gi') }),
    good: deploymentYaml({ replicas: 2, container: RESOURCES('512Mi') }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      for (const container of workload.containers) {
        for (const [resource, requestPair] of container.requests) {
          const limitPair = container.limits.get(resource);
          const requestNode = asScalar(requestPair.value);
          const limitNode = asScalar(limitPair?.value);
          if (!requestNode || !limitNode) continue;
          const request = parseQuantity(requestNode.value);
          const limit = parseQuantity(limitNode.value);
          if (request === undefined || limit === undefined || request <= limit) continue;
          report(
            reportAt(
              workload.object,
              [...container.path, 'resources', 'requests', resource],
              `${workload.object.ref}, container \`${container.name}\` requests ${resource} ${requestNode.source} but limits it to ${limitNode.source}: the API server rejects the pod. Raise the limit or lower the request.`,
              { field: `${container.name}.resources.${resource}` },
            ),
          );
        }
      }
    }
  },
};
