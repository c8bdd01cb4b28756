import { listed } from '../../../engine/finding';
import type { Rule } from '../../../engine/rule';
import { waiversOf, type KubernetesModel } from '../model';
import { reportAt } from '../report';

export const pdbOverlap: Rule<KubernetesModel> = {
  id: 'k8s/pdb-overlap',
  severity: 'warning',
  title: 'Pods selected by two PodDisruptionBudgets',
  help:
    'The Eviction API refuses to evict a pod that more than one PodDisruptionBudget selects ' +
    '("This pod has more than one PodDisruptionBudget, which the eviction subresource does not ' +
    'support"), so drains of its nodes stall. Keep one budget per set of pods: narrow the selectors.',
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n        tier: front\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: front\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      tier: front\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n        tier: front\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n',
  },
  check(model, report) {
    for (const workload of model.workloads) {
      if (workload.pdbs.length < 2) continue;
      const names = listed(workload.pdbs, (p) => p.object.ref, ' and ');
      const second = workload.pdbs[1];
      report(
        reportAt(
          second.object,
          ['spec', 'selector'],
          `The pods of ${workload.object.ref} are selected by ${names}: the Eviction API refuses to evict them, so drains stall. Keep one PodDisruptionBudget for them.`,
          {
            waivers: waiversOf(workload.object, workload.pdbs),
            field: `selector:${workload.object.ref}`,
          },
        ),
      );
    }
  },
};
