/**
 * The topology model: services and where their replicas run, merged by service name from every
 * source (the topology file wins over what IaC or manifests say), plus the infrastructure facts the
 * resource rules ask about (load balancers, Auto Scaling groups, databases, caches, pinned
 * workloads) and everything a source could not read (invalid files, unresolved placements).
 * Rules ask `analyseService` for the numbers; they never recompute them.
 */
import {
  capacityAfterZoneLoss,
  kOfN,
  minReplicasForTarget,
  serial,
  availabilityOf,
  smallestStableLayout,
  zonedAvailability,
  type Availability,
  type ZoneLoss,
} from './availability';
import { parseZone, regionZones, zoneProblems, type ZoneProblem } from './zones';

export type SourceKind = 'file' | 'terraform' | 'cloudformation' | 'kubernetes';

/** Where something is written. */
export interface Where {
  file: string;
  line: number;
}

/** An Availability Zone as a placement names it. */
export interface ZoneRef {
  /** Groups placements: the zone name, or `region#i` for the i-th AZ of a region. */
  key: string;
  /** For messages: `us-east-1a`, or `AZ 2 of eu-west-1` for an index into the region's AZ list. */
  label: string;
  region?: string;
  /** Index into the region's AZ list (`data.aws_availability_zones`, `Fn::GetAZs`): valid and distinct by construction. */
  ordinal?: number;
}

export interface Placement extends Where {
  zone: ZoneRef;
  count: number;
  /** Relative capacity of one replica (1 unless the topology file says otherwise). */
  capacity: number;
}

export type LoadBalancerScope = 'regional' | 'global' | 'none';

export interface Service extends Where {
  /** Merge key: the topology file's name, or the IaC address with its directory. */
  name: string;
  /** How messages name it when that differs from `name` (the address without its directory). */
  displayName?: string;
  source: SourceKind;
  /** What declares it: `service` in the topology file, `aws_instance.web`, `AWS::EC2::Instance`... */
  kind: string;
  placements: Placement[];
  slo?: number;
  /** Replicas needed to carry peak load (k); undefined when nobody said. */
  minHealthy?: number;
  loadBalancer?: LoadBalancerScope;
  /** Region of a regional load balancer, when written; otherwise the region with the most replicas. */
  loadBalancerRegion?: string;
  tier?: string;
  replicaAvailability: number;
  zoneAvailability: number;
  loadBalancerAvailability: number;
  /** Whether one replica is a reportable smell for this kind (not for a bastion host, say). */
  singleReplicaMatters: boolean;
  /** Whether single-az is this service's rule (ASGs and pinned workloads have their own). */
  spreadRulesApply: boolean;
  /** Named by its owner (a `Service` tag), so same-named resources are one service. */
  named?: boolean;
}

/** A zone name written somewhere, with the region in force there, for the zone rules. */
export interface ZoneMention extends Where {
  zone: string;
  /** The provider's or the file's region, when known. */
  regionInUse?: string;
  /** Where the region in use comes from, for messages: `provider "aws" (alias west)`. */
  regionSource?: string;
}

export interface Unresolved extends Where {
  /** What could not be placed: `aws_instance.web`, `subnet_ids of aws_eks_node_group.main`. */
  what: string;
  why: string;
}

export interface InvalidFile extends Where {
  message: string;
  column?: number;
}

export type LoadBalancerKind = 'application' | 'network' | 'gateway' | 'classic';

export interface LoadBalancer extends Where {
  name: string;
  kind: LoadBalancerKind;
  zones: ZoneRef[];
  /** Zones where its targets run, when the targets could be followed; undefined otherwise. */
  targetZones?: ZoneRef[];
}

export interface AutoScalingGroup extends Where {
  name: string;
  zones: ZoneRef[];
}

export interface Database extends Where {
  name: string;
  /** The resource type when `name` does not show it (CloudFormation's logical ids). */
  kind?: string;
  /** Where `multi_az` / `MultiAZ` is written, when it is. */
  setting?: Where & { text: string };
}

