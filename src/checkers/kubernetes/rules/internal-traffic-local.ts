import { listed } from '../../../engine/finding';
import type { Rule } from '../../../engine/rule';
import { waiversOf, type KubernetesModel } from '../model';
import { reportAt } from '../report';

export const internalTrafficLocal: Rule<KubernetesModel> = {
  id: 'k8s/internal-traffic-local',
  severity: 'notice',
  title: '`internalTrafficPolicy: Local` on a Service not backed by a DaemonSet',
  help:
    "`internalTrafficPolicy: Local` sends in-cluster traffic only to a pod on the caller's own node, " +
    'and drops it when that node has none. That suits node agents run as a DaemonSet; for a ' +
    'Deployment, callers on nodes without a replica get connection failures. Use `Cluster`.',
  example: {
    file: 'svc.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cache\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: cache\n  template:\n    metadata:\n      labels:\n        app: cache\n    spec:\n      containers:\n        - name: cache\n          image: redis:7.2\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: cache\nspec:\n  internalTrafficPolicy: Local\n  selector:\n    app: cache\n  ports:\n    - port: 6379\n',
    good: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: cache\nspec:\n  selector:\n    matchLabels:\n      app: cache\n  template:\n    metadata:\n      labels:\n        app: cache\n    spec:\n      containers:\n        - name: cache\n          image: redis:7.2\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: cache\nspec:\n  internalTrafficPolicy: Local\n  selector:\n    app: cache\n  ports:\n    - port: 6379\n',
  },
  check(model, report) {
    for (const service of model.services) {
      if (service.internalTrafficPolicy !== 'Local') continue;
      const notDaemon = service.backends.filter((w) => w.kind !== 'DaemonSet');
      if (notDaemon.length === 0) continue;
      report(
        reportAt(
          service.object,
          ['spec', 'internalTrafficPolicy'],
          `${service.object.ref} uses \`internalTrafficPolicy: Local\` but ${listed(notDaemon, (w) => w.object.ref)} is not a DaemonSet: callers on nodes without one of its pods get no endpoint. Use \`Cluster\`.`,
          { waivers: waiversOf(service.object, notDaemon) },
        ),
      );
    }
  },
};
