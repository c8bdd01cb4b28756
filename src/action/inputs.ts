import { CHECKER_IDS, type CheckerId } from '../engine/rule';
import type { Severity } from '../engine/finding';
import { FILTER_MODES, type FilterMode } from '../report/filter';

export type FailOn = Severity | 'never';

export const FAIL_ON_VALUES: readonly FailOn[] = ['error', 'warning', 'notice', 'never'];

/** The action's inputs, validated. */
export interface ActionInputs {
  /** Globs relative to the workspace; undefined means the whole workspace. */
  paths?: string[];
  exclude: string[];
  config?: string;
  /** Undefined means every checker the config enables. */
  checkers?: CheckerId[];
  failOn: FailOn;
  annotations: boolean;
  summary: boolean;
  sarifFile?: string;
  /** Which findings gate the run and get comments on a pull request. */
  filterMode: FilterMode;
  /** Baseline file of known fingerprints, relative to the workspace. */
  baseline?: string;
  prReview: PrReview;
  maxComments: number;
  suggestions: boolean;
  resolveStale: boolean;
  githubToken: string;
  /** Globs of JSON reports of shard runs to merge instead of scanning. */
  mergeReports?: string[];
  /** The pull request the findings belong to, for a workflow_run job that reports on one. */
  pullRequest?: number;
}

export type PrReview = 'auto' | 'on' | 'off';
export const PR_REVIEW_VALUES: readonly PrReview[] = ['auto', 'on', 'off'];

/** A bad input or option value; the message names the input and what it accepts. */
export class InputError extends Error {
  constructor(
    /** How the value was given, as the user wrote it: `input 'fail-on'` or `--fail-on`. */
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** Reads one input by its action.yml name; '' when unset (what @actions/core's getInput returns). */
export type InputReader = (name: string) => string;

/** Splits a newline- or comma-separated value into trimmed, non-empty items. */
export function splitList(raw: string): string[] {
  return raw
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `what` names the input as the user wrote it (`input 'fail-on'`, `--fail-on`) for the message. */
export function parseChoice<T extends string>(what: string, raw: string, allowed: readonly T[]): T {
  const value = raw.trim();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(what, `Invalid ${what} value '${value}'; allowed values: ${allowed.join(', ')}.`);
}

/** The spellings GitHub's own boolean inputs accept (YAML 1.2 core schema). */
export function parseBoolean(what: string, raw: string): boolean {
  const value = raw.trim();
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(what, `Invalid ${what} value '${value}'; allowed values: true, false.`);
}

/** A comma list of checker ids, or `all`. Undefined means all. */
export function parseCheckers(what: string, raw: string): CheckerId[] | undefined {
  const items = splitList(raw);
  if (items.length === 0 || (items.length === 1 && items[0] === 'all')) return undefined;
  const unknown = items.filter((c) => !(CHECKER_IDS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    const names = unknown.map((u) => `'${u}'`).join(', ');
    throw new InputError(
      what,
      `Invalid ${what} value: unknown checker ${names}; allowed values: ${CHECKER_IDS.join(', ')}, or all.`,
    );
  }
  return [...new Set(items)] as CheckerId[];
}

/** A whole number from `min` up. */
export function parseCount(what: string, raw: string, min = 0): number {
  const value = raw.trim();
  if (/^\d+$/.test(value) && Number(value) >= min) return Number(value);
  throw new InputError(what, `Invalid ${what} value '${value}'; it must be a whole number, ${min} or more.`);
}

/** Paths must stay inside the scan root: relative, no `..` segment. */
export function parseRootRelativePaths(what: string, raw: string[]): string[] {
  for (const p of raw) {
    if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.split(/[\\/]/).includes('..')) {
      throw new InputError(
        what,
        `Invalid ${what} value '${p}': paths are relative to the repository root and stay inside it.`,
      );
    }
  }
  return raw.map((p) => p.replace(/^\.\//, ''));
}

/** Reads and validates every input; throws InputError on the first bad one. */
export function readInputs(read: InputReader): ActionInputs {
  const paths = parseRootRelativePaths("input 'paths'", splitList(read('paths')));
  const config = read('config').trim();
  const sarifFile = read('sarif-file').trim();
  const baseline = read('baseline').trim();
  const inputs: ActionInputs = {
    exclude: parseRootRelativePaths("input 'exclude'", splitList(read('exclude'))),
    failOn: parseChoice("input 'fail-on'", read('fail-on') || 'error', FAIL_ON_VALUES),
    annotations: parseBoolean("input 'annotations'", read('annotations') || 'true'),
    summary: parseBoolean("input 'summary'", read('summary') || 'true'),
    filterMode: parseChoice("input 'filter-mode'", read('filter-mode') || 'added', FILTER_MODES),
    prReview: parseChoice("input 'pr-review'", read('pr-review') || 'auto', PR_REVIEW_VALUES),
    maxComments: parseCount("input 'max-comments'", read('max-comments') || '25'),
    suggestions: parseBoolean("input 'suggestions'", read('suggestions') || 'true'),
    resolveStale: parseBoolean("input 'resolve-stale'", read('resolve-stale') || 'true'),
    githubToken: read('github-token').trim(),
  };
  if (baseline) inputs.baseline = parseRootRelativePaths("input 'baseline'", [baseline])[0];
  const wholeRoot = paths.length === 0 || paths.every((p) => p === '.' || p === '');
  if (!wholeRoot) inputs.paths = paths;
  if (config) inputs.config = config;
  const checkers = parseCheckers("input 'checkers'", read('checkers'));
  if (checkers) inputs.checkers = checkers;
  if (sarifFile) inputs.sarifFile = sarifFile;
  const mergeReports = splitList(read('merge-reports'));
  if (mergeReports.length) inputs.mergeReports = mergeReports;
  const pullRequest = read('pull-request').trim();
  if (pullRequest) {
    if (!/^[1-9][0-9]{0,9}$/.test(pullRequest)) {
      throw new InputError(
        "input 'pull-request'",
        `Invalid input 'pull-request' value '${pullRequest}'; expected a pull request number.`,
      );
    }
    inputs.pullRequest = Number(pullRequest);
  }
  return inputs;
}
