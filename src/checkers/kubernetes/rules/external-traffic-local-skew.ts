import { listed } from '../../../engine/finding';
import type { Rule } from '../../../engine/rule';
import { waiversOf, type KubernetesModel } from '../model';
import { reportAt } from '../report';
import { evenOverNodes } from '../spreading';

export const externalTrafficLocalSkew: Rule<KubernetesModel> = {
  id: 'k8s/external-traffic-local-skew',
  severity: 'warning',
  title: '`externalTrafficPolicy: Local` with pods unevenly spread over nodes',
  help:
    'With `externalTrafficPolicy: Local`, the load balancer splits traffic per node and each node ' +
    'only sends it to its own pods: a node running two pods gives each half the share of a pod ' +
    'alone on its node. Unless the pods are spread one per node (a DaemonSet, a required hostname ' +
    'anti-affinity, or a hostname topology spread with `maxSkew: 1` and `DoNotSchedule`), load is ' +
    'skewed. Use `externalTrafficPolicy: Cluster` (the default) unless you need the client source ' +
    'IP, or spread the pods evenly.',
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  externalTrafficPolicy: Local\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  externalTrafficPolicy: Cluster\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
  },
  check(model, report) {
    for (const service of model.services) {
      if (service.externalTrafficPolicy !== 'Local') continue;
      if (service.type !== 'LoadBalancer' && service.type !== 'NodePort') continue;
      const uneven = service.backends.filter(
        (w) => !w.batch && !evenOverNodes(w) && (w.effectiveReplicas ?? 0) >= 2,
      );
      // One pod cannot be skewed against another; several selected workloads are often alternatives.
      if (uneven.length === 0) continue;
      const pods = Math.max(...uneven.map((w) => w.effectiveReplicas ?? 0));
      const names = listed(uneven, (w) => w.object.ref);
      report(
        reportAt(
          service.object,
          ['spec', 'externalTrafficPolicy'],
          `${service.object.ref} (${service.type}) uses \`externalTrafficPolicy: Local\`, but ${names} (${pods} pods) ${uneven.length > 1 ? 'are' : 'is'} not spread one per node: the load balancer weights nodes, not pods, so pods sharing a node get less traffic and lone pods more. Use \`Cluster\`, or a hostname topology spread with \`maxSkew: 1\` and \`DoNotSchedule\`.`,
          { waivers: waiversOf(service.object, uneven) },
        ),
      );
    }
  },
};
