import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';
import { isMutable, isPlaceholderImage, parseImage } from '../image';
import { reportAt } from '../report';
import { deploymentYaml } from './examples';

export const mutableImageTag: Rule<KubernetesModel> = {
  id: 'k8s/mutable-image-tag',
  severity: 'warning',
  title: 'Image without a fixed tag',
  help:
    'An image with no tag, or `:latest`, is whatever was pushed last: nodes that pull at different ' +
    'times run different code, a rollback redeploys the same broken image, and nobody can tell ' +
    'which version runs. Pin a version tag (and ideally a digest, `@sha256:...`). Images that a ' +
    "kustomization's `images:`, a skaffold artifact or a Tiltfile's `docker_build` replace at deploy " +
    'time are left alone: the tag written here is not the one that runs.',
  aliases: ['kube-linter/latest-tag', 'CKV_K8S_14', 'polaris/tagNotSpecified'],
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({ replicas: 2, image: 'acme/web:latest' }),
    good: deploymentYaml({ replicas: 2, image: 'acme/web:1.4.2' }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      for (const container of workload.containers) {
        if (!container.image || isPlaceholderImage(container.image)) continue;
        const ref = parseImage(container.image);
        if (!isMutable(ref) || model.retaggedImages.has(ref.name)) continue;
        report(
          reportAt(
            workload.object,
            [...container.path, 'image'],
            `${workload.object.ref}, container \`${container.name}\` runs \`${container.image}\`, ${ref.tag ? 'the moving `latest` tag' : 'with no tag (so `latest`)'}: what runs changes with every push. Pin a version tag or a digest.`,
            { field: `${container.name}.image` },
          ),
        );
      }
    }
  },
};
