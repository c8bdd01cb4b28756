import path from 'node:path';
import {
  atLeast,
  compareFindings,
  fingerprint,
  type Finding,
  type RawFinding,
  type Severity,
  type Waiver,
} from './finding';
import { createRunContext, type Checker, type CheckerId, type RuleMeta, type ScanSection } from './rule';
import { discover, selectsPath, type SkippedFile } from './discover';
import { loadConfig, scanLimits } from './config-file';
import type { ResolvedConfig } from './config';
import { applySuppressions, pragmasOf, PRAGMAS_KIND } from './suppress';
import { ENGINE_RULES, INTERNAL_ERROR, SKIPPED_FILE } from './engine-rules';
import { gitTrackedFiles } from './git';
import { SourceFile } from './workspace';

export interface ScanOptions {
  /** Directory the scan is rooted at; finding paths are relative to it. */
  root: string;
  /** Globs or paths (relative to root) to scan; default everything. */
  paths?: string[];
  /** Globs to skip, on top of .gitignore and the config's exclude. */
  exclude?: string[];
  /** Config file; default `.deploy-lint.yml` at the root when present. */
  configPath?: string;
  /** The checkers to choose from: the fronts pass the registry, tests and benchmarks their own. */
  checkers: readonly Checker[];
  /** Restricts the checkers the config enables (the `--checkers` option / `checkers` input). */
  only?: CheckerId[];
  /** `owner/name` on GitHub when the caller knows it and the config does not say (a benchmark corpus without a git remote). */
  repository?: string;
}

export interface ScanStats {
  /** Files discovered under the scan's paths. */
  files: number;
  /** Files at least one checker read (a file two checkers read counts once). */
  filesChecked: number;
  filesByChecker: Record<string, number>;
  durationMs: number;
}

export interface ScanResult {
  root: string;
  findings: Finding[];
  suppressed: Finding[];
  stats: ScanStats;
  /** Metadata of every rule the scan knows, for SARIF and summaries. */
  rules: RuleMeta[];
  config: ResolvedConfig;
  /** Sections checkers added for the summary (the topology picture); absent when none did. */
  sections?: ScanSection[];
}

/** Every rule of every checker plus the engine's own. */
export function allRules(checkers: readonly Checker[]): RuleMeta[] {
  return [...ENGINE_RULES, ...checkers.flatMap((c) => c.rules)];
}

/** The one entry both fronts call: files and config in, findings out. Knows nothing of GitHub. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const root = path.resolve(options.root);
  const available = options.checkers;
  const loaded = loadConfig(root, options.configPath, available);
  const config =
    options.repository && !loaded.repository ? { ...loaded, repository: options.repository } : loaded;
  const enabled = available.filter(
    (c) => config.checkers.includes(c.id) && (!options.only || options.only.includes(c.id)),
  );
  const rules = allRules(available);
  const ruleById = new Map(rules.map((r) => [r.id, r]));

  const selection = {
    root,
    include: options.paths?.length ? options.paths : ['**'],
    exclude: [...config.exclude, ...(options.exclude ?? [])],
  };
  // Which enabled checkers claim each file, asked once: a file no checker claims lets go of its text.
  const claimers = new Map<SourceFile, Checker[]>();
  const retain = (file: SourceFile) => {
    const by = enabled.filter((c) => safeClaims(c, file));
    if (by.length) claimers.set(file, by);
    return by.length > 0;
  };
  // Tracked files are what is committed, .gitignore or not; but an excluded path is out of the scan.
  const tracked = gitTrackedFiles(root)?.filter(selectsPath(selection));
  const { files, skipped, gitignoresAbove } = await discover({
    ...selection,
    maxFileBytes: scanLimits(config).maxFileBytes,
    retain,
    ...(tracked && { tracked }),
  });

  const sections: ScanSection[] = [];
  const ctx = createRunContext(
    {
      root,
      config,
      allFiles: files,
      gitTrackedFiles: tracked,
      gitignoresAbove,
    },
    sections,
  );
  const raw: RawFinding[] = skippedFileFindings(skipped, enabled);
  const filesByChecker: Record<string, number> = {};
  // Pragmas are read only in checked files: a README quoting a pragma is documentation, not a suppression.
  const checkedFiles = new Map<string, SourceFile>();
  for (const checker of enabled) {
    const claimed = files.filter((f) => claimers.get(f)?.includes(checker));
    filesByChecker[checker.id] = claimed.length;
    for (const file of claimed) checkedFiles.set(file.path, file);
    try {
      // A loop, not push(...): spreading a few hundred thousand findings overflows the call stack.
      for (const finding of await checker.run(claimed, ctx)) raw.push(finding);
    } catch (error) {
      raw.push({
        ruleId: INTERNAL_ERROR.id,
        file: claimed[0]?.path ?? '.',
        line: 1,
        subject: checker.id,
        message: `The ${checker.id} checker failed: ${error instanceof Error ? error.message : String(error)}. Other checkers still ran.`,
      });
    }
    // Parse once, then let go: after the last checker that claims a file, only its pragmas stay.
    for (const file of claimed) {
      const by = claimers.get(file)!;
      if (by[by.length - 1] !== checker) continue;
      pragmasOf(file);
      file.release([PRAGMAS_KIND]);
    }
  }

  const { active, suppressed, notices } = applySuppressions(
    toFindings(raw, ruleById, config),
    checkedFiles,
    config,
    ruleById,
  );
  const all = [...active, ...toFindings(notices, ruleById, config).map((p) => p.finding)].sort(
    compareFindings,
  );

  return {
    root,
    findings: all,
    suppressed: suppressed.sort(compareFindings),
    stats: {
      files: files.length,
      filesChecked: checkedFiles.size,
      filesByChecker,
      durationMs: Math.round(performance.now() - started),
    },
    rules,
    config,
    ...(sections.length ? { sections } : {}),
  };
}

function safeClaims(checker: Checker, file: SourceFile): boolean {
  try {
    return checker.claims(file);
  } catch {
    return false;
  }
}

/**
 * A skipped file is reported only when some checker would have read it (a binary `main.tf`, not a
 * PNG), or when it is a link out of the root. A claimed file that is not text is invalid input for
 * that checker, so it gets the checker's `invalid-syntax` finding; one that is merely too large gets
 * a notice, since its content may be fine.
 */
