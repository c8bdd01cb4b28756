import { describe, expect, it } from 'vitest';
import {
  admitsVersion,
  admitsVersionBelow,
  isValidConstraint,
  LOCKFILE_RELEASE,
  parseVersion,
} from '../../../src/checkers/terraform/version-constraint';

const below111 = (...constraints: string[]) => admitsVersionBelow(constraints, LOCKFILE_RELEASE);

describe('admitsVersionBelow(1.11)', () => {
  it.each([
    ['>= 1.5', true],
    ['>= 1.11', false],
    ['>= 1.11.0', false],
    ['> 1.10', true], // 1.10.1 is allowed
    ['> 1.10.99', true],
    ['>= 1.10.0, < 1.11.0', true],
    ['< 1.11.0', true],
    ['<= 1.11.0', true],
    ['= 1.11.0', false],
    ['1.11.2', false],
    ['1.10.5', true],
    ['v1.12.0', false],
    ['!= 1.10.0', true],
    ['>= 1.11, != 1.11.1', false],
    ['~> 1.10', true], // >= 1.10.0, < 2.0.0
    ['~> 1.11', false],
    ['~> 1.11.0', false], // >= 1.11.0, < 1.12.0
    ['~> 1.10.3', true],
    ['~> 1', true],
    ['~> 2.0', false],
    ['>= 1.12.0-beta1', false],
    ['>=1.11,<2', false],
  ])('%s -> %s', (constraint, expected) => {
    expect(below111(constraint)).toBe(expected);
  });

  it('admits everything when there is no constraint', () => {
    expect(below111()).toBe(true);
  });

  it('intersects constraints from several terraform blocks', () => {
    expect(below111('>= 1.5', '>= 1.11')).toBe(false);
    expect(below111('>= 1.5', '< 2.0')).toBe(true);
  });

  it('is undefined for a constraint it cannot read', () => {
    expect(below111('>= banana')).toBeUndefined();
    expect(below111('')).toBeUndefined();
    expect(below111('>= 1.11', '=> 1.2')).toBeUndefined();
  });

  it('treats an unsatisfiable set as admitting nothing', () => {
    expect(below111('> 2.0, < 1.0')).toBe(false);
  });
});

describe('admitsVersion', () => {
  it('checks one release against the constraints', () => {
    expect(admitsVersion(['~> 1.5.0'], [1, 5, 7])).toBe(true);
    expect(admitsVersion(['~> 1.5.0'], [1, 6, 0])).toBe(false);
    expect(admitsVersion(['>= 1.0, != 1.3.0'], [1, 3, 0])).toBe(false);
    expect(admitsVersion(['>= 1.0, != 1.3.0'], [1, 3, 1])).toBe(true);
  });
});

describe('parseVersion and isValidConstraint', () => {
  it('fills missing parts with zero', () => {
    expect(parseVersion('1.11')).toEqual([1, 11, 0]);
    expect(parseVersion('v2')).toEqual([2, 0, 0]);
    expect(parseVersion('one')).toBeUndefined();
  });

  it('accepts the operators Terraform accepts', () => {
    for (const ok of [
      '1.2.3',
      '= 1.2',
      '!= 1.2',
      '> 1',
      '>= 1.2',
      '< 2',
      '<= 2.1',
      '~> 1.2.3',
      '>= 1.2, < 2.0',
    ]) {
      expect(isValidConstraint(ok)).toBe(true);
    }
    for (const bad of ['', '>>= 1', '1.2.3.4', '~>', 'latest']) expect(isValidConstraint(bad)).toBe(false);
  });
});
