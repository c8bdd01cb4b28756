import type { Rule } from '../../../engine/rule';
import { asScalar } from '../../../parse/tree';
import { nodeAt, type KubernetesModel } from '../model';
import { formatIntOrPercent, readIntOrPercent, resolveIntOrPercent } from '../quantity';
import { reportAt } from '../report';

export const rolloutUnavailableAll: Rule<KubernetesModel> = {
  id: 'k8s/rollout-unavailable-all',
  severity: 'warning',
  title: 'Rollout may stop every pod at once',
  help:
    '`rollingUpdate.maxUnavailable` is how many pods a rollout may take down before new ones are ' +
    'ready (a percentage rounds down). When it reaches the replica count, a rollout stops every pod ' +
    'at once, and a bad image means a full outage. Keep it below the replica count, e.g. ' +
    '`maxUnavailable: 0` with `maxSurge: 1`, or `25%`.',
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 100%\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
  },
  check(model, report) {
    for (const workload of model.workloads) {
      const replicas = workload.effectiveReplicas;
      if (replicas === undefined || replicas < 2) continue;
      const path =
        workload.kind === 'Deployment'
          ? ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable']
          : workload.kind === 'StatefulSet'
            ? ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable']
            : undefined;
      if (!path) continue;
      const written = asScalar(nodeAt(workload.object, path));
      const value = written ? readIntOrPercent(written.value) : undefined;
      if (!value) continue;
      const unavailable = resolveIntOrPercent(value, replicas, 'down');
      if (unavailable < replicas) continue;
      report(
        reportAt(
          workload.object,
          path,
          `${workload.object.ref}: \`maxUnavailable: ${formatIntOrPercent(value)}\` lets a rollout stop ${unavailable} of its ${replicas} pods at once: a bad release is a full outage. Use \`maxUnavailable: 0\` with \`maxSurge: 1\`, or a value below ${replicas}.`,
        ),
      );
    }
  },
};
