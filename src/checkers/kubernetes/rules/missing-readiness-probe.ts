import { listed } from '../../../engine/finding';
import type { Rule } from '../../../engine/rule';
import { servingContainers, type KubernetesModel } from '../model';
import { reportAt } from '../report';
import { deploymentYaml, HTTP_PORT, serviceYaml } from './examples';

export const missingReadinessProbe: Rule<KubernetesModel> = {
  id: 'k8s/missing-readiness-probe',
  severity: 'warning',
  title: 'Serving container without a readiness probe',
  help:
    'Without a readiness probe a pod receives traffic as soon as its container starts, before the ' +
    'server listens or warms up, and keeps receiving it while it is overloaded or stuck: every ' +
    'rollout and restart fails requests. Add a `readinessProbe` on the endpoint that says the ' +
    'server can take traffic.',
  aliases: ['kube-linter/no-readiness-probe', 'polaris/readinessProbeMissing', 'CKV_K8S_9'],
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({ replicas: 2, container: HTTP_PORT }) + serviceYaml(),
    good:
      deploymentYaml({
        replicas: 2,
        container: [
          ...HTTP_PORT,
          '          readinessProbe:',
          '            httpGet:',
          '              path: /ready',
          '              port: http',
        ],
      }) + serviceYaml(),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      if (workload.batch || !workload.serving) continue;
      for (const container of servingContainers(workload)) {
        if (container.readinessProbe) continue;
        const via =
          workload.serving === 'service'
            ? `serves ${listed(workload.servedBy, (s) => s.object.ref)}`
            : 'declares a port';
        report(
          reportAt(
            workload.object,
            [...container.path, 'name'],
            `${workload.object.ref}, container \`${container.name}\` ${via} but has no readinessProbe: it gets traffic before it can serve, and while it cannot. Add a readinessProbe.`,
            {
              field: `${container.name}.readinessProbe`,
              ...(workload.serving === 'ports' && { severity: 'notice' }),
            },
          ),
        );
      }
    }
  },
};
