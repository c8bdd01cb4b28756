import type { Rule } from '../../../engine/rule';
import { inSameDirectory, type KubernetesModel } from '../model';
import { reportAt } from '../report';

export const hpaTargetMissing: Rule<KubernetesModel> = {
  id: 'k8s/hpa-target-missing',
  severity: 'warning',
  title: 'Autoscaler targets nothing in the manifests',
  help:
    'An HPA whose `scaleTargetRef` names no workload does nothing (its status says "the HPA controller was unable to get the target\'s current scale"), ' +
    'usually because the workload was renamed or its kind is wrong. Point `scaleTargetRef` at the ' +
    'workload by its exact kind and name, in the same namespace.',
  aliases: ['kube-linter/dangling-horizontalpodautoscaler'],
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: acme/api:1.4.2\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: api-server\n  minReplicas: 2\n  maxReplicas: 10\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: acme/api:1.4.2\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: api\n  minReplicas: 2\n  maxReplicas: 10\n',
  },
  check(model, report) {
    for (const autoscaler of model.autoscalers) {
      if (autoscaler.source !== 'hpa' || autoscaler.target || !autoscaler.targetName) continue;
      const namespace = autoscaler.object.namespace;
      const objects = model.inNamespace(namespace);
      // Only when the namespace's workloads are in the scan; a custom kind (Rollout...) is looked up by name.
      if (
        !inSameDirectory(
          autoscaler.object.file,
          model.workloadsIn(namespace).map((w) => w.object),
        )
      )
        continue;
      if (objects.some((o) => o.kind === autoscaler.targetKind && o.name === autoscaler.targetName)) continue;
      const sameName = objects.find(
        (o) => o.name === autoscaler.targetName && o.kind !== autoscaler.object.kind,
      );
      report(
        reportAt(
          autoscaler.object,
          ['spec', 'scaleTargetRef', 'name'],
          `${autoscaler.object.ref} scales ${autoscaler.targetKind}/${autoscaler.targetName}, which is not in namespace \`${namespace}\`${sameName ? ` (there is a ${sameName.ref}: is the kind wrong?)` : ''}: it scales nothing. Fix \`scaleTargetRef\`.`,
        ),
      );
    }
  },
};
