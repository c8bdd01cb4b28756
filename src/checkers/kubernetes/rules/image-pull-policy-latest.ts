import type { Rule } from '../../../engine/rule';
import { mapGet, scalarString } from '../../../parse/tree';
import type { KubernetesModel } from '../model';
import { isMutable, isPlaceholderImage, parseImage } from '../image';
import { replaceLine, reportAt } from '../report';
import { deploymentYaml } from './examples';

export const imagePullPolicyLatest: Rule<KubernetesModel> = {
  id: 'k8s/image-pull-policy-latest',
  severity: 'notice',
  title: '`:latest` image without `imagePullPolicy: Always`',
  help:
    'With `imagePullPolicy: IfNotPresent` (or `Never`), a node that already has some `:latest` image ' +
    'keeps running it, so pods on different nodes run different code. Pin a tag; or, while the tag ' +
    'moves, set `imagePullPolicy: Always` (the default for `:latest` when the field is left out).',
  aliases: ['CKV_K8S_15'],
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({
      replicas: 2,
      image: 'acme/web:latest',
      container: ['          imagePullPolicy: IfNotPresent'],
    }),
    good: deploymentYaml({
      replicas: 2,
      image: 'acme/web:latest',
      container: ['          imagePullPolicy: Always'],
    }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      for (const container of workload.containers) {
        const policyPair = mapGet(container.node, 'imagePullPolicy');
        const policy = scalarString(policyPair?.value);
        if (
          !container.image ||
          !policyPair ||
          !policy ||
          policy === 'Always' ||
          isPlaceholderImage(container.image)
        )
          continue;
        if (!isMutable(parseImage(container.image))) continue;
        const line = policyPair.key.line;
        report(
          reportAt(
            workload.object,
            [...container.path, 'imagePullPolicy'],
            `${workload.object.ref}, container \`${container.name}\` runs \`${container.image}\` with \`imagePullPolicy: ${policy}\`: nodes keep whichever \`latest\` they pulled first. Use \`imagePullPolicy: Always\` or pin a tag.`,
            {
              field: `${container.name}.imagePullPolicy`,
              suggestion: replaceLine(workload.object, line, (text) =>
                text.replace(/imagePullPolicy:\s*\S+/, 'imagePullPolicy: Always'),
              ),
            },
          ),
        );
      }
    }
  },
};
