import type { RunContext } from '../../engine/rule';
import type { Waiver } from '../../engine/finding';
import { claimsOnce } from '../../engine/rule';
import { testDataDir } from '../../engine/test-data';
import type { SourceFile } from '../../engine/workspace';
import { parseYamlFile } from '../../parse/yaml';
import {
  asMap,
  asScalar,
  asSeq,
  getPath,
  mapGet,
  scalarString,
  type DataNode,
  type KeyPath,
  type MapNode,
  type MapPair,
} from '../../parse/tree';
import { readIntOrPercent, type IntOrPercent } from './quantity';
import {
  readLabelSelector,
  readMapSelector,
  selectorMatches,
  stringMap,
  type LabelSelector,
} from './selector';

/**
 * The Kubernetes model: every object of every manifest in the scan, with what the rules ask
 * about computed once: each workload's pod template and containers, its effective replicas
 * (HPA-aware), the Services, PodDisruptionBudgets and autoscalers that select or target it,
 * and whether it serves traffic. Objects are matched within their namespace across all files;
 * when several candidates match, the ones nearest in the directory tree win, so independent
 * examples in one repository do not pair up with each other.
 */

/** API groups of the built-in kinds; anything else is a custom resource. */
const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'policy',
  'autoscaling',
  'extensions',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'apiextensions.k8s.io',
  'admissionregistration.k8s.io',
  'apiregistration.k8s.io',
  'certificates.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'node.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'resource.k8s.io',
]);

/** Kinds whose objects run pods, and where their pod template lives. */
const POD_TEMPLATE_PATHS: Record<string, KeyPath> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export type WorkloadKind =
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'ReplicaSet'
  | 'ReplicationController'
  | 'Job'
  | 'CronJob'
  | 'Pod';

/** One object of a manifest: a document, or an item of a `kind: List`. */
export interface K8sObject {
  file: SourceFile;
  /** The object's root map. */
  node: MapNode;
  apiVersion: string;
  /** The group of apiVersion ('' for the core `v1`). */
  group: string;
  kind: string;
  /** `metadata.name` (or `generateName`), '' when neither is written. */
  name: string;
  /** `metadata.namespace`, else the namespace a kustomization sets, else `default`. */
  namespace: string;
  /** `Deployment/checkout`, for messages. */
  ref: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Line of the `kind:` key: where a finding about a missing field points. */
  kindLine: number;
  builtin: boolean;
  /** Suppressions written as annotations on the object (and, for workloads, on the pod template). */
  waivers: Waiver[];
  /** Read back from a cluster (it carries `status`, a `uid` or `managedFields`), not written to be applied. */
  recorded: boolean;
}

/** A port a container declares. */
export interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol: string;
  node: MapNode;
}

export type ContainerRole = 'main' | 'init' | 'sidecar';

export interface Container {
  name: string;
  /** `main` (containers), `init` (initContainers), `sidecar` (an init container with `restartPolicy: Always`). */
  role: ContainerRole;
  node: MapNode;
  /** From the object's root, e.g. ['spec', 'template', 'spec', 'containers', 0]. */
  path: KeyPath;
  image?: string;
  ports: ContainerPort[];
  livenessProbe?: MapNode;
  readinessProbe?: MapNode;
  startupProbe?: MapNode;
  /** `resources.requests` / `resources.limits` entries by resource name. */
  requests: Map<string, MapPair>;
  limits: Map<string, MapPair>;
  securityContext?: MapNode;
  preStop?: MapNode;
  env: EnvVar[];
  /** Its command only sleeps (`sleep infinity`, `tail -f /dev/null`): a pod kept up to exec into, serving nothing. */
  idle: boolean;
}

export interface EnvVar {
  name: string;
  /** The list item. */
  node: MapNode;
  value?: DataNode;
  fromSource: boolean;
}

/** An object that runs pods, with its pod template read. */
export interface Workload {
  object: K8sObject;
  kind: WorkloadKind;
  /** The pod template's `spec`. */
  podSpec: MapNode;
  /** Path from the object's root to the pod spec. */
  podSpecPath: KeyPath;
  /** Labels the pods get (the template's, or a Pod's own). */
  podLabels: Record<string, string>;
  /** `spec.selector` of a controller; undefined for Pods and CronJobs. */
  selector?: LabelSelector;
  /** Every container, init containers and native sidecars included, in pod order. */
  containers: Container[];
  /** Deployment, StatefulSet, ReplicaSet, ReplicationController. */
  replicated: boolean;
  /** Job and CronJob: exempt from availability rules. */
  batch: boolean;
  /** `spec.replicas` as written (a number), if written. */
  replicas?: number;
  /** Replica counts set for this object by kustomize patches in the scan. */
  patchedReplicas: number[];
  /** A kustomize patch in the scan changes this object: its containers and ports may differ once built. */
  patched: boolean;
  /** HorizontalPodAutoscalers (and KEDA ScaledObjects) whose target is this workload. */
  autoscalers: Autoscaler[];
  /**
   * The replicas the workload runs at its lowest: an autoscaler's minimum when one manages it,
   * else `spec.replicas` (or the largest a kustomize patch sets), else 1. DaemonSets: undefined.
   */
  effectiveReplicas?: number;
  /** Services (not ExternalName) of its namespace that select its pods (a list workloads may share). */
  services: readonly Service[];
  /** Of those, the ones that carry traffic (not only a metrics port a scraper reads), one per name. */
  servedBy: readonly Service[];
  /** PodDisruptionBudgets that select its pods (a list workloads may share). */
  pdbs: readonly Pdb[];
  /**
   * `service`: a Service selects it. `ports`: the scan has no Services at all and it declares a
   * containerPort (rules report that at notice level). undefined: not serving.
   */
  serving?: 'service' | 'ports';
}

export interface ServicePort {
  node: MapNode;
  name?: string;
  port?: number;
  /** Unset means the same number as `port`. */
  targetPort?: number | string;
  appProtocol?: string;
}

export interface Service {
  object: K8sObject;
  type: string;
  /** undefined when the Service has no selector (its endpoints are managed by hand). */
  selector?: LabelSelector;
  headless: boolean;
  ports: ServicePort[];
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  sessionAffinity?: string;
  /** Workloads whose pods it selects (a list Services with one selector share). */
  backends: readonly Workload[];
}

