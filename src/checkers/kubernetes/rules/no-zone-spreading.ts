import type { Severity } from '../../../engine/finding';
import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';
import { spreadsOver, ZONE_KEYS } from '../spreading';

/** Notice by default; a warning when the repository's topology declares two or more zones. */
export function zoneSpreadingSeverity(zoneCount: number | undefined): Severity {
  return zoneCount !== undefined && zoneCount >= 2 ? 'warning' : 'notice';
}

export const noZoneSpreading: Rule<KubernetesModel> = {
  id: 'k8s/no-zone-spreading',
  severity: 'notice',
  title: 'Replicas not spread over zones',
  help:
    'Nothing keeps the replicas in different Availability Zones, so a zone outage can take all of ' +
    'them. In a multi-zone cluster, add a `topologySpreadConstraints` entry on ' +
    '`topology.kubernetes.io/zone` selecting the pods (`whenUnsatisfiable: ScheduleAnyway` keeps ' +
    'pods schedulable when a zone is full).',
  aliases: ['polaris/topologySpreadConstraint'],
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: topology.kubernetes.io/zone\n          whenUnsatisfiable: ScheduleAnyway\n          labelSelector:\n            matchLabels:\n              app: web\n      containers:\n        - name: web\n          image: nginx:1.27\n',
  },
  check(model, report) {
    const severity = zoneSpreadingSeverity(model.zoneCount);
    for (const workload of model.workloads) {
      const replicas = workload.effectiveReplicas;
      if (!workload.replicated || replicas === undefined || replicas < 2) continue;
      if (spreadsOver(workload, ZONE_KEYS)) continue;
      report(
        reportAt(
          workload.object,
          workload.replicas !== undefined ? ['spec', 'replicas'] : ['kind'],
          `${workload.object.ref} runs ${replicas} replicas with no topology spread constraint or anti-affinity on \`topology.kubernetes.io/zone\`: one zone outage can take them all` +
            (severity === 'warning'
              ? ` (the repository's topology places services in ${model.zoneCount} zones).`
              : '.'),
          { field: 'spreading.zone', ...(severity !== 'notice' && { severity }) },
        ),
      );
    }
  },
};
