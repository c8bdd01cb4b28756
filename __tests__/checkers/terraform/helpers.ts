import type { RawFinding } from '../../../src/engine/finding';
import type { ResolvedConfig } from '../../../src/engine/config';
import { createRunContext, type RunContext } from '../../../src/engine/rule';
import { SourceFile } from '../../../src/engine/workspace';
import { ensureHclParser, parseHcl } from '../../../src/parse/hcl';
import { terraformChecker } from '../../../src/checkers/terraform';
import { buildTerraformModel, type TerraformModel } from '../../../src/checkers/terraform/model';

/** Repository files by scan-root relative path. */
export type Repo = Record<string, string>;

export interface RepoOptions {
  /** Paths git tracks; leave out to scan as a plain directory (not a git checkout). */
  gitTrackedFiles?: string[];
}

const CONFIG: ResolvedConfig = {
  checkers: ['terraform'],
  exclude: [],
  rules: {},
  ignore: [],
  dockerfile: { trustedRegistries: [] },
  topology: { instanceAvailability: 0.95, targetAvailability: 0.999 },
  sections: {},
};

export function sourceFiles(repo: Repo): SourceFile[] {
  return Object.entries(repo).map(([path, text]) => new SourceFile(path, `/repo/${path}`, text));
}

function context(files: readonly SourceFile[], options: RepoOptions): RunContext {
  return createRunContext({
    root: '/repo',
    config: CONFIG,
    allFiles: files,
    gitTrackedFiles: options.gitTrackedFiles,
  });
}

/** Runs the checker the way the scan does: every file is discovered, the checker gets the ones it claims. */
export async function runTerraform(repo: Repo, options: RepoOptions = {}): Promise<RawFinding[]> {
  const files = sourceFiles(repo);
  return terraformChecker.run(
    files.filter((f) => terraformChecker.claims(f)),
    context(files, options),
  );
}

/** The findings of one rule. */
export async function findingsOf(
  ruleId: string,
  repo: Repo,
  options: RepoOptions = {},
): Promise<RawFinding[]> {
  return (await runTerraform(repo, options)).filter((f) => f.ruleId === ruleId);
}

export async function modelOf(repo: Repo, options: RepoOptions = {}): Promise<TerraformModel> {
  await ensureHclParser();
  const files = sourceFiles(repo);
  return buildTerraformModel(
    files.filter((f) => terraformChecker.claims(f)),
    context(files, options),
    parseHcl,
  );
}

/** Applies a suggestion to a file's text, for asserting what the fixed file looks like. */
export function applySuggestion(
  text: string,
  suggestion: { line: number; endLine: number; replacement: string },
): string {
  const lines = text.split('\n');
  lines.splice(
    suggestion.line - 1,
    suggestion.endLine - suggestion.line + 1,
    ...suggestion.replacement.split('\n'),
  );
  return lines.join('\n');
}
