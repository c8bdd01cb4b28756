import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';

export const pdbNoPolicy: Rule<KubernetesModel> = {
  id: 'k8s/pdb-no-policy',
  severity: 'warning',
  title: 'PodDisruptionBudget sets no budget',
  help:
    'A PodDisruptionBudget with neither `minAvailable` nor `maxUnavailable` does not limit ' +
    'evictions the way it reads: set `maxUnavailable: 1` (or a `minAvailable` below the replica count).',
  aliases: ['kube-score/poddisruptionbudget-has-policy'],
  example: {
    file: 'pdb.yaml',
    bad: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n',
    good: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n',
  },
  check(model, report) {
    for (const pdb of model.pdbs) {
      if (pdb.minAvailable || pdb.maxUnavailable) continue;
      report(
        reportAt(
          pdb.object,
          ['spec'],
          `${pdb.object.ref} sets neither \`minAvailable\` nor \`maxUnavailable\`. Add \`maxUnavailable: 1\`.`,
        ),
      );
    }
  },
};
