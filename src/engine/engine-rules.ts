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

export const ENGINE_RULES: readonly RuleMeta[] = [UNKNOWN_RULE, SKIPPED_FILE, INTERNAL_ERROR];
