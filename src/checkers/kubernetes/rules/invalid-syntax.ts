import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';

/** A value that starts with `{` and goes on after its `}`: `image: {registry}/app:1.0`. */
const FLOW_MAPPING_PREFIX = /:\s+(\{[^{}]*\}[^\s#,}\]][^#]*)$/;

/** What the parser's words do not say about the line it stopped at. */
function hintFor(line: string): string {
  const value = FLOW_MAPPING_PREFIX.exec(line.trimEnd())?.[1];
  return value
    ? ` A value that starts with \`{\` is a YAML flow mapping, so \`${value}\` cannot be read as text: quote it (\`"${value}"\`), or fill in the placeholder.`
    : '';
}

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
        message:
          problem.doubt === 'indentation'
            ? `This document could not be read (${problem.message}): a quoted string or flow list is indented less than its key. Kubernetes' YAML reader tolerates that, other tools do not; it was not checked. Indent the continuation lines under the key.`
            : problem.doubt === 'template'
              ? `This file does not parse as YAML (${problem.message}) and holds template placeholders: it looks like a template filled in before it is applied, so it was not checked. Scan the rendered manifest instead.`
              : `The manifest does not parse: ${problem.message}.${hintFor(problem.file.lineText(problem.line))}`,
        subject: 'syntax',
        ...(problem.doubt && { severity: 'notice' as const }),
      });
    }
  },
};
