import type { Rule } from '../../../engine/rule';
import type { KubernetesModel, Workload } from '../model';
import { replaceLine, reportAt } from '../report';

export const hpaMinReplicasLow: Rule<KubernetesModel> = {
  id: 'k8s/hpa-min-replicas-low',
  severity: 'warning',
  title: 'Autoscaler can scale down to one pod',
  help:
    'An HPA with `minReplicas: 1` (the default) scales the workload down to a single pod whenever ' +
    'load is low, and from then on every rollout, drain or crash is an outage until it scales out ' +
    'again. Set `minReplicas: 2` or more. Quiet when the target is in the scan and no Service ' +
    'sends it traffic (a queue worker, an exporter scraped through a metrics-only Service): one pod ' +
    'of those loses no requests when it restarts.',
  aliases: ['kube-linter/hpa-minimum-replicas'],
  example: {
    file: 'hpa.yaml',
    bad: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: api\n  minReplicas: 1\n  maxReplicas: 10\n',
    good: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: api\n  minReplicas: 2\n  maxReplicas: 10\n',
  },
  check(model, report) {
    const keyOf = (w: Workload) => `${w.object.namespace}/${w.kind}/${w.object.name}`;
    let workloadsByName: Map<string, Workload[]> | undefined;
    const byName = () => {
      if (!workloadsByName) {
        workloadsByName = new Map();
        for (const workload of model.workloads) {
          const list = workloadsByName.get(keyOf(workload));
          if (list) list.push(workload);
          else workloadsByName.set(keyOf(workload), [workload]);
        }
      }
      return workloadsByName;
    };
    for (const autoscaler of model.autoscalers) {
      if (autoscaler.source !== 'hpa' || autoscaler.floor !== 1) continue;
      // A queue worker or exporter at one pod loses no requests when it restarts. Every workload of
      // the target's kind and name counts: variants of one example may share the name.
      const target = autoscaler.target;
      const named = target ? (byName().get(keyOf(target)) ?? []) : [];
      if (target && !named.some((w) => w.serving)) continue;
      const pair = autoscaler.minReplicasPair;
      report(
        reportAt(
          autoscaler.object,
          pair ? ['spec', 'minReplicas'] : ['kind'],
          `${autoscaler.object.ref} ${pair ? 'sets `minReplicas: 1`' : 'has no `minReplicas` (so 1)'}: it scales ${autoscaler.targetKind}/${autoscaler.targetName} down to one pod. Set \`minReplicas: 2\`.`,
          {
            waivers: [...autoscaler.object.waivers, ...(target?.object.waivers ?? [])],
            ...(target && named.every((w) => w.serving !== 'service') && { severity: 'notice' }),
            ...(pair && {
              suggestion: replaceLine(autoscaler.object, pair.key.line, (text) =>
                text.replace(/minReplicas:\s*1\b/, 'minReplicas: 2'),
              ),
            }),
          },
        ),
      );
    }
  },
};
