import { describe, expect, it } from 'vitest';
import { listed } from '../../src/engine/finding';

describe('listed', () => {
  it('names every item of a short list', () => {
    expect(listed(['Service/a', 'Service/b'])).toBe('Service/a, Service/b');
    expect(listed(['a', 'b', 'c'], ' and ', 3)).toBe('a and b and c');
    expect(listed([])).toBe('');
  });

  it('names the first ones of a long list and counts the rest', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `PodDisruptionBudget/pdb${i}`);
    expect(listed(names, ' and ')).toBe(
      'PodDisruptionBudget/pdb0 and PodDisruptionBudget/pdb1 and PodDisruptionBudget/pdb2 and PodDisruptionBudget/pdb3 and PodDisruptionBudget/pdb4 and 2995 more',
    );
    expect(listed(['a', 'b', 'c', 'd'], ', ', 3)).toBe('a, b, c and 1 more');
  });
});
