/**
 * The availability math, as pure functions. Every result carries the failure side (the probability
 * of being down) computed directly, because 1 - 1e-12 rounds badly once it is stored as
 * availability; availability is derived from it at the end.
 */

/** An availability figure with its complement kept exact. */
export interface Availability {
  /** Probability of being up. */
  up: number;
  /** Probability of being down, computed directly (never as 1 - up). */
  down: number;
}

/** Tolerance for comparing a computed result with a target: 0.99 must meet 0.99 after rounding noise. */
const RELATIVE_EPSILON = 1e-9;

function fromDown(down: number): Availability {
  const clamped = Math.min(1, Math.max(0, down));
  return { up: 1 - clamped, down: clamped };
}

/** ln C(n, i), built from a running sum so large n stays finite. */
function logBinomials(n: number): number[] {
  const out = [0];
  for (let i = 1; i <= n; i++) out.push(out[i - 1] + Math.log(n - i + 1) - Math.log(i));
  return out;
}

/**
 * k-of-n: at least k of n independent replicas are up, each with probability p.
 * A = sum over i = k..n of C(n, i) p^i (1-p)^(n-i); the smaller tail is summed directly.
 */
export function kOfN(k: number, n: number, p: number): Availability {
  if (k <= 0) return { up: 1, down: 0 };
  if (n < k) return { up: 0, down: 1 };
  if (p >= 1) return { up: 1, down: 0 };
  if (p <= 0) return { up: 0, down: 1 };
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const logC = logBinomials(n);
  const term = (i: number) => Math.exp(logC[i] + i * logP + (n - i) * logQ);
  // The expected number up is n*p: the tail on the far side of it is the small one.
  if (k - 1 <= n * p) {
    let down = 0;
    for (let i = 0; i < k; i++) down += term(i);
    return fromDown(down);
  }
  let up = 0;
  for (let i = k; i <= n; i++) up += term(i);
  const clamped = Math.min(1, Math.max(0, up));
  return { up: clamped, down: 1 - clamped };
}

/** Whether an availability meets a target, allowing for rounding in the last digits. */
export function meets(result: Availability, target: number): boolean {
  const allowedDown = 1 - target;
  return result.down <= allowedDown * (1 + RELATIVE_EPSILON);
}

/**
 * The fewest replicas n (>= k) with kOfN(k, n, p) >= target, or undefined when none up to
 * `limit` reaches it (p = 0, or a target of 1).
 */
export function minReplicasForTarget(k: number, p: number, target: number, limit = 1000): number | undefined {
  const needed = Math.max(1, k);
  if (target >= 1) return undefined;
  for (let n = needed; n <= limit; n++) {
    if (meets(kOfN(needed, n, p), target)) return n;
  }
  return undefined;
}

/** The closed form for k = 1: n = ceil(ln(1 - S) / ln(1 - p)). */
export function minReplicasOneNeeded(p: number, target: number): number {
  return Math.max(1, Math.ceil(Math.log1p(-target) / Math.log1p(-p) - RELATIVE_EPSILON));
}

export interface ZonedFleet {
  /** Replicas in each zone (zones of any region; each fails on its own). */
  replicasPerZone: readonly number[];
  /** Replicas that must be up. */
  k: number;
  /** Probability one replica is up, zone risk included. */
  replicaAvailability: number;
  /** Probability one zone is up. */
  zoneAvailability: number;
}

/**
 * Availability when zones fail as units: the sum over the sets U of zones that are up of
 * P(U) * A(k, replicas in U, q), where q = p / a is a replica's own availability once its zone is
 * up (p already includes the zone's risk). A single-zone service can never exceed a.
 */
export function zonedAvailability(fleet: ZonedFleet): Availability {
  const zones = fleet.replicasPerZone.filter((n) => n > 0);
  const a = Math.min(1, Math.max(0, fleet.zoneAvailability));
  const q = a > 0 ? Math.min(1, fleet.replicaAvailability / a) : 0;
  if (fleet.k <= 0) return { up: 1, down: 0 };
  if (zones.length === 0) return { up: 0, down: 1 };
  // Distribution of "replicas in up zones": a polynomial over the replica total, built zone by zone
  // (same as enumerating subsets, but linear in the number of zones).
  const total = zones.reduce((s, n) => s + n, 0);
  let dist = new Array<number>(total + 1).fill(0);
  dist[0] = 1;
  let reach = 0;
  for (const n of zones) {
    const next = new Array<number>(total + 1).fill(0);
    for (let s = 0; s <= reach; s++) {
      if (dist[s] === 0) continue;
      next[s] += dist[s] * (1 - a);
      next[s + n] += dist[s] * a;
    }
    reach += n;
    dist = next;
  }
  let down = 0;
  for (let s = 0; s <= total; s++) if (dist[s] > 0) down += dist[s] * kOfN(fleet.k, s, q).down;
  return fromDown(down);
}

/** Serial parts (load balancer, then the service): all must be up. */
export function serial(...parts: readonly Availability[]): Availability {
  let logUp = 0;
  for (const part of parts) {
    if (part.down >= 1) return { up: 0, down: 1 };
    logUp += Math.log1p(-part.down);
  }
  return fromDown(-Math.expm1(logUp));
}

/** A fixed availability as an Availability. */
export function availabilityOf(up: number): Availability {
  return fromDown(1 - up);
}

/** Number of nines: 0.999 -> 3. */
export function nines(result: Availability): number {
  if (result.down <= 0) return Infinity;
  return -Math.log10(result.down);
}

export interface ZoneLoss<Z> {
  /** The zone whose loss hurts most (the first of the largest). */
  zone: Z;
  lost: number;
  remaining: number;
  total: number;
  /** Share of the capacity lost, 0..1. */
  fractionLost: number;
}

/** What losing the largest zone costs: 1 - max_z(n_z) / n. */
export function capacityAfterZoneLoss<Z>(perZone: ReadonlyMap<Z, number>): ZoneLoss<Z> | undefined {
  let worst: Z | undefined;
  let lost = -1;
  let total = 0;
  for (const [zone, n] of perZone) {
    total += n;
    if (n > lost) {
      lost = n;
      worst = zone;
    }
  }
  if (worst === undefined || total <= 0) return undefined;
  return { zone: worst, lost, remaining: total - lost, total, fractionLost: lost / total };
}

/** Statically stable: the replicas outside the largest zone still number at least k. */
export function isStaticallyStable(perZone: ReadonlyMap<unknown, number>, k: number): boolean {
  const loss = capacityAfterZoneLoss(perZone);
  return loss !== undefined && loss.remaining >= k;
}

/** Per-zone replicas of the smallest statically stable fleet over `zones` zones: ceil(k / (Z - 1)) each. */
export function smallestStableLayout(k: number, zones: number): number[] | undefined {
  if (zones < 2) return undefined;
  const each = Math.ceil(Math.max(1, k) / (zones - 1));
  return new Array<number>(zones).fill(each);
}

/** Formats a probability as a percentage with enough digits to show its nines: 0.999875 -> 99.9875%. */
export function percent(value: number, down?: number): string {
  const failure = down ?? 1 - value;
  if (failure <= 0) return '100%';
  if (failure >= 1) return '0%';
  // Enough decimals to show the first significant digits of the failure side, at least two.
  const decimals = Math.min(12, Math.max(2, Math.ceil(-Math.log10(failure))));
  const text = (value * 100)
    .toFixed(decimals)
    .replace(/(\.\d*?[1-9])0+$/, '$1')
    .replace(/\.0+$/, '');
  return `${text}%`;
}
