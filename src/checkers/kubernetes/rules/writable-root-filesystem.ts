import type { Rule } from '../../../engine/rule';
import { asScalar, getPath } from '../../../parse/tree';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';
import { deploymentYaml } from './examples';

export const writableRootFilesystem: Rule<KubernetesModel> = {
  id: 'k8s/writable-root-filesystem',
  severity: 'notice',
  title: 'Writable root filesystem',
  help:
    'A writable root filesystem lets an attacker who gets code execution drop tools and modify the ' +
    'app in place. Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` where ' +
    'the app needs to write (e.g. /tmp).',
  aliases: ['kube-linter/no-read-only-root-fs', 'CKV_K8S_22', 'polaris/notReadOnlyRootFilesystem'],
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({ replicas: 2 }),
    good: deploymentYaml({
      replicas: 2,
      container: ['          securityContext:', '            readOnlyRootFilesystem: true'],
    }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      for (const container of workload.containers) {
        if (asScalar(getPath(container.securityContext, 'readOnlyRootFilesystem'))?.value === true) continue;
        report(
          reportAt(
            workload.object,
            container.securityContext ? [...container.path, 'securityContext'] : [...container.path, 'name'],
            `${workload.object.ref}, container \`${container.name}\` has a writable root filesystem. Set \`readOnlyRootFilesystem: true\` and mount emptyDirs where it writes.`,
            { field: `${container.name}.securityContext.readOnlyRootFilesystem` },
          ),
        );
      }
    }
  },
};
