import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resourceFitsTemplate } from '../../../src/checkers/iam/model';

// The overlap of two resource globs, checked against its meaning: some string both patterns match.
// `*`, `?` and `${...}` each stand for any text here, and letters match whatever their case.

const PIECES = ['a', 'B', ':', '*', '?', '${Name}'];

/** What a pattern matches, as an anchored, case-blind regular expression. */
function language(pattern: string): RegExp {
  const body = pattern
    .split(/(\$\{[^}]*\}|\*|\?)/)
    .map((part, i) => (i % 2 ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

/**
 * Whether some string matches both. A shortest common string is made of the patterns' literal
 * characters only (a wildcard can always match nothing or one of the other side's characters), so
 * trying every string of those characters up to their count decides it.
 */
function overlapByWitness(a: string, b: string): boolean {
  const literals = (p: string) => p.replace(/\$\{[^}]*\}|\*|\?/g, '');
  const alphabet = [...new Set((literals(a) + literals(b)).toLowerCase())];
  const longest = literals(a).length + literals(b).length;
  const [ra, rb] = [language(a), language(b)];
  let layer = [''];
  for (let length = 0; length <= longest; length++) {
    if (layer.some((s) => ra.test(s) && rb.test(s))) return true;
    layer = layer.flatMap((s) => alphabet.map((c) => s + c));
  }
  return false;
}

describe('resourceFitsTemplate', () => {
  it('agrees with a search for a common string on small patterns', () => {
    const pattern = fc.array(fc.constantFrom(...PIECES), { maxLength: 5 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        expect(resourceFitsTemplate(a, b)).toBe(overlapByWitness(a, b));
      }),
      { seed: 12, numRuns: 1500 },
    );
  });

  it('matches a bucket ARN to its template and not an object ARN', () => {
    const bucket = 'arn:${Partition}:s3:::${BucketName}';
    expect(resourceFitsTemplate('arn:aws:s3:::reports', bucket)).toBe(true);
    expect(resourceFitsTemplate('arn:aws:s3:::Reports-*', bucket)).toBe(true);
    expect(resourceFitsTemplate('arn:aws:ecr:eu-west-1:123456789012:repository/web', bucket)).toBe(false);
    const object = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
    expect(resourceFitsTemplate('arn:aws:s3:::reports', object)).toBe(false);
    expect(resourceFitsTemplate('arn:aws:s3:::reports*', object)).toBe(true);
  });

  it('answers the same after a longer pair grew its working grid', () => {
    const long = `arn:aws:s3:::${'x'.repeat(300)}`;
    expect(resourceFitsTemplate(long, 'arn:${Partition}:s3:::${BucketName}')).toBe(true);
    expect(resourceFitsTemplate('ab', 'a?')).toBe(true);
    expect(resourceFitsTemplate('ab', 'ac')).toBe(false);
  });
});
