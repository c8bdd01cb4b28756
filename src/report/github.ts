// `--format github`: workflow commands for a CLI run inside a GitHub Actions step.
import type { Finding } from '../engine/finding';
import type { ScanResult } from '../engine/scan';
import { formatWorkflowCommand, toAnnotations, GITHUB_ANNOTATIONS_PER_LEVEL } from './annotations';

export interface GithubCommandsOptions {
  /** The scan root relative to the repository root, when the CLI runs from a subdirectory. */
  pathPrefix?: string;
  /** Annotations per level; GitHub drops any beyond 10 per step, so that is the default. */
  perLevelLimit?: number;
  /** The findings to annotate (those of the change with --diff-base); default all. */
  findings?: readonly Finding[];
}

/**
 * One `::error`/`::warning`/`::notice` command per finding, most severe first. The same per-level
 * limits as the action apply: the runner silently drops annotations past 10 of a level in a step,
 * so printing them would only hide which ones were lost. The last notice says how many were left
 * out and how to list them all.
 */
export function renderGithubCommands(result: ScanResult, options: GithubCommandsOptions = {}): string {
  const annotations = toAnnotations(options.findings ?? result.findings, {
    perLevelLimit: options.perLevelLimit ?? GITHUB_ANNOTATIONS_PER_LEVEL,
    pathPrefix: options.pathPrefix,
    overflowHint: 'run deploy-lint with --format text (or json, sarif) to list them all',
  });
  return annotations.length ? `${annotations.map(formatWorkflowCommand).join('\n')}\n` : '';
}
