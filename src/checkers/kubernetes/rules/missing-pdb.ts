import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';

export const missingPdb: Rule<KubernetesModel> = {
  id: 'k8s/missing-pdb',
  severity: 'warning',
  title: 'Replicated workload without a PodDisruptionBudget',
  help:
    'Without a PodDisruptionBudget, a node drain (cluster upgrade, autoscaler scale-down) may evict ' +
    'every replica at once: they often sit on the nodes drained together. Add a ' +
    '`policy/v1` PodDisruptionBudget selecting the pods with `maxUnavailable: 1`.',
  aliases: ['kube-score/deployment-has-poddisruptionbudget', 'polaris/missingPodDisruptionBudget'],
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n',
  },
  check(model, report) {
    for (const workload of model.workloads) {
      const replicas = workload.effectiveReplicas;
      if (!workload.replicated || replicas === undefined || replicas < 2 || workload.pdbs.length > 0)
        continue;
      const labels = Object.entries(workload.podLabels)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ');
      report(
        reportAt(
          workload.object,
          ['kind'],
          `${workload.object.ref} runs ${replicas} replicas and no PodDisruptionBudget selects its pods${labels ? ` (${labels})` : ''}: a node drain may evict them all at once. Add a PodDisruptionBudget with \`maxUnavailable: 1\`.`,
        ),
      );
    }
  },
};
