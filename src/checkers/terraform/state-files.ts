/**
 * What a committed state file holds, read from the checkout: git keeps tracking a state file that a
 * later .gitignore excludes, and the scan's discovery skips such files, so they are read here.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RunContext } from '../../engine/rule';
import { parseJson } from '../../parse/json';
import { asMap, asSeq, getPath } from '../../parse/tree';

/** Larger state files certainly hold resources; they are not read. */
const MAX_READ_BYTES = 4 * 1024 * 1024;

/**
 * The state files (scan-root relative) that hold no resource and no output: what `terraform init`
 * or a destroy leaves behind. Files that cannot be read or parsed are not in the set.
 */
export function emptyStateFiles(ctx: RunContext, paths: readonly string[]): Set<string> {
  const empty = new Set<string>();
  for (const p of paths) {
    const text = ctx.fileAt(p)?.text ?? readSmall(path.join(ctx.root, ...p.split('/')));
    if (text === undefined) continue;
    const { root } = parseJson(text);
    const resources = asSeq(getPath(root, 'resources'));
    const outputs = asMap(getPath(root, 'outputs'));
    if (!asMap(root) || !resources) continue;
    if (resources.items.length === 0 && (outputs?.pairs.length ?? 0) === 0) empty.add(p);
  }
  return empty;
}

function readSmall(file: string): string | undefined {
  try {
    if (statSync(file).size > MAX_READ_BYTES) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
