import type { Rule } from '../../../engine/rule';
import { lineOf, waiversOf, type KubernetesModel } from '../model';
import { reportAt } from '../report';

export const replicasSetUnderHpa: Rule<KubernetesModel> = {
  id: 'k8s/replicas-set-under-hpa',
  severity: 'warning',
  title: '`replicas` set on an autoscaled workload',
  help:
    'When an autoscaler manages a workload, every `kubectl apply` of a manifest that sets ' +
    '`spec.replicas` resets the replica count to that number, undoing the scale-out: under load, ' +
    'a deploy suddenly drops most pods. Remove `spec.replicas` and let the autoscaler own it.',
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: acme/api:1.4.2\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: api\n  minReplicas: 3\n  maxReplicas: 10\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: acme/api:1.4.2\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: api\n  minReplicas: 3\n  maxReplicas: 10\n',
  },
  check(model, report) {
    for (const workload of model.workloads) {
      if (workload.replicas === undefined || workload.autoscalers.length === 0) continue;
      const autoscaler = workload.autoscalers[0];
      const line = lineOf(workload.object, ['spec', 'replicas']);
      report(
        reportAt(
          workload.object,
          ['spec', 'replicas'],
          `${workload.object.ref} sets \`replicas: ${workload.replicas}\` while ${autoscaler.object.ref} scales it: every apply resets it to ${workload.replicas} pods. Remove \`spec.replicas\`.`,
          {
            waivers: waiversOf(workload.object, autoscaler.object),
            suggestion: { line, endLine: line, replacement: '' },
          },
        ),
      );
    }
  },
};
