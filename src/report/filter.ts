// Which findings a run is about: on a pull request (or with the CLI's --diff-base) the filter mode
// keeps the findings of the change; a baseline keeps out the ones known before. Only those gate,
// get annotations and review comments; the others are still counted and listed in the summary.
import { readFileSync } from 'node:fs';
import type { Finding } from '../engine/finding';
import { repoPath } from './common';
import type { DiffIndex, DiffPlacement } from './diff';

export const FILTER_MODES = ['added', 'diff_context', 'file', 'nofilter'] as const;
export type FilterMode = (typeof FILTER_MODES)[number];

/** The placements each mode keeps. A file whose list GitHub cut off is kept: unknown is not clean. */
const KEPT: Record<FilterMode, readonly DiffPlacement[]> = {
  added: ['added', 'unknown'],
  diff_context: ['added', 'context', 'unknown'],
  file: ['added', 'context', 'file', 'withheld', 'unknown'],
  nofilter: ['added', 'context', 'file', 'withheld', 'outside', 'unknown'],
};

export function placementOf(finding: Finding, diff: DiffIndex, pathPrefix?: string): DiffPlacement {
  return diff.placement(repoPath(finding.file, pathPrefix), finding.line, finding.endLine ?? finding.line);
}

export interface Selection {
  /** The findings this run is about: in the change (by the filter mode) and not in the baseline. */
  selected: Finding[];
  /** In the change, but in the baseline. */
  known: Finding[];
  /** Outside the change as the filter mode sees it. */
  outsideChange: Finding[];
}

/** Splits the findings; without a diff (no PR, no --diff-base) every finding is in the change. */
export function selectFindings(
  findings: readonly Finding[],
  options: { diff?: DiffIndex; mode: FilterMode; baseline?: ReadonlySet<string>; pathPrefix?: string },
): Selection {
  const selection: Selection = { selected: [], known: [], outsideChange: [] };
  const kept = KEPT[options.mode];
  for (const finding of findings) {
    if (options.diff && !kept.includes(placementOf(finding, options.diff, options.pathPrefix))) {
      selection.outsideChange.push(finding);
    } else if (options.baseline?.has(finding.fingerprint)) {
      selection.known.push(finding);
    } else {
      selection.selected.push(finding);
    }
  }
  return selection;
}

/** The baseline file: the fingerprints of the findings a repository accepts for now. */
export interface BaselineFile {
  tool: 'deploy-lint';
  /** One entry per finding; rule and file are there for a reader of the file, only fingerprints count. */
  findings: { fingerprint: string; ruleId: string; file: string }[];
}

export function renderBaseline(findings: readonly Finding[]): string {
  const baseline: BaselineFile = {
    tool: 'deploy-lint',
    findings: [...findings]
      .sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.line - b.line)
      .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file })),
  };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** A baseline file that cannot be used; the message names the file and the problem. */
export class BaselineError extends Error {
  override name = 'BaselineError';
}

/** Reads a baseline file written by --write-baseline (or a plain list, one fingerprint a line). */
export function readBaseline(file: string, shownAs = file): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BaselineError(
      `cannot read the baseline file ${shownAs}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : String(error)}.`,
    );
  }
  if (!text.trimStart().startsWith('{')) {
    return new Set(
      text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#')),
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`the baseline file ${shownAs} is not valid JSON: ${(error as Error).message}.`);
  }
  const entries = (parsed as Partial<BaselineFile>).findings;
  if (!Array.isArray(entries) || entries.some((e) => typeof e?.fingerprint !== 'string')) {
    throw new BaselineError(
      `the baseline file ${shownAs} has no "findings" list of { "fingerprint": ... } entries; write one with deploy-lint --write-baseline.`,
    );
  }
  return new Set(entries.map((e) => e.fingerprint));
}
