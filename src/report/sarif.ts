// SARIF 2.1.0, for GitHub code scanning (`github/codeql-action/upload-sarif`) and other SARIF viewers.
import type { Log, ReportingDescriptor, Result, Run, Suppression } from 'sarif';
import type { Finding, Severity } from '../engine/finding';
import type { RuleMeta } from '../engine/rule';
import type { ScanResult } from '../engine/scan';
import { checkerOfRule, encodePath, repoPath, ruleDocsUrl } from './common';

export interface SarifOptions {
  /** The tool's version, `driver.version`. */
  version: string;
  /**
   * Absolute URI of the directory result paths are relative to (`%SRCROOT%`), ending in `/`. Leave
   * it out for code scanning, which resolves relative paths against the checkout.
   */
  srcRootUri?: string;
  /** The scan root relative to the repository root, when they differ: result paths become repository-relative. */
  pathPrefix?: string;
  /** URL of docs/rules.md; each rule's `helpUri` points at its section there. */
  docsBaseUrl?: string;
  /** The project's home page, `driver.informationUri`. */
  informationUri?: string;
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Key of our fingerprint in `partialFingerprints`; bump the version if the fingerprint recipe changes. */
export const FINGERPRINT_KEY = 'deployLint/v1';

const SARIF_LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', notice: 'note' };

/** One run with every finding; suppressed findings are included and marked with why, as SARIF intends. */
export function renderSarif(result: ScanResult, options: SarifOptions): Log {
  const reported = [...result.findings, ...result.suppressed];
  const rules = rulesFor(reported, result.rules);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  const run: Run = {
    tool: {
      driver: {
        name: 'deploy-lint',
        version: options.version,
        ...(options.informationUri && { informationUri: options.informationUri }),
        rules: rules.map((r) => ruleDescriptor(r, options.docsBaseUrl)),
      },
    },
    ...(options.srcRootUri && {
      originalUriBaseIds: { '%SRCROOT%': { uri: withTrailingSlash(options.srcRootUri) } },
    }),
    columnKind: 'utf16CodeUnits',
    results: reported.map((f) => sarifResult(f, ruleIndex.get(f.ruleId) ?? -1, options.pathPrefix)),
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/** Rules that appear in the results, in id order; a rule id the scan has no metadata for is described from its finding. */
function rulesFor(findings: readonly Finding[], known: readonly RuleMeta[]): RuleMeta[] {
  const byId = new Map(known.map((r) => [r.id, r]));
  const used = new Map<string, RuleMeta>();
  for (const f of findings) {
    if (used.has(f.ruleId)) continue;
    used.set(
      f.ruleId,
      byId.get(f.ruleId) ?? { id: f.ruleId, severity: f.severity, title: f.title, help: f.help },
    );
  }
  return [...used.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function ruleDescriptor(rule: RuleMeta, docsBaseUrl: string | undefined): ReportingDescriptor {
  const helpUri = ruleDocsUrl(rule.id, docsBaseUrl);
  const help = rule.help.trim() || rule.title;
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: help },
    help: { text: help, markdown: helpMarkdown(rule, help) },
    ...(helpUri && { helpUri }),
    defaultConfiguration: { enabled: !rule.defaultOff, level: SARIF_LEVEL[rule.severity] },
    properties: {
      tags: [checkerOfRule(rule.id)],
      ...(rule.aliases?.length && { aliases: [...rule.aliases] }),
    },
  };
}

/** `dockerfile/from-latest-tag` -> `DockerfileFromLatestTag`: SARIF wants a readable identifier here. */
function ruleName(ruleId: string): string {
  return ruleId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

function helpMarkdown(rule: RuleMeta, help: string): string {
  if (!rule.example) return help;
  const fence = '`'.repeat(
    Math.max(
      3,
      ...[...`${rule.example.bad}${rule.example.good}`.matchAll(/`+/g)].map((m) => m[0].length + 1),
    ),
  );
  const block = (code: string) => `${fence}\n${code.replace(/\n+$/, '')}\n${fence}`;
  return [
    help,
    '',
    `Fails (\`${rule.example.file}\`):`,
    '',
    block(rule.example.bad),
    '',
    'Fixed:',
    '',
    block(rule.example.good),
  ].join('\n');
}

function sarifResult(f: Finding, ruleIndex: number, pathPrefix: string | undefined): Result {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 && { ruleIndex }),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodePath(repoPath(f.file, pathPrefix)), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: f.line,
            ...(f.endLine !== undefined && f.endLine >= f.line && { endLine: f.endLine }),
            ...(f.column !== undefined && f.column >= 1 && { startColumn: f.column }),
          },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(f.suppression && { suppressions: [suppression(f.suppression)] }),
  };
}

/** Pragmas and annotations live in the scanned files ("inSource"); config ignores and the baseline do not. */
function suppression(s: NonNullable<Finding['suppression']>): Suppression {
  const inSource = s.kind === 'pragma' || s.kind === 'annotation';
  return {
    kind: inSource ? 'inSource' : 'external',
    status: 'accepted',
    ...(s.reason && { justification: s.reason }),
    properties: { deployLintKind: s.kind },
  };
}

function withTrailingSlash(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}
