import type { RawFinding } from '../../../src/engine/finding';
import type { ResolvedConfig } from '../../../src/engine/config';
import { createRunContext } from '../../../src/engine/rule';
import { SourceFile } from '../../../src/engine/workspace';
import { kubernetesModel } from '../../../src/checkers/kubernetes';
import { kubernetesChecker } from '../../../src/checkers';
import type { KubernetesModel } from '../../../src/checkers/kubernetes/model';

/** Repository files by scan-root relative path. */
export type Repo = Record<string, string>;

const CONFIG: ResolvedConfig = {
  checkers: ['kubernetes'],
  exclude: [],
  rules: {},
  ignore: [],
  dockerfile: { trustedRegistries: [] },
  topology: { instanceAvailability: 0.95, targetAvailability: 0.999 },
  sections: {},
};

export function sourceFiles(repo: Repo): SourceFile[] {
  return Object.entries(repo).map(([path, text]) => new SourceFile(path, `/repo/${path}`, text));
}

/** Runs the checker as the scan does: every file discovered, the checker given those it claims. */
export async function runKubernetes(repo: Repo): Promise<RawFinding[]> {
  const files = sourceFiles(repo);
  return kubernetesChecker.run(
    files.filter((f) => kubernetesChecker.claims(f)),
    createRunContext({ root: '/repo', config: CONFIG, allFiles: files }),
  );
}

export async function findingsOf(ruleId: string, repo: Repo | string): Promise<RawFinding[]> {
  const files = typeof repo === 'string' ? { 'deploy.yaml': repo } : repo;
  return (await runKubernetes(files)).filter((f) => f.ruleId === ruleId);
}

export function modelOf(repo: Repo | string): KubernetesModel {
  const files = sourceFiles(typeof repo === 'string' ? { 'deploy.yaml': repo } : repo);
  return kubernetesModel(
    files.filter((f) => kubernetesChecker.claims(f)),
    { allFiles: files },
  );
}

/** Applies a suggestion to a file's text. */
export function applySuggestion(
  text: string,
  suggestion: { line: number; endLine: number; replacement: string },
): string {
  const lines = text.split('\n');
  lines.splice(
    suggestion.line - 1,
    suggestion.endLine - suggestion.line + 1,
    ...suggestion.replacement.split('\n'),
  );
  return lines.join('\n');
}

export interface WorkloadOptions {
  kind?: string;
  name?: string;
  namespace?: string;
  replicas?: number;
  labels?: Record<string, string>;
  /** Lines of the pod spec (6-space indent) before containers. */
  pod?: string[];
  /** Lines of the first container after its image (10-space indent). */
  container?: string[];
  image?: string;
  /** Lines under spec (2-space indent) after replicas. */
  spec?: string[];
}

/** A Deployment (or another controller kind) with one container, as YAML. */
export function workload(options: WorkloadOptions = {}): string {
  const name = options.name ?? 'web';
  const labels = options.labels ?? { app: name };
  const labelLines = (indent: string) => Object.entries(labels).map(([k, v]) => `${indent}${k}: ${v}`);
  const kind = options.kind ?? 'Deployment';
  return [
    `apiVersion: apps/v1`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    ...(options.namespace ? [`  namespace: ${options.namespace}`] : []),
    'spec:',
    ...(options.replicas !== undefined ? [`  replicas: ${options.replicas}`] : []),
    ...(options.spec ?? []),
    '  selector:',
    '    matchLabels:',
    ...labelLines('      '),
    '  template:',
    '    metadata:',
    '      labels:',
    ...labelLines('        '),
    '    spec:',
    ...(options.pod ?? []),
    '      containers:',
    `        - name: ${name}`,
    `          image: ${options.image ?? 'acme/web:1.4.2'}`,
    ...(options.container ?? []),
    '',
  ].join('\n');
}

export function service(
  options: {
    name?: string;
    selector?: Record<string, string>;
    namespace?: string;
    spec?: string[];
    ports?: string[];
  } = {},
): string {
  const name = options.name ?? 'web';
  return [
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    ...(options.namespace ? [`  namespace: ${options.namespace}`] : []),
    'spec:',
    ...(options.spec ?? []),
    '  selector:',
    ...Object.entries(options.selector ?? { app: name }).map(([k, v]) => `    ${k}: ${v}`),
    '  ports:',
    ...(options.ports ?? ['    - port: 80', '      targetPort: 8080']),
    '',
  ].join('\n');
}

export function pdb(policy: string, selector: Record<string, string> = { app: 'web' }, name = 'web'): string {
  return [
    '---',
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    ...(policy ? [`  ${policy}`] : []),
    '  selector:',
    '    matchLabels:',
    ...Object.entries(selector).map(([k, v]) => `      ${k}: ${v}`),
    '',
  ].join('\n');
}

export function hpa(target: string, minReplicas?: number, name = 'web'): string {
  return [
    '---',
    'apiVersion: autoscaling/v2',
    'kind: HorizontalPodAutoscaler',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  scaleTargetRef:',
    '    apiVersion: apps/v1',
    '    kind: Deployment',
    `    name: ${target}`,
    ...(minReplicas !== undefined ? [`  minReplicas: ${minReplicas}`] : []),
    '  maxReplicas: 10',
    '',
  ].join('\n');
}

/** 1-based line of the first line containing the text. */
export function lineWith(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i].includes(needle)) return i + 1;
  throw new Error(`no line contains ${needle}`);
}
