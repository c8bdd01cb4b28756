import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';
import { spreadConstraints } from '../spreading';

const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];

export const invalidTopologySpread: Rule<KubernetesModel> = {
  id: 'k8s/invalid-topology-spread',
  severity: 'error',
  title: 'Invalid topology spread constraint',
  help:
    'The API server rejects a topology spread constraint with `maxSkew` below 1, no `topologyKey`, ' +
    'or a `whenUnsatisfiable` other than `DoNotSchedule` or `ScheduleAnyway`. One without a ' +
    '`labelSelector` is accepted but counts no pods, so it spreads nothing. Give each constraint ' +
    '`maxSkew: 1`, a `topologyKey`, a `whenUnsatisfiable` and a `labelSelector` matching the pods.',
  aliases: ['kube-score/pod-topology-spread-constraints'],
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      topologySpreadConstraints:\n        - maxSkew: 0\n          topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: DoNotSchedule\n          labelSelector:\n            matchLabels:\n              app: web\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: DoNotSchedule\n          labelSelector:\n            matchLabels:\n              app: web\n      containers:\n        - name: web\n          image: nginx:1.27\n',
  },
  check(model, report) {
    for (const workload of model.workloads) {
      for (const constraint of spreadConstraints(workload)) {
        const problems: string[] = [];
        if (constraint.maxSkew === undefined || constraint.maxSkew < 1)
          problems.push(
            constraint.maxSkew === undefined
              ? 'no `maxSkew`'
              : `\`maxSkew: ${constraint.maxSkew}\` (must be at least 1)`,
          );
        if (!constraint.topologyKey) problems.push('no `topologyKey`');
        if (!constraint.whenUnsatisfiable || !WHEN_UNSATISFIABLE.includes(constraint.whenUnsatisfiable))
          problems.push(
            constraint.whenUnsatisfiable
              ? `\`whenUnsatisfiable: ${constraint.whenUnsatisfiable}\` (DoNotSchedule or ScheduleAnyway)`
              : 'no `whenUnsatisfiable`',
          );
        const field = constraint.path.join('.');
        if (problems.length) {
          report(
            reportAt(
              workload.object,
              constraint.maxSkew !== undefined && constraint.maxSkew < 1
                ? [...constraint.path, 'maxSkew']
                : constraint.path,
              `${workload.object.ref}: a topology spread constraint has ${problems.join(', ')}; the API server rejects it.`,
              { field },
            ),
          );
        } else if (!constraint.selector && constraint.matchLabelKeys.length === 0) {
          report(
            reportAt(
              workload.object,
              constraint.path,
              `${workload.object.ref}: the topology spread constraint on \`${constraint.topologyKey}\` has no \`labelSelector\`, so it counts no pods and spreads nothing. Add a labelSelector matching the pod labels.`,
              { field: `${field}.labelSelector`, severity: 'warning' },
            ),
          );
        }
      }
    }
  },
};
