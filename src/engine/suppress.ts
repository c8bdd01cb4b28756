import type { Finding, RawFinding, Waiver } from './finding';
import type { IgnoreEntry, ResolvedConfig } from './config';
import type { RuleMeta } from './rule';
import type { PendingFinding } from './scan';
import type { SourceFile } from './workspace';
import { UNKNOWN_RULE } from './engine-rules';
import { pathMatcher } from './glob';
import { didYouMean, ruleSelector, selectsKnownRule } from './rule-ids';

/** A suppression comment found in a file. */
export interface Pragma {
  /** 1-based line of the comment. */
  line: number;
  /** 1-based column where the comment starts. */
  column: number;
  /** `line` covers the construct the comment ends or sits above; `file` covers the whole file. */
  scope: 'line' | 'file';
  /** Our pragmas name rule ids or globs; hadolint's name its codes, matched through rule aliases. */
  dialect: 'deploy-lint' | 'hadolint';
  rules: string[];
  reason?: string;
  /** The comment as written, for messages. */
  text: string;
}

/** The pragmas of one file, indexed for lookup. Parsed once per file and cached on it. */
export interface FilePragmas {
  all: Pragma[];
  fileWide: Pragma[];
  byLine: ReadonlyMap<number, Pragma[]>;
  /** Whether a line holds nothing but a comment. */
  isCommentLine(line: number): boolean;
  /** Whether a line ends with `\`, so the next line continues the same instruction. */
  continuesOnto(line: number): boolean;
}

export interface SuppressionResult {
  active: Finding[];
  suppressed: Finding[];
  /** `deploy-lint/unknown-rule` notices for pragmas and config entries that name no rule. */
  notices: RawFinding[];
}

/**
 * Splits findings into active and suppressed. A finding is suppressed by, in this order: a pragma
 * comment in its file, a waiver its checker found on the object (Kubernetes annotations), or an
 * `ignore` entry of the config.
 */
export function applySuppressions(
  pending: readonly PendingFinding[],
  files: ReadonlyMap<string, SourceFile>,
  config: ResolvedConfig,
  rules: ReadonlyMap<string, RuleMeta>,
): SuppressionResult {
  const suppressor = new Suppressor(config, rules);
  const active: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const { finding, waivers } of pending) {
    const file = files.get(finding.file);
    const suppression =
      (file && suppressor.byPragma(finding, pragmasOf(file))) ??
      suppressor.byWaiver(finding, waivers) ??
      suppressor.byConfig(finding);
    if (suppression) suppressed.push({ ...finding, suppression });
    else active.push(finding);
  }
  const notices = [
    ...[...files.values()].flatMap((file) => unknownRulesInPragmas(file, rules)),
    ...unknownRulesInConfig(config, rules),
  ];
  return { active, suppressed, notices };
}

class Suppressor {
  private readonly selectors = new Map<string, (ruleId: string) => boolean>();
  /** hadolint code (and any other alias) -> our rule ids that list it. */
  private readonly rulesByAlias = new Map<string, Set<string>>();
  private readonly configEntries: { entry: IgnoreEntry; inPath: (file: string) => boolean }[];

  constructor(
    private readonly config: ResolvedConfig,
    rules: ReadonlyMap<string, RuleMeta>,
  ) {
    for (const rule of rules.values()) {
      for (const alias of rule.aliases ?? []) {
        const ids = this.rulesByAlias.get(alias) ?? new Set<string>();
        ids.add(rule.id);
        this.rulesByAlias.set(alias, ids);
      }
    }
    this.configEntries = config.ignore.map((entry) => ({
      entry,
      inPath: entry.paths?.length ? pathMatcher(entry.paths) : () => true,
    }));
  }

  byPragma(finding: Finding, pragmas: FilePragmas): Finding['suppression'] {
    if (pragmas.all.length === 0) return undefined;
    const pragma = [...pragmas.fileWide, ...pragmasCovering(finding.line, pragmas)].find((p) =>
      this.pragmaNames(p, finding.ruleId),
    );
    return pragma && { kind: 'pragma', reason: pragma.reason ?? `\`${pragma.text}\` on line ${pragma.line}` };
  }

  byWaiver(finding: Finding, waivers: readonly Waiver[]): Finding['suppression'] {
    const waiver = waivers.find((w) => w.rules.some((r) => this.selects(r, finding.ruleId)));
    return (
      waiver && {
        kind: 'annotation',
        reason: waiver.reason ? `${waiver.reason} (${waiver.source})` : waiver.source,
      }
    );
  }

  byConfig(finding: Finding): Finding['suppression'] {
    const match = this.configEntries.find(
      ({ entry, inPath }) => this.selects(entry.rule, finding.ruleId) && inPath(finding.file),
    );
    return (
      match && {
        kind: 'config',
        reason:
          match.entry.reason ?? `ignore entry for ${match.entry.rule} in ${this.config.file ?? 'the config'}`,
      }
    );
  }

  private pragmaNames(pragma: Pragma, ruleId: string): boolean {
    return pragma.dialect === 'hadolint'
      ? pragma.rules.some((code) => this.rulesByAlias.get(code)?.has(ruleId))
      : pragma.rules.some((pattern) => this.selects(pattern, ruleId));
  }

