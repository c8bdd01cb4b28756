import type { Severity } from './finding';
import type { CheckerId } from './rule';

/** A rule's configured level: a severity, or 'off'. */
export type RuleLevel = Severity | 'off';

export interface IgnoreEntry {
  /** A rule id or a glob over rule ids (`k8s/*`). */
  rule: string;
  /** Globs over scan-root relative paths; absent means everywhere. */
  paths?: string[];
  reason?: string;
  /** Line of the entry in the config file, for messages about it. */
  line?: number;
}

/** The config every checker sees: defaults applied, validated. */
export interface ResolvedConfig {
  /** Where it came from, for messages: relative to the scan root when inside it; undefined when there was no file. */
  file?: string;
  checkers: CheckerId[];
  exclude: string[];
  rules: Record<string, RuleLevel>;
  ignore: IgnoreEntry[];
  dockerfile: { trustedRegistries: string[]; finalStage?: string };
  topology: { instanceAvailability: number; targetAvailability: number };
  /** Absent in hand-made configs (tests): the defaults apply. */
  limits?: ScanLimits;
  /** `owner/name` of the repository on GitHub, when the config says it (else the git remote tells). */
  repository?: string;
  /** Other checker sections, as written (validated by each checker's schema). */
  sections: Record<string, unknown>;
}

/** What one file may cost a scan; a file over a limit gets one notice naming it and the limit. */
export interface ScanLimits {
  /** Larger files are skipped without being read. */
  maxFileBytes: number;
  /** A checker that spends longer on one file stops reading it. */
  fileTimeBudgetMs: number;
}
