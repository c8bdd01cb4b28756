import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';
import { describeSelector, selectorMatches } from '../selector';
import { antiAffinityTerms, HOSTNAME_KEY, selectsOwnPods, spreadConstraints, ZONE_KEYS } from '../spreading';

export const spreadSelectorNotSelf: Rule<KubernetesModel> = {
  id: 'k8s/spread-selector-not-self',
  severity: 'warning',
  title: 'Spreading rule does not select the own pods',
  help:
    'A topology spread constraint counts only the pods its `labelSelector` selects. When the selector ' +
    "misses the workload's own pods (a copied label, a renamed app), the constraint is always " +
    'satisfied and spreads nothing. Make the selector match the pod template labels.',
  aliases: ['kube-linter/no-anti-affinity'],
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: DoNotSchedule\n          labelSelector:\n            matchLabels:\n              app: api\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: DoNotSchedule\n          labelSelector:\n            matchLabels:\n              app: web\n      containers:\n        - name: web\n          image: nginx:1.27\n',
  },
  check(model, report) {
    for (const workload of model.workloads) {
      const siblings = model.workloadsIn(workload.object.namespace);
      if (workload.batch) continue;
      for (const constraint of spreadConstraints(workload)) {
        if (!constraint.selector || selectsOwnPods(constraint.selector, workload)) continue;
        report(
          reportAt(
            workload.object,
            [...constraint.path, 'labelSelector'],
            `${workload.object.ref}: the topology spread constraint on \`${constraint.topologyKey ?? '?'}\` selects ${describeSelector(constraint.selector)}, not its own pods: it spreads nothing. Select the pod template's labels.`,
            { field: `${constraint.path.join('.')}` },
          ),
        );
      }
      // A required anti-affinity on hostname/zone that selects no pod at all was meant to spread the replicas.
      for (const term of antiAffinityTerms(workload)) {
        if (!term.required || !term.selector || term.selector.unreadable) continue;
        if (term.topologyKey !== HOSTNAME_KEY && !ZONE_KEYS.includes(term.topologyKey ?? '')) continue;
        if (siblings.some((w) => selectorMatches(term.selector!, w.podLabels))) continue;
        if (model.hasCustomResources(workload.object.namespace)) continue;
        report(
          reportAt(
            workload.object,
            [...term.path, 'labelSelector'],
            `${workload.object.ref}: the required pod anti-affinity on \`${term.topologyKey}\` selects ${describeSelector(term.selector)}, which no pod in namespace \`${workload.object.namespace}\` carries, not even its own: it spreads nothing. Select the pod template's labels.`,
            { field: `${term.path.join('.')}` },
          ),
        );
      }
    }
  },
};