function skippedFileFindings(skipped: readonly SkippedFile[], checkers: readonly Checker[]): RawFinding[] {
  const out: RawFinding[] = [];
  for (const s of skipped) {
    const claimer = checkers.find((c) => safeClaims(c, new SourceFile(s.path, '', '')));
    if (!claimer && s.reason !== 'symlink-escape') continue;
    const unreadableText = s.reason === 'binary' || s.reason === 'not-utf8';
    const invalidSyntax = claimer?.rules.find((r) => r.id.endsWith('/invalid-syntax'));
    out.push({
      ruleId: unreadableText && invalidSyntax ? invalidSyntax.id : SKIPPED_FILE.id,
      file: s.path,
      line: 1,
      subject: s.reason,
      message: s.detail,
    });
  }
  return out;
}

/** A finding before suppressions, with the waivers its checker found on the object. */
export interface PendingFinding {
  finding: Finding;
  waivers: Waiver[];
}

/** Applies the config's levels, fills rule metadata and numbers repeated subjects for stable fingerprints. */
export function toFindings(
  raw: readonly RawFinding[],
  ruleById: ReadonlyMap<string, RuleMeta>,
  config: ResolvedConfig,
): PendingFinding[] {
  const occurrences = new Map<string, number>();
  const out: PendingFinding[] = [];
  for (const r of raw) {
    const meta = ruleById.get(r.ruleId);
    const severity = effectiveSeverity(r.ruleId, r.severity ?? meta?.severity ?? 'warning', meta, config);
    if (!severity) continue;
    const key = `${r.ruleId}\u0000${r.file}\u0000${r.subject}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const finding: Finding = {
      ruleId: r.ruleId,
      severity,
      file: r.file,
      line: Math.max(1, r.line),
      message: r.message,
      help: meta?.help ?? '',
      title: meta?.title ?? r.ruleId,
      fingerprint: fingerprint(r.ruleId, r.file, r.subject, occurrence),
    };
    if (r.endLine && r.endLine > finding.line) finding.endLine = r.endLine;
    if (r.column) finding.column = r.column;
    if (r.suggestion) finding.suggestion = r.suggestion;
    out.push({ finding, waivers: r.waivers ?? [] });
  }
  return out;
}

/** The severity a finding is reported at, or undefined when the config (or the rule's default) turns it off. */
function effectiveSeverity(
  ruleId: string,
  reported: Severity,
  meta: RuleMeta | undefined,
  config: ResolvedConfig,
): Severity | undefined {
  const level = config.rules[ruleId];
  if (level === 'off') return undefined;
  if (level) return level;
  if (meta?.defaultOff) return undefined;
  return reported;
}

/** Findings at or above the threshold; 'never' gates nothing. */
export function gating(findings: readonly Finding[], failOn: Severity | 'never'): Finding[] {
  return failOn === 'never' ? [] : findings.filter((f) => atLeast(f.severity, failOn));
}
