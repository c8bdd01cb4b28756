import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';

export const helmTemplateUnrendered: Rule<KubernetesModel> = {
  id: 'k8s/helm-template-unrendered',
  severity: 'notice',
  title: 'Helm template not checked',
  help:
    'This file holds Go template directives (`{{ .Values... }}`), so it is not a manifest until Helm ' +
    'renders it, and it was skipped. To check a chart, render it in the workflow ' +
    '(`helm template my-release ./chart > rendered/all.yaml`) and scan the rendered output.',
  example: {
    file: 'templates/deployment.yaml',
    bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\n',
    good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-settings\n',
  },
  check(model, report) {
    for (const { file, line } of model.helmTemplates) {
      report({
        file: file.path,
        line,
        message: `${file.path} is a Helm template (Go template directives from line ${line}); it was not checked. Scan the output of \`helm template\` instead.`,
        subject: 'helm-template',
      });
    }
  },
};
