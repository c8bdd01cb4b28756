import path from 'node:path';
import type { RawFinding, Severity } from '../../engine/finding';
import { runRules, type Checker, type Rule, type RunContext } from '../../engine/rule';
import type { SourceFile } from '../../engine/workspace';
import { asMap, asSeq, mapGet, scalarString, type MapNode } from '../../parse/tree';
import { parseYamlFile } from '../../parse/yaml';
import {
  buildKubernetesModel,
  isKustomization,
  isSkaffoldConfig,
  isTiltfile,
  looksLikeManifest,
  type KubernetesModel,
  type KustomizeFacts,
  type RepositoryFacts,
} from './model';
import { invalidSyntax } from './rules/invalid-syntax';
import { helmTemplateUnrendered } from './rules/helm-template-unrendered';
import { nonStringMetadataValue } from './rules/non-string-metadata-value';
import { deprecatedApiVersion } from './rules/deprecated-api-version';
import { selectorTemplateMismatch } from './rules/selector-template-mismatch';
import { duplicateEnvVar } from './rules/duplicate-env-var';
import { singleReplica } from './rules/single-replica';
import { replicasSetUnderHpa } from './rules/replicas-set-under-hpa';
import { hpaMinReplicasLow } from './rules/hpa-min-replicas-low';
import { hpaTargetMissing } from './rules/hpa-target-missing';
import { missingPdb } from './rules/missing-pdb';
import { pdbBlocksEviction } from './rules/pdb-blocks-eviction';
import { pdbSelectsNothing } from './rules/pdb-selects-nothing';
import { pdbNoPolicy } from './rules/pdb-no-policy';
import { pdbOverlap } from './rules/pdb-overlap';
import { noNodeSpreading } from './rules/no-node-spreading';
import { noZoneSpreading } from './rules/no-zone-spreading';
import { spreadSelectorNotSelf } from './rules/spread-selector-not-self';
import { invalidTopologySpread } from './rules/invalid-topology-spread';
import { rolloutUnavailableAll } from './rules/rollout-unavailable-all';
import { recreateStrategy } from './rules/recreate-strategy';
import { externalTrafficLocalSkew } from './rules/external-traffic-local-skew';
import { internalTrafficLocal } from './rules/internal-traffic-local';
import { sessionAffinityClientIp } from './rules/session-affinity-clientip';
import { zoneRoutingWithoutZoneSpread } from './rules/zone-routing-without-zone-spread';
import { longLivedConnections } from './rules/long-lived-connections';
import { ingressStickyBalancing } from './rules/ingress-sticky-balancing';
import { missingPrestop } from './rules/missing-prestop';
import { prestopExceedsGrace } from './rules/prestop-exceeds-grace';
import { zeroGracePeriod } from './rules/zero-grace-period';
import { missingReadinessProbe } from './rules/missing-readiness-probe';
import { missingLivenessProbe } from './rules/missing-liveness-probe';
import { identicalProbes } from './rules/identical-probes';
import { probePortUndeclared } from './rules/probe-port-undeclared';
import { probeOnInitContainer } from './rules/probe-on-init-container';
import { missingResourceRequests } from './rules/missing-resource-requests';
import { missingMemoryLimit } from './rules/missing-memory-limit';
import { requestsExceedLimits } from './rules/requests-exceed-limits';
import { mutableImageTag } from './rules/mutable-image-tag';
import { imagePullPolicyLatest } from './rules/image-pull-policy-latest';
import { serviceSelectsNothing } from './rules/service-selects-nothing';
import { servicePortMismatch } from './rules/service-port-mismatch';
import { ingressBackendMissing } from './rules/ingress-backend-missing';
import { statefulsetServiceMissing } from './rules/statefulset-service-missing';
import { runAsRoot } from './rules/run-as-root';
import { privilegeEscalation } from './rules/privilege-escalation';
import { hostNamespace } from './rules/host-namespace';
import { writableRootFilesystem } from './rules/writable-root-filesystem';
import { secretInEnv } from './rules/secret-in-env';
import { jobHygiene } from './rules/job-hygiene';

