// What GitHub workflow files say about deployment: which Dockerfile each job builds into which
// image, which AWS role it assumes (and how), and where it pushes. Values are resolved from the
// workflow's own `env` only; a value that depends on secrets, inputs or other runtime data is
// left out, so a rule never reasons about a guess.
import { parseShell, type ShellCommand } from '../../parse/shell';
import { asMap, asScalar, asSeq, mapGet, scalarString, type DataNode, type MapNode } from '../../parse/tree';
import type { SourceFile } from '../../engine/workspace';
import { parseYamlFile } from '../../parse/yaml';
import { resolveExpressions, resolveExpressionsOr, type ExpressionScope } from './expressions';
import { ecrRepository, parseImageName, type EcrRepository, type ImageName } from './images';

export interface Place {
  file: string;
  line: number;
}

/** A Dockerfile a build step turns into an image. */
export interface ImageBuild {
  image: ImageName;
  /** Scan-root relative path of the Dockerfile, forward slashes, normalized. */
  dockerfile: string;
  /** Where the build is declared (the tag, the `image:` key). */
  at: Place;
  via: 'workflow' | 'compose' | 'skaffold';
}

export interface RoleAssumption {
  arn: string;
  account: string;
  /** The role's name, the last segment of its ARN (paths dropped). */
  roleName: string;
  region?: string;
  /** Through GitHub's OIDC token (no static keys given to the step). */
  oidc: boolean;
  at: Place;
  /** The step has its own `if:`. */
  conditional: boolean;
}

export interface EcrPush {
  repository: EcrRepository;
  image: ImageName;
  at: Place;
  /** The role in force when the push runs: the last one assumed before it in the job. */
  role?: RoleAssumption;
}

/** A subject the job's OIDC token carries (`repo:owner/name:ref:refs/heads/main` without the repo part). */
export type SubjectContext = string;

export interface WorkflowJob {
  file: string;
  id: string;
  at: Place;
  /** Literal `environment:` name; undefined when the job has none. */
  environment?: string;
  /** `environment:` is an expression: the subject is unknown. */
  environmentUnknown: boolean;
  /** Effective `id-token` permission after job-level `permissions:` replaces the workflow's. */
  idTokenWrite: boolean;
  /** Where the effective permissions are written (the job's block, else the workflow's), if anywhere. */
  permissionsAt?: Place;
  conditional: boolean;
  /** `runs-on` names a GitHub-hosted runner, which has no AWS credentials of its own. */
  hostedRunner: boolean;
  roles: RoleAssumption[];
  pushes: EcrPush[];
  builds: ImageBuild[];
}

export interface Workflow {
  file: string;
  /** Subject contexts the workflow's triggers give a job without an environment; unknown ones left out. */
  subjectContexts: SubjectContext[];
  /** A trigger gives a subject that cannot be known from the file (any branch, a dispatch). */
  hasUnknownSubjects: boolean;
  jobs: WorkflowJob[];
}

export function isWorkflowFile(file: SourceFile): boolean {
  return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(file.path);
}

const GLOB = /[*?[\]!]/;

/** The jobs of a workflow file; empty for a file that is no workflow or does not parse. */
export function readWorkflow(file: SourceFile): Workflow | undefined {
  const root = asMap(parseYamlFile(file).documents[0]?.root);
  const jobs = asMap(mapGet(root, 'jobs')?.value);
  if (!root || !jobs) return undefined;
  const on = mapGet(root, 'on') ?? mapGet(root, 'true'); // YAML 1.1 readers turn `on` into true
  const triggers = readTriggers(on?.value ?? null);
  const workflowEnv = envOf(root, new Map());
  const workflowPermissions = mapGet(root, 'permissions');
  const out: Workflow = { file: file.path, ...triggers, jobs: [] };
  for (const pair of jobs.pairs) {
    const id = scalarString(pair.key);
    const job = asMap(pair.value);
    if (!id || !job || mapGet(job, 'uses')) continue;
    out.jobs.push(
      readJob(
        file,
        id,
        pair.key,
        job,
        workflowEnv,
        workflowPermissions?.value ?? null,
        workflowPermissions?.key,
      ),
    );
  }
  // Paths in a workflow are relative to the repository that holds its .github directory.
  const base = file.path.slice(0, file.path.lastIndexOf('.github/workflows/'));
  if (base) {
    for (const job of out.jobs)
      for (const build of job.builds) build.dockerfile = normalizePath(joinPath(base, build.dockerfile));
  }
  return out;
}