export interface Cache extends Where {
  name: string;
  /** The resource type when `name` does not show it. */
  kind?: string;
  detail: string;
}

export interface PinnedWorkload extends Where {
  name: string;
  kind: string;
  zone: string;
  how: string;
  replicas: number;
}

export interface TopologyModel {
  services: Service[];
  zoneMentions: ZoneMention[];
  unresolved: Unresolved[];
  invalidFiles: InvalidFile[];
  loadBalancers: LoadBalancer[];
  autoScalingGroups: AutoScalingGroup[];
  /** Databases that run in one AZ (no multi-AZ standby). */
  singleAzDatabases: Database[];
  /** Replication groups that do not fail over to another AZ. */
  cachesWithoutFailover: Cache[];
  pinnedWorkloads: PinnedWorkload[];
  /** The numbers of every service, computed once for all rules and the summary. */
  analyses: ServiceAnalysis[];
}

/** What each source contributes before merging. */
export type SourceContribution = Partial<Omit<TopologyModel, 'analyses'>>;

export interface Defaults {
  replicaAvailability: number;
  zoneAvailability: number;
  loadBalancerAvailability: number;
  targetAvailability?: number;
}

export const DEFAULT_ZONE_AVAILABILITY = 0.999;
export const DEFAULT_LOAD_BALANCER_AVAILABILITY = 0.9999;

/** Merges the sources; a service named in the topology file replaces same-named services from elsewhere. */
export function mergeContributions(contributions: readonly SourceContribution[]): TopologyModel {
  const model: TopologyModel = {
    services: [],
    zoneMentions: [],
    unresolved: [],
    invalidFiles: [],
    loadBalancers: [],
    autoScalingGroups: [],
    singleAzDatabases: [],
    cachesWithoutFailover: [],
    pinnedWorkloads: [],
    analyses: [],
  };
  const byName = new Map<string, Service>();
  const services = contributions.flatMap((c) => c.services ?? []);
  // Topology-file services first, so they win the name.
  for (const service of [...services].sort((a, b) => rank(a) - rank(b))) {
    const existing = byName.get(service.name);
    if (!existing) {
      byName.set(service.name, service);
      model.services.push(service);
    } else if (existing.source !== 'file' && existing.named && service.named) {
      existing.placements.push(...service.placements);
      existing.loadBalancer ??= service.loadBalancer;
      existing.loadBalancerRegion ??= service.loadBalancerRegion;
    }
  }
  for (const c of contributions) {
    model.zoneMentions.push(...(c.zoneMentions ?? []));
    model.unresolved.push(...(c.unresolved ?? []));
    model.invalidFiles.push(...(c.invalidFiles ?? []));
    model.loadBalancers.push(...(c.loadBalancers ?? []));
    model.autoScalingGroups.push(...(c.autoScalingGroups ?? []));
    model.singleAzDatabases.push(...(c.singleAzDatabases ?? []));
    model.cachesWithoutFailover.push(...(c.cachesWithoutFailover ?? []));
    model.pinnedWorkloads.push(...(c.pinnedWorkloads ?? []));
  }
  model.analyses = model.services.filter((s) => s.placements.length > 0).map(analyseService);
  return model;
}

function rank(service: Service): number {
  return service.source === 'file' ? 0 : 1;
}

/** A zone given by name: its region read from the name. */
export function namedZone(name: string): ZoneRef {
  const parsed = parseZone(name);
  return { key: name, label: name, region: parsed?.region };
}

/** The i-th AZ of a region (0-based), as `data.aws_availability_zones` and `Fn::GetAZs` give it. */
export function indexedZone(region: string | undefined, index: number): ZoneRef {
  const zones = region ? regionZones(region) : undefined;
  const count = zones
    ? (zones.zonesPerAccount ?? zones.letters.length - (zones.restrictedLetters?.length ?? 0))
    : 0;
  const ordinal = count > 0 ? index % count : index;
  return {
    key: `${region ?? 'the region'}#${ordinal}`,
    label: `AZ ${ordinal + 1} of ${region ?? 'the region'}`,
    region,
    ordinal,
  };
}