export const KUBERNETES_RULES: readonly Rule<KubernetesModel>[] = [
  invalidSyntax,
  helmTemplateUnrendered,
  nonStringMetadataValue,
  deprecatedApiVersion,
  selectorTemplateMismatch,
  duplicateEnvVar,
  singleReplica,
  replicasSetUnderHpa,
  hpaMinReplicasLow,
  hpaTargetMissing,
  missingPdb,
  pdbBlocksEviction,
  pdbSelectsNothing,
  pdbNoPolicy,
  pdbOverlap,
  noNodeSpreading,
  noZoneSpreading,
  spreadSelectorNotSelf,
  invalidTopologySpread,
  rolloutUnavailableAll,
  recreateStrategy,
  externalTrafficLocalSkew,
  internalTrafficLocal,
  sessionAffinityClientIp,
  zoneRoutingWithoutZoneSpread,
  longLivedConnections,
  ingressStickyBalancing,
  missingPrestop,
  prestopExceedsGrace,
  zeroGracePeriod,
  missingReadinessProbe,
  missingLivenessProbe,
  identicalProbes,
  probePortUndeclared,
  probeOnInitContainer,
  missingResourceRequests,
  missingMemoryLimit,
  requestsExceedLimits,
  mutableImageTag,
  imagePullPolicyLatest,
  serviceSelectsNothing,
  servicePortMismatch,
  ingressBackendMissing,
  statefulsetServiceMissing,
  runAsRoot,
  privilegeEscalation,
  hostNamespace,
  writableRootFilesystem,
  secretInEnv,
  jobHygiene,
];

const KUBE_LINTER = 'kube-linter/';

/** kube-linter check name -> our rule ids that list it as an alias. */
const KUBE_LINTER_ALIASES: ReadonlyMap<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const rule of KUBERNETES_RULES) {
    for (const alias of rule.aliases ?? []) {
      if (!alias.startsWith(KUBE_LINTER)) continue;
      const check = alias.slice(KUBE_LINTER.length);
      map.set(check, [...(map.get(check) ?? []), rule.id]);
    }
  }
  return map;
})();

/** Strings of a YAML list, or the `path` of each item when the items are maps. */
function listedPaths(node: ReturnType<typeof mapGet>): string[] {
  const out: string[] = [];
  for (const item of asSeq(node?.value)?.items ?? []) {
    const text = scalarString(item) ?? scalarString(mapGet(asMap(item), 'path')?.value);
    if (text) out.push(text);
  }
  return out;
}

/**
 * What the kustomizations of the scan say about the manifests they list: which files are patches
 * (partial objects), the namespace they set, and the images they retag; and the images that
 * skaffold and Tilt build and substitute at deploy time.
 */
export function kustomizeFacts(files: readonly SourceFile[]): KustomizeFacts {
  const facts: KustomizeFacts = {
    patchFiles: new Set(),
    patchTargets: new Map(),
    namespaceOf: new Map(),
    retaggedImages: new Set(),
  };
  const kustomizations = new Map<string, KustomizationFiles>();
  for (const file of files) {
    if (isSkaffoldConfig(file)) readSkaffoldArtifacts(file, facts.retaggedImages);
    if (isTiltfile(file)) readTiltBuilds(file, facts.retaggedImages);
    if (!isKustomization(file)) continue;
    const root = parseYamlFile(file).documents[0]?.root;
    const map = asMap(root);
    if (map) kustomizations.set(file.dir, readKustomization(file, map, facts));
    // The checker does not claim kustomizations, so the scan would keep this parse (and the text read
    // again for it) to its end: what the rules need of it is in the facts now.
    file.release();
  }
  for (const kustomization of kustomizations.values()) {
    // A component's patches change what the kustomization that includes it builds.
    const patches = [
      ...kustomization.patches,
      ...kustomization.components.flatMap((dir) => kustomizations.get(dir)?.patches ?? []),
    ];
    if (patches.length === 0) continue;
    const built = builtFiles(kustomization, kustomizations);
    for (const patch of patches) {
      const earlier = facts.patchTargets.get(patch);
      facts.patchTargets.set(patch, earlier ? new Set([...earlier, ...built]) : built);
    }
  }
  return facts;
}

