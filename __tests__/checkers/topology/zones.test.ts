import { describe, expect, it } from 'vitest';
import zoneData from '../../../src/checkers/topology/data/aws-zones.json';
import {
  knownRegions,
  parseZone,
  regionZones,
  ZONE_DATA_AS_OF,
  zoneProblems,
} from '../../../src/checkers/topology/zones';

describe('the AZ table', () => {
  it('is dated and well formed', () => {
    expect(ZONE_DATA_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const region of knownRegions()) {
      const zones = regionZones(region)!;
      expect(region).toMatch(/^[a-z]{2}(-gov)?-[a-z]+-\d$/);
      expect(zones.letters.length).toBeGreaterThanOrEqual(2);
      expect(new Set(zones.letters).size).toBe(zones.letters.length);
      for (const letter of zones.restrictedLetters ?? []) expect(zones.letters).toContain(letter);
      expect(zones.zoneIds.length).toBeGreaterThanOrEqual(zones.zonesPerAccount ?? 2);
      for (const id of zones.zoneIds) expect(id).toMatch(/^[a-z]+\d+-az\d+$/);
    }
    expect(Object.keys(zoneData.regions).length).toBe(knownRegions().length);
  });

  it('knows the facts the rules rely on', () => {
    expect(regionZones('us-east-1')!.letters).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(regionZones('us-west-1')!.zonesPerAccount).toBe(2);
    expect(regionZones('ap-northeast-1')!.restrictedLetters).toEqual(['b']);
    expect(regionZones('ca-central-1')!.letters).toEqual(['a', 'b', 'd']);
  });

  it('reads zone names, AZ ids and Local Zones apart', () => {
    expect(parseZone('eu-central-2b')).toEqual({ kind: 'lettered', region: 'eu-central-2', letter: 'b' });
    expect(parseZone('us-gov-west-1a')).toEqual({ kind: 'lettered', region: 'us-gov-west-1', letter: 'a' });
    expect(parseZone('use1-az6')).toEqual({ kind: 'id', id: 'use1-az6', region: 'us-east-1' });
    expect(parseZone('us-west-2-lax-1a')).toEqual({ kind: 'edge', region: 'us-west-2' });
    expect(parseZone('not a zone')).toBeUndefined();
  });

  it('finds what is wrong with a zone', () => {
    expect(zoneProblems(parseZone('us-east-1g')!)).toEqual([
      expect.objectContaining({ kind: 'unknown-letter', region: 'us-east-1' }),
    ]);
    expect(zoneProblems(parseZone('ca-central-1c')!)).toEqual([
      expect.objectContaining({ kind: 'unknown-letter' }),
    ]);
    expect(zoneProblems(parseZone('us-west-1b')!)).toEqual([
      expect.objectContaining({ kind: 'account-specific' }),
    ]);
    expect(zoneProblems(parseZone('use1-az9')!)).toEqual([{ kind: 'unknown-zone-id', id: 'use1-az9' }]);
    expect(zoneProblems(parseZone('eu-west-1c')!)).toEqual([]);
  });
});
