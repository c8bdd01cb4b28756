/**
 * Zone pinning in Kubernetes manifests: a workload whose pods may only run in one zone, by
 * `nodeSelector` or required node affinity on the zone label. Read from the shared YAML parse.
 */
import type { SourceFile } from '../../../engine/workspace';
import { asMap, asSeq, getPath, mapGet, scalarString, type DataNode } from '../../../parse/tree';
import { parseYamlFile } from '../../../parse/yaml';
import { namedZone, type Defaults, type SourceContribution } from '../model';

const ZONE_LABELS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

/** Workload kinds and where their pod spec sits. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Pod: ['spec'],
};

export function mentionsZoneLabel(file: SourceFile): boolean {
  return /\.ya?ml$/i.test(file.name) && ZONE_LABELS.some((label) => file.text.includes(label));
}

interface Pin {
  zone: string;
  node: DataNode;
  how: string;
}

function nodeSelectorPin(podSpec: DataNode | undefined): Pin | undefined {
  for (const label of ZONE_LABELS) {
    const pair = mapGet(getPath(podSpec, 'nodeSelector'), label);
    const zone = scalarString(pair?.value);
    if (pair?.value && zone) return { zone, node: pair.value, how: `nodeSelector ${label}` };
  }
  return undefined;
}

/** Required node affinity whose every term allows exactly one zone, the same one. */
function affinityPin(podSpec: DataNode | undefined): Pin | undefined {
  const terms = asSeq(
    getPath(
      podSpec,
      'affinity',
      'nodeAffinity',
      'requiredDuringSchedulingIgnoredDuringExecution',
      'nodeSelectorTerms',
    ),
  );
  if (!terms || terms.items.length === 0) return undefined;
  let pin: Pin | undefined;
  for (const term of terms.items) {
    const expressions = asSeq(getPath(term, 'matchExpressions'))?.items ?? [];
    const zoneExpression = expressions.find((e) =>
      ZONE_LABELS.includes(scalarString(getPath(e, 'key')) ?? ''),
    );
    if (!zoneExpression || scalarString(getPath(zoneExpression, 'operator')) !== 'In') return undefined;
    const values = asSeq(getPath(zoneExpression, 'values'))?.items ?? [];
    const zone = values.length === 1 ? scalarString(values[0]) : undefined;
    if (!zone || (pin && pin.zone !== zone)) return undefined;
    pin = {
      zone,
      node: values[0],
      how: `required node affinity on ${scalarString(getPath(zoneExpression, 'key'))}`,
    };
  }
  return pin;
}

export function readKubernetes(file: SourceFile, defaults: Defaults): SourceContribution {
  const parsed = parseYamlFile(file);
  const out: Required<Pick<SourceContribution, 'pinnedWorkloads' | 'services'>> = {
    pinnedWorkloads: [],
    services: [],
  };
  for (const document of parsed.documents) {
    const root = asMap(document.root);
    const kind = scalarString(getPath(root, 'kind'));
    const path = kind ? POD_SPEC_PATHS[kind] : undefined;
    if (!root || !kind || !path) continue;
    const name = scalarString(getPath(root, 'metadata', 'name')) ?? '(unnamed)';
    const podSpec = getPath(root, ...path);
    const pin = nodeSelectorPin(podSpec) ?? affinityPin(podSpec);
    if (!pin) continue;
    const replicasValue = getPath(root, 'spec', 'replicas');
    const replicas =
      kind === 'Pod'
        ? 1
        : typeof (replicasValue as { value?: unknown })?.value === 'number'
          ? (replicasValue as { value: number }).value
          : 1;
    out.pinnedWorkloads.push({
      file: file.path,
      line: pin.node.line,
      name,
      kind,
      zone: pin.zone,
      how: pin.how,
      replicas,
    });
    out.services.push({
      name,
      source: 'kubernetes',
      kind,
      file: file.path,
      line: root.line,
      placements: [
        { file: file.path, line: pin.node.line, zone: namedZone(pin.zone), count: replicas, capacity: 1 },
      ],
      replicaAvailability: defaults.replicaAvailability,
      zoneAvailability: defaults.zoneAvailability,
      loadBalancerAvailability: defaults.loadBalancerAvailability,
      singleReplicaMatters: false,
      spreadRulesApply: false,
    });
  }
  return out;
}
