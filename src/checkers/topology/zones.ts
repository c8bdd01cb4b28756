/**
 * What deploy-lint knows about AWS Availability Zones: which letters each region has, its AZ ids,
 * and the letters that are restricted or differ by account. The table is dated; a region missing
 * from it skips the letter checks.
 */
import zoneData from './data/aws-zones.json';

export interface RegionZones {
  letters: readonly string[];
  zoneIds: readonly string[];
  /** Letters that exist only for some (older) accounts or take no new capacity. */
  restrictedLetters?: readonly string[];
  restrictedZoneIds?: readonly string[];
  /** Set where an account sees fewer zones than the region has (us-west-1: 2 of 3). */
  zonesPerAccount?: number;
  note?: string;
}

interface ZoneTable {
  asOf: string;
  source: string;
  regions: Record<string, RegionZones>;
}

const TABLE = zoneData as ZoneTable;

/** The date the zone table describes. */
export const ZONE_DATA_AS_OF = TABLE.asOf;

export function regionZones(region: string): RegionZones | undefined {
  return Object.hasOwn(TABLE.regions, region) ? TABLE.regions[region] : undefined;
}

export function knownRegions(): string[] {
  return Object.keys(TABLE.regions);
}

/** `us-east-1`, `us-gov-west-1`, `ap-southeast-4`: the shape every AWS region name has. */
const REGION_SHAPE = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+$/;

export function looksLikeRegion(name: string): boolean {
  return REGION_SHAPE.test(name);
}

/** How a zone name was written, read apart. */
export type ParsedZone =
  /** `us-east-1a`: a region and a letter. */
  | { kind: 'lettered'; region: string; letter: string }
  /** `us-west-2-lax-1a`: a Local Zone or Wavelength Zone of a parent region; letters unchecked. */
  | { kind: 'edge'; region: string }
  /** `use1-az1`: an AZ id, the same physical zone in every account. */
  | { kind: 'id'; region?: string; id: string };

const LETTERED = /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+)([a-z])$/;
const EDGE = /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)-[a-z0-9]+-\d+[a-z]$/;
const ZONE_ID = /^([a-z]{3,6}\d+)-(az\d+)$/;

/** Reads a zone name; undefined when it has no zone shape at all. */
export function parseZone(name: string): ParsedZone | undefined {
  const lettered = LETTERED.exec(name);
  if (lettered) return { kind: 'lettered', region: lettered[1], letter: lettered[2] };
  const edge = EDGE.exec(name);
  if (edge) return { kind: 'edge', region: edge[1] };
  const id = ZONE_ID.exec(name);
  if (id) return { kind: 'id', id: name, region: regionOfZoneId(name) };
  return undefined;
}

function regionOfZoneId(id: string): string | undefined {
  for (const [region, zones] of Object.entries(TABLE.regions)) {
    if (zones.zoneIds.includes(id)) return region;
  }
  return undefined;
}

/** What is wrong with a zone name, if anything, against the table. */
export type ZoneProblem =
  | { kind: 'unknown-region'; region: string; shapeless: boolean }
  | { kind: 'unknown-letter'; region: string; letter: string; letters: readonly string[] }
  | { kind: 'unknown-zone-id'; id: string }
  | { kind: 'account-specific'; region: string; detail: string };

export function zoneProblems(zone: ParsedZone): ZoneProblem[] {
  if (zone.kind === 'id') {
    const prefix = zone.id.split('-')[0];
    const regionKnown = Object.values(TABLE.regions).some((r) =>
      r.zoneIds.some((id) => id.startsWith(`${prefix}-`)),
    );
    return zone.region || !regionKnown ? [] : [{ kind: 'unknown-zone-id', id: zone.id }];
  }
  const region = regionZones(zone.region);
  if (!region)
    return [{ kind: 'unknown-region', region: zone.region, shapeless: !looksLikeRegion(zone.region) }];
  if (zone.kind === 'edge') return [];
  if (!region.letters.includes(zone.letter)) {
    return [{ kind: 'unknown-letter', region: zone.region, letter: zone.letter, letters: region.letters }];
  }
  if (region.zonesPerAccount !== undefined) {
    return [
      {
        kind: 'account-specific',
        region: zone.region,
        detail: `${zone.region} has ${region.letters.length} zone letters but each account sees only ${region.zonesPerAccount} of them, and which ones differs by account`,
      },
    ];
  }
  if (region.restrictedLetters?.includes(zone.letter)) {
    return [
      {
        kind: 'account-specific',
        region: zone.region,
        detail: `${zone.region}${zone.letter} exists only in older accounts and takes no new capacity (${region.restrictedZoneIds?.join(', ') ?? 'a constrained zone'})`,
      },
    ];
  }
  return [];
}