export interface Pdb {
  object: K8sObject;
  selector?: LabelSelector;
  minAvailable?: { value?: IntOrPercent; pair: MapPair };
  maxUnavailable?: { value?: IntOrPercent; pair: MapPair };
  targets: readonly Workload[];
}

export interface Autoscaler {
  object: K8sObject;
  /** `hpa`: a HorizontalPodAutoscaler; `keda`: a KEDA ScaledObject (which creates one). */
  source: 'hpa' | 'keda';
  targetKind: string;
  targetName: string;
  /** The written minimum; undefined = the default (1 for an HPA, 0 for KEDA). */
  minReplicas?: number;
  minReplicasPair?: MapPair;
  /** The lowest replica count it scales to. */
  floor: number;
  target?: Workload;
}

export interface IngressBackend {
  serviceName: string;
  port?: number | string;
  node: MapNode;
}

export interface Ingress {
  object: K8sObject;
  backends: IngressBackend[];
}

export interface SyntaxProblem {
  file: SourceFile;
  line: number;
  column?: number;
  message: string;
  /**
   * Why the failure may not be a broken manifest: `indentation` (a quoted scalar or flow collection
   * indented less than its key, which Kubernetes' YAML reader accepts and js-yaml does not), or
   * `template` (the file holds placeholders that a script fills in before applying it).
   */
  doubt?: 'indentation' | 'template';
}