  private selects(pattern: string, ruleId: string): boolean {
    let selector = this.selectors.get(pattern);
    if (!selector) {
      selector = ruleSelector(pattern);
      this.selectors.set(pattern, selector);
    }
    return selector(ruleId);
  }
}

/**
 * Line pragmas that apply to a finding on `line`: one ending that line, and those in the block of
 * comment lines directly above it. A finding on a continuation line (after a trailing `\`, as in a
 * multi-line RUN) looks above the start of its instruction.
 */
function pragmasCovering(line: number, pragmas: FilePragmas): Pragma[] {
  const found = [...(pragmas.byLine.get(line) ?? [])];
  for (let above = line - 1; above >= 1; above--) {
    if (pragmas.isCommentLine(above)) found.push(...(pragmas.byLine.get(above) ?? []));
    else if (!pragmas.continuesOnto(above)) break;
  }
  return found;
}

/** The parse kind pragmas are cached under: the scan keeps it when it lets go of a file. */
export const PRAGMAS_KIND = 'deploy-lint:pragmas';

/** The pragmas of a file, parsed on first use and cached on the file. */
export function pragmasOf(file: SourceFile): FilePragmas {
  return file.parsed(PRAGMAS_KIND, parsePragmas);
}

function parsePragmas(file: SourceFile): FilePragmas {
  const comment = commentSyntax(file.name);
  const isCommentLine = (line: number) => comment.wholeLine.test(file.lineText(line));
  const continuesOnto = (line: number) => /\\\s*$/.test(file.lineText(line));
  const all: Pragma[] = [];
  if (file.text.includes('deploy-lint') || file.text.includes('hadolint')) {
    file.lines.forEach((text, index) => {
      const pragma = parsePragmaComment(text, index + 1, comment.pragma);
      if (pragma) all.push(pragma);
    });
  }
  const byLine = new Map<number, Pragma[]>();
  for (const pragma of all) {
    if (pragma.scope === 'line') byLine.set(pragma.line, [...(byLine.get(pragma.line) ?? []), pragma]);
  }
  return { all, fileWide: all.filter((p) => p.scope === 'file'), byLine, isCommentLine, continuesOnto };
}

/** `#` everywhere; HCL also has `//`. A comment starts a line or follows whitespace, never inside a word or URL. */
function commentSyntax(fileName: string): { wholeLine: RegExp; pragma: RegExp } {
  const marker = /\.(tf|tfvars|hcl)$/i.test(fileName) ? '(?:#|//)' : '#';
  return {
    wholeLine: new RegExp(`^\\s*${marker}`),
    pragma: new RegExp(
      `(?:^|\\s)(${marker}\\s*(deploy-lint|hadolint)\\s+(global\\s+)?(ignore|ignore-file)\\s*=\\s*([^\\s,]+(?:\\s*,\\s*[^\\s,]+)*)(.*))$`,
    ),
  };
}

function parsePragmaComment(lineText: string, line: number, pattern: RegExp): Pragma | undefined {
  const match = pattern.exec(lineText);
  if (!match) return undefined;
  const [, text, dialect, global, verb, ruleList, rest] = match;
  const scope = verb === 'ignore-file' || global ? 'file' : 'line';
  // Only the forms each tool defines: `deploy-lint ignore=`/`ignore-file=`, `hadolint ignore=`/`global ignore=`.
  const valid = dialect === 'deploy-lint' ? !global : verb === 'ignore';
  if (!valid) return undefined;
  const reason = rest.replace(/^\s*(--)?/, '').trim();
  return {
    line,
    column: match.index + match[0].length - text.length + 1,
    scope,
    dialect: dialect as Pragma['dialect'],
    rules: ruleList.split(/\s*,\s*/),
    ...(reason && { reason }),
    text: text.trim(),
  };
}

function unknownRulesInPragmas(file: SourceFile, rules: ReadonlyMap<string, RuleMeta>): RawFinding[] {
  const notices: RawFinding[] = [];
  for (const pragma of pragmasOf(file).all) {
    if (pragma.dialect !== 'deploy-lint') continue; // other tools' codes we do not alias are theirs, not typos
    for (const id of pragma.rules.filter((r) => !selectsKnownRule(r, rules.keys()))) {
      notices.push({
        ruleId: UNKNOWN_RULE.id,
        file: file.path,
        line: pragma.line,
        column: pragma.column,
        subject: id,
        message: `The pragma names ${id}, which is not a deploy-lint rule, so it suppresses nothing.${didYouMean(id, rules.keys())}`,
      });
    }
  }
  return notices;
}

function unknownRulesInConfig(config: ResolvedConfig, rules: ReadonlyMap<string, RuleMeta>): RawFinding[] {
  if (!config.file) return [];
  return config.ignore
    .filter((entry) => !selectsKnownRule(entry.rule, rules.keys()))
    .map((entry) => ({
      ruleId: UNKNOWN_RULE.id,
      file: config.file as string,
      line: entry.line ?? 1,
      subject: `ignore:${entry.rule}`,
      message: `The ignore entry for ${entry.rule} matches no deploy-lint rule, so it suppresses nothing.${didYouMean(entry.rule, rules.keys())}`,
    }));
}
