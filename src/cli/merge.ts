// `deploy-lint merge reports/*.json`: the fan-in of a sharded scan. Reads the JSON reports of the
// shards and reports, gates and exits exactly as one scan of all their files would.
import { parseArgs } from 'node:util';
import { gating } from '../engine/scan';
import { FAIL_ON_VALUES, InputError, parseChoice } from '../action/inputs';
import { VERSION } from '../action/version';
import { allRules } from '../engine/scan';
import { CHECKERS } from '../checkers';
import { MergeError, expandReportPatterns, mergeReportFiles } from '../report/merge';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, FORMATS, type CliIo } from './run';
import { render } from './scan-command';
import { useColor } from './terminal';

export const MERGE_USAGE = `Usage: deploy-lint merge REPORT... [options]

Merges the JSON reports of shard runs (deploy-lint --format json, or the action's report-json
output): findings are de-duplicated by fingerprint, then reported and gated as one scan.
REPORT is a file or a glob (quote it to let deploy-lint expand it).

Options:
  -f, --format FORMAT   text, json, sarif, markdown or github (default: text)
  --fail-on LEVEL       error, warning, notice or never (default: error)
  --color, --no-color   force colours on or off (default: on for a terminal, off with NO_COLOR)
  -h, --help            print this help
`;

export async function runMerge(argv: readonly string[], io: CliIo): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'fail-on': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr(`deploy-lint merge: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
  if (values.help) {
    io.stdout(MERGE_USAGE);
    return EXIT_CLEAN;
  }
  try {
    const format = parseChoice('--format', values.format ?? 'text', FORMATS);
    const failOn = parseChoice('--fail-on', values['fail-on'] ?? 'error', FAIL_ON_VALUES);
    if (positionals.length === 0) throw new MergeError('name the reports to merge, e.g. reports/*.json.');
    const files = expandReportPatterns(positionals, io.cwd);
    const merged = mergeReportFiles(files, io.cwd, VERSION, allRules(CHECKERS));
    for (const warning of merged.warnings) io.stderr(`deploy-lint merge: ${warning}\n`);
    const request = {
      format,
      failOn,
      scan: { root: io.cwd },
      pathPrefix: '',
      filterMode: 'nofilter' as const,
      reproduceCommand: `deploy-lint merge ${positionals.join(' ')} --fail-on ${failOn}`,
    };
    io.stdout(render(merged.result, request, useColor(format, io, values), io.columns));
    return gating(merged.result.findings, failOn).length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
  } catch (error) {
    if (error instanceof MergeError || error instanceof InputError) {
      io.stderr(`deploy-lint merge: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
