import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';
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
      if (
        !model.workloads.some((w) => w.object.namespace === namespace) ||
        model.hasCustomResources(namespace)
      )
        continue;
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
