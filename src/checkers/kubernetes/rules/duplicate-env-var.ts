import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';

export const duplicateEnvVar: Rule<KubernetesModel> = {
  id: 'k8s/duplicate-env-var',
  severity: 'warning',
  title: 'Environment variable set twice',
  help:
    'When a container lists one env name twice, the last entry wins and the first is silently ' +
    'ignored: someone changing the first one sees no effect. Keep one entry per name.',
  aliases: ['kube-linter/duplicate-env-var'],
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: LOG_LEVEL\n          value: info\n        - name: LOG_LEVEL\n          value: debug\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: LOG_LEVEL\n          value: debug\n',
  },
  check(model, report) {
    for (const workload of model.workloads) {
      for (const container of workload.containers) {
        const seen = new Map<string, number>();
        container.env.forEach((variable, index) => {
          const first = seen.get(variable.name);
          if (first === undefined) {
            seen.set(variable.name, index);
            return;
          }
          report(
            reportAt(
              workload.object,
              [...container.path, 'env', index],
              `${workload.object.ref}, container \`${container.name}\`: \`${variable.name}\` is set again (line ${variable.node.line}) after line ${container.env[first].node.line}; only the last value counts. Remove one of them.`,
              { field: `${container.name}.env.${variable.name}.${index}` },
            ),
          );
        });
      }
    }
  },
};