/**
 * The files a kustomization lists: patches, resources (manifest files, or directories of other
 * kustomizations) and components (directories of kustomizations whose patches apply here).
 */
interface KustomizationFiles {
  patches: string[];
  resources: string[];
  components: string[];
}

/** The manifest files a kustomization builds, through the kustomizations its resources name. */
function builtFiles(
  start: KustomizationFiles,
  kustomizations: ReadonlyMap<string, KustomizationFiles>,
): Set<string> {
  const files = new Set<string>();
  const seen = new Set<KustomizationFiles>();
  const visit = (kustomization: KustomizationFiles) => {
    if (seen.has(kustomization)) return;
    seen.add(kustomization);
    for (const resource of kustomization.resources) {
      if (/\.ya?ml$/i.test(resource)) files.add(resource);
      else {
        const inner = kustomizations.get(resource);
        if (inner) visit(inner);
      }
    }
  };
  visit(start);
  return files;
}

function readKustomization(file: SourceFile, root: MapNode, facts: KustomizeFacts): KustomizationFiles {
  const resolve = (entry: string) =>
    path.posix.normalize(path.posix.join(file.dir, entry)).replace(/\/$/, '');
  const listed: KustomizationFiles = { patches: [], resources: [], components: [] };
  for (const key of ['patchesStrategicMerge', 'patches', 'patchesJson6902']) {
    for (const entry of listedPaths(mapGet(root, key))) {
      facts.patchFiles.add(resolve(entry));
      listed.patches.push(resolve(entry));
    }
  }
  for (const key of ['resources', 'bases', 'components'] as const) {
    for (const entry of listedPaths(mapGet(root, key))) {
      if (key === 'components') listed.components.push(resolve(entry));
      if (!/^[a-z][\w+.-]*:\/\/|^(github\.com|gitlab\.com|bitbucket\.org)\//i.test(entry))
        listed.resources.push(resolve(entry));
    }
  }
  const namespace = scalarString(mapGet(root, 'namespace')?.value);
  if (namespace) {
    for (const entry of listedPaths(mapGet(root, 'resources'))) {
      if (/\.ya?ml$/i.test(entry)) facts.namespaceOf.set(resolve(entry), namespace);
    }
  }
  for (const image of asSeq(mapGet(root, 'images')?.value)?.items ?? []) {
    const name = scalarString(mapGet(image, 'name')?.value);
    if (name) facts.retaggedImages.add(name);
  }
  return listed;
}

/** `build.artifacts[].image` of every config and profile in a skaffold file. */
function readSkaffoldArtifacts(file: SourceFile, images: Set<string>): void {
  for (const document of parseYamlFile(file).documents) {
    const config = asMap(document.root);
    if (!scalarString(mapGet(config, 'apiVersion')?.value)?.startsWith('skaffold/')) continue;
    const builds = [
      mapGet(config, 'build')?.value,
      ...(asSeq(mapGet(config, 'profiles')?.value)?.items ?? []).map((p) => mapGet(asMap(p), 'build')?.value),
    ];
    for (const build of builds) {
      for (const artifact of asSeq(mapGet(asMap(build), 'artifacts')?.value)?.items ?? []) {
        const image = scalarString(mapGet(asMap(artifact), 'image')?.value);
        if (image) images.add(image);
      }
    }
  }
}

/** The image of each `docker_build('name', ...)` and `custom_build('name', ...)` of a Tiltfile. */
function readTiltBuilds(file: SourceFile, images: Set<string>): void {
  for (const match of file.text.matchAll(
    /\b(?:docker_build|custom_build)\(\s*(?:ref\s*=\s*)?(['"])([^'"\s]+)\1/g,
  ))
    images.add(match[2]);
}

/** The model of a scan's manifests (pass the files the checker claims). Not cached: it holds every parse. */
export function kubernetesModel(
  files: readonly SourceFile[],
  ctx: Pick<RunContext, 'allFiles'>,
): KubernetesModel {
  return buildKubernetesModel(files, {
    kustomize: kustomizeFacts(ctx.allFiles),
    kubeLinterAliases: KUBE_LINTER_ALIASES,
  });
}

/**
 * A compact reading of the model that another checker needs later in the scan (coherence's
 * container views). The checker computes the views it is given while its model is alive, so the
 * scan keeps the views and lets go of the model and the parses under it.
 */
export type ManifestView<T> = (model: KubernetesModel) => T;

const viewsByScan = new WeakMap<object, Map<ManifestView<unknown>, unknown>>();

function viewsOf(ctx: object): Map<ManifestView<unknown>, unknown> {
  let views = viewsByScan.get(ctx);
  if (!views) viewsByScan.set(ctx, (views = new Map()));
  return views;
}

/**
 * A view of the scan's manifests (the context identifies the scan): the one the checker computed
 * when it ran, else computed here from a model built for it. Pass the manifests the checker claims.
 */
export function manifestView<T>(
  files: readonly SourceFile[],
  ctx: Pick<RunContext, 'allFiles'>,
  view: ManifestView<T>,
): T {
  const views = viewsOf(ctx);
  if (!views.has(view)) views.set(view, view(kubernetesModel(files, ctx)));
  return views.get(view) as T;
}

/**
 * The checker, with the facts of the rest of the repository it escalates on (the checker list
 * passes the ones the topology model and the coherence links answer) and the views of its model
 * that later checkers read.
 */
export function createKubernetesChecker(
  facts: RepositoryFacts,
  sharedViews: readonly ManifestView<unknown>[] = [],
): Checker {
  return {
    id: 'kubernetes',
    rules: KUBERNETES_RULES,
    claims: looksLikeManifest,
    async run(files, ctx): Promise<RawFinding[]> {
      const model = kubernetesModel(files, ctx);
      // How loud a missing zone spread is depends on how many zones the repository says it runs in.
      if (model.workloads.some((w) => w.replicated)) model.zoneCount = await facts.zoneCount(ctx);
      // How loud a container without a non-root setting is depends on the image this repository builds.
      if (model.workloads.length) model.rootImage = facts.rootImages(ctx);
      const views = viewsOf(ctx);
      for (const view of sharedViews) views.set(view, view(model));
      return lowerOnTestInputs(runRules(KUBERNETES_RULES, model, files[0]?.path ?? '.'), model);
    },
  };
}

const DEFAULT_SEVERITY: ReadonlyMap<string, Severity> = new Map(
  KUBERNETES_RULES.map((r) => [r.id, r.severity]),
);

/**
 * Warnings about a test input become notices that say why: resources, probes or replicas a health
 * check's recorded Deployment lacks are not a defect anyone would fix. Errors stay: a file that
 * cannot be read or applied is broken wherever it sits.
 */
function lowerOnTestInputs(findings: RawFinding[], model: KubernetesModel): RawFinding[] {
  if (model.testInputs.size === 0) return findings;
  for (const finding of findings) {
    const why = model.testInputs.get(finding.file);
    if (why === undefined || (finding.severity ?? DEFAULT_SEVERITY.get(finding.ruleId)) !== 'warning')
      continue;
    finding.severity = 'notice';
    finding.message += ` A notice here: the file is a test input (${why}).`;
  }
  return findings;
}
