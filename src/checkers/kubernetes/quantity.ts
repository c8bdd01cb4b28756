/**
 * Kubernetes quantities and int-or-percent values, read the way the API server reads them.
 */

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const BINARY_SUFFIXES: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/**
 * The value of a quantity (`500m` = 0.5, `1Gi` = 1073741824, `1e3` = 1000, `0.5`), or undefined
 * when the text is not a quantity (a template placeholder, a typo).
 */
export function parseQuantity(written: string | number | boolean | null | undefined): number | undefined {
  if (typeof written === 'number') return Number.isFinite(written) ? written : undefined;
  if (typeof written !== 'string') return undefined;
  const match = QUANTITY.exec(written.trim());
  if (!match) return undefined;
  const [, digits, exponent, suffix = ''] = match;
  const base = Number(digits);
  if (exponent) return base * 10 ** Number(exponent.slice(1));
  return base * (BINARY_SUFFIXES[suffix] ?? DECIMAL_SUFFIXES[suffix]);
}

/** An int-or-string field as written: a whole number, or a percentage such as `25%`. */
export type IntOrPercent = { kind: 'int'; value: number } | { kind: 'percent'; value: number };

export function readIntOrPercent(
  written: string | number | boolean | null | undefined,
): IntOrPercent | undefined {
  if (typeof written === 'number')
    return Number.isInteger(written) ? { kind: 'int', value: written } : undefined;
  if (typeof written !== 'string') return undefined;
  const text = written.trim();
  const percent = /^(\d+)%$/.exec(text);
  if (percent) return { kind: 'percent', value: Number(percent[1]) };
  if (/^\d+$/.test(text)) return { kind: 'int', value: Number(text) };
  return undefined;
}

/**
 * An int-or-percent resolved against a total. Kubernetes rounds a PodDisruptionBudget's
 * percentages and a rollout's `maxSurge` up, and a rollout's `maxUnavailable` down.
 */
export function resolveIntOrPercent(value: IntOrPercent, total: number, round: 'up' | 'down'): number {
  if (value.kind === 'int') return value.value;
  const exact = (value.value * total) / 100;
  return round === 'up' ? Math.ceil(exact) : Math.floor(exact);
}

export function formatIntOrPercent(value: IntOrPercent): string {
  return value.kind === 'int' ? String(value.value) : `${value.value}%`;
}
