import type { Rule } from '../../../engine/rule';
import { asMap, asScalar, getPath, scalarString, type KeyPath } from '../../../parse/tree';
import { subjectOf, type KubernetesModel } from '../model';

const TEMPLATE_METADATA: Record<string, KeyPath> = {
  Deployment: ['spec', 'template', 'metadata'],
  StatefulSet: ['spec', 'template', 'metadata'],
  DaemonSet: ['spec', 'template', 'metadata'],
  ReplicaSet: ['spec', 'template', 'metadata'],
  Job: ['spec', 'template', 'metadata'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
};

export const nonStringMetadataValue: Rule<KubernetesModel> = {
  id: 'k8s/non-string-metadata-value',
  severity: 'error',
  title: 'Label or annotation value is not a string',
  help:
    'Label and annotation values must be strings. YAML reads an unquoted `true`, `8080` or `1.0` as a ' +
    'boolean or a number, and the API server rejects the object ("cannot unmarshal bool into Go ' +
    'struct field ... of type string"). Quote the value.',
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  annotations:\n    prometheus.io/scrape: true\n',
    good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  annotations:\n    prometheus.io/scrape: "true"\n',
  },
  check(model, report) {
    for (const object of model.objects) {
      const places: KeyPath[] = [['metadata']];
      const template = TEMPLATE_METADATA[object.kind];
      if (template && object.builtin) places.push(template);
      for (const metadataPath of places) {
        for (const field of ['labels', 'annotations']) {
          const map = asMap(getPath(object.node, ...metadataPath, field));
          for (const pair of map?.pairs ?? []) {
            const value = asScalar(pair.value);
            if (!value || (typeof value.value !== 'number' && typeof value.value !== 'boolean')) continue;
            const key = scalarString(pair.key) ?? '?';
            const text = object.file.lineText(value.line);
            const quoted = JSON.stringify(value.source);
            report({
              file: object.file.path,
              line: value.line,
              column: value.column,
              message: `${object.ref}: the ${field === 'labels' ? 'label' : 'annotation'} \`${key}: ${value.source}\` is a ${typeof value.value}, and the API server rejects the object. Quote it: \`${key}: ${quoted}\`.`,
              subject: subjectOf(object, `${[...metadataPath, field].join('.')}.${key}`),
              waivers: object.waivers,
              ...(value.endLine === value.line && {
                suggestion: {
                  line: value.line,
                  endLine: value.line,
                  replacement:
                    text.slice(0, value.column - 1) +
                    quoted +
                    text.slice(value.column - 1 + value.source.length),
                },
              }),
            });
          }
        }
      }
    }
  },
};
