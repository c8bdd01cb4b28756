// The GitHub Action's entry point (bundled to dist/index.js). The work happens in runAction.
import * as core from '@actions/core';
import { runAction } from './action/run';
import { keepYoungGenerationSmall } from './young-generation';

keepYoungGenerationSmall();

runAction({
  getInput: (name) => core.getInput(name),
  setOutput: (name, value) => core.setOutput(name, value),
  setFailed: (message) => core.setFailed(message),
  warning: (message) => core.warning(message),
  info: (message) => core.info(message),
  writeStdout: (text) => void process.stdout.write(text),
  env: process.env,
  cwd: process.cwd(),
}).catch((error: unknown) => {
  core.setOutput('result', 'error');
  core.setFailed(
    `deploy-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
});
