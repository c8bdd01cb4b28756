// Where a finished scan goes. The action hands one ReportInput to each sink; a sink that fails is
// reported and skipped, so a broken output never changes the result or loses findings elsewhere.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding, Severity } from '../engine/finding';
import type { ScanResult } from '../engine/scan';
import { encodePath } from './common';
import { formatWorkflowCommand, toAnnotations, type AnnotationOptions } from './annotations';
import { renderSarif, type SarifOptions } from './sarif';
import { renderSummary, type SummaryOptions } from './summary';

export type RunResult = 'pass' | 'fail' | 'error';

/** The bits of the workflow run a sink may need for links and API calls. */
export interface GithubContext {
  /** `GITHUB_SERVER_URL`, e.g. https://github.com */
  serverUrl: string;
  /** `owner/name` of the repository being checked. */
  repository: string;
  /** The commit the findings are about: the PR head SHA on a pull request (not the merge commit). */
  headSha: string;
  /** `owner/name` of the action's own repository (`GITHUB_ACTION_REPOSITORY`), for docs links. */
  actionRepository?: string;
  /** The action's ref (`GITHUB_ACTION_REF`), so docs links match the version that ran. */
  actionRef?: string;
  /** Pull request number, when the event is a pull request. */
  pullRequest?: number;
}

/** Extra markdown a checker or sink contributes to the summary (the topology picture, for one). */
export interface ReportSection {
  title: string;
  markdown: string;
}

/** How the summary's "reproduce locally" command is built. */
export interface ReproduceOptions {
  /** Relative to the directory the command runs from (the scan root). */
  paths?: string[];
  exclude?: string[];
  config?: string;
  checkers?: string[];
  baseline?: string;
  /** A complete command line to show instead of the built one. */
  command?: string;
  /** The directory to run the command from, when it is not the repository root. */
  from?: string;
}

export interface ReportInput {
  scan: ScanResult;
  /** The findings that gate this run (after the PR filter mode and the baseline). */
  gating: Finding[];
  /** The findings to annotate: on a PR, those the filter mode keeps; default all of the scan. */
  annotate?: Finding[];
  /** Said first in the summary: a run that checked nothing, a change it could not read. */
  notes?: string[];
  failOn: Severity | 'never';
  result: RunResult;
  /** Why the run could not complete, when result is 'error'. */
  errorMessage?: string;
  /** deploy-lint's version. */
  version: string;
  /** Absent outside GitHub Actions (the CLI's markdown format). */
  github?: GithubContext;
  /** Fingerprints of the baseline file, when one is in use: the summary marks the findings it doesn't hold as new. */
  baseline?: ReadonlySet<string>;
  /** The scan root relative to the repository root, when they differ. */
  pathPrefix?: string;
  sections?: ReportSection[];
  reproduce?: ReproduceOptions;
}

export interface Sink {
  name: string;
  publish(report: ReportInput): Promise<void>;
}

/** Runs every sink, one after another; a failing sink is passed to `onError` and the rest still run. */
export async function publishAll(
  sinks: readonly Sink[],
  report: ReportInput,
  onError: (sink: Sink, error: unknown) => void,
): Promise<{ failed: string[] }> {
  const failed: string[] = [];
  for (const sink of sinks) {
    try {
      await sink.publish(report);
    } catch (error) {
      failed.push(sink.name);
      onError(sink, error);
    }
  }
  return { failed };
}

/** The action's repository page, when the run tells us which repository that is. */
export function projectUrlFor(github: GithubContext | undefined): string | undefined {
  if (!github?.actionRepository) return undefined;
  return `${github.serverUrl.replace(/\/+$/, '')}/${github.actionRepository}`;
}

/** docs/rules.md in the action's repository at the ref that ran, when the run tells us which. */
export function docsBaseUrlFor(github: GithubContext | undefined): string | undefined {
  const project = projectUrlFor(github);
  if (!project) return undefined;
  return `${project}/blob/${encodePath(github?.actionRef || 'HEAD')}/docs/rules.md`;
}

export interface AnnotationsSinkOptions extends Omit<AnnotationOptions, 'pathPrefix'> {
  /** Default: the process's stdout, which the runner reads commands from. */
  write?: (text: string) => void;
}

/** Workflow-command annotations on stdout, most severe first, within GitHub's per-step limits. */
export function annotationsSink(options: AnnotationsSinkOptions = {}): Sink {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  return {
    name: 'annotations',
    async publish(report) {
      // A failing step ends with its own error annotation (the reason it failed): keep a slot for it.
      const annotations = toAnnotations(report.annotate ?? report.scan.findings, {
        ...options,
        pathPrefix: report.pathPrefix,
        reserved: { error: report.result === 'fail' ? 1 : 0 },
      });
      if (annotations.length) write(annotations.map(formatWorkflowCommand).join('\n') + '\n');
    },
  };
}

export interface SummarySinkOptions extends SummaryOptions {
  /** File the summary is appended to; default `GITHUB_STEP_SUMMARY`. */
  summaryFile?: string;
}

/** The job summary, appended to the step's summary file. */
export function summarySink(options: SummarySinkOptions = {}): Sink {
  return {
    name: 'summary',
    async publish(report) {
      const file = options.summaryFile ?? process.env.GITHUB_STEP_SUMMARY;
      if (!file) throw new Error('GITHUB_STEP_SUMMARY is not set, so there is no job summary to write to');
      const { summaryFile: _file, ...summaryOptions } = options;
      const markdown = renderSummary({
        ...report,
        ...summaryOptions,
        docsBaseUrl: options.docsBaseUrl ?? docsBaseUrlFor(report.github),
      });
      await appendFile(file, markdown, 'utf8');
    },
  };
}

export interface SarifSinkOptions extends Omit<SarifOptions, 'version' | 'pathPrefix'> {
  /** Where to write the SARIF file (the action's `sarif-file` input). */
  file: string;
}

/** A SARIF 2.1.0 file; uploading it is a separate workflow step. */
export function sarifSink(options: SarifSinkOptions): Sink {
  return {
    name: 'sarif',
    async publish(report) {
      const { file, ...sarifOptions } = options;
      const log = renderSarif(report.scan, {
        ...sarifOptions,
        version: report.version,
        pathPrefix: report.pathPrefix,
        docsBaseUrl: sarifOptions.docsBaseUrl ?? docsBaseUrlFor(report.github),
        informationUri: sarifOptions.informationUri ?? projectUrlFor(report.github),
      });
      await mkdir(path.dirname(path.resolve(file)), { recursive: true });
      await writeFile(file, `${JSON.stringify(log, null, 2)}\n`, 'utf8');
    },
  };
}
