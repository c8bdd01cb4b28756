import type { Rule } from '../../../engine/rule';
import { longRunning, type KubernetesModel } from '../model';
import { reportAt } from '../report';
import { deploymentYaml, HTTP_PORT } from './examples';

export const missingLivenessProbe: Rule<KubernetesModel> = {
  id: 'k8s/missing-liveness-probe',
  severity: 'notice',
  title: 'Long-running container without a liveness probe',
  help:
    'Without a liveness probe, a container that deadlocks or hangs but does not exit stays in place ' +
    'forever. Add a `livenessProbe` on a cheap endpoint that only fails when a restart would help ' +
    '(not on dependencies, which would restart every pod when a database blips).',
  aliases: ['kube-linter/no-liveness-probe', 'polaris/livenessProbeMissing', 'CKV_K8S_8'],
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({ replicas: 2, container: HTTP_PORT }),
    good: deploymentYaml({
      replicas: 2,
      container: [
        ...HTTP_PORT,
        '          livenessProbe:',
        '            httpGet:',
        '              path: /healthz',
        '              port: http',
      ],
    }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      if (workload.batch) continue;
      for (const container of longRunning(workload)) {
        if (container.livenessProbe) continue;
        report(
          reportAt(
            workload.object,
            [...container.path, 'name'],
            `${workload.object.ref}, container \`${container.name}\` has no livenessProbe: if it hangs, nothing restarts it.`,
            { field: `${container.name}.livenessProbe` },
          ),
        );
      }
    }
  },
};
