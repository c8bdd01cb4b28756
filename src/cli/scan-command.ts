// The scan a command line asks for, and its output: loaded only when a command scans, with the
// checkers and the engine, so that `--version` and `--help` start without them.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../engine/config-file';
import { CHECKERS } from '../checkers';
import { CHECKER_IDS } from '../engine/rule';
import { gating, scan, type ScanResult } from '../engine/scan';
import { VERSION } from '../action/version';
import { renderText } from '../report/text';
import { renderJson } from '../report/json';
import { renderSarif } from '../report/sarif';
import { renderMarkdown } from '../report/summary';
import { rulesDocsUrl } from '../report/docs-url';
import { renderGithubCommands } from '../report/github';
import { gitDiffIndex, type DiffIndex } from '../report/diff';
import {
  BaselineError,
  readBaseline,
  renderBaseline,
  selectFindings,
  type Selection,
} from '../report/filter';
import { scanStdin } from './stdin';
import { useColor } from './terminal';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, UsageError, type CliIo, type CliRequest } from './run';

/** Renders the scan in the requested format; `columns` is the terminal width text wraps to. */
export function render(
  result: ScanResult,
  request: CliRequest,
  color: boolean,
  columns?: number,
  env: Readonly<Record<string, string | undefined>> = {},
  change?: { selection: Selection; baseline?: ReadonlySet<string> },
): string {
  const docsBaseUrl = rulesDocsUrl(env, VERSION);
  switch (request.format) {
    case 'text':
      return renderText(result, { color, ...(columns && { width: columns }), docsBaseUrl });
    case 'json':
      return renderJson(result, VERSION);
    case 'sarif':
      return `${JSON.stringify(renderSarif(result, { version: VERSION, pathPrefix: request.pathPrefix, docsBaseUrl }), null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(result, {
        failOn: request.failOn,
        version: VERSION,
        ...(change && { gating: gating(change.selection.selected, request.failOn) }),
        ...(change?.baseline && { baseline: change.baseline }),
        docsBaseUrl,
        reproduce: request.reproduceCommand
          ? {
              command: request.reproduceCommand,
              ...(request.commandDir && { from: request.commandDir }),
            }
          : {
              ...(request.scan.paths && { paths: request.scan.paths }),
              ...(request.scan.exclude && { exclude: request.scan.exclude }),
              ...(request.scan.configPath && {
                config: path.relative(request.scan.root, request.scan.configPath),
              }),
              ...(request.scan.only && { checkers: request.scan.only }),
              ...(request.pathPrefix && { from: request.pathPrefix }),
            },
      });
    case 'github':
      return renderGithubCommands(result, {
        pathPrefix: request.pathPrefix,
        ...(change && { findings: change.selection.selected }),
      });
  }
}

/** Scans as the command line asks, prints the report, and returns the exit status. */
export async function runScan(request: CliRequest, io: CliIo): Promise<number> {
  for (const id of request.scan.only ?? []) {
    if (!CHECKERS.some((c) => c.id === id)) {
      io.stderr(`deploy-lint: the ${id} checker is not available in this version; it checks nothing.\n`);
    }
  }

  let result: ScanResult;
  try {
    result = request.stdinFilename
      ? await scanStdin({ ...request.scan, checkers: CHECKERS }, request.stdinFilename, io)
      : await scan({ ...request.scan, checkers: CHECKERS });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`deploy-lint: invalid config: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`deploy-lint: the scan failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }

  // The config's own list: the default names every checker, so only a list the file narrowed counts.
  if (result.config.file && result.config.checkers.length < CHECKER_IDS.length) {
    for (const id of result.config.checkers) {
      if (!CHECKERS.some((c) => c.id === id) && !request.scan.only?.includes(id)) {
        io.stderr(
          `deploy-lint: the ${id} checker is not available in this version (checkers in ${result.config.file}); it checks nothing.\n`,
        );
      }
    }
  }

  if (request.scan.paths && result.stats.files === 0) {
    io.stderr(`deploy-lint: ${request.scan.paths.join(', ')} matches no file; nothing was checked.\n`);
  }

  let change: { selection: Selection; baseline?: ReadonlySet<string> } | undefined;
  try {
    change = selectChange(result, request, io);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof BaselineError)) throw error;
    io.stderr(`deploy-lint: ${error.message}\n`);
    return EXIT_USAGE;
  }

  const color = useColor(request.format, io, request.colorFlags ?? {});
  io.stdout(render(result, request, color, io.stdoutIsTTY ? io.columns : undefined, io.env, change));
  const gates = change ? change.selection.selected : result.findings;
  return gating(gates, request.failOn).length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

/**
 * --diff-base, --baseline and --write-baseline: which findings gate. Undefined when none is given
 * (every finding gates). Says on stderr what does not gate, so the exit status is never a surprise.
 */
function selectChange(
  result: ScanResult,
  request: CliRequest,
  io: CliIo,
): { selection: Selection; baseline?: ReadonlySet<string> } | undefined {
  if (!request.diffBase && !request.baseline && !request.writeBaseline) return undefined;
  if (request.writeBaseline) {
    writeFileSync(request.writeBaseline, renderBaseline(result.findings), 'utf8');
    io.stderr(
      `deploy-lint: wrote ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} to the baseline ${path.relative(io.cwd, request.writeBaseline) || request.writeBaseline}; with --baseline they no longer gate.\n`,
    );
  }
  const baselineFile = request.baseline ?? request.writeBaseline;
  const baseline = baselineFile ? readBaseline(baselineFile, path.relative(io.cwd, baselineFile)) : undefined;
  let diff: DiffIndex | undefined;
  if (request.diffBase) {
    try {
      diff = gitDiffIndex(request.scan.root, request.diffBase);
    } catch (error) {
      const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
      throw new UsageError(`--diff-base ${request.diffBase}: git diff failed: ${detail}`);
    }
  }
  const selection = selectFindings(result.findings, {
    ...(diff && { diff }),
    mode: request.filterMode,
    ...(baseline && { baseline }),
  });
  const parts: string[] = [];
  if (selection.outsideChange.length) {
    parts.push(
      `${selection.outsideChange.length} outside the change since ${request.diffBase} (filter-mode ${request.filterMode})`,
    );
  }
  if (selection.known.length) parts.push(`${selection.known.length} in the baseline`);
  if (parts.length) io.stderr(`deploy-lint: findings that do not gate: ${parts.join(', ')}.\n`);
  return { selection, ...(baseline && { baseline }) };
}
