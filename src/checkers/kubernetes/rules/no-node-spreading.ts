import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';
import { HOSTNAME_KEY, onePerZone, spreadsOver } from '../spreading';

export const noNodeSpreading: Rule<KubernetesModel> = {
  id: 'k8s/no-node-spreading',
  severity: 'warning',
  title: 'Replicas not spread over nodes',
  help:
    "Nothing keeps the replicas on different nodes: the scheduler's default spreading is only a " +
    'preference (a skew of 3 is allowed), so two or three replicas often land on one node and one ' +
    'node failure or drain takes them all. Add a `topologySpreadConstraints` entry on ' +
    '`kubernetes.io/hostname` selecting the pods (or a pod anti-affinity on that key).',
  aliases: ['kube-linter/no-anti-affinity', 'kube-score/deployment-has-host-podantiaffinity'],
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: ScheduleAnyway\n          labelSelector:\n            matchLabels:\n              app: web\n      containers:\n        - name: web\n          image: nginx:1.27\n',
  },
  check(model, report) {
    for (const workload of model.workloads) {
      const replicas = workload.effectiveReplicas;
      if (!workload.replicated || replicas === undefined || replicas < 2) continue;
      if (spreadsOver(workload, [HOSTNAME_KEY]) || onePerZone(workload)) continue;
      report(
        reportAt(
          workload.object,
          workload.replicas !== undefined ? ['spec', 'replicas'] : ['kind'],
          `${workload.object.ref} runs ${replicas} replicas with no topology spread constraint or pod anti-affinity on \`${HOSTNAME_KEY}\`: they may share a node and fail together. Add a hostname topologySpreadConstraint selecting its pods.`,
          { field: 'spreading.hostname' },
        ),
      );
    }
  },
};
