import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';
import { describeSelector, selectorMatches } from '../selector';

export const selectorTemplateMismatch: Rule<KubernetesModel> = {
  id: 'k8s/selector-template-mismatch',
  severity: 'error',
  title: 'Selector does not select the pod template',
  help:
    "A controller's `spec.selector` must select the labels of its own pod template: the API server " +
    'rejects the object otherwise ("selector does not match template labels"). Make the template ' +
    'carry every `matchLabels` pair and satisfy every `matchExpressions` entry.',
  aliases: ['kube-linter/mismatching-selector'],
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: frontend\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
  },
  check(model, report) {
    for (const workload of model.workloads) {
      const selector = workload.selector;
      if (!selector || selector.unreadable || selectorMatches(selector, workload.podLabels)) continue;
      const labels =
        Object.entries(workload.podLabels)
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || 'no labels';
      report(
        reportAt(
          workload.object,
          ['spec', 'selector'],
          `${workload.object.ref}: \`spec.selector\` (${describeSelector(selector)}) does not select its pod template (${labels}); the API server rejects it. Give the template the selector's labels.`,
        ),
      );
    }
  },
};
