// Vitest global setup: every temporary directory a test makes (os.tmpdir() in the test workers and
// in the processes they spawn) goes under one directory, removed when the run ends, so repeated
// `npm test` runs do not fill the machine's /tmp with scanned repositories.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
