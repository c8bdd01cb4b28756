import type { Rule } from '../../../engine/rule';
import { inSameDirectory, type KubernetesModel } from '../model';
import { reportAt } from '../report';
import { describeSelector } from '../selector';

export const pdbSelectsNothing: Rule<KubernetesModel> = {
  id: 'k8s/pdb-selects-nothing',
  severity: 'warning',
  title: 'PodDisruptionBudget selects no workload',
  help:
    'A PodDisruptionBudget whose selector matches no pod protects nothing: drains evict the pods it ' +
    'was written for all at once. This usually follows a label rename. Make the selector match the ' +
    "pod template's labels, in the same namespace.",
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: website\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n',
  },
  check(model, report) {
    for (const pdb of model.pdbs) {
      const namespace = pdb.object.namespace;
      if (!pdb.selector || pdb.selector.unreadable || pdb.targets.length > 0) continue;
      // Pods the scan cannot see: no workload of the namespace here, or custom resources that run pods.
      const siblings = model.workloadsIn(namespace).map((w) => w.object);
      if (
        namespace === 'kube-system' || // control-plane and add-on pods come from the cluster, not from manifests
        model.syntaxErrors.some((e) => e.file.dir === pdb.object.file.dir) ||
        !inSameDirectory(pdb.object.file, siblings) ||
        model.hasCustomResources(namespace)
      )
        continue;
      // A mismatch within this app: some pod template beside it uses every key the selector asks for,
      // with other values (a rename). A selector on keys no pod here carries targets pods from elsewhere.
      const keys = Object.keys(pdb.selector.matchLabels);
      const sameDir = model.workloads.filter(
        (w) => w.object.namespace === namespace && w.object.file.dir === pdb.object.file.dir,
      );
      if (!sameDir.some((w) => keys.every((k) => Object.hasOwn(w.podLabels, k)))) continue;
      report(
        reportAt(
          pdb.object,
          ['spec', 'selector'],
          `${pdb.object.ref} selects ${describeSelector(pdb.selector)}, which no pod template in namespace \`${namespace}\` carries: it protects nothing. Fix the selector.`,
        ),
      );
    }
  },
};
