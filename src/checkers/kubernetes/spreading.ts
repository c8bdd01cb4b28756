import { asMap, asSeq, getPath, mapGet, scalarString, type KeyPath, type MapNode } from '../../parse/tree';
import { numberValue, type Workload } from './model';
import { readLabelSelector, selectorMatches, type LabelSelector } from './selector';

/** How a workload asks the scheduler to spread its pods: topology spread constraints and pod anti-affinity. */

export const HOSTNAME_KEY = 'kubernetes.io/hostname';
export const ZONE_KEYS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

export interface SpreadConstraint {
  node: MapNode;
  /** From the object's root. */
  path: KeyPath;
  topologyKey?: string;
  maxSkew?: number;
  whenUnsatisfiable?: string;
  selector?: LabelSelector;
  /** `matchLabelKeys`: selection narrowed by the pod's own values of these labels. */
  matchLabelKeys: string[];
}

export interface AntiAffinityTerm {
  node: MapNode;
  path: KeyPath;
  required: boolean;
  topologyKey?: string;
  selector?: LabelSelector;
}

export function spreadConstraints(workload: Workload): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  asSeq(mapGet(workload.podSpec, 'topologySpreadConstraints')?.value)?.items.forEach((item, index) => {
    const node = asMap(item);
    if (!node) return;
    out.push({
      node,
      path: [...workload.podSpecPath, 'topologySpreadConstraints', index],
      topologyKey: scalarString(mapGet(node, 'topologyKey')?.value),
      maxSkew: numberValue(mapGet(node, 'maxSkew')?.value),
      whenUnsatisfiable: scalarString(mapGet(node, 'whenUnsatisfiable')?.value),
      selector: readLabelSelector(mapGet(node, 'labelSelector')?.value),
      matchLabelKeys: (asSeq(mapGet(node, 'matchLabelKeys')?.value)?.items ?? []).map(
        (k) => scalarString(k) ?? '',
      ),
    });
  });
  return out;
}

export function antiAffinityTerms(workload: Workload): AntiAffinityTerm[] {
  const out: AntiAffinityTerm[] = [];
  const base = [...workload.podSpecPath, 'affinity', 'podAntiAffinity'];
  const anti = getPath(workload.podSpec, 'affinity', 'podAntiAffinity');
  asSeq(mapGet(anti, 'requiredDuringSchedulingIgnoredDuringExecution')?.value)?.items.forEach(
    (item, index) => {
      const node = asMap(item);
      if (node)
        out.push(term(node, [...base, 'requiredDuringSchedulingIgnoredDuringExecution', index], true));
    },
  );
  asSeq(mapGet(anti, 'preferredDuringSchedulingIgnoredDuringExecution')?.value)?.items.forEach(
    (item, index) => {
      const node = asMap(mapGet(item, 'podAffinityTerm')?.value);
      if (node)
        out.push(
          term(
            node,
            [...base, 'preferredDuringSchedulingIgnoredDuringExecution', index, 'podAffinityTerm'],
            false,
          ),
        );
    },
  );
  return out;
}

function term(node: MapNode, path: KeyPath, required: boolean): AntiAffinityTerm {
  return {
    node,
    path,
    required,
    topologyKey: scalarString(mapGet(node, 'topologyKey')?.value),
    selector: readLabelSelector(mapGet(node, 'labelSelector')?.value),
  };
}

/** Whether a selector picks the workload's own pods (an unreadable one is given the benefit of the doubt). */
export function selectsOwnPods(selector: LabelSelector | undefined, workload: Workload): boolean {
  if (!selector) return false;
  return selector.unreadable || selectorMatches(selector, workload.podLabels);
}

function onKey(topologyKey: string | undefined, keys: readonly string[]): boolean {
  return topologyKey !== undefined && keys.includes(topologyKey);
}

/** Some constraint or anti-affinity term spreads the workload's own pods over these topology keys. */
export function spreadsOver(workload: Workload, keys: readonly string[]): boolean {
  return (
    spreadConstraints(workload).some(
      (c) => onKey(c.topologyKey, keys) && selectsOwnPods(c.selector, workload),
    ) ||
    antiAffinityTerms(workload).some(
      (t) => onKey(t.topologyKey, keys) && selectsOwnPods(t.selector, workload),
    )
  );
}

/**
 * Whether the pods sit evenly on nodes, one per node or nearly: a DaemonSet, a required hostname
 * anti-affinity against its own pods, or a hostname spread with `maxSkew: 1` and `DoNotSchedule`.
 */
export function evenOverNodes(workload: Workload): boolean {
  if (workload.kind === 'DaemonSet') return true;
  return (
    antiAffinityTerms(workload).some(
      (t) => t.required && t.topologyKey === HOSTNAME_KEY && selectsOwnPods(t.selector, workload),
    ) ||
    spreadConstraints(workload).some(
      (c) =>
        c.topologyKey === HOSTNAME_KEY &&
        c.maxSkew === 1 &&
        c.whenUnsatisfiable === 'DoNotSchedule' &&
        selectsOwnPods(c.selector, workload),
    )
  );
}

/**
 * A required anti-affinity on a zone key against its own pods: at most one pod per zone, so no two
 * pods ever share a node either.
 */
export function onePerZone(workload: Workload): boolean {
  return antiAffinityTerms(workload).some(
    (t) => t.required && onKey(t.topologyKey, ZONE_KEYS) && selectsOwnPods(t.selector, workload),
  );
}