/** Everything the rules and the summary say about one service, computed once. */
export interface ServiceAnalysis {
  service: Service;
  /** Capacity per zone over every placement, in first-seen order. */
  perZone: Map<string, number>;
  zones: Map<string, ZoneRef>;
  regions: string[];
  total: number;
  /** The region a regional load balancer serves; undefined without one. */
  trafficRegion?: string;
  /** Capacity per zone that can take traffic (the load balancer's region, or everything). */
  serving: Map<string, number>;
  servingTotal: number;
  /** Losing the largest zone, over all capacity. */
  loss?: ZoneLoss<string>;
  /** Losing the largest zone among the serving ones. */
  servingLoss?: ZoneLoss<string>;
  /** Replicas needed (k): min-healthy, or 1. */
  k: number;
  staticallyStable: boolean;
  /** Availability of the serving replicas with zone failures, then with the load balancer in series. */
  serviceAvailability: Availability;
  systemAvailability: Availability;
  /** Fewest replicas that meet the SLO on independent failures alone (no zones, no load balancer). */
  replicasForSlo?: number;
  recommended: RecommendedLayout;
}

export interface RecommendedLayout {
  region?: string;
  zones: number;
  perZone: number;
  total: number;
  availability: Availability;
  meetsSlo: boolean;
}

/** The capacity units a placement adds. */
function units(p: Placement): number {
  return p.count * p.capacity;
}

export function analyseService(service: Service): ServiceAnalysis {
  const perZone = new Map<string, number>();
  const zones = new Map<string, ZoneRef>();
  const regionCounts = new Map<string, number>();
  for (const p of service.placements) {
    perZone.set(p.zone.key, (perZone.get(p.zone.key) ?? 0) + units(p));
    if (!zones.has(p.zone.key)) zones.set(p.zone.key, p.zone);
    if (p.zone.region) regionCounts.set(p.zone.region, (regionCounts.get(p.zone.region) ?? 0) + units(p));
  }
  const regions = [...regionCounts.keys()];
  const total = [...perZone.values()].reduce((s, n) => s + n, 0);
  let trafficRegion: string | undefined;
  if (service.loadBalancer === 'regional') {
    trafficRegion = service.loadBalancerRegion ?? largest(regionCounts);
  }
  const serving = new Map(
    [...perZone].filter(([key]) => !trafficRegion || zones.get(key)?.region === trafficRegion),
  );
  const servingTotal = [...serving.values()].reduce((s, n) => s + n, 0);
  const k = Math.max(1, service.minHealthy ?? 1);
  const servingLoss = capacityAfterZoneLoss(serving);
  const serviceAvailability = zonedAvailability({
    replicasPerZone: [...serving.values()].map(Math.floor),
    k,
    replicaAvailability: service.replicaAvailability,
    zoneAvailability: service.zoneAvailability,
  });
  const lb = service.loadBalancer && service.loadBalancer !== 'none';
  const lbPart = availabilityOf(service.loadBalancerAvailability);
  const systemAvailability = lb ? serial(lbPart, serviceAvailability) : serviceAvailability;
  const replicasForSlo =
    service.slo !== undefined ? minReplicasForTarget(k, service.replicaAvailability, service.slo) : undefined;
  return {
    service,
    perZone,
    zones,
    regions,
    total,
    trafficRegion,
    serving,
    servingTotal,
    loss: capacityAfterZoneLoss(perZone),
    servingLoss,
    k,
    staticallyStable: servingLoss !== undefined && servingLoss.remaining >= k,
    serviceAvailability,
    systemAvailability,
    replicasForSlo,
    recommended: recommendLayout(service, k, trafficRegion ?? regions[0], serving.size),
  };
}

