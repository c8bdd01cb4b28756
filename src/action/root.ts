// Where the action's scan is rooted. Usually the workspace; but `actions/checkout` with `path:`
// puts the repository in a subdirectory of it, and then links, SARIF paths and the config file
// must be those of that repository, not of the workspace around it.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gitWorkTreeRoot } from '../engine/git';
import { staticBase } from '../engine/glob';

export interface ActionScanRoot {
  /** The directory the scan is rooted at. */
  root: string;
  /** The `paths` input rewritten relative to that root; undefined for the whole root. */
  paths?: string[];
}

/**
 * The workspace when it is a git checkout (or no checkout can be found). Otherwise the one checkout
 * the `paths` input points into, or, with no `paths`, the only checkout directly in the workspace.
 */
export function actionScanRoot(workspace: string, paths: readonly string[] | undefined): ActionScanRoot {
  const whole = { root: workspace, ...(paths && { paths: [...paths] }) };
  if (gitWorkTreeRoot(workspace)) return whole;
  if (!paths) {
    const checkouts = childDirectories(workspace).filter((dir) => existsSync(path.join(dir, '.git')));
    return checkouts.length === 1 ? { root: checkouts[0] } : whole;
  }
  const tops = new Set(paths.map((p) => gitWorkTreeRoot(path.join(workspace, staticBase(p) || '.'))));
  const [top] = tops;
  if (tops.size !== 1 || !top || !top.startsWith(workspace + path.sep)) return whole;
  const prefix = `${path.relative(workspace, top).split(path.sep).join('/')}/`;
  const inside = paths.map((p) =>
    p === prefix.slice(0, -1) ? '' : p.startsWith(prefix) ? p.slice(prefix.length) : undefined,
  );
  if (inside.some((p) => p === undefined)) return whole;
  return inside.every((p) => p === '') ? { root: top } : { root: top, paths: inside as string[] };
}

function childDirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(dir, entry.name));
  } catch {
    return [];
  }
}
