/**
 * Terraform version constraints (`required_version = ">= 1.5, < 2.0"`) as sets of release
 * versions, to answer "can a version older than X run this configuration?".
 *
 * Operators: `=` (or none), `!=`, `>`, `>=`, `<`, `<=`, `~>`; a comma means "and". Pre-release
 * and build suffixes are read but ignored: the question is about releases.
 */

/** [major, minor, patch]. */
export type Version = readonly [number, number, number];

/** Releases from `from` (inclusive) up to `to` (exclusive); undefined means unbounded. */
interface Range {
  from?: Version;
  to?: Version;
}

const CONSTRAINT =
  /^(>=|<=|!=|~>|>|<|=)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The next release after v: versions are discrete, so `> v` is `>= next(v)`. */
function next(v: Version): Version {
  return [v[0], v[1], v[2] + 1];
}

/** The releases one constraint term admits, as a union of ranges; undefined when it does not parse. */
function termRanges(term: string): Range[] | undefined {
  const match = CONSTRAINT.exec(term.trim());
  if (!match) return undefined;
  const [, operator = '=', major, minor, patch] = match;
  const version: Version = [Number(major), Number(minor ?? 0), Number(patch ?? 0)];
  switch (operator) {
    case '=':
      return [{ from: version, to: next(version) }];
    case '!=':
      return [{ to: version }, { from: next(version) }];
    case '>':
      return [{ from: next(version) }];
    case '>=':
      return [{ from: version }];
    case '<':
      return [{ to: version }];
    case '<=':
      return [{ to: next(version) }];
    case '~>':
      // Only the rightmost written part may grow: ~> 1.2.3 is < 1.3.0, ~> 1.2 is < 2.0.0.
      if (patch !== undefined) return [{ from: version, to: [version[0], version[1] + 1, 0] }];
      return [{ from: version, to: [version[0] + 1, 0, 0] }];
    default:
      return undefined;
  }
}

function intersect(a: Range, b: Range): Range | undefined {
  const from = !a.from ? b.from : !b.from ? a.from : compareVersions(a.from, b.from) >= 0 ? a.from : b.from;
  const to = !a.to ? b.to : !b.to ? a.to : compareVersions(a.to, b.to) <= 0 ? a.to : b.to;
  if (from && to && compareVersions(from, to) >= 0) return undefined;
  return { from, to };
}

/**
 * The releases every constraint admits (the constraints all apply, as when several `terraform`
 * blocks set `required_version`); undefined when a constraint does not parse.
 */
function admitted(constraints: readonly string[]): Range[] | undefined {
  let ranges: Range[] = [{ from: [0, 0, 0] }];
  for (const constraint of constraints) {
    const terms = constraint.split(',');
    for (const term of terms) {
      const allowed = termRanges(term);
      if (!allowed) return undefined;
      ranges = ranges.flatMap((r) =>
        allowed.map((a) => intersect(r, a)).filter((x): x is Range => x !== undefined),
      );
    }
  }
  return ranges;
}

/** Whether the constraints parse (all of them). */
export function isValidConstraint(constraint: string): boolean {
  return admitted([constraint]) !== undefined;
}

/**
 * True when some release older than `version` satisfies every constraint (no constraint at all
 * admits every version); undefined when a constraint cannot be read.
 */
export function admitsVersionBelow(constraints: readonly string[], version: Version): boolean | undefined {
  const ranges = admitted(constraints);
  if (!ranges) return undefined;
  return ranges.some((r) => intersect(r, { to: version }) !== undefined);
}

/**
 * True when `version` or some later release satisfies every constraint (no constraint at all admits
 * every version); undefined when a constraint cannot be read.
 */
export function admitsVersionFrom(constraints: readonly string[], version: Version): boolean | undefined {
  const ranges = admitted(constraints);
  if (!ranges) return undefined;
  return ranges.some((r) => intersect(r, { from: version }) !== undefined);
}

/** True when `version` itself satisfies every constraint; undefined when a constraint cannot be read. */
export function admitsVersion(constraints: readonly string[], version: Version): boolean | undefined {
  const ranges = admitted(constraints);
  if (!ranges) return undefined;
  return ranges.some((r) => intersect(r, { from: version, to: next(version) }) !== undefined);
}

/** The release that made S3 lock files (`use_lockfile`) generally available. */
export const LOCKFILE_RELEASE: Version = [1, 11, 0];
