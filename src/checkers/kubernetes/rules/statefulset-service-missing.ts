import type { Rule } from '../../../engine/rule';
import { inSameDirectory, nearest, nodeAt, stringAt, type KubernetesModel } from '../model';
import { reportAt } from '../report';

const STATEFULSET = (service: string) =>
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: ${service}\n  replicas: 3\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n        - name: db\n          image: postgres:16.4\n`;
const HEADLESS = (clusterIp: boolean) =>
  `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n${clusterIp ? '  clusterIP: None\n' : ''}  selector:\n    app: db\n  ports:\n    - port: 5432\n`;

export const statefulsetServiceMissing: Rule<KubernetesModel> = {
  id: 'k8s/statefulset-service-missing',
  severity: 'warning',
  title: 'StatefulSet without its headless Service',
  help:
    "A StatefulSet's pods get their stable DNS names (`db-0.db`) from the headless Service named in " +
    '`serviceName`. Without it, or when that Service has a cluster IP, peers cannot address each ' +
    'other and clustered databases fail to form. Add a Service with `clusterIP: None` and that name. ' +
    'A notice for a StatefulSet of one replica without volume claim templates (a controller that ' +
    'uses a StatefulSet to run at most one copy): it has no peer to address.',
  aliases: ['kube-score/statefulset-has-servicename'],
  example: {
    file: 'db.yaml',
    bad: STATEFULSET('db') + HEADLESS(false),
    good: STATEFULSET('db') + HEADLESS(true),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      if (workload.kind !== 'StatefulSet') continue;
      const serviceName = stringAt(workload.object.node, 'spec', 'serviceName');
      if (!serviceName) continue;
      const namespace = workload.object.namespace;
      const services = model.servicesIn(namespace);
      // A Service of that name in a sibling directory belongs to another variant of the app (a
      // Deployment-mode base beside the StatefulSet one), not to what is deployed with this file.
      const dir = workload.object.file.dir;
      const named = nearest(
        workload.object.file,
        services.filter((s) => s.object.name === serviceName && isSameOrAbove(s.object.file.dir, dir)),
        (s) => s.object.file,
      );
      if (named.some((s) => s.headless)) continue;
      // the Services are defined elsewhere
      if (
        named.length === 0 &&
        !inSameDirectory(
          workload.object.file,
          services.map((s) => s.object),
        )
      )
        continue;
      const peerless =
        (workload.effectiveReplicas ?? 1) <= 1 &&
        nodeAt(workload.object, ['spec', 'volumeClaimTemplates']) === undefined;
      report(
        reportAt(
          workload.object,
          ['spec', 'serviceName'],
          named.length
            ? `${workload.object.ref} names \`serviceName: ${serviceName}\`, but Service/${serviceName} is not headless: its pods get no stable DNS names. Set \`clusterIP: None\` on it (or add a separate headless Service).`
            : `${workload.object.ref} names \`serviceName: ${serviceName}\`, but no Service of that name is in namespace \`${namespace}\`: its pods get no stable DNS names. Add a headless Service (\`clusterIP: None\`).`,
          { ...(peerless && { severity: 'notice' }) },
        ),
      );
    }
  },
};

/** Whether directory `above` is `dir` or one of its ancestors ('' is the root). */
function isSameOrAbove(above: string, dir: string): boolean {
  return above === dir || above === '' || dir.startsWith(`${above}/`);
}