function readTriggers(on: DataNode | null): Pick<Workflow, 'subjectContexts' | 'hasUnknownSubjects'> {
  const contexts = new Set<string>();
  let unknown = false;
  const events = new Map<string, DataNode | null>();
  const single = scalarString(on);
  if (single) events.set(single, null);
  for (const item of asSeq(on)?.items ?? []) {
    const name = scalarString(item);
    if (name) events.set(name, null);
  }
  for (const pair of asMap(on)?.pairs ?? []) {
    const name = scalarString(pair.key);
    if (name) events.set(name, pair.value);
  }
  for (const [event, filters] of events) {
    if (event === 'pull_request') {
      contexts.add('pull_request');
    } else if (event === 'push') {
      const branches = literalList(mapGet(filters, 'branches')?.value);
      const tags = literalList(mapGet(filters, 'tags')?.value);
      const filtered = mapGet(filters, 'branches') || mapGet(filters, 'tags');
      if (!filtered || mapGet(filters, 'branches-ignore') || mapGet(filters, 'tags-ignore')) unknown = true;
      if (branches === undefined || tags === undefined) unknown = true;
      for (const b of branches ?? []) contexts.add(`ref:refs/heads/${b}`);
      for (const t of tags ?? []) contexts.add(`ref:refs/tags/${t}`);
    } else {
      // Dispatches, schedules, releases, pull_request_target...: the ref is not in the file.
      unknown = true;
    }
  }
  return { subjectContexts: [...contexts], hasUnknownSubjects: unknown };
}

/** A list of literal names; undefined when one of them is a glob (its subjects are unknown). */
function literalList(node: DataNode | null | undefined): string[] | undefined {
  if (!node) return [];
  const names = asSeq(node)?.items.map(scalarString) ?? [scalarString(node)];
  if (names.some((n) => n === undefined || GLOB.test(n))) return undefined;
  return names as string[];
}

function envOf(map: MapNode | undefined, outer: ExpressionScope): Map<string, string> {
  const scope = new Map(outer);
  for (const pair of asMap(mapGet(map, 'env')?.value)?.pairs ?? []) {
    const name = scalarString(pair.key);
    const raw = scalarString(pair.value);
    if (!name) continue;
    const value = raw === undefined ? undefined : resolveExpressions(raw, outer);
    if (value === undefined) scope.delete(name);
    else scope.set(name, value);
  }
  return scope;
}

/** `id-token: write` under the permissions that apply; none written means the default, which lacks it. */
function grantsIdToken(permissions: DataNode | null): boolean {
  const all = scalarString(permissions);
  if (all !== undefined) return all === 'write-all';
  return scalarString(mapGet(permissions, 'id-token')?.value) === 'write';
}

