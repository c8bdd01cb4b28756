import { defaultConfig } from '../../../src/engine/config-file';
import type { ResolvedConfig } from '../../../src/engine/config';
import type { RawFinding } from '../../../src/engine/finding';
import { createRunContext, type RunContext } from '../../../src/engine/rule';
import { SourceFile } from '../../../src/engine/workspace';
import { dockerfileChecker } from '../../../src/checkers/dockerfile';
import { buildModel, type DockerfileModel, type Instruction } from '../../../src/checkers/dockerfile/model';

export interface LintOptions {
  /** The `dockerfile:` section of the config (`trustedRegistries`, `finalStage`). */
  config?: Partial<ResolvedConfig['dockerfile']>;
  /** Name the Dockerfile is scanned as (default `Dockerfile`). */
  fileName?: string;
  /** Other files of the scan (e.g. `.dockerignore`), path -> text. */
  extraFiles?: Record<string, string>;
  /** Rules that are off by default to report anyway (as `rules: {id: level}` in the config would). */
  enable?: string[];
}

function context(options: LintOptions, files: SourceFile[]): RunContext {
  const config = defaultConfig();
  config.dockerfile = { ...config.dockerfile, ...options.config };
  return createRunContext({ root: '/repo', config, allFiles: files });
}

function sourceFiles(text: string, options: LintOptions): { main: SourceFile; all: SourceFile[] } {
  const name = options.fileName ?? 'Dockerfile';
  const main = new SourceFile(name, `/repo/${name}`, text);
  const extra = Object.entries(options.extraFiles ?? {}).map(([p, t]) => new SourceFile(p, `/repo/${p}`, t));
  return { main, all: [main, ...extra] };
}

/** Runs the dockerfile checker over one Dockerfile text, as the scan would. */
export async function lintDockerfile(text: string, options: LintOptions = {}): Promise<RawFinding[]> {
  const { main, all } = sourceFiles(text, options);
  const ctx = context(options, all);
  const claimed = all.filter((f) => dockerfileChecker.claims(f));
  if (!claimed.includes(main)) claimed.unshift(main);
  const findings = await dockerfileChecker.run(claimed, ctx);
  // Like the engine: a rule that is off by default reports nothing unless enabled.
  const off = new Set(
    dockerfileChecker.rules.filter((r) => r.defaultOff && !options.enable?.includes(r.id)).map((r) => r.id),
  );
  return findings.filter((f) => f.file === main.path && !off.has(f.ruleId));
}

/** The findings of one rule only. */
export async function findingsFor(
  text: string,
  ruleId: string,
  options: LintOptions = {},
): Promise<RawFinding[]> {
  const enable = [...(options.enable ?? []), ruleId];
  return (await lintDockerfile(text, { ...options, enable })).filter((f) => f.ruleId === ruleId);
}

/** The model of a Dockerfile text, for model tests. */
export function modelOf(text: string, options: LintOptions = {}): DockerfileModel {
  const { main, all } = sourceFiles(text, options);
  const ctx = context(options, all);
  return buildModel(
    main,
    {
      trustedRegistries: ctx.config.dockerfile.trustedRegistries,
      finalStage: ctx.config.dockerfile.finalStage,
    },
    ctx,
  );
}

/** The instruction covering a line of a Dockerfile text, for model tests. */
export function instructionAt(text: string, line: number): Instruction {
  const instruction = modelOf(text).instructionAt(line);
  if (!instruction) throw new Error(`no instruction at line ${line}`);
  return instruction;
}

/** The text after a finding's suggestion replaces its lines, as GitHub applies a ```suggestion block. */
export function applyFindingSuggestion(text: string, finding: RawFinding | undefined): string {
  const suggestion = finding?.suggestion;
  if (!suggestion) throw new Error('expected a suggestion');
  const lines = text.split('\n');
  lines.splice(
    suggestion.line - 1,
    suggestion.endLine - suggestion.line + 1,
    ...suggestion.replacement.split('\n'),
  );
  return lines.join('\n');
}
