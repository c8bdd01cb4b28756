// `deploy-lint - --stdin-filename NAME`: one file from standard input (an editor buffer, a
// rendered Helm chart), checked as if it were NAME in the current directory.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CONFIG_FILE_NAMES } from '../engine/config-file';
import { scan, type ScanOptions, type ScanResult } from '../engine/scan';
import type { CliIo } from './run';

/**
 * Writes the text to NAME inside a private temporary directory and scans only that file, with the
 * config the same command would use for a file on disk (`--config`, or .deploy-lint.yml in the
 * current directory), so ignores and severities apply by NAME as they would to the real file.
 */
export async function scanStdin(options: ScanOptions, filename: string, io: CliIo): Promise<ScanResult> {
  if (!io.readStdin) throw new Error('standard input is not available');
  const text = await io.readStdin();
  const configPath =
    options.configPath ??
    CONFIG_FILE_NAMES.map((name) => path.join(options.root, name)).find((file) => existsSync(file));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'deploy-lint-stdin-'));
  try {
    const file = path.join(dir, ...filename.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, 'utf8');
    const result = await scan({
      ...options,
      root: dir,
      paths: [filename],
      ...(configPath && { configPath }),
    });
    return { ...result, root: options.root };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