/** Placeholders of envsubst, sed-style and make templates: `${VAR}`, `{VAR}`, `__VAR__`, `<VAR>`. */
const PLACEHOLDER = /\$\{?[A-Za-z_]\w*|\{[A-Z][A-Z0-9_]+\}|__[A-Z][A-Z0-9_]+__|<[A-Z][A-Z0-9_-]+>/;

function doubtAbout(file: SourceFile, message: string): SyntaxProblem['doubt'] {
  if (/deficient indentation/.test(message)) return 'indentation';
  return PLACEHOLDER.test(file.text) ? 'template' : undefined;
}

export interface KubernetesModel {
  objects: K8sObject[];
  workloads: Workload[];
  services: Service[];
  pdbs: Pdb[];
  autoscalers: Autoscaler[];
  ingresses: Ingress[];
  syntaxErrors: SyntaxProblem[];
  /** Files skipped because they hold Go template directives. */
  helmTemplates: { file: SourceFile; line: number }[];
  /** Image names a kustomization in the scan retags (`images:`), so their tags here are not the deployed ones. */
  retaggedImages: Set<string>;
  /**
   * Files that are test inputs, with why: under a test-data directory, or holding objects recorded
   * from a cluster. Nobody applies them as they are, so the checker lowers its warnings there.
   */
  testInputs: ReadonlyMap<string, string>;
  /**
   * Availability Zones the repository's topology declares, when known. Unset until the topology
   * checker provides it; zone spreading escalates when it is 2 or more.
   */
  zoneCount?: number;
  /** The repository's own Dockerfile for an image, when it ends as root; unset when nobody asked. */
  rootImage?: (image: string) => BuiltRootImage | undefined;
  /** The objects of one namespace. */
  inNamespace(namespace: string): readonly K8sObject[];
  /** The workloads of one namespace, in file order. */
  workloadsIn(namespace: string): readonly Workload[];
  /** The Services of one namespace, in file order. */
  servicesIn(namespace: string): readonly Service[];
  /** Whether a namespace holds a custom resource, which may run pods the scan cannot see. */
  hasCustomResources(namespace: string): boolean;
}

/** A Dockerfile of the repository that builds a container's image and ends as root. */
export interface BuiltRootImage {
  dockerfile: string;
  line: number;
  /** How it ends as root (`ends with \`USER root\``), for the message. */
  how: string;
}

/**
 * What other files of the repository say that changes how loud a rule is. The checker list
 * answers it per scan from the other checkers (topology, the coherence links), so this checker
 * imports none of them.
 */
export interface RepositoryFacts {
  /** Distinct Availability Zones the repository's topology declares (0 when it says none). */
  zoneCount(ctx: RunContext): Promise<number>;
  /** The Dockerfile of this repository that builds an image reference, when it ends as root. */
  rootImages(ctx: RunContext): (image: string) => BuiltRootImage | undefined;
}

/** What a kustomization in the scan says about the files it lists. */
export interface KustomizeFacts {
  /** Files used as patches: partial objects, not manifests of their own. */
  patchFiles: Set<string>;
  /**
   * For a patch file a kustomization lists, the manifest files that kustomization builds (its
   * resources, through the kustomizations they name): the only objects the patch changes.
   */
  patchTargets: Map<string, ReadonlySet<string>>;
  /** Namespace a kustomization sets for a resource file. */
  namespaceOf: Map<string, string>;
  /**
   * Image names something replaces at deploy time: a kustomization's `images:`, an artifact that
   * skaffold builds, a `docker_build` of a Tiltfile. The tag written in a manifest is not the one
   * that runs.
   */
  retaggedImages: Set<string>;
}

export const NO_KUSTOMIZE: KustomizeFacts = {
  patchFiles: new Set(),
  patchTargets: new Map(),
  namespaceOf: new Map(),
  retaggedImages: new Set(),
};

// ---------------------------------------------------------------------------------------------
// Claims

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/** A YAML file with a top-level `apiVersion:` and `kind:` line (kustomizations and Helm's Chart.yaml aside). */
export const looksLikeManifest = claimsOnce((file: SourceFile): boolean => {
  if (!/\.ya?ml$/i.test(file.name) || KUSTOMIZATION_NAMES.has(file.name) || file.name === 'Chart.yaml')
    return false;
  // No text to sniff (a file too large to read): it may be a manifest, so a size notice is due.
  if (file.text === '') return true;
  return /^apiVersion\s*:/m.test(file.text) && /^kind\s*:/m.test(file.text);
});

export function isKustomization(file: SourceFile): boolean {
  return KUSTOMIZATION_NAMES.has(file.name);
}

/** `skaffold.yaml`, and the variants projects keep beside it (`skaffold-dev.yaml`). */
export function isSkaffoldConfig(file: SourceFile): boolean {
  return /^skaffold([-_.][\w.-]*)?\.ya?ml$/i.test(file.name);
}

/** A Tiltfile (`Tiltfile`, `dev.Tiltfile`). */
export function isTiltfile(file: SourceFile): boolean {
  return file.name === 'Tiltfile' || file.name.endsWith('.Tiltfile');
}

/** Go template actions as Helm writes them: `{{ .Values.x }}`, `{{- if`, `{{ include`... (not Argo's `{{inputs.x}}`). */
const HELM_ACTION =
  /\{\{-?\s*(?:\.|\$|if\b|else\b|end\b|range\b|with\b|include\b|template\b|define\b|toYaml\b|tpl\b|printf\b|quote\b|default\b|required\b|lookup\b|-\s|\/\*)/;

/** The first line holding a Helm template action, if any. */
export function helmTemplateLine(file: SourceFile): number | undefined {
  const match = HELM_ACTION.exec(file.text);
  return match ? file.position(match.index).line : undefined;
}

// ---------------------------------------------------------------------------------------------
// Field access

/** The pair at a path from the object's root (following aliases), if every step is written. */
export function pairAt(object: K8sObject, path: KeyPath): MapPair | undefined {
  if (path.length === 0) return undefined;
  const parent = getPath(object.node, ...path.slice(0, -1));
  const last = path[path.length - 1];
  return typeof last === 'string' ? mapGet(parent, last) : undefined;
}

/** The node at a path from the object's root. */
export function nodeAt(object: K8sObject, path: KeyPath): DataNode | undefined {
  return getPath(object.node, ...path);
}

/** The line a finding about a field points at: the field's key, else the object's `kind:` line. */
export function lineOf(object: K8sObject, path: KeyPath): number {
  const pair = pairAt(object, path);
  if (pair) return pair.key.line;
  const node = nodeAt(object, path);
  return node ? node.line : object.kindLine;
}

/** `kind/namespace/name`, the stable part of a finding's subject. */
export function subjectOf(object: K8sObject, field = ''): string {
  return `${object.kind}/${object.namespace}/${object.name}${field ? `:${field}` : ''}`;
}

export function numberValue(node: DataNode | null | undefined): number | undefined {
  const scalar = asScalar(node);
  return scalar && typeof scalar.value === 'number' ? scalar.value : undefined;
}

function intOrPercentAt(
  map: DataNode | undefined,
  key: string,
): { value?: IntOrPercent; pair: MapPair } | undefined {
  const pair = mapGet(map, key);
  if (!pair) return undefined;
  const scalar = asScalar(pair.value);
  return { value: scalar ? readIntOrPercent(scalar.value) : undefined, pair };
}

// ---------------------------------------------------------------------------------------------
// Waivers

const DEPLOY_LINT_CHECK = 'ignore-check.deploy-lint.io/';
const KUBE_LINTER_CHECK = 'ignore-check.kube-linter.io/';
const DEPLOY_LINT_IGNORE = 'deploy-lint.io/ignore';

/**
 * Suppressions written as annotations: `ignore-check.deploy-lint.io/<slug>: "<reason>"` (a reason
 * is required), `deploy-lint.io/ignore: "k8s/a, b"`, and kube-linter's
 * `ignore-check.kube-linter.io/<check>`, mapped to our rules through `kubeLinterAliases`.
 */
export function waiversFrom(
  annotations: Record<string, string>,
  where: string,
  kubeLinterAliases: ReadonlyMap<string, string[]>,
): Waiver[] {
  const waivers: Waiver[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (key.startsWith(DEPLOY_LINT_CHECK)) {
      const reason = value.trim();
      if (reason) {
        waivers.push({
          rules: [`k8s/${key.slice(DEPLOY_LINT_CHECK.length)}`],
          reason,
          source: `annotation ${key} on ${where}`,
        });
      }
    } else if (key === DEPLOY_LINT_IGNORE) {
      const rules = value
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((id) => (id.includes('/') ? id : `k8s/${id}`));
      if (rules.length) waivers.push({ rules, reason: '', source: `annotation ${key} on ${where}` });
    } else if (key.startsWith(KUBE_LINTER_CHECK)) {
      const rules = kubeLinterAliases.get(key.slice(KUBE_LINTER_CHECK.length));
      if (rules) waivers.push({ rules, reason: value.trim(), source: `annotation ${key} on ${where}` });
    }
  }
  return waivers;
}

// ---------------------------------------------------------------------------------------------
// Building

export interface BuildOptions {
  kustomize?: KustomizeFacts;
  /** kube-linter check name -> our rule ids, for `ignore-check.kube-linter.io/<check>`. */
  kubeLinterAliases?: ReadonlyMap<string, string[]>;
}

/** Nesting of `kind: List` followed; deeper lists are left alone. */
const MAX_LIST_DEPTH = 4;

export function buildKubernetesModel(
  files: readonly SourceFile[],
  options: BuildOptions = {},
): KubernetesModel {
  const kustomize = options.kustomize ?? NO_KUSTOMIZE;
  const aliases = options.kubeLinterAliases ?? new Map<string, string[]>();
  const objects: K8sObject[] = [];
  const patches: K8sObject[] = [];
  const syntaxErrors: SyntaxProblem[] = [];
  const helmTemplates: { file: SourceFile; line: number }[] = [];

  for (const file of files) {
    const helmLine = helmTemplateLine(file);
    if (helmLine !== undefined) {
      helmTemplates.push({ file, line: helmLine });
      continue;
    }
    const parsed = parseYamlFile(file);
    // Kustomize patches are partial objects; files are often named for it even where no kustomization lists them.
    const isPatch = kustomize.patchFiles.has(file.path) || /(^|[-_.])patch(es)?([-_.]|$)/i.test(file.name);
    for (const document of parsed.documents) {
      if (document.error) {
        const doubt = doubtAbout(file, document.error.message);
        syntaxErrors.push({
          file,
          line: document.error.line,
          column: document.error.column,
          message: document.error.message,
          ...(doubt && { doubt }),
        });
        continue;
      }
      const root = document.root;
      if (root === null || (root.kind === 'scalar' && root.value === null)) continue;
      const map = asMap(root);
      if (!map) {
        syntaxErrors.push({
          file,
          line: root.line,
          column: root.column,
          message: `document ${document.index + 1} is a ${asSeq(root) ? 'list' : 'scalar'}, not a Kubernetes object`,
        });
        continue;
      }
      const found: K8sObject[] = [];
      collectObjects(map, file, kustomize, aliases, found, 0);
      (isPatch ? patches : objects).push(...found);
    }
  }

  const byNamespace = byNamespaceOf(objects, (object) => object);

  const workloads: Workload[] = [];
  const services: Service[] = [];
  const pdbs: Pdb[] = [];
  const autoscalers: Autoscaler[] = [];
  const ingresses: Ingress[] = [];
  for (const object of objects) {
    const workload = readWorkload(object, aliases);
    // A controller without a pod template, or whose containers name no image (the API server rejects
    // those), is a partial object: a patch, or a stub that scales an old controller to zero.
    if (workload && workload.containers.some((c) => c.image !== undefined)) workloads.push(workload);
    else if (object.kind === 'Deployment' || object.kind === 'StatefulSet' || object.kind === 'DaemonSet')
      patches.push(object);
    if (object.group === '' && object.kind === 'Service') services.push(readService(object));
    if (object.kind === 'PodDisruptionBudget' && object.group === 'policy') pdbs.push(readPdb(object));
    if (object.kind === 'HorizontalPodAutoscaler' && object.group === 'autoscaling')
      autoscalers.push(readHpa(object));
    if (object.kind === 'ScaledObject' && object.group === 'keda.sh')
      autoscalers.push(readScaledObject(object));
    if (object.kind === 'Ingress' && (object.group === 'networking.k8s.io' || object.group === 'extensions'))
      ingresses.push(readIngress(object));
  }

  const workloadsByNamespace = byNamespaceOf(workloads, (workload) => workload.object);
  const servicesByNamespace = byNamespaceOf(services, (service) => service.object);
  linkWorkloads(
    workloads,
    workloadsByNamespace,
    services,
    pdbs,
    autoscalers,
    patches,
    kustomize.patchTargets,
  );

  const customNamespaces = new Set(objects.filter((o) => !o.builtin).map((o) => o.namespace));
  return {
    testInputs: testInputsOf(files, objects),
    objects,
    workloads,
    services,
    pdbs,
    autoscalers,
    ingresses,
    syntaxErrors,
    helmTemplates,
    retaggedImages: kustomize.retaggedImages,
    inNamespace: (namespace) => byNamespace.get(namespace) ?? [],
    workloadsIn: (namespace) => workloadsByNamespace.get(namespace) ?? [],
    servicesIn: (namespace) => servicesByNamespace.get(namespace) ?? [],
    hasCustomResources: (namespace) => customNamespaces.has(namespace),
  };
}

function collectObjects(
  map: MapNode,
  file: SourceFile,
  kustomize: KustomizeFacts,
  aliases: ReadonlyMap<string, string[]>,
  out: K8sObject[],
  depth: number,
): void {
  const apiVersion = scalarString(mapGet(map, 'apiVersion')?.value);
  const kindPair = mapGet(map, 'kind');
  const kind = scalarString(kindPair?.value);
  if (!apiVersion || !kind || !kindPair) return;
  if (kind === 'List' || (kind.endsWith('List') && apiVersion === 'v1' && mapGet(map, 'items'))) {
    if (depth >= MAX_LIST_DEPTH) return;
    for (const item of asSeq(mapGet(map, 'items')?.value)?.items ?? []) {
      const itemMap = asMap(item);
      if (itemMap) collectObjects(itemMap, file, kustomize, aliases, out, depth + 1);
    }
    return;
  }
  const metadata = mapGet(map, 'metadata')?.value;
  const name =
    scalarString(mapGet(metadata, 'name')?.value) ??
    scalarString(mapGet(metadata, 'generateName')?.value) ??
    '';
  const namespace =
    scalarString(mapGet(metadata, 'namespace')?.value) ?? kustomize.namespaceOf.get(file.path) ?? 'default';
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const labels = stringMap(mapGet(metadata, 'labels')?.value);
  const annotations = stringMap(mapGet(metadata, 'annotations')?.value);
  const ref = `${kind}/${name || '(unnamed)'}`;
  // `kubectl create --dry-run -o yaml` writes `status: {}` (a Service's `loadBalancer: {}`) into
  // manifests meant to be applied: only a status with values was read back from a cluster.
  const status = asMap(mapGet(map, 'status')?.value);
  out.push({
    file,
    node: map,
    apiVersion,
    group,
    kind,
    name,
    namespace,
    ref,
    labels,
    annotations,
    kindLine: kindPair.key.line,
    builtin: BUILTIN_GROUPS.has(group),
    waivers: waiversFrom(annotations, ref, aliases),
    recorded:
      (status !== undefined && holdsValues(status)) ||
      ['uid', 'resourceVersion', 'managedFields'].some((key) => mapGet(metadata, key) !== undefined),
  });
}

/** Whether a node holds a value below its empty maps and lists. */
function holdsValues(node: DataNode | null | undefined): boolean {
  if (!node) return false;
  if (node.kind === 'map') return node.pairs.some((pair) => holdsValues(pair.value));
  if (node.kind === 'seq') return node.items.length > 0;
  return node.kind === 'scalar' && node.value !== null;
}

/** Why each test-input file is one (see `KubernetesModel.testInputs`). */
function testInputsOf(files: readonly SourceFile[], objects: readonly K8sObject[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of files) {
    const dir = testDataDir(file.path);
    if (dir) out.set(file.path, `it sits under \`${dir}/\`, test data`);
  }
  for (const object of objects) {
    if (object.recorded && !out.has(object.file.path))
      out.set(object.file.path, `${object.ref} is recorded from a cluster, with its \`status\``);
  }
  return out;
}

function readWorkload(object: K8sObject, aliases: ReadonlyMap<string, string[]>): Workload | undefined {
  if (!object.builtin) return undefined;
  const kind = object.kind as WorkloadKind;
  let podSpecPath: KeyPath;
  let podLabels: Record<string, string>;
  if (kind === 'Pod') {
    podSpecPath = ['spec'];
    podLabels = object.labels;
  } else {
    const templatePath = POD_TEMPLATE_PATHS[kind];
    if (!templatePath) return undefined;
    podSpecPath = [...templatePath, 'spec'];
    const templateMeta = nodeAt(object, [...templatePath, 'metadata']);
    podLabels = stringMap(mapGet(templateMeta, 'labels')?.value);
    const templateAnnotations = stringMap(mapGet(templateMeta, 'annotations')?.value);
    object.waivers.push(...waiversFrom(templateAnnotations, `the pod template of ${object.ref}`, aliases));
  }
  const podSpec = asMap(nodeAt(object, podSpecPath));
  if (!podSpec) return undefined;
  const replicated = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(kind);
  const selectorNode =
    kind === 'Pod' || kind === 'CronJob' ? undefined : nodeAt(object, ['spec', 'selector']);
  const selector =
    kind === 'ReplicationController' ? readMapSelector(selectorNode) : readLabelSelector(selectorNode);
  return {
    object,
    kind,
    podSpec,
    podSpecPath,
    podLabels,
    selector,
    containers: readContainers(podSpec, podSpecPath),
    replicated,
    batch: kind === 'Job' || kind === 'CronJob',
    replicas: replicated ? numberValue(nodeAt(object, ['spec', 'replicas'])) : undefined,
    patchedReplicas: [],
    patched: false,
    autoscalers: [],
    services: [],
    servedBy: [],
    pdbs: [],
  };
}

function readContainers(podSpec: MapNode, podSpecPath: KeyPath): Container[] {
  const containers: Container[] = [];
  for (const field of ['initContainers', 'containers'] as const) {
    asSeq(mapGet(podSpec, field)?.value)?.items.forEach((item, index) => {
      const node = asMap(item);
      if (!node) return;
      const role: ContainerRole =
        field === 'containers'
          ? 'main'
          : scalarString(mapGet(node, 'restartPolicy')?.value) === 'Always'
            ? 'sidecar'
            : 'init';
      containers.push(readContainer(node, role, [...podSpecPath, field, index]));
    });
  }
  return containers;
}

function readContainer(node: MapNode, role: ContainerRole, path: KeyPath): Container {
  const ports: ContainerPort[] = [];
  for (const item of asSeq(mapGet(node, 'ports')?.value)?.items ?? []) {
    const port = asMap(item);
    if (!port) continue;
    ports.push({
      name: scalarString(mapGet(port, 'name')?.value),
      containerPort: numberValue(mapGet(port, 'containerPort')?.value),
      protocol: scalarString(mapGet(port, 'protocol')?.value) ?? 'TCP',
      node: port,
    });
  }
  const resources = mapGet(node, 'resources')?.value;
  const pairs = (key: string) => {
    const out = new Map<string, MapPair>();
    for (const pair of asMap(mapGet(resources, key)?.value)?.pairs ?? []) {
      const name = scalarString(pair.key);
      if (name !== undefined) out.set(name, pair);
    }
    return out;
  };
  const env: EnvVar[] = [];
  for (const item of asSeq(mapGet(node, 'env')?.value)?.items ?? []) {
    const entry = asMap(item);
    const name = scalarString(mapGet(entry, 'name')?.value);
    if (!entry || name === undefined) continue;
    env.push({
      name,
      node: entry,
      value: mapGet(entry, 'value')?.value ?? undefined,
      fromSource: mapGet(entry, 'valueFrom') !== undefined,
    });
  }
  return {
    name: scalarString(mapGet(node, 'name')?.value) ?? '(unnamed)',
    role,
    node,
    path,
    image: scalarString(mapGet(node, 'image')?.value),
    ports,
    livenessProbe: asMap(mapGet(node, 'livenessProbe')?.value),
    readinessProbe: asMap(mapGet(node, 'readinessProbe')?.value),
    startupProbe: asMap(mapGet(node, 'startupProbe')?.value),
    requests: pairs('requests'),
    limits: pairs('limits'),
    securityContext: asMap(mapGet(node, 'securityContext')?.value),
    preStop: asMap(getPath(node, 'lifecycle', 'preStop')),
    env,
    idle: onlySleeps(commandWords(node)),
  };
}

/** `command` then `args`, or `args` alone (images that only sleep, busybox and the like, have no entrypoint). */
function commandWords(container: MapNode): string[] {
  const words = (key: string) =>
    (asSeq(mapGet(container, key)?.value)?.items ?? []).map((item) => scalarString(item) ?? '');
  return [...words('command'), ...words('args')];
}

/** Steps of a shell script that do nothing a client could reach. */
const IDLE_STEPS = new Set(['sleep', 'touch', 'echo', 'printf', 'true', ':', 'date', 'mkdir']);

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Whether a command only waits: `sleep 3600`, `tail -f /dev/null`, `sh -c "touch /tmp/ready; sleep 1d"`. */
export function onlySleeps(words: readonly string[]): boolean {
  const [first, ...rest] = words;
  if (first === undefined) return false;
  const name = baseName(first);
  if (name === 'sleep') return true;
  if (name === 'tail') return rest.includes('-f') && rest.includes('/dev/null');
  if (!['sh', 'bash', 'ash', 'dash'].includes(name) || !/^-\w*c$/.test(rest[0] ?? '')) return false;
  const script = (rest[1] ?? '').replace(/\bwhile\s+(true|:)\s*;?\s*do\b|\bdone\b/g, ';');
  const steps = script
    .split(/;|&&|\n/)
    .map((step) => step.trim())
    .filter(Boolean);
  const waits = (step: string) => onlySleeps(step.split(/\s+/));
  return (
    steps.some(waits) && steps.every((step) => waits(step) || IDLE_STEPS.has(baseName(step.split(/\s+/)[0])))
  );
}

function readService(object: K8sObject): Service {
  const spec = nodeAt(object, ['spec']);
  const str = (key: string) => scalarString(mapGet(spec, key)?.value);
  const ports: ServicePort[] = [];
  for (const item of asSeq(mapGet(spec, 'ports')?.value)?.items ?? []) {
    const port = asMap(item);
    if (!port) continue;
    const target = asScalar(mapGet(port, 'targetPort')?.value);
    ports.push({
      node: port,
      name: scalarString(mapGet(port, 'name')?.value),
      port: numberValue(mapGet(port, 'port')?.value),
      targetPort:
        target === undefined
          ? undefined
          : typeof target.value === 'number'
            ? target.value
            : typeof target.value === 'string' && /^\d+$/.test(target.value)
              ? Number(target.value)
              : (scalarString(target) ?? undefined),
      appProtocol: scalarString(mapGet(port, 'appProtocol')?.value),
    });
  }
  const selector = readMapSelector(mapGet(spec, 'selector')?.value);
  return {
    object,
    type: str('type') ?? 'ClusterIP',
    selector: selector && !selector.empty ? selector : undefined,
    headless: str('clusterIP') === 'None',
    ports,
    externalTrafficPolicy: str('externalTrafficPolicy'),
    internalTrafficPolicy: str('internalTrafficPolicy'),
    sessionAffinity: str('sessionAffinity'),
    backends: [],
  };
}

function readPdb(object: K8sObject): Pdb {
  const spec = nodeAt(object, ['spec']);
  return {
    object,
    selector: readLabelSelector(mapGet(spec, 'selector')?.value),
    minAvailable: intOrPercentAt(spec, 'minAvailable'),
    maxUnavailable: intOrPercentAt(spec, 'maxUnavailable'),
    targets: [],
  };
}

function readHpa(object: K8sObject): Autoscaler {
  const spec = nodeAt(object, ['spec']);
  const minReplicasPair = mapGet(spec, 'minReplicas');
  const minReplicas = numberValue(minReplicasPair?.value);
  return {
    object,
    source: 'hpa',
    targetKind: scalarString(getPath(spec, 'scaleTargetRef', 'kind')) ?? '',
    targetName: scalarString(getPath(spec, 'scaleTargetRef', 'name')) ?? '',
    minReplicas,
    minReplicasPair,
    floor: minReplicas ?? 1,
  };
}

function readScaledObject(object: K8sObject): Autoscaler {
  const spec = nodeAt(object, ['spec']);
  const minReplicasPair = mapGet(spec, 'minReplicaCount');
  const minReplicas = numberValue(minReplicasPair?.value);
  return {
    object,
    source: 'keda',
    targetKind: scalarString(getPath(spec, 'scaleTargetRef', 'kind')) ?? 'Deployment',
    targetName: scalarString(getPath(spec, 'scaleTargetRef', 'name')) ?? '',
    minReplicas,
    minReplicasPair,
    floor: minReplicas ?? 0,
  };
}

function readIngress(object: K8sObject): Ingress {
  const backends: IngressBackend[] = [];
  const add = (node: DataNode | undefined) => {
    const backend = asMap(node);
    if (!backend) return;
    // networking.k8s.io/v1: service.name + service.port.number|name; older: serviceName + servicePort.
    const service = mapGet(backend, 'service')?.value;
    const serviceName = scalarString(mapGet(service ?? backend, service ? 'name' : 'serviceName')?.value);
    if (!serviceName) return;
    const portNode = service
      ? (getPath(service, 'port', 'number') ?? getPath(service, 'port', 'name'))
      : mapGet(backend, 'servicePort')?.value;
    const scalar = asScalar(portNode);
    const port =
      scalar && (typeof scalar.value === 'number' || typeof scalar.value === 'string')
        ? scalar.value
        : undefined;
    backends.push({ serviceName, port, node: backend });
  };
  const spec = nodeAt(object, ['spec']);
  add(mapGet(spec, 'defaultBackend')?.value ?? mapGet(spec, 'backend')?.value ?? undefined);
  for (const rule of asSeq(mapGet(spec, 'rules')?.value)?.items ?? []) {
    for (const path of asSeq(getPath(rule, 'http', 'paths'))?.items ?? [])
      add(mapGet(path, 'backend')?.value ?? undefined);
  }
  return { object, backends };
}

// ---------------------------------------------------------------------------------------------
// Linking

/** Directory components two files share (a file with itself: all of them, plus one). */
function closeness(a: SourceFile, b: SourceFile): number {
  if (a === b) return Number.MAX_SAFE_INTEGER;
  const left = a.dir ? a.dir.split('/') : [];
  const right = b.dir ? b.dir.split('/') : [];
  let shared = 0;
  while (shared < left.length && shared < right.length && left[shared] === right[shared]) shared++;
  return shared === left.length && shared === right.length ? shared + 0.5 : shared;
}

/**
 * The candidates nearest to `from` in the directory tree. A repository of independent examples
 * often reuses `app: web`; the Service of one example selects its own Deployment, not the other's.
 */
export function nearest<T>(from: SourceFile, candidates: readonly T[], fileOf: (c: T) => SourceFile): T[] {
  if (candidates.length <= 1) return [...candidates];
  let best = -1;
  let out: T[] = [];
  for (const candidate of candidates) {
    const score = closeness(from, fileOf(candidate));
    if (score > best) {
      best = score;
      out = [candidate];
    } else if (score === best) out.push(candidate);
  }
  return out;
}

/** Workloads of a namespace whose pods a selector selects (an unreadable selector selects none). */
export function workloadsSelectedBy(
  selector: LabelSelector,
  candidates: readonly Workload[],
  from: SourceFile,
): Workload[] {
  if (selector.unreadable) return [];
  const matched = candidates.filter((w) => selectorMatches(selector, w.podLabels));
  return nearest(from, matched, (w) => w.object.file);
}

/**
 * Items by the namespace of their object, in their order. Rules ask per object for the others of
 * its namespace; filtering the whole list each time costs the square of the objects.
 */
function byNamespaceOf<T>(items: readonly T[], objectOf: (item: T) => K8sObject): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const namespace = objectOf(item).namespace;
    const list = out.get(namespace);
    if (list) list.push(item);
    else out.set(namespace, [item]);
  }
  return out;
}

function linkWorkloads(
  workloads: Workload[],
  byNamespace: ReadonlyMap<string, Workload[]>,
  services: Service[],
  pdbs: Pdb[],
  autoscalers: Autoscaler[],
  patches: K8sObject[],
  patchTargets: ReadonlyMap<string, ReadonlySet<string>>,
): void {
  const inNamespace = (namespace: string) => byNamespace.get(namespace) ?? [];
  // Objects of one file with one selector select the same workloads, and share the list: a manifest
  // where thousands of Services select thousands of workloads holds one list, not millions of links.
  const selections = new Map<string, readonly Workload[]>();
  const selected = (selector: LabelSelector, object: K8sObject) => {
    const key = `${object.namespace}\u0000${object.file.path}\u0000${selectorKey(selector)}`;
    let workloads = selections.get(key);
    if (!workloads)
      selections.set(
        key,
        (workloads = workloadsSelectedBy(selector, inNamespace(object.namespace), object.file)),
      );
    return workloads;
  };

  for (const service of services) {
    if (!service.selector || service.type === 'ExternalName') continue;
    service.backends = selected(service.selector, service.object);
  }
  linkBack(
    services,
    (service) => service.backends,
    (workload, list) => (workload.services = list),
  );
  for (const pdb of pdbs) {
    if (!pdb.selector) continue;
    // policy/v1beta1 read an empty selector as "no pods"; policy/v1 as "every pod of the namespace".
    if (pdb.selector.empty && pdb.object.apiVersion !== 'policy/v1') continue;
    pdb.targets = selected(pdb.selector, pdb.object);
  }
  linkBack(
    pdbs,
    (pdb) => pdb.targets,
    (workload, list) => (workload.pdbs = list),
  );
  const byName = new Map<string, Workload[]>();
  for (const workload of workloads) {
    const key = `${workload.object.kind}/${workload.object.name}`;
    const named = byName.get(key);
    if (named) named.push(workload);
    else byName.set(key, [workload]);
  }
  for (const autoscaler of autoscalers) {
    const named = (byName.get(`${autoscaler.targetKind}/${autoscaler.targetName}`) ?? []).filter(
      (w) => w.object.namespace === autoscaler.object.namespace,
    );
    const [target] = nearest(autoscaler.object.file, named, (w) => w.object.file);
    if (!target) continue;
    autoscaler.target = target;
    target.autoscalers.push(autoscaler);
  }
  for (const patch of patches) {
    const replicas = numberValue(nodeAt(patch, ['spec', 'replicas']));
    // A patch's namespace is often unset while the base's comes from a kustomization: match by kind and
    // name, within what the kustomization that lists the patch builds (not a rendered bundle elsewhere).
    const targets = patchTargets.get(patch.file.path);
    for (const workload of byName.get(`${patch.kind}/${patch.name}`) ?? []) {
      if (targets && !targets.has(workload.object.file.path)) continue;
      workload.patched = true;
      if (replicas !== undefined) workload.patchedReplicas.push(replicas);
    }
  }

  const anyService = services.length > 0;
  // Workloads that one set of Services selects share its list, and share the traffic part of it too.
  const trafficOf = new Map<readonly Service[], Service[]>();
  for (const workload of workloads) {
    workload.effectiveReplicas = effectiveReplicas(workload);
    let servedBy = trafficOf.get(workload.services);
    if (!servedBy) trafficOf.set(workload.services, (servedBy = trafficServices(workload.services)));
    workload.servedBy = servedBy;
    // A pod that only sleeps (a client to exec into) is behind a Service for its name, not for traffic.
    const idle = workload.containers.every((c) => c.role === 'init' || c.idle);
    if (workload.servedBy.length > 0 && !idle) workload.serving = 'service';
    else if (
      !anyService &&
      !workload.batch &&
      workload.containers.some((c) => c.role !== 'init' && c.ports.length > 0)
    )
      workload.serving = 'ports';
  }
}

/** A Service named for metrics (`argocd-metrics`, `controller-manager-metrics-service`). */
const METRICS_SERVICE_NAME = /(^|[-_.])metrics(-(service|svc))?$/i;
/** A port named for metrics (`metrics`, `http-metrics`, `prometheus`). */
const METRICS_PORT_NAME = /(^|[-_])(metrics|prometheus)$/i;

/**
 * Whether a Service only exposes metrics to a scraper: a controller behind it takes no user
 * traffic, so one replica or a missing readiness probe loses nothing but a scrape.
 */
export function isMetricsOnly(service: Service): boolean {
  if (METRICS_SERVICE_NAME.test(service.object.name)) return true;
  return (
    service.ports.length > 0 &&
    service.ports.every((port) => port.name !== undefined && METRICS_PORT_NAME.test(port.name))
  );
}

/** The Services that carry traffic, one per namespace and name (rendered bundles repeat a Service). */
function trafficServices(services: readonly Service[]): Service[] {
  const seen = new Set<string>();
  return services.filter((service) => {
    const key = `${service.object.namespace}/${service.object.name}`;
    if (isMetricsOnly(service) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What tells two selectors apart (the parsed node aside). */
function selectorKey(selector: LabelSelector): string {
  const expressions = selector.matchExpressions.map((r) => [r.key, r.operator, r.values]);
  return JSON.stringify([selector.matchLabels, expressions, selector.empty, selector.unreadable]);
}

/**
 * Gives each workload the objects (Services, budgets) that select it, in their order. Objects that
 * share one selection share one list, and a workload only they select gets that very list.
 */
function linkBack<T>(
  objects: readonly T[],
  selectionOf: (object: T) => readonly Workload[],
  assign: (workload: Workload, list: readonly T[]) => void,
): void {
  const bySelection = new Map<readonly Workload[], T[]>();
  for (const object of objects) {
    const selection = selectionOf(object);
    if (selection.length === 0) continue;
    const group = bySelection.get(selection);
    if (group) group.push(object);
    else bySelection.set(selection, [object]);
  }
  const groupsOf = new Map<Workload, T[][]>();
  for (const [selection, group] of bySelection) {
    for (const workload of selection) {
      const groups = groupsOf.get(workload);
      if (groups) groups.push(group);
      else groupsOf.set(workload, [group]);
    }
  }
  const order = new Map(objects.map((object, index) => [object, index]));
  for (const [workload, groups] of groupsOf) {
    assign(
      workload,
      groups.length === 1 ? groups[0] : groups.flat().sort((a, b) => order.get(a)! - order.get(b)!),
    );
  }
}

function effectiveReplicas(workload: Workload): number | undefined {
  if (workload.kind === 'DaemonSet') return undefined;
  if (workload.autoscalers.length > 0) return Math.min(...workload.autoscalers.map((a) => a.floor));
  if (!workload.replicated) return 1;
  const written = [workload.replicas, ...workload.patchedReplicas].filter(
    (n): n is number => n !== undefined,
  );
  return written.length ? Math.max(...written) : 1;
}

// ---------------------------------------------------------------------------------------------
// Questions rules share

/** Containers that run for the pod's life: main containers and native sidecars. */
export function longRunning(workload: Workload): Container[] {
  return workload.containers.filter((c) => c.role !== 'init');
}

/**
 * The containers that receive the workload's traffic: those declaring a port its Services
 * target, else those declaring any port, else the only main container. Sidecars without ports
 * (log shippers, proxies injected later) and helpers on other ports are left out.
 */
export function servingContainers(workload: Workload): Container[] {
  let serving = servingByWorkload.get(workload);
  if (!serving) servingByWorkload.set(workload, (serving = findServingContainers(workload)));
  return serving;
}

// Rules ask per workload, and a manifest where every Service selects every workload makes each
// question cost as many Services as there are: the answers and each Service's targets are kept.
const servingByWorkload = new WeakMap<Workload, Container[]>();
const targetsByService = new WeakMap<Service, ServiceTargets>();

/** The ports a Service sends to: numbers match a containerPort, anything else a port's name. */
interface ServiceTargets {
  numbers: Set<number>;
  names: Set<string | undefined>;
}

function targetsOf(service: Service): ServiceTargets {
  let targets = targetsByService.get(service);
  if (!targets) {
    targets = { numbers: new Set(), names: new Set() };
    for (const port of service.ports) {
      const target = port.targetPort ?? port.port;
      if (typeof target === 'number') targets.numbers.add(target);
      else targets.names.add(target);
    }
    targetsByService.set(service, targets);
  }
  return targets;
}

function findServingContainers(workload: Workload): Container[] {
  const main = workload.containers.filter((c) => c.role !== 'init');
  const targeted = main.filter((c) =>
    c.ports.some((p) =>
      workload.services.some((s) => {
        const targets = targetsOf(s);
        return (
          (p.containerPort !== undefined && targets.numbers.has(p.containerPort)) || targets.names.has(p.name)
        );
      }),
    ),
  );
  if (targeted.length) return targeted;
  const withPorts = main.filter((c) => c.role === 'main' && c.ports.length > 0);
  if (withPorts.length) return withPorts;
  const only = main.filter((c) => c.role === 'main');
  return only.length === 1 ? only : [];
}

/** A pod that mounts a PersistentVolumeClaim: a ReadWriteOnce volume cannot attach to an old and a new pod at once. */
export function mountsClaim(workload: Workload): boolean {
  return (asSeq(mapGet(workload.podSpec, 'volumes')?.value)?.items ?? []).some(
    (v) => asMap(mapGet(v, 'persistentVolumeClaim')?.value) !== undefined,
  );
}

/** A claim the pod mounts whose PersistentVolumeClaim, in the scan, is ReadWriteOnce (or ReadWriteOncePod). */
function singleNodeClaim(workload: Workload, model: KubernetesModel): string | undefined {
  const claims = (asSeq(mapGet(workload.podSpec, 'volumes')?.value)?.items ?? [])
    .map((v) => stringAt(v, 'persistentVolumeClaim', 'claimName'))
    .filter((name): name is string => name !== undefined);
  if (claims.length === 0) return undefined;
  const pvcs = model
    .inNamespace(workload.object.namespace)
    .filter((o) => o.kind === 'PersistentVolumeClaim' && o.group === '');
  return claims.find((claim) =>
    nearest(
      workload.object.file,
      pvcs.filter((pvc) => pvc.name === claim),
      (pvc) => pvc.file,
    ).some((pvc) =>
      (asSeq(nodeAt(pvc, ['spec', 'accessModes']))?.items ?? []).some((mode) =>
        /^ReadWriteOnce(Pod)?$/.test(scalarString(mode) ?? ''),
      ),
    ),
  );
}

/** Images of stores that keep their data in the pod unless set up to replicate. */
const DATASTORE_IMAGES = new Set([
  'redis',
  'valkey',
  'mysql',
  'mariadb',
  'postgres',
  'postgresql',
  'mongo',
  'mongodb',
  'minio',
  'rabbitmq',
  'zookeeper',
  'etcd',
  'elasticsearch',
  'opensearch',
  'cassandra',
  'kafka',
  'couchdb',
  'influxdb',
]);

/**
 * The store a single-replica workload holds, when it holds one: a ReadWriteOnce claim, or a
 * database or broker image. A second replica of it would be a second, separate store, not a spare.
 */
export function heldStore(workload: Workload, model: KubernetesModel): string | undefined {
  const single = singleNodeClaim(workload, model);
  if (single) return `it mounts \`${single}\`, a ReadWriteOnce claim that one node at a time can attach`;
  for (const container of workload.containers) {
    if (container.role === 'init' || !container.image) continue;
    const name = container.image.split('@')[0].replace(/:[^/]*$/, '');
    const last = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
    if (DATASTORE_IMAGES.has(last)) return `it runs \`${last}\`, which keeps its data in the pod`;
  }
  return undefined;
}

/**
 * Whether some of the objects sit in the same directory as the file. Rules that report a missing
 * counterpart (a Service for an Ingress, pods for a Service) only speak when the file's own
 * directory holds the kind of object they look for: elsewhere it may come from a chart, a
 * command in a README, or another repository.
 */
export function inSameDirectory(file: SourceFile, objects: readonly K8sObject[]): boolean {
  return objects.some((o) => o.file.dir === file.dir);
}

/** Whether the pod mounts a directory of the node (`hostPath`): node tools and agents do. */
export function mountsHostPath(workload: Workload): boolean {
  return (asSeq(mapGet(workload.podSpec, 'volumes')?.value)?.items ?? []).some(
    (v) => asMap(mapGet(v, 'hostPath')?.value) !== undefined,
  );
}

/** The waivers of several objects, for a finding that relates them. */
export function waiversOf(...sources: (K8sObject | readonly Related[] | undefined)[]): Waiver[] {
  const out: Waiver[] = [];
  for (const source of sources) {
    const waivers = isRelatedList(source) ? waiversOfList(source) : source?.waivers;
    if (waivers?.length) out.push(...waivers);
  }
  return out;
}

/** A workload, Service, budget...: the objects a cross-object finding relates. */
interface Related {
  object: K8sObject;
}

function isRelatedList(source: K8sObject | readonly Related[] | undefined): source is readonly Related[] {
  return Array.isArray(source);
}

// Workloads selected by the same Services share one list, and so do their waivers: a finding on
// each of thousands of workloads does not gather the waivers of thousands of Services each time.
const listWaivers = new WeakMap<readonly Related[], Waiver[]>();

function waiversOfList(list: readonly Related[]): Waiver[] {
  let waivers = listWaivers.get(list);
  if (!waivers) {
    waivers = [];
    for (const { object } of list) if (object.waivers.length) waivers.push(...object.waivers);
    listWaivers.set(list, waivers);
  }
  return waivers;
}

/** A map's string value at a key. */
export function stringAt(node: DataNode | null | undefined, ...path: KeyPath): string | undefined {
  return scalarString(getPath(node, ...path));
}
