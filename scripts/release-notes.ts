// Prints the CHANGELOG.md section of one version, for the release's notes:
// `npx tsx scripts/release-notes.ts v1.2.3`. Fails when the changelog has no such section, so a
// release is never published without notes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The body of the `## [1.2.3]` (or `## 1.2.3`) section, without its heading; undefined when absent. */
export function releaseNotes(changelog: string, tag: string): string | undefined {
  const version = tag.replace(/^v/, '');
  const lines = changelog.split('\n');
  const heading = /^## \[?v?([^\]\s]+)\]?/;
  const start = lines.findIndex((line) => heading.exec(line)?.[1] === version);
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  const body = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
  return body || undefined;
}

function main(): void {
  const tag = process.argv[2];
  if (!tag) {
    console.error('usage: release-notes.ts TAG');
    process.exit(2);
  }
  const notes = releaseNotes(readFileSync('CHANGELOG.md', 'utf8'), tag);
  if (!notes) {
    console.error(
      `CHANGELOG.md has no section for ${tag}: add "## [${tag.replace(/^v/, '')}]" with the changes.`,
    );
    process.exit(1);
  }
  process.stdout.write(`${notes}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
