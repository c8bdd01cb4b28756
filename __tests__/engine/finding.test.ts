import { describe, expect, it } from 'vitest';
import { listed } from '../../src/engine/finding';

const name = (text: string) => text;

describe('listed', () => {
  it('names every item of a short list', () => {
    expect(listed(['Service/a', 'Service/b'], name)).toBe('Service/a, Service/b');
    expect(listed([{ port: 80 }, { port: 443 }], (p) => p.port, ' and ')).toBe('80 and 443');
    expect(listed([], name)).toBe('');
  });

  it('names the first ones of a long list and counts the rest', () => {
    const budgets = Array.from({ length: 3000 }, (_, i) => ({ ref: `PodDisruptionBudget/pdb${i}` }));
    expect(listed(budgets, (b) => b.ref, ' and ')).toBe(
      'PodDisruptionBudget/pdb0 and PodDisruptionBudget/pdb1 and PodDisruptionBudget/pdb2 and PodDisruptionBudget/pdb3 and PodDisruptionBudget/pdb4 and 2995 more',
    );
    expect(listed(['a', 'b', 'c', 'd'], name, ', ', 3)).toBe('a, b, c and 1 more');
  });
});
