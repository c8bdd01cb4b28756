/**
 * Directories that hold inputs of a tool's own tests: recorded objects for a health check, sample
 * state for a parser, manifests an e2e test applies to a throwaway cluster. What a file there lacks
 * for production is beside its point, so checkers lower their warnings about it.
 */
const TEST_DATA_DIRS = new Set([
  'testdata',
  'test-data',
  'test_data',
  'fixtures',
  '__fixtures__',
  'test-fixtures',
  'test-resources',
]);

/** The test-data directory a path lies in (`pkg/health/testdata`), or undefined. */
export function testDataDir(p: string): string | undefined {
  const segments = p.split('/');
  for (let i = 0; i < segments.length - 1; i++) {
    if (TEST_DATA_DIRS.has(segments[i].toLowerCase())) return segments.slice(0, i + 1).join('/');
  }
  return undefined;
}

/** A path inside a directory of test inputs (`testdata/`, `fixtures/`). */
export function isTestData(p: string): boolean {
  return testDataDir(p) !== undefined;
}
