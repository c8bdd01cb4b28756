import picomatch from 'picomatch';

/**
 * A test for rule ids from what a user wrote in a pragma, an annotation or the config: an exact id,
 * or a glob over ids (`k8s/*`, `dockerfile/*-unpinned`).
 */
export function ruleSelector(pattern: string): (ruleId: string) => boolean {
  const trimmed = pattern.trim();
  return picomatch.scan(trimmed).isGlob ? picomatch(trimmed) : (ruleId) => ruleId === trimmed;
}

/** True when the pattern selects at least one of the known rule ids. */
export function selectsKnownRule(pattern: string, knownIds: Iterable<string>): boolean {
  const selects = ruleSelector(pattern);
  for (const id of knownIds) if (selects(id)) return true;
  return false;
}

/** The known id a misspelled one was most likely meant to be, if any is close enough. */
export function closestRuleId(written: string, knownIds: Iterable<string>): string | undefined {
  const tolerance = Math.max(2, Math.floor(written.length / 4));
  let best: string | undefined;
  let bestDistance = tolerance + 1;
  for (const id of knownIds) {
    const distance = editDistance(written, id);
    if (distance < bestDistance) {
      best = id;
      bestDistance = distance;
    }
  }
  return best;
}

/** " Did you mean x?" when a close id exists, else ''. For the end of an error message. */
export function didYouMean(written: string, knownIds: Iterable<string>): string {
  const closest = closestRuleId(written, knownIds);
  return closest ? ` Did you mean ${closest}?` : '';
}

/** Levenshtein distance (insertions, deletions, substitutions), one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
