#!/usr/bin/env node
// The `deploy-lint` command. The work happens in runCli, which tests call in-process.
import module from 'node:module';
import { runCli } from './cli/run';
import { keepYoungGenerationSmall } from './young-generation';

keepYoungGenerationSmall();
// Node 22.1 and later keep V8's compiled code of the chunks a scan loads (in the OS temp directory,
// NODE_DISABLE_COMPILE_CACHE turns it off): a command run again starts about 40 ms sooner.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

/** Set once stdout failed: the run's own status no longer matters, the output is lost. */
let outputLost = false;

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `deploy-lint ... | head` closes the pipe early: the reader has what it wanted, so that is no crash.
  if (error.code === 'EPIPE') return;
  if (outputLost) return;
  outputLost = true;
  process.stderr.write(`deploy-lint: cannot write the output: ${error.message}
`);
  process.exitCode = 2;
});

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

runCli(process.argv.slice(2), {
  stdout: (text) => {
    if (!outputLost) process.stdout.write(text);
  },
  stderr: (text) => void process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  ...(process.stdout.isTTY && process.stdout.columns && { columns: process.stdout.columns }),
  readStdin,
}).then(
  (code) => {
    if (!outputLost) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `deploy-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
