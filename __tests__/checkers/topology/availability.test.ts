import { describe, expect, it } from 'vitest';
import {
  availabilityOf,
  capacityAfterZoneLoss,
  isStaticallyStable,
  kOfN,
  minReplicasForTarget,
  minReplicasOneNeeded,
  nines,
  percent,
  serial,
  smallestStableLayout,
  zonedAvailability,
} from '../../../src/checkers/topology/availability';

/** Equal to 4 significant digits. */
function expectSignificant(actual: number, expected: number, digits = 4): void {
  expect(Number(actual.toPrecision(digits))).toBe(Number(expected.toPrecision(digits)));
}

describe('k-of-n availability', () => {
  it('one of two replicas at 95% is 99.75%', () => {
    expectSignificant(kOfN(1, 2, 0.95).up, 0.9975);
    expectSignificant(kOfN(1, 2, 0.95).down, 0.0025);
  });

  it('one of three replicas at 95% is 99.9875%, not the review’s 99.99%', () => {
    expectSignificant(kOfN(1, 3, 0.95).up, 0.999875);
    expectSignificant(kOfN(1, 3, 0.95).down, 0.000125);
    expect(percent(kOfN(1, 3, 0.95).up, kOfN(1, 3, 0.95).down)).toBe('99.9875%');
  });

  it('two of three replicas at 95% is 99.275%', () => {
    expectSignificant(kOfN(2, 3, 0.95).up, 0.99275);
    expect(percent(kOfN(2, 3, 0.95).up, kOfN(2, 3, 0.95).down)).toBe('99.275%');
  });

  it('keeps the failure side exact where availability rounds to 1', () => {
    const result = kOfN(1, 12, 0.95);
    expect(result.up).toBe(1 - result.down);
    expectSignificant(result.down, 0.05 ** 12);
    expectSignificant(nines(result), 15.61);
  });

  it('sums the small tail when most replicas must be up', () => {
    // 99 of 100 at 99.9%: the up side (about 99.5%) is the small tail here.
    expectSignificant(kOfN(99, 100, 0.999).up, 0.9953619316);
  });

  it('handles the edges', () => {
    expect(kOfN(0, 0, 0.5).up).toBe(1);
    expect(kOfN(3, 2, 0.99).up).toBe(0);
    expect(kOfN(1, 1, 1).down).toBe(0);
    expect(kOfN(1, 5, 0).up).toBe(0);
  });
});

describe('replicas for a target (the review’s section 7)', () => {
  it('p = 0.95, target 0.99, one replica needed: 2 replicas (99.75%), not 3', () => {
    expect(minReplicasForTarget(1, 0.95, 0.99)).toBe(2);
    expect(minReplicasOneNeeded(0.95, 0.99)).toBe(2);
  });

  it('with two replicas needed (min-healthy 2): 3 replicas (99.275%)', () => {
    expect(minReplicasForTarget(2, 0.95, 0.99)).toBe(3);
    expectSignificant(kOfN(2, 3, 0.95).up, 0.99275);
  });

  it('a target exactly met counts as met despite rounding (0.9 and 0.99 with two replicas)', () => {
    expect(minReplicasForTarget(1, 0.9, 0.99)).toBe(2);
    expect(minReplicasOneNeeded(0.9, 0.99)).toBe(2);
  });

  it('the closed form agrees with the search', () => {
    for (const p of [0.5, 0.9, 0.95, 0.99, 0.999]) {
      for (const s of [0.9, 0.99, 0.999, 0.9999, 0.99999]) {
        expect(minReplicasOneNeeded(p, s)).toBe(minReplicasForTarget(1, p, s));
      }
    }
  });

  it('no replica count reaches a target with p = 0 or a target of 1', () => {
    expect(minReplicasForTarget(1, 0, 0.9)).toBeUndefined();
    expect(minReplicasForTarget(1, 0.9, 1)).toBeUndefined();
  });
});

describe('zones that fail as units', () => {
  it('a single-zone service never exceeds its zone', () => {
    const result = zonedAvailability({
      replicasPerZone: [10],
      k: 1,
      replicaAvailability: 0.95,
      zoneAvailability: 0.999,
    });
    expect(result.up).toBeLessThanOrEqual(0.999);
    expectSignificant(result.down, 0.001 + 0.999 * (1 - 0.95 / 0.999) ** 10);
  });

  it('matches subset enumeration for 2+2+2 with two needed', () => {
    const a = 0.999;
    const q = 0.95 / a;
    // Enumerate the 8 subsets of three zones by hand.
    let down = 0;
    for (let mask = 0; mask < 8; mask++) {
      const up = [0, 1, 2].filter((z) => mask & (1 << z)).length;
      const probability = a ** up * (1 - a) ** (3 - up);
      down += probability * kOfN(2, 2 * up, q).down;
    }
    const result = zonedAvailability({
      replicasPerZone: [2, 2, 2],
      k: 2,
      replicaAvailability: 0.95,
      zoneAvailability: a,
    });
    expectSignificant(result.down, down);
  });

  it('the review’s layout (3 + 1) with perfect zones is plain 1-of-4', () => {
    const result = zonedAvailability({
      replicasPerZone: [3, 1],
      k: 1,
      replicaAvailability: 0.95,
      zoneAvailability: 1,
    });
    expectSignificant(result.up, kOfN(1, 4, 0.95).up);
  });
});

describe('serial composition', () => {
  it('multiplies availabilities and keeps the failure side', () => {
    const result = serial(availabilityOf(0.9999), kOfN(1, 2, 0.95));
    expectSignificant(result.up, 0.9999 * 0.9975);
    expectSignificant(result.down, 1 - 0.9999 * 0.9975);
  });
});

describe('losing a zone', () => {
  it('the review’s layout loses 75% with us-east-1a (3 of 4)', () => {
    const loss = capacityAfterZoneLoss(
      new Map([
        ['us-east-1a', 3],
        ['us-west-1a', 1],
      ]),
    );
    expect(loss).toMatchObject({ zone: 'us-east-1a', lost: 3, remaining: 1, total: 4 });
    expectSignificant(loss!.fractionLost, 0.75);
  });

  it('2+2+2 with two needed is statically stable; 3+1 with two needed is not', () => {
    expect(
      isStaticallyStable(
        new Map([
          ['a', 2],
          ['b', 2],
          ['c', 2],
        ]),
        2,
      ),
    ).toBe(true);
    expect(
      isStaticallyStable(
        new Map([
          ['a', 3],
          ['b', 1],
        ]),
        2,
      ),
    ).toBe(false);
  });

  it('the smallest stable fleet over Z zones is Z * ceil(k / (Z - 1))', () => {
    expect(smallestStableLayout(2, 3)).toEqual([1, 1, 1]);
    expect(smallestStableLayout(3, 3)).toEqual([2, 2, 2]);
    expect(smallestStableLayout(1, 2)).toEqual([1, 1]);
    expect(smallestStableLayout(4, 2)).toEqual([4, 4]);
    expect(smallestStableLayout(2, 1)).toBeUndefined();
  });
});

describe('percent', () => {
  it('shows the digits that matter', () => {
    expect(percent(0.9975)).toBe('99.75%');
    expect(percent(0.75)).toBe('75%');
    expect(percent(1)).toBe('100%');
  });
});