function largest(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let most = -1;
  for (const [key, n] of counts) {
    if (n > most) {
      best = key;
      most = n;
    }
  }
  return best;
}

/** Zones a region offers to one account, when the table knows the region. */
export function usableZones(region: string | undefined): number | undefined {
  const zones = region ? regionZones(region) : undefined;
  if (!zones) return undefined;
  return zones.zonesPerAccount ?? zones.letters.length - (zones.restrictedLetters?.length ?? 0);
}

/**
 * The smallest even layout over the AZs of one region that is statically stable for k and meets
 * the SLO: three AZs (or as many as the region offers, at least the service already uses).
 */
function recommendLayout(
  service: Service,
  k: number,
  region: string | undefined,
  used: number,
): RecommendedLayout {
  const offered = usableZones(region);
  const zones = Math.max(2, Math.min(offered ?? 3, Math.max(3, used)));
  const stable = smallestStableLayout(k, zones)?.[0] ?? k;
  const availabilityWith = (perZone: number) => {
    const fleet = zonedAvailability({
      replicasPerZone: new Array<number>(zones).fill(perZone),
      k,
      replicaAvailability: service.replicaAvailability,
      zoneAvailability: service.zoneAvailability,
    });
    return service.loadBalancer && service.loadBalancer !== 'none'
      ? serial(availabilityOf(service.loadBalancerAvailability), fleet)
      : fleet;
  };
  let perZone = stable;
  let availability = availabilityWith(perZone);
  const slo = service.slo;
  if (slo !== undefined) {
    // More replicas stop helping once the zones and the load balancer dominate: stop there.
    for (let extra = 0; extra < 20 && availability.down > 1 - slo; extra++) {
      const next = availabilityWith(perZone + 1);
      if (next.down >= availability.down * 0.999) break;
      perZone += 1;
      availability = next;
    }
  }
  return {
    region,
    zones,
    perZone,
    total: zones * perZone,
    availability,
    meetsSlo: slo === undefined || availability.down <= (1 - slo) * (1 + 1e-9),
  };
}

/** The plain k-of-n figure for a replica count, for messages. */
export function independentAvailability(k: number, n: number, p: number): Availability {
  return kOfN(k, n, p);
}

/** Problems with a mentioned zone against the region in use and the AZ table. */
export type MentionProblem =
  ZoneProblem | { kind: 'region-mismatch'; zoneRegion: string; regionInUse: string };

export function mentionProblems(mention: ZoneMention): MentionProblem[] {
  const parsed = parseZone(mention.zone);
  if (!parsed) return [{ kind: 'unknown-region', region: mention.zone, shapeless: true }];
  const out: MentionProblem[] = [];
  if (
    mention.regionInUse &&
    parsed.region &&
    parsed.region !== mention.regionInUse &&
    !(parsed.kind === 'id' && !parsed.region)
  ) {
    out.push({ kind: 'region-mismatch', zoneRegion: parsed.region, regionInUse: mention.regionInUse });
  }
  out.push(...zoneProblems(parsed));
  return out;
}

/** `3 (1+1+1)`. */
export function layoutText(perZone: readonly number[]): string {
  const total = perZone.reduce((s, n) => s + n, 0);
  return `${total} (${perZone.join('+')})`;
}

/** Count of something with its noun: `1 replica`, `3 replicas`. */
export function count(n: number, noun: string): string {
  return `${formatNumber(n)} ${noun}${n === 1 ? '' : 's'}`;
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(3)));
}

/** Declared AZs of a scan, for other checkers that ask whether the repository spreads over zones. */
export function declaredZoneCount(model: TopologyModel): number {
  const keys = new Set<string>();
  for (const service of model.services) for (const p of service.placements) keys.add(p.zone.key);
  for (const group of model.autoScalingGroups) for (const z of group.zones) keys.add(z.key);
  return keys.size;
}
