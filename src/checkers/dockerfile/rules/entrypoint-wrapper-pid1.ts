import type { Rule } from '../../../engine/rule';
import { effectiveCommand } from '../../../parse/shell';
import { baseName, containerProcess, type DockerfileModel } from '../model';

interface Wrapper {
  /** Words that make the wrapper: `poetry run`, `npm start`. */
  words: string[];
  why: string;
  /** `poetry run <program>` names the program it starts; `npm run <script>` names a script. */
  namesProgram?: boolean;
}

const environmentRunner = (tool: string) =>
  `keeps ${tool} in the runtime image and sits between the container runtime and the app`;
const scriptRunner = (tool: string) =>
  `runs the script through a shell as a child of ${tool}, which does not reliably forward SIGTERM`;

const WRAPPERS: Wrapper[] = [
  { words: ['poetry', 'run'], why: environmentRunner('Poetry (and its resolver)'), namesProgram: true },
  { words: ['pipenv', 'run'], why: environmentRunner('Pipenv'), namesProgram: true },
  ...['npm', 'yarn', 'pnpm'].flatMap((tool) =>
    ['start', 'run', ...(tool === 'npm' ? ['run-script'] : [])].map((verb) => ({
      words: [tool, verb],
      why: scriptRunner(tool),
    })),
  ),
];

export const entrypointWrapperPid1: Rule<DockerfileModel> = {
  id: 'dockerfile/entrypoint-wrapper-pid1',
  severity: 'notice',
  title: 'Package-manager wrapper runs as PID 1',
  help: '`poetry run`, `pipenv run`, `npm start`, `yarn start` are development conveniences: as the container\'s main process they start the application as a child, handle signals their own way (SIGTERM from `docker stop` or Kubernetes may never reach the app, which is then killed after the grace period), and keep the build tool in the runtime image. Install the application into the image\'s environment and run it directly: `CMD ["uvicorn", "app.main:app"]`, `CMD ["node", "server.js"]`.',
  example: {
    file: 'Dockerfile',
    bad: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["npm", "start"]\n',
    good: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n',
  },
  check(model, report) {
    const stage = model.finalStage;
    if (!stage) return;
    const { entrypoint, cmd, argv } = containerProcess(stage);
    // The process argv[0..1] in exec form, or the first command of a shell-form script.
    const source = entrypoint ?? cmd;
    if (!source?.execution) return;
    let words: string[] = argv;
    if (source.form === 'shell') {
      const first = source.execution.commands[0];
      if (!first) return;
      const cmdWords = effectiveCommand(first);
      words = [cmdWords.name, ...cmdWords.args];
    }
    const tool = baseName(words[0] ?? '');
    const wrapper = WRAPPERS.find((w) => w.words[0] === tool && w.words[1] === words[1]);
    if (!wrapper) return;
    const app = words[2];
    const at =
      entrypoint && (entrypoint.form === 'shell' || (entrypoint.execArgs ?? []).length >= 2)
        ? entrypoint
        : (cmd ?? source);
    report({
      file: model.path,
      line: at.line,
      endLine: at.endLine,
      message: `\`${wrapper.words.join(' ')}\` is the container's PID 1${app && wrapper.namesProgram ? ` and starts \`${app}\` under it` : ''}: it ${wrapper.why}.`,
      subject: `${at.subject}\u0000${wrapper.words.join(' ')}`,
    });
  },
};
