import { listed } from '../../../engine/finding';
import type { Rule } from '../../../engine/rule';
import { servingContainers, type KubernetesModel } from '../model';
import { reportAt } from '../report';
import { deploymentYaml, HTTP_PORT, serviceYaml } from './examples';

export const missingPrestop: Rule<KubernetesModel> = {
  id: 'k8s/missing-prestop',
  severity: 'notice',
  title: 'Serving container without a preStop hook',
  help:
    'When a pod is deleted (rollout, drain, scale-down), SIGTERM and the removal of its endpoint ' +
    'happen at the same time, and kube-proxies and load balancers take seconds to stop sending it ' +
    'traffic. A server that exits on SIGTERM drops the requests still arriving. A short preStop ' +
    'delay (`lifecycle.preStop.sleep.seconds: 5`, or `exec: [sleep, "5"]` on older clusters) lets ' +
    'endpoint removal propagate first.',
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({ replicas: 2, container: HTTP_PORT }) + serviceYaml(),
    good:
      deploymentYaml({
        replicas: 2,
        container: [
          ...HTTP_PORT,
          '          lifecycle:',
          '            preStop:',
          '              sleep:',
          '                seconds: 5',
        ],
      }) + serviceYaml(),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      if (workload.batch || workload.serving !== 'service') continue;
      for (const container of servingContainers(workload)) {
        if (container.preStop) continue;
        report(
          reportAt(
            workload.object,
            [...container.path, 'name'],
            `${workload.object.ref}, container \`${container.name}\` serves ${listed(workload.servedBy, (s) => s.object.ref)} without a preStop hook: requests still routed to it fail while it shuts down. Add \`lifecycle.preStop\` with a short sleep.`,
            { field: `${container.name}.lifecycle.preStop` },
          ),
        );
      }
    }
  },
};
