import type { RawFinding } from '../../../src/engine/finding';
import type { ResolvedConfig } from '../../../src/engine/config';
import { createRunContext } from '../../../src/engine/rule';
import { SourceFile } from '../../../src/engine/workspace';
import { iamChecker, iamDocuments } from '../../../src/checkers/iam';
import type { IamExtraction } from '../../../src/checkers/iam/extract';

/** Repository files by scan-root relative path. */
export type Repo = Record<string, string>;

function config(sections: Record<string, unknown>): ResolvedConfig {
  return {
    checkers: ['iam'],
    exclude: [],
    rules: {},
    ignore: [],
    dockerfile: { trustedRegistries: [] },
    topology: { instanceAvailability: 0.95, targetAvailability: 0.999 },
    sections,
  };
}

export function sourceFiles(repo: Repo): SourceFile[] {
  return Object.entries(repo).map(([path, text]) => new SourceFile(path, `/repo/${path}`, text));
}

/** Runs the checker the way the scan does: every file is discovered, the checker gets the ones it claims. */
export async function runIam(repo: Repo, sections: Record<string, unknown> = {}): Promise<RawFinding[]> {
  const files = sourceFiles(repo);
  return iamChecker.run(
    files.filter((f) => iamChecker.claims(f)),
    createRunContext({ root: '/repo', config: config(sections), allFiles: files }),
  );
}

export async function findingsOf(
  ruleId: string,
  repo: Repo,
  sections: Record<string, unknown> = {},
): Promise<RawFinding[]> {
  return (await runIam(repo, sections)).filter((f) => f.ruleId === ruleId);
}

export async function extract(repo: Repo): Promise<IamExtraction> {
  const files = sourceFiles(repo);
  return iamDocuments(files.filter((f) => iamChecker.claims(f)));
}

/** A standalone JSON policy of the given statements. */
export function policy(...statements: object[]): string {
  return `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`;
}

export function ruleIds(findings: readonly RawFinding[]): string[] {
  return [...new Set(findings.map((f) => f.ruleId))].sort();
}
