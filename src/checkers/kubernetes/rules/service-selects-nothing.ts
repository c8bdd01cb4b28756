import type { Rule } from '../../../engine/rule';
import { inSameDirectory, type KubernetesModel } from '../model';
import { reportAt } from '../report';
import { describeSelector } from '../selector';
import { deploymentYaml, HTTP_PORT } from './examples';

export const serviceSelectsNothing: Rule<KubernetesModel> = {
  id: 'k8s/service-selects-nothing',
  severity: 'warning',
  title: 'Service selects no pods',
  help:
    'A Service whose selector matches no pod template has no endpoints: connections to it are refused ' +
    'or time out. This usually follows a label rename on one side. Make the selector match the pod ' +
    "template's labels, in the same namespace.",
  aliases: ['kube-linter/dangling-service'],
  example: {
    file: 'deploy.yaml',
    bad:
      deploymentYaml({ replicas: 2, container: HTTP_PORT }) +
      '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: website\n  ports:\n    - port: 80\n      targetPort: http\n',
    good:
      deploymentYaml({ replicas: 2, container: HTTP_PORT }) +
      '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: http\n',
  },
  check(model, report) {
    for (const service of model.services) {
      if (
        !service.selector ||
        service.selector.unreadable ||
        service.backends.length > 0 ||
        service.type === 'ExternalName'
      )
        continue;
      const namespace = service.object.namespace;
      // Pods the scan cannot see: no workload of the namespace here, or custom resources that run pods.
      const siblings = model.workloadsIn(namespace).map((w) => w.object);
      if (
        namespace === 'kube-system' || // control-plane and add-on pods come from the cluster, not from manifests
        model.syntaxErrors.some((e) => e.file.dir === service.object.file.dir) ||
        !inSameDirectory(service.object.file, siblings) ||
        model.hasCustomResources(namespace)
      )
        continue;
      // A mismatch within this app: some pod template beside it uses every key the selector asks for,
      // with other values (a rename). A selector on keys no pod here carries targets pods from elsewhere.
      const keys = Object.keys(service.selector.matchLabels);
      const sameDir = model.workloads.filter(
        (w) => w.object.namespace === namespace && w.object.file.dir === service.object.file.dir,
      );
      if (!sameDir.some((w) => keys.every((k) => Object.hasOwn(w.podLabels, k)))) continue;
      report(
        reportAt(
          service.object,
          ['spec', 'selector'],
          `${service.object.ref} selects ${describeSelector(service.selector)}, which no pod template in namespace \`${namespace}\` carries: it has no endpoints. Fix the selector or the pod labels.`,
        ),
      );
    }
  },
};