function readJob(
  file: SourceFile,
  id: string,
  key: DataNode,
  job: MapNode,
  workflowEnv: ExpressionScope,
  workflowPermissions: DataNode | null,
  workflowPermissionsKey: DataNode | undefined,
): WorkflowJob {
  const jobEnv = envOf(job, workflowEnv);
  const jobPermissions = mapGet(job, 'permissions');
  const permissions = jobPermissions ? (jobPermissions.value ?? null) : workflowPermissions;
  const permissionsKey = jobPermissions?.key ?? workflowPermissionsKey;
  const environment = mapGet(job, 'environment')?.value ?? null;
  const environmentName = scalarString(environment) ?? scalarString(mapGet(environment, 'name')?.value);
  const resolvedEnvironment =
    environmentName === undefined ? undefined : resolveExpressions(environmentName, jobEnv);
  const out: WorkflowJob = {
    file: file.path,
    id,
    at: { file: file.path, line: key.line },
    ...(resolvedEnvironment !== undefined && { environment: resolvedEnvironment }),
    environmentUnknown: environmentName !== undefined && resolvedEnvironment === undefined,
    idTokenWrite: grantsIdToken(permissions),
    ...(permissionsKey && { permissionsAt: { file: file.path, line: permissionsKey.line } }),
    conditional: mapGet(job, 'if') !== undefined,
    hostedRunner: isHostedRunner(mapGet(job, 'runs-on')?.value ?? null),
    roles: [],
    pushes: [],
    builds: [],
  };
  const defaultsDir = scalarString(
    mapGet(mapGet(mapGet(job, 'defaults')?.value, 'run')?.value, 'working-directory')?.value,
  );
  const outputs = new Map<string, string>();
  let role: RoleAssumption | undefined;
  for (const stepNode of asSeq(mapGet(job, 'steps')?.value)?.items ?? []) {
    const step = asMap(stepNode);
    if (!step) continue;
    const scope = envOf(step, jobEnv);
    const uses = scalarString(mapGet(step, 'uses')?.value) ?? '';
    const action = uses.split('@')[0].toLowerCase();
    const withMap = asMap(mapGet(step, 'with')?.value);
    const input = (name: string) => {
      const pair = mapGet(withMap, name);
      const raw = scalarString(pair?.value);
      return raw === undefined
        ? undefined
        : { text: resolveExpressions(raw, scope, outputs), node: pair!.value! };
    };
    const stepId = scalarString(mapGet(step, 'id')?.value);
    if (action === 'aws-actions/configure-aws-credentials') {
      const assumed = readRole(file, input, mapGet(step, 'if') !== undefined, withMap);
      if (assumed) {
        role = assumed;
        out.roles.push(assumed);
      }
    } else if (
      action === 'aws-actions/amazon-ecr-login' &&
      stepId &&
      role?.region &&
      !mapGet(withMap, 'registries')
    ) {
      // Without `registries:` the action logs in to the registry of the caller's own account.
      outputs.set(`${stepId}.registry`, `${role.account}.dkr.ecr.${role.region}.amazonaws.com`);
    } else if (action === 'docker/build-push-action') {
      readBuildPushAction(
        file,
        input,
        (text) => resolveExpressions(text, scope, outputs),
        withMap,
        role,
        out,
      );
    }
    const run = scalarString(mapGet(step, 'run')?.value);
    const runNode = mapGet(step, 'run')?.value;
    if (run !== undefined && runNode) {
      const dir = scalarString(mapGet(step, 'working-directory')?.value) ?? defaultsDir ?? '';
      readRunScript(file, run, runNode, scope, outputs, dir, role, out);
    }
  }
  return out;
}

const HOSTED_LABEL = /^(ubuntu|windows|macos)-[\w.-]+$/;

function isHostedRunner(runsOn: DataNode | null): boolean {
  const labels = asSeq(runsOn)?.items.map(scalarString) ?? [scalarString(runsOn)];
  return labels.length === 1 && labels[0] !== undefined && HOSTED_LABEL.test(labels[0]);
}

function readRole(
  file: SourceFile,
  input: (name: string) => { text?: string; node: DataNode } | undefined,
  conditional: boolean,
  withMap: MapNode | undefined,
): RoleAssumption | undefined {
  const role = input('role-to-assume');
  const match = role?.text
    ? /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/.exec(role.text)
    : null;
  if (!role || !match) return undefined;
  // The action uses the OIDC token only when it is given no other credentials to start from.
  const otherCredentials = ['aws-access-key-id', 'web-identity-token-file', 'role-chaining'].some(
    (name) => mapGet(withMap, name) !== undefined,
  );
  const region = input('aws-region')?.text;
  return {
    arn: role.text!,
    account: match[1],
    roleName: match[2],
    ...(region && { region }),
    oidc: !otherCredentials,
    at: { file: file.path, line: role.node.line },
    conditional,
  };
}

function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function readBuildPushAction(
  file: SourceFile,
  input: (name: string) => { text?: string; node: DataNode } | undefined,
  resolve: (text: string) => string | undefined,
  withMap: MapNode | undefined,
  role: RoleAssumption | undefined,
  out: WorkflowJob,
): void {
  const tags = mapGet(withMap, 'tags');
  if (!tags?.value) return;
  const context = input('context');
  const dockerfile = input('file');
  // An unresolved context or file: which Dockerfile is built is unknown.
  if ((context && context.text === undefined) || (dockerfile && dockerfile.text === undefined)) return;
  const contextDir = context?.text ?? '.';
  const path = normalizePath(dockerfile?.text ?? joinPath(contextDir, 'Dockerfile'));
  const push = scalarString(mapGet(withMap, 'push')?.value) === 'true';
  const tagNodes = asSeq(tags.value)?.items ?? [tags.value];
  for (const node of tagNodes) {
    const raw = scalarString(node);
    if (raw === undefined) continue;
    for (const [index, part] of raw.split('\n').entries()) {
      for (const tag of splitList(part)) {
        const text = resolve(tag);
        const image = text ? parseImageName(text) : undefined;
        if (!image) continue;
        const at = {
          file: file.path,
          line:
            node.line +
            (asScalar(node)?.style === 'literal' || asScalar(node)?.style === 'folded' ? index + 1 : 0),
        };
        out.builds.push({ image, dockerfile: path, at, via: 'workflow' });
        const repository = push ? ecrRepository(image) : undefined;
        if (repository) out.pushes.push({ repository, image, at, ...(role && { role }) });
      }
    }
  }
}

