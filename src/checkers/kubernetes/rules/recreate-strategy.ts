import type { Rule } from '../../../engine/rule';
import { mountsClaim, stringAt, type KubernetesModel } from '../model';
import { reportAt } from '../report';

export const recreateStrategy: Rule<KubernetesModel> = {
  id: 'k8s/recreate-strategy',
  severity: 'warning',
  title: 'Serving Deployment rolls out with Recreate',
  help:
    '`strategy: Recreate` stops every pod before starting the new ones: each deploy is an outage ' +
    'for the Service in front of it, as long as the new pods take to become ready. Use the default ' +
    '`RollingUpdate` (Recreate is only needed when two versions must never run together, e.g. a ' +
    'ReadWriteOnce volume).',
  aliases: ['kube-linter/no-rolling-update-strategy'],
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  strategy:\n    type: Recreate\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  strategy:\n    type: RollingUpdate\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
  },
  check(model, report) {
    for (const workload of model.workloads) {
      if (workload.kind !== 'Deployment' || !workload.serving) continue;
      if (stringAt(workload.object.node, 'spec', 'strategy', 'type') !== 'Recreate') continue;
      if (mountsClaim(workload)) continue;
      report(
        reportAt(
          workload.object,
          ['spec', 'strategy', 'type'],
          `${workload.object.ref} serves traffic but rolls out with \`strategy: Recreate\`: every deploy stops all pods first, an outage until the new ones are ready. Use RollingUpdate.`,
          { ...(workload.serving === 'ports' && { severity: 'notice' }) },
        ),
      );
    }
  },
};
