import type { RawFinding, RuleReport, Severity } from './finding';
import type { SourceFile } from './workspace';
import type { GitignoreAbove } from './discover';
import type { ResolvedConfig } from './config';
import { INTERNAL_ERROR } from './engine-rules';

export type CheckerId = 'dockerfile' | 'kubernetes' | 'iam' | 'topology' | 'terraform' | 'coherence';

export const CHECKER_IDS: readonly CheckerId[] = [
  'dockerfile',
  'kubernetes',
  'iam',
  'topology',
  'terraform',
  'coherence',
];

/** A snippet shown in docs/rules.md and used verbatim by the rule's tests. */
export interface RuleExample {
  /** File name the snippet is scanned as, e.g. `Dockerfile` or `main.tf`. */
  file: string;
  bad: string;
  good: string;
  /** The `.deploy-lint.yml` the example assumes, for rules that depend on configuration. */
  config?: string;
  /** Other files the repository holds beside the example (path -> text), for rules that look at them. */
  files?: Record<string, string>;
}

export interface RuleMeta {
  /** `<prefix>/<slug>`, a public contract. */
  id: string;
  severity: Severity;
  title: string;
  /** Why it matters and how to fix it. */
  help: string;
  /** Implemented, but reports nothing unless the config gives it a severity. */
  defaultOff?: boolean;
  /** Ids of other tools' equivalent checks (hadolint DL3006, CKV_DOCKER_7...). Pragmas may name them. */
  aliases?: string[];
  example?: RuleExample;
}

export interface Rule<M> extends RuleMeta {
  check(model: M, report: (r: RuleReport) => void): void;
}

export interface RunContext {
  /** Absolute path of the scan root. */
  root: string;
  config: ResolvedConfig;
  /** Every file discovered, including the ones other checkers claim (cross-checker facts, e.g. .gitignore). */
  allFiles: readonly SourceFile[];
  /** Paths tracked by git (scan-root relative, within the scan's paths and excludes) when the root is in a git checkout. */
  gitTrackedFiles?: readonly string[];
  /** The .gitignore files between the top of the git work tree and the scan root, as discovery read them. */
  gitignoresAbove?: readonly GitignoreAbove[];
  /** The discovered file at a scan-root relative path, if any (a constant-time lookup into allFiles). */
  fileAt(path: string): SourceFile | undefined;
  /** Adds a section to the job summary and `--format markdown` (the topology picture, for one). */
  addSection(section: ScanSection): void;
}

/** Markdown a checker contributes to the summary, beside its findings. Reporters render it as is. */
export interface ScanSection {
  checker: CheckerId;
  title: string;
  markdown: string;
}

/**
 * Builds the context checkers run with; the one place the path index over allFiles is made.
 * Sections checkers add are pushed onto `sections`.
 */
export function createRunContext(
  init: Omit<RunContext, 'fileAt' | 'addSection'>,
  sections: ScanSection[] = [],
): RunContext {
  const byPath = new Map(init.allFiles.map((f) => [f.path, f]));
  return {
    ...init,
    fileAt: (path) => byPath.get(path),
    addSection: (section) => void sections.push(section),
  };
}

export interface Checker {
  id: CheckerId;
  /** Every rule the checker can report, including `<prefix>/invalid-syntax`. */
  rules: readonly RuleMeta[];
  /** JSON schema of the checker's own section in .deploy-lint.yml, if it has one. */
  configSchema?: object;
  claims(file: SourceFile): boolean;
  /** All claimed files at once: cross-file rules need them. Never throws for bad input. */
  run(files: readonly SourceFile[], ctx: RunContext): Promise<RawFinding[]>;
}

/**
 * A claims() that sniffs each file once. Other checkers ask the same question about every file of
 * the scan (which files are manifests, which feed the topology) after the scan has let go of the
 * texts: without the memo each question reads those files from disk again.
 */
export function claimsOnce(claims: (file: SourceFile) => boolean): (file: SourceFile) => boolean {
  const answers = new WeakMap<SourceFile, boolean>();
  return (file) => {
    let answer = answers.get(file);
    if (answer === undefined) {
      answer = claims(file);
      answers.set(file, answer);
    }
    return answer;
  };
}

/** Runs each rule over a model, tagging reports with the rule id. A rule that throws becomes one finding, not a crash. */
export function runRules<M>(rules: readonly Rule<M>[], model: M, fallbackFile: string): RawFinding[] {
  const out: RawFinding[] = [];
  for (const rule of rules) {
    try {
      // The id first: a literal that starts with a spread gets a hidden class of its own per object.
      rule.check(model, (r) => out.push({ ruleId: rule.id, ...r }));
    } catch (error) {
      out.push({
        ruleId: INTERNAL_ERROR.id,
        file: fallbackFile,
        line: 1,
        subject: rule.id,
        message: `Rule ${rule.id} failed on this file: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return out;
}
