import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHECKERS } from '../checkers';
import { ConfigError } from '../engine/config-file';
import { gating, scan, type ScanResult } from '../engine/scan';
import { countBySeverity, plural, severityCountsPhrase } from '../report/common';
import { CHECKER_IDS, type CheckerId } from '../engine/rule';
import { renderJson } from '../report/json';
import { allRules } from '../engine/scan';
import { MergeError, expandReportPatterns, mergeReportFiles } from '../report/merge';
import { rulesDocsUrl } from '../report/docs-url';
import { renderErrorSummary } from '../report/summary';
import { renderText } from '../report/text';
import {
  annotationsSink,
  publishAll,
  sarifSink,
  summarySink,
  type GithubContext,
  type ReportInput,
  type RunResult,
  type Sink,
} from '../report/sink';
import { formatWorkflowCommand } from '../report/annotations';
import { BaselineError, readBaseline, selectFindings } from '../report/filter';
import { actionScanRoot } from './root';
import { InputError, parseBoolean, readInputs, type ActionInputs } from './inputs';
import { postReview, pullRequestSection, readPullRequestChange } from './pull-request';
import { VERSION } from './version';

/** The runner protocol the action uses; @actions/core in production, a recorder in tests. */
export interface ActionRuntime {
  getInput(name: string): string;
  setOutput(name: string, value: string | number): void;
  setFailed(message: string): void;
  warning(message: string): void;
  info(message: string): void;
  /** Raw stdout, where workflow commands (annotations) go. */
  writeStdout(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/**
 * The JSON report's file name in RUNNER_TEMP. Two deploy-lint steps in one job must not overwrite
 * each other's report, so the step's id (`GITHUB_ACTION`, unique within the job) is part of it.
 */
export function reportJsonName(env: Readonly<Record<string, string | undefined>>): string {
  const step = (env.GITHUB_ACTION ?? '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return step ? `deploy-lint-report-${step}.json` : 'deploy-lint-report.json';
}

/** The action: inputs -> scan -> sinks -> outputs and exit status. Never throws. */
export async function runAction(rt: ActionRuntime): Promise<RunResult> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs((name) => rt.getInput(name));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return fail(rt, `deploy-lint: ${error.message}`);
  }

  const workspace = path.resolve(rt.env.GITHUB_WORKSPACE || rt.cwd);
  const { root, paths } = actionScanRoot(workspace, inputs.paths);
  let configPath: string | undefined;
  const configInput = inputs.config;
  if (configInput) {
    // Relative to the workspace, as every path input; or to the checkout when that is below it.
    configPath = [workspace, root].map((dir) => path.resolve(dir, configInput)).find(existsSync) ?? '';
    if (!existsSync(configPath)) {
      return fail(
        rt,
        `deploy-lint: Invalid input 'config': the file ${inputs.config} does not exist in the workspace.`,
      );
    }
  }

  let result: ScanResult;
  try {
    result = inputs.mergeReports
      ? mergeShardReports(rt, inputs.mergeReports, workspace)
      : await scan({
          root,
          checkers: CHECKERS,
          ...(paths && { paths }),
          exclude: inputs.exclude,
          ...(configPath && { configPath }),
          ...(inputs.checkers && { only: inputs.checkers }),
        });
  } catch (error) {
    if (error instanceof MergeError) return fail(rt, `deploy-lint: input 'merge-reports': ${error.message}`);
    if (error instanceof ConfigError) {
      const source = inputs.config ? " (input 'config')" : '';
      // On the config file itself, at the line, so the PR shows it where it needs fixing.
      rt.writeStdout(
        `${formatWorkflowCommand({ level: 'error', file: error.file, ...(error.line && { line: error.line }), ...(error.column && { column: error.column }), title: 'deploy-lint: invalid config', message: error.message })}\n`,
      );
      return fail(rt, `deploy-lint: invalid config file${source}: ${error.message}`);
    }
    return fail(
      rt,
      `deploy-lint: the scan failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const notes = nothingCheckedNotes(result, inputs);
  for (const note of notes) rt.warning(`deploy-lint: ${note}`);

  let baseline: Set<string> | undefined;
  if (inputs.baseline) {
    try {
      baseline = readBaseline(path.resolve(root, inputs.baseline), inputs.baseline);
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      return fail(rt, `deploy-lint: Invalid input 'baseline': ${error.message}`);
    }
  }
  // On a pull request only the findings of the change (by filter-mode) and not in the baseline gate.
  const log = { info: (m: string) => rt.info(m), warning: (m: string) => rt.warning(m) };
  const change = await readPullRequestChange(rt.env, inputs, log);
  const selection = selectFindings(result.findings, {
    ...(change.diff && { diff: change.diff }),
    mode: change.diff ? inputs.filterMode : 'nofilter',
    ...(baseline && { baseline }),
  });
  const gatingFindings = gating(selection.selected, inputs.failOn);
  const outcome: RunResult = gatingFindings.length ? 'fail' : 'pass';
  const github = githubContext(rt.env, inputs.pullRequest);
  const review = await postReview(change, selection, result, inputs, github, rt.env, log);
  const prSection = pullRequestSection(change, selection, inputs, review);
  const report: ReportInput = {
    scan: result,
    gating: gatingFindings,
    annotate: selection.selected,
    ...(notes.length && { notes }),
    ...(baseline && { baseline }),
    ...(prSection && { sections: [prSection] }),
    failOn: inputs.failOn,
    result: outcome,
    version: VERSION,
    ...(github && { github }),
    reproduce: {
      ...(paths && { paths }),
      ...(inputs.exclude.length && { exclude: inputs.exclude }),
      ...(inputs.config && { config: inputs.config }),
      ...(inputs.checkers && { checkers: inputs.checkers }),
      ...(inputs.baseline && { baseline: inputs.baseline }),
    },
  };

  // The complete report first, so no sink failure can lose a finding.
  const reportJson = await writeReportJson(rt, result).catch((error: unknown) => {
    rt.warning(`deploy-lint: could not write the JSON report: ${errorText(error)}`);
    return undefined;
  });

  const sarifFile = inputs.sarifFile ? path.resolve(workspace, inputs.sarifFile) : undefined;
  const sinks: Sink[] = [];
  const docsBaseUrl = rulesDocsUrl(rt.env, VERSION, github);
  if (inputs.summary) sinks.push(summarySink({ summaryFile: rt.env.GITHUB_STEP_SUMMARY, docsBaseUrl }));
  if (inputs.annotations) sinks.push(annotationsSink({ write: (text) => rt.writeStdout(text) }));
  if (sarifFile) sinks.push(sarifSink({ file: sarifFile, docsBaseUrl }));
  const { failed } = await publishAll(sinks, report, (sink, error) =>
    rt.warning(
      `deploy-lint: the ${sink.name} output failed (${errorText(error)}); the other outputs are complete.`,
    ),
  );

  const counts = countBySeverity(result.findings);
  rt.setOutput('result', outcome);
  rt.setOutput('findings', result.findings.length);
  rt.setOutput('errors', counts.error);
  rt.setOutput('warnings', counts.warning);
  rt.setOutput('notices', counts.notice);
  rt.setOutput(
    'new-findings',
    baseline ? result.findings.filter((f) => !baseline.has(f.fingerprint)).length : result.findings.length,
  );
  rt.setOutput('comments-posted', review?.posted ?? 0);
  rt.setOutput('comments-resolved', review?.resolved ?? 0);
  rt.setOutput('sarif-file', sarifFile && !failed.includes('sarif') ? sarifFile : '');
  rt.setOutput('report-json', reportJson ?? '');

  logUntrusted(rt, renderText(result, { color: false }));
  if (outcome === 'fail') {
    const threshold = inputs.failOn === 'error' ? 'error' : `${inputs.failOn} or above`;
    rt.setFailed(
      `deploy-lint: ${gatingFindings.length} finding${gatingFindings.length === 1 ? '' : 's'} at ${threshold} (fail-on: ${inputs.failOn}); ${severityCountsPhrase(result.findings).toLowerCase()} in total.`,
    );
  }
  return outcome;
}

/**
 * What makes a run check less than the user thinks, said at the top of the summary and in the log:
 * paths that match nothing, files no checker reads, checkers this version does not have.
 */
function nothingCheckedNotes(result: ScanResult, inputs: ActionInputs): string[] {
  const notes: string[] = [];
  const unavailable = (ids: readonly string[]) => ids.filter((id) => !CHECKERS.some((c) => c.id === id));
  for (const id of unavailable(inputs.checkers ?? [])) {
    notes.push(`the ${id} checker is not available in this version (input 'checkers'); it checks nothing.`);
  }
  // The config's own list: the default names every checker, so only a list the file narrowed counts.
  const configList =
    result.config.file && result.config.checkers.length < CHECKER_IDS.length ? result.config.checkers : [];
  for (const id of unavailable(configList).filter((id) => !inputs.checkers?.includes(id as CheckerId))) {
    notes.push(
      `the ${id} checker is not available in this version (checkers in ${result.config.file}); it checks nothing.`,
    );
  }
  const claimed = Object.values(result.stats.filesByChecker).reduce((a, b) => a + b, 0);
  if (inputs.paths && result.stats.files === 0) {
    notes.push(
      `Nothing was checked: input 'paths' (${inputs.paths.join(', ')}) matches no file in the workspace.`,
    );
  } else if (result.stats.files === 0) {
    notes.push(
      'Nothing was checked: the workspace has no files (is there an actions/checkout step before this one?).',
    );
  } else if (Object.keys(result.stats.filesByChecker).length === 0) {
    if (!notes.length) notes.push('Nothing was checked: no checker is enabled.');
  } else if (claimed === 0) {
    notes.push(
      `Nothing was checked: none of the ${plural(result.stats.files, 'file')} is of a kind the enabled checkers (${Object.keys(result.stats.filesByChecker).join(', ') || 'none'}) read.`,
    );
  }
  return notes;
}

/**
 * Prints text that quotes the scanned files (file names, values) to the log with workflow commands
 * turned off, so a line in a scanned file can never act as one.
 */
function logUntrusted(rt: ActionRuntime, text: string): void {
  const token = `deploy-lint-${randomUUID()}`;
  rt.writeStdout(`::stop-commands::${token}\n${text.replace(/\n?$/, '\n')}::${token}::\n`);
}

/** The fan-in job of a sharded scan: the shards' JSON reports, read (relative to the workspace) and merged. */
function mergeShardReports(rt: ActionRuntime, patterns: readonly string[], root: string): ScanResult {
  const merged = mergeReportFiles(expandReportPatterns(patterns, root), root, VERSION, allRules(CHECKERS));
  rt.info(
    `deploy-lint: merged ${merged.files.length} reports: ${merged.files.map((f) => path.relative(root, f)).join(', ')}`,
  );
  for (const warning of merged.warnings) rt.warning(`deploy-lint: input 'merge-reports': ${warning}`);
  return merged.result;
}

/** Ends a run that could not scan: result=error, the message as the failure, and in the job summary. */
async function fail(rt: ActionRuntime, message: string): Promise<RunResult> {
  rt.setOutput('result', 'error');
  const summaryFile = rt.env.GITHUB_STEP_SUMMARY;
  if (summaryFile && wantsSummary(rt)) {
    await appendFile(summaryFile, renderErrorSummary(message.replace(/^deploy-lint: /, '')), 'utf8').catch(
      (error: unknown) => rt.warning(`deploy-lint: could not write the job summary: ${errorText(error)}`),
    );
  }
  rt.setFailed(message);
  return 'error';
}

/** The summary input, read on its own: the error may be in another input. An invalid value means yes. */
function wantsSummary(rt: ActionRuntime): boolean {
  try {
    return parseBoolean("input 'summary'", rt.getInput('summary') || 'true');
  } catch {
    return true;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The full JSON report (the CLI's `--format json`) in RUNNER_TEMP, for later steps. */
async function writeReportJson(rt: ActionRuntime, result: ScanResult): Promise<string> {
  const dir = rt.env.RUNNER_TEMP || os.tmpdir();
  const file = path.join(dir, reportJsonName(rt.env));
  await mkdir(dir, { recursive: true });
  await writeFile(file, renderJson(result, VERSION), 'utf8');
  return file;
}

/** What the links in the summary need; undefined outside GitHub Actions. */
export function githubContext(
  env: Readonly<Record<string, string | undefined>>,
  /** The `pull-request` input: a workflow_run job reporting on the pull request another run scanned. */
  pullRequestInput?: number,
): GithubContext | undefined {
  if (!env.GITHUB_REPOSITORY) return undefined;
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const pull = event?.pull_request as { number?: number; head?: { sha?: string } } | undefined;
  const workflowRun = event?.workflow_run as { head_sha?: string } | undefined;
  const context: GithubContext = {
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    repository: env.GITHUB_REPOSITORY,
    // On a pull request GITHUB_SHA is the merge commit; links must point at the head. On
    // workflow_run it is the default branch: the commit the other run scanned is the head.
    headSha: pull?.head?.sha || workflowRun?.head_sha || env.GITHUB_SHA || 'HEAD',
  };
  if (pullRequestInput !== undefined) context.pullRequest = pullRequestInput;
  if (env.GITHUB_ACTION_REPOSITORY) context.actionRepository = env.GITHUB_ACTION_REPOSITORY;
  if (env.GITHUB_ACTION_REF) context.actionRef = env.GITHUB_ACTION_REF;
  if (typeof pull?.number === 'number' && context.pullRequest === undefined)
    context.pullRequest = pull.number;
  return context;
}

function readEvent(file: string | undefined): Record<string, unknown> | undefined {
  if (!file) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