const MARKER = '__unresolved_expression__';

function readRunScript(
  file: SourceFile,
  script: string,
  node: DataNode,
  scope: ExpressionScope,
  outputs: ReadonlyMap<string, string>,
  workingDirectory: string,
  role: RoleAssumption | undefined,
  out: WorkflowJob,
): void {
  // Known expressions become their values; unknown ones a marker no image name can contain.
  const resolved = resolveExpressionsOr(script, scope, MARKER, outputs);
  const scalar = asScalar(node);
  const firstLine =
    scalar && (scalar.style === 'literal' || scalar.style === 'folded') ? node.line + 1 : node.line;
  const parse = parseShell(resolved, { lineOf: (offset) => firstLine + countLines(resolved, offset) });
  for (const command of parse.commands) {
    const argv = [command.name, ...command.args];
    if (argv.some((a) => a.includes(MARKER))) continue;
    const place = { file: file.path, line: command.line };
    readDockerCommand(command, argv, place, workingDirectory, role, out);
  }
}

function countLines(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function readDockerCommand(
  command: ShellCommand,
  argv: string[],
  at: Place,
  workingDirectory: string,
  role: RoleAssumption | undefined,
  out: WorkflowJob,
): void {
  if (command.name !== 'docker') return;
  let args = argv.slice(1);
  if (args[0] === 'buildx' || args[0] === 'image') args = args.slice(1);
  if (args[0] === 'push') {
    const image = args.find((a, i) => i > 0 && !a.startsWith('-'));
    const name = image ? parseImageName(image) : undefined;
    const repository = name ? ecrRepository(name) : undefined;
    if (name && repository) out.pushes.push({ repository, image: name, at, ...(role && { role }) });
    return;
  }
  if (args[0] !== 'build') return;
  const tags: string[] = [];
  let file: string | undefined;
  let context: string | undefined;
  let push = false;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '-t' || flag === '--tag') tags.push(value() ?? '');
    else if (flag === '-f' || flag === '--file') file = value();
    else if (flag === '--push') push = true;
    else if (flag.startsWith('-')) {
      if (inline === undefined && VALUE_FLAGS.has(flag)) i++;
    } else context ??= arg;
  }
  if (!context || context === '-' || /^[a-z]+:\/\//.test(context) || file === '-') return;
  const dockerfile = normalizePath(joinPath(workingDirectory, file ?? joinPath(context, 'Dockerfile')));
  for (const tag of tags) {
    const image = parseImageName(tag);
    if (!image) continue;
    out.builds.push({ image, dockerfile, at, via: 'workflow' });
    const repository = push ? ecrRepository(image) : undefined;
    if (repository) out.pushes.push({ repository, image, at, ...(role && { role }) });
  }
}

/** Flags of `docker build` that take a value as the next argument. */
const VALUE_FLAGS = new Set([
  '--build-arg',
  '--build-context',
  '--cache-from',
  '--cache-to',
  '--label',
  '--platform',
  '--target',
  '--secret',
  '--ssh',
  '--output',
  '-o',
  '--progress',
  '--network',
  '--add-host',
  '--iidfile',
  '--metadata-file',
  '--builder',
  '--shm-size',
  '--ulimit',
  '--annotation',
  '--attest',
]);

export function joinPath(dir: string, file: string): string {
  if (file.startsWith('/')) return file;
  return dir && dir !== '.' ? `${dir.replace(/\/+$/, '')}/${file}` : file;
}

/** `./a/../b/Dockerfile` -> `b/Dockerfile`; undefined segments above the root are kept as `..`. */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/^\$GITHUB_WORKSPACE\/?/, '').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
