import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';

export const invalidSyntax: Rule<KubernetesModel> = {
  id: 'k8s/invalid-syntax',
  severity: 'error',
  title: 'Manifest does not parse',
  help:
    '`kubectl apply` rejects a manifest that is not valid YAML, or whose document is not an object, ' +
    'and the other checks here cannot see what it was meant to say. Fix the YAML at the reported ' +
    'line: usually an indentation slip, a tab, or an unclosed quote.',
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "fast\n',
    good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "fast"\n',
  },
  check(model, report) {
    for (const problem of model.syntaxErrors) {
      report({
        file: problem.file.path,
        line: problem.line,
        ...(problem.column !== undefined && { column: problem.column }),
        message: `The manifest does not parse: ${problem.message}.`,
        subject: 'syntax',
      });
    }
  },
};
