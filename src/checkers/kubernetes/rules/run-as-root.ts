import type { Rule } from '../../../engine/rule';
import { asScalar, getPath, type DataNode } from '../../../parse/tree';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';
import { deploymentYaml } from './examples';

/** true: non-root is enforced; false: root is asked for; undefined: this context says nothing. */
function nonRoot(context: DataNode | undefined): boolean | undefined {
  const flag = asScalar(getPath(context, 'runAsNonRoot'))?.value;
  const user = asScalar(getPath(context, 'runAsUser'))?.value;
  if (user === 0 || flag === false) return false;
  if (flag === true || (typeof user === 'number' && user > 0)) return true;
  return undefined;
}

export const runAsRoot: Rule<KubernetesModel> = {
  id: 'k8s/run-as-root',
  severity: 'notice',
  title: 'Container may run as root',
  help:
    'Nothing in the pod makes the container run as a non-root user, so it runs as whatever user its ' +
    'image ends with, often root: a compromise of the process is then root in the container, one ' +
    'kernel bug away from the node. Set `securityContext.runAsNonRoot: true` (and a `runAsUser`) on ' +
    'the pod or the container, with an image that has a non-root user. It is a warning when the ' +
    "repository's own Dockerfile for the image (built by a workflow, docker-compose or Skaffold of " +
    'the repository) is a service image that ends as root: then the container does run as root.',
  aliases: ['kube-linter/run-as-non-root', 'CKV_K8S_23', 'polaris/runAsRootAllowed'],
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({ replicas: 2 }),
    good: deploymentYaml({
      replicas: 2,
      pod: ['      securityContext:', '        runAsNonRoot: true', '        runAsUser: 10001'],
    }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      const pod = nonRoot(getPath(workload.podSpec, 'securityContext'));
      for (const container of workload.containers) {
        const own = nonRoot(container.securityContext);
        if ((own ?? pod) === true) continue;
        const explicit = own === false || (own === undefined && pod === false);
        // Left to the image: when this repository builds it and it ends as root, that is what runs.
        const built = explicit || !container.image ? undefined : model.rootImage?.(container.image);
        const message = explicit
          ? `${workload.object.ref}, container \`${container.name}\` is set to run as root. Run it as a non-root user.`
          : built
            ? `${workload.object.ref}, container \`${container.name}\` does not set \`runAsNonRoot: true\` or a non-zero \`runAsUser\`, and its image \`${container.image}\` is built by \`${built.dockerfile}\`, which ${built.how} (${built.dockerfile}:${built.line}): the container runs as root. Set a non-root USER in the Dockerfile and \`runAsNonRoot: true\` here.`
            : `${workload.object.ref}, container \`${container.name}\` does not set \`runAsNonRoot: true\` or a non-zero \`runAsUser\`, so it runs as its image's user, often root. Run it as a non-root user.`;
        report(
          reportAt(
            workload.object,
            own === false ? [...container.path, 'securityContext'] : [...container.path, 'name'],
            message,
            {
              field: `${container.name}.securityContext.runAsNonRoot`,
              ...(built && { severity: 'warning' as const }),
            },
          ),
        );
      }
    }
  },
};
