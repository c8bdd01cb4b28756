import path from 'node:path';
import picomatch from 'picomatch';

/**
 * Writes a user-given path or glob the way scan paths are written: relative to the scan root (an
 * absolute path is made relative when `root` is given), no leading `./`, no trailing `/`. The root
 * itself becomes ''.
 */
export function normalizePattern(pattern: string, root?: string): string {
  let p = pattern.trim();
  if (root && path.isAbsolute(p)) p = path.relative(root, p).split(path.sep).join('/');
  p = p.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return p === '.' ? '' : p;
}

/** The directory part of a pattern that holds no glob characters: `k8s` for `k8s/**\/*.yaml`. */
export function staticBase(pattern: string): string {
  const scanned = picomatch.scan(pattern);
  return scanned.isGlob ? scanned.base.replace(/\/+$/, '') : pattern;
}

/**
 * A test over scan-root relative paths. Like a .gitignore line, a pattern selects a path and
 * everything below it: `vendor`, `vendor/**` and `**\/testdata` each select `vendor/a/b.yaml`.
 * An empty pattern ('' or '.') selects everything.
 */
export function pathMatcher(patterns: readonly string[]): (filePath: string) => boolean {
  const normalized = patterns.map((p) => normalizePattern(p));
  if (normalized.includes('')) return () => true;
  if (normalized.length === 0) return () => false;
  // `s`: a `*` or `**` must also match a file name that contains a newline.
  const matches = picomatch(normalized, { dot: true, flags: 's' });
  return (filePath) => {
    for (let p = filePath; p; p = parentOf(p)) {
      if (matches(p)) return true;
    }
    return false;
  };
}

function parentOf(filePath: string): string {
  const slash = filePath.lastIndexOf('/');
  return slash < 0 ? '' : filePath.slice(0, slash);
}

/** True when `inner` is `outer` or lies below it ('' is the root, above everything). */
export function isSameOrBelow(inner: string, outer: string): boolean {
  return outer === '' || inner === outer || inner.startsWith(`${outer}/`);
}
