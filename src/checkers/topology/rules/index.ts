import type { Rule } from '../../../engine/rule';
import type { TopologyModel } from '../model';
import { accountSpecificZone } from './account-specific-zone';
import { asgSingleAz } from './asg-single-az';
import { azCapacityLoss } from './az-capacity-loss';
import { cacheNoFailover } from './cache-no-failover';
import { crossRegionSplit } from './cross-region-split';
import { dbNotMultiAz } from './db-not-multi-az';
import { invalidFile } from './invalid-file';
import { k8sZonePinned } from './k8s-zone-pinned';
import { lbSingleAz } from './lb-single-az';
import { lbZoneWithoutTargets } from './lb-zone-without-targets';
import { notStaticallyStable } from './not-statically-stable';
import { replicasForSlo } from './replicas-for-slo';
import { singleAz } from './single-az';
import { singleReplica } from './single-replica';
import { sloUnreachable } from './slo-unreachable';
import { unevenSpread } from './uneven-spread';
import { unknownZone } from './unknown-zone';
import { unresolvedPlacement } from './unresolved-placement';
import { zoneRegionMismatch } from './zone-region-mismatch';

/** In catalog order. */
export const TOPOLOGY_RULES: readonly Rule<TopologyModel>[] = [
  invalidFile,
  unresolvedPlacement,
  singleAz,
  notStaticallyStable,
  azCapacityLoss,
  unevenSpread,
  crossRegionSplit,
  zoneRegionMismatch,
  unknownZone,
  accountSpecificZone,
  sloUnreachable,
  replicasForSlo,
  singleReplica,
  lbSingleAz,
  lbZoneWithoutTargets,
  asgSingleAz,
  dbNotMultiAz,
  cacheNoFailover,
  k8sZonePinned,
];
