import type { Rule } from '../../../engine/rule';
import { heldStore, type KubernetesModel, type Service } from '../model';
import { reportAt } from '../report';

export const singleReplica: Rule<KubernetesModel> = {
  id: 'k8s/single-replica',
  severity: 'warning',
  title: 'Serving workload runs one replica',
  help:
    'With one replica, every rollout, node drain, eviction or crash is an outage: there is no other ' +
    'pod to take the traffic while the only one restarts. Run at least 2 replicas (or an autoscaler ' +
    'with `minReplicas: 2`), spread over nodes, with a PodDisruptionBudget. A Service that only ' +
    'exposes metrics (`*-metrics`, ports named `metrics`) carries no traffic, and a Service whose ' +
    'workloads in its file together run 2 or more pods (versions of one app) survives the restart of one; an ' +
    "HPA's minimum of 1 is reported by k8s/hpa-min-replicas-low. A notice for a workload that holds " +
    'a store (a ReadWriteOnce claim, a database or broker image): more replicas of it are ' +
    'more stores, and the fix is to replicate the store.',
  aliases: ['kube-score/deployment-replicas', 'polaris/deploymentMissingReplicas'],
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - containerPort: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - containerPort: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
  },
  check(model, report) {
    for (const workload of model.workloads) {
      const replicas = workload.effectiveReplicas;
      if (!workload.replicated || !workload.serving || replicas === undefined || replicas >= 2) continue;
      if (workload.replicas === 0 && workload.autoscalers.length === 0) continue; // scaled to zero on purpose
      // Versions of one app (reviews-v1, -v2, -v3) behind one Service: a restart of one is not an outage.
      if (workload.servedBy.some((service) => podsBehind(service) >= 2)) continue;
      const via =
        workload.serving === 'service'
          ? `serves Service/${workload.servedBy[0].object.name}`
          : 'declares a container port';
      const autoscaler = workload.autoscalers.find((a) => a.floor === replicas);
      // An HPA's minimum of 1 is k8s/hpa-min-replicas-low's finding, on the same line.
      if (autoscaler?.source === 'hpa' && replicas === 1) continue;
      if (autoscaler) {
        report(
          reportAt(
            autoscaler.object,
            autoscaler.minReplicasPair
              ? ['spec', autoscaler.source === 'hpa' ? 'minReplicas' : 'minReplicaCount']
              : ['kind'],
            `${workload.object.ref} ${via} but ${autoscaler.object.ref} lets it scale down to ${replicas} replica${replicas === 1 ? '' : 's'}: every restart is an outage. Set the minimum to 2 or more.`,
            {
              waivers: [...workload.object.waivers, ...autoscaler.object.waivers],
              field: 'minReplicas',
              ...(workload.serving === 'ports' && { severity: 'notice' }),
            },
          ),
        );
        continue;
      }
      const store = heldStore(workload, model);
      const written = workload.replicas === undefined ? 'no `replicas` (so 1)' : `\`replicas: ${replicas}\``;
      report(
        reportAt(
          workload.object,
          ['spec', 'replicas'],
          store
            ? `${workload.object.ref} ${via} with ${written}: every rollout, drain or crash is an outage, but ${store}, so a second replica would be a second store, not a spare. Replicate the store (an operator, a StatefulSet set up for replication, a managed service).`
            : `${workload.object.ref} ${via} with ${written}: every rollout, drain or crash is an outage. Run 2 or more.`,
          { ...((workload.serving === 'ports' || store) && { severity: 'notice' }) },
        ),
      );
    }
  },
};

/**
 * The pods a Service sends to at the lowest scale of the workloads written in its own file (a
 * DaemonSet counts as several). Other files may hold copies of the app rather than more of it: a
 * chart, a rendered bundle, a variant of the example beside it.
 */
function podsBehind(service: Service): number {
  let pods = podsByService.get(service);
  if (pods === undefined) {
    pods = service.backends
      .filter((backend) => backend.object.file === service.object.file)
      .reduce((sum, backend) => sum + (backend.effectiveReplicas ?? 2), 0);
    podsByService.set(service, pods);
  }
  return pods;
}

// Where every Service selects every workload, each workload asks about every Service: count once.
const podsByService = new WeakMap<Service, number>();
