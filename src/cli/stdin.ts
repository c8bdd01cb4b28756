// `deploy-lint - --stdin-filename NAME`: one file from standard input (an editor buffer, a
// rendered Helm chart), checked as if it were NAME in the current directory.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
    const ignoreFiles = ignoreFilesAround(options.root, filename);
    for (const ignoreFile of ignoreFiles) {
      await mkdir(path.dirname(path.join(dir, ignoreFile)), { recursive: true });
      await copyFile(path.join(options.root, ignoreFile), path.join(dir, ignoreFile));
    }
    const result = await scan({
      ...options,
      root: dir,
      paths: [filename, ...ignoreFiles],
      ...(configPath && { configPath }),
    });
    return { ...result, root: options.root };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The ignore files that govern NAME where it would be on disk (`.gitignore` and `.dockerignore` in
 * its directory and those above it, `NAME.dockerignore`), so rules that read them judge the text
 * from stdin as they would judge the file.
 */
function ignoreFilesAround(root: string, filename: string): string[] {
  const dirs = [''];
  const parts = filename.split('/').slice(0, -1);
  for (let i = 1; i <= parts.length; i++) dirs.push(parts.slice(0, i).join('/'));
  const candidates = [
    ...dirs.flatMap((dir) => ['.gitignore', '.dockerignore'].map((name) => (dir ? `${dir}/${name}` : name))),
    `${filename}.dockerignore`,
  ];
  return candidates.filter((candidate) => existsSync(path.join(root, candidate)));
}
