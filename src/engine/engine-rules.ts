import type { RawFinding } from './finding';
import type { RuleMeta } from './rule';

/** Findings the engine itself reports, about the scan rather than a checker's domain. */
export const UNKNOWN_RULE: RuleMeta = {
  id: 'deploy-lint/unknown-rule',
  severity: 'notice',
  title: 'Suppression names an unknown rule',
  help: 'A pragma or config entry names a rule id that does not exist, so it suppresses nothing. Check the spelling against docs/rules.md; rule ids look like `dockerfile/from-missing-tag`.',
};

export const SKIPPED_FILE: RuleMeta = {
  id: 'deploy-lint/skipped-file',
  severity: 'notice',
  title: 'File skipped',
  help: 'The file was not checked: it is binary, not UTF-8 text, larger than the size cap, or a link that leaves the scan root. If it should be checked, make it a UTF-8 text file under the cap inside the repository.',
};

export const INTERNAL_ERROR: RuleMeta = {
  id: 'deploy-lint/internal-error',
  severity: 'warning',
  title: 'A check failed on this input',
  help: 'deploy-lint hit an unexpected error on this input; the other checks still ran. Please report it with the file that triggers it.',
};

export const TIME_BUDGET: RuleMeta = {
  id: 'deploy-lint/time-budget',
  severity: 'notice',
  title: 'File over the time budget',
  help: 'Checking this file took longer than the per-file time budget, so the checker stopped reading it where the message says and went on with the other files; findings after that point are missing. Split the file, or raise `limits.file-time-budget-ms` in .deploy-lint.yml.',
};

export const ENGINE_RULES: readonly RuleMeta[] = [UNKNOWN_RULE, SKIPPED_FILE, INTERNAL_ERROR, TIME_BUDGET];

/** The notice for a file a checker stopped reading at `line` because it ran out of time. */
export function timeBudgetNotice(path: string, line: number, budgetMs: number, checker: string): RawFinding {
  return {
    ruleId: TIME_BUDGET.id,
    file: path,
    line,
    subject: checker,
    message: `${path} took the ${checker} checker longer than the ${budgetMs} ms per-file budget, so it stopped reading the file at line ${line}: findings that depend on the rest of the file are missing or may be wrong.`,
  };
}
