// What GitHub workflow files say about deployment: which Dockerfile each job builds into which
// image, which AWS role it assumes (and how), and where it pushes. Values are resolved from what
// the repository itself says (the workflow's `env`, literal matrices, the inputs a caller passes
// to a reusable workflow or composite action of the repository, the images a metadata-action
// step names, the repository's own name); a value that depends on secrets, variables or other
// runtime data is left out, so a rule never reasons about a guess.
import { parseShell } from '../../parse/shell';
import { asMap, asScalar, asSeq, mapGet, scalarString, type DataNode, type MapNode } from '../../parse/tree';
import type { SourceFile } from '../../engine/workspace';
import { parseYamlFile } from '../../parse/yaml';
import {
  RUN_VERSION,
  UNKNOWN,
  contextsOnly,
  hasMarker,
  resolveExpressions,
  resolveExpressionsOr,
  type ExpressionScope,
} from './expressions';
import { ecrRepository, parseImageName, type EcrRepository, type ImageName } from './images';

export interface Place {
  file: string;
  line: number;
}

/** A Dockerfile a build step turns into an image. */
export interface ImageBuild {
  image: ImageName;
  /**
   * The tag is only known at run time: `versioned` when it is made of the commit or run number (or
   * a metadata-action whose tag rules cannot yield `latest`), `unknown` otherwise. `image.tag` is
   * then undefined.
   */
  runtimeTag?: 'versioned' | 'unknown';
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
  /**
   * The permissions come from a caller this scan does not see (a reusable workflow run only by
   * `workflow_call`, that writes none of its own): whether it gets `id-token: write` is unknown.
   */
  idTokenUnknown?: boolean;
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
  /** The only trigger is `workflow_call`: it runs as part of its callers' runs. */
  reusableOnly: boolean;
  /** Workflow files of this repository its jobs call (`uses: ./.github/workflows/x.yml`). */
  calls: string[];
  jobs: WorkflowJob[];
}

export interface WorkflowReadOptions {
  /** The scan's file at a path, to follow reusable workflows and composite actions of the repository. */
  fileAt?: (path: string) => SourceFile | undefined;
  /** `owner/name`, for `github.repository` and its parts. */
  repository?: { owner: string; name: string };
}

export function isWorkflowFile(file: SourceFile): boolean {
  return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(file.path);
}

const GLOB = /[*?[\]!]/;
/** Reusable workflows may nest four levels deep; composite actions likewise. */
const MAX_NESTING = 4;
/** More matrix combinations than this and the matrix is treated as unknown. */
const MAX_COMBINATIONS = 64;

/** The jobs of a workflow file; undefined for a file that is no workflow or does not parse. */
export function readWorkflow(file: SourceFile, options: WorkflowReadOptions = {}): Workflow | undefined {
  const root = asMap(parseYamlFile(file).documents[0]?.root);
  const jobs = asMap(mapGet(root, 'jobs')?.value);
  if (!root || !jobs) return undefined;
  const on = mapGet(root, 'on') ?? mapGet(root, 'true'); // YAML 1.1 readers turn `on` into true
  const triggers = readTriggers(on?.value ?? null);
  const github = new Map<string, string>();
  if (options.repository) {
    const { owner, name } = options.repository;
    github.set('github.repository', `${owner}/${name}`);
    github.set('github.repository_owner', owner);
    github.set('github.event.repository.name', name);
  }
  const reader = new WorkflowReader(options, repositoryBase(file.path));
  const out: Workflow = { file: file.path, ...triggers, calls: [], jobs: [] };
  const permissions = mapGet(root, 'permissions');
  reader.readJobs(file, root, github, {
    permissions: permissions?.value ?? null,
    permissionsAt: permissions && { file: file.path, line: permissions.key.line },
    inheritedUnknown: triggers.reusableOnly,
    idPrefix: '',
    depth: 0,
    into: out,
  });
  // Paths in a workflow are relative to the repository that holds its .github directory.
  const base = repositoryBase(file.path);
  if (base) {
    const builds = new Set(out.jobs.flatMap((job) => job.builds));
    for (const build of builds) build.dockerfile = normalizePath(joinPath(base, build.dockerfile));
  }
  return out;
}

/** The directory that holds the `.github` directory of a workflow or action file ('' at the root). */
function repositoryBase(path: string): string {
  const at = path.lastIndexOf('.github/');
  return at >= 0 ? path.slice(0, at) : '';
}

function readTriggers(
  on: DataNode | null,
): Pick<Workflow, 'subjectContexts' | 'hasUnknownSubjects' | 'reusableOnly'> {
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
      // Dispatches, schedules, releases, pull_request_target, calls...: the ref is not in the file.
      unknown = true;
    }
  }
  const reusableOnly = events.size === 1 && events.has('workflow_call');
  return { subjectContexts: [...contexts], hasUnknownSubjects: unknown, reusableOnly };
}

/** A list of literal names; undefined when one of them is a glob (its subjects are unknown). */
function literalList(node: DataNode | null | undefined): string[] | undefined {
  if (!node) return [];
  const names = asSeq(node)?.items.map(scalarString) ?? [scalarString(node)];
  if (names.some((n) => n === undefined || GLOB.test(n))) return undefined;
  return names as string[];
}

/**
 * The scope with a map's `env` applied. A value with an unknown part keeps a marker there, so an
 * image name built from it still knows its repository when only its tag is unknown.
 */
function envOf(
  map: MapNode | undefined,
  outer: ExpressionScope,
  outputs?: ReadonlyMap<string, string>,
): Map<string, string> {
  const scope = new Map(outer);
  for (const pair of asMap(mapGet(map, 'env')?.value)?.pairs ?? []) {
    const name = scalarString(pair.key);
    const raw = scalarString(pair.value);
    if (!name) continue;
    if (raw === undefined) scope.delete(name);
    else scope.set(name, resolveExpressionsOr(raw, outer, outputs));
  }
  return scope;
}

/** `id-token: write` under the permissions that apply; none written means the default, which lacks it. */
function grantsIdToken(permissions: DataNode | null): boolean {
  const all = scalarString(permissions);
  if (all !== undefined) return all === 'write-all';
  return scalarString(mapGet(permissions, 'id-token')?.value) === 'write';
}

/** What a job inherits from the workflow, or from the job that calls its reusable workflow. */
interface Inherited {
  permissions: DataNode | null;
  permissionsAt?: Place;
  /** The permissions come from a caller the scan does not see. */
  inheritedUnknown: boolean;
  /** The caller job's permissions, which a called workflow's own block can only narrow. */
  callerGrants?: boolean;
  idPrefix: string;
  depth: number;
  into: Workflow;
}

/** A docker/metadata-action step: the image names its `tags` output carries. */
interface MetadataImages {
  images: string[];
  /** Its tag rules can produce `latest` on some run. */
  mayYieldLatest: boolean;
}

/** The state of one run of a job's steps (one matrix combination). */
interface StepRun {
  job: WorkflowJob;
  outputs: Map<string, string>;
  metadata: Map<string, MetadataImages>;
  role?: RoleAssumption;
  /** Variables earlier run steps wrote to `$GITHUB_ENV`, which later steps see. */
  addedEnv: Map<string, string>;
  defaultsDir: string;
}

class WorkflowReader {
  constructor(
    private readonly options: WorkflowReadOptions,
    private readonly base: string,
  ) {}

  private fileAt(path: string): SourceFile | undefined {
    return this.options.fileAt?.(normalizePath(path));
  }

  readJobs(file: SourceFile, root: MapNode, contexts: ExpressionScope, inherited: Inherited): void {
    const jobs = asMap(mapGet(root, 'jobs')?.value);
    const workflowEnv = envOf(root, contexts);
    for (const pair of jobs?.pairs ?? []) {
      const id = scalarString(pair.key);
      const job = asMap(pair.value);
      if (!id || !job) continue;
      const uses = scalarString(mapGet(job, 'uses')?.value);
      if (uses !== undefined) {
        this.readCall(file, id, job, uses, contexts, inherited);
        continue;
      }
      for (const read of this.readJob(file, id, pair.key, job, workflowEnv, inherited))
        inherited.into.jobs.push(read);
    }
  }

  /** `jobs.<id>.uses: ./.github/workflows/x.yml`: the called jobs run with the caller's permissions and inputs. */
  private readCall(
    file: SourceFile,
    id: string,
    job: MapNode,
    uses: string,
    contexts: ExpressionScope,
    inherited: Inherited,
  ): void {
    if (!uses.startsWith('./') || inherited.depth >= MAX_NESTING) return;
    const path = normalizePath(joinPath(this.base, uses));
    inherited.into.calls.push(path);
    const called = this.fileAt(path);
    const root = called && asMap(parseYamlFile(called).documents[0]?.root);
    if (!called || !root) return;
    const jobPermissions = mapGet(job, 'permissions');
    const permissions = jobPermissions ? (jobPermissions.value ?? null) : inherited.permissions;
    const callerGrants = grantsIdToken(permissions) && (inherited.callerGrants ?? true);
    const permissionsKey = jobPermissions?.key;
    for (const combination of matrixCombinations(job, contexts) ?? [new Map<string, string>()]) {
      const scope = new Map([...contexts, ...combination]);
      const inputs = callInputs(root, asMap(mapGet(job, 'with')?.value), scope);
      const calledScope = new Map([...contextsOnly(contexts)].filter(([k]) => k.startsWith('github.')));
      for (const [name, value] of inputs) calledScope.set(`inputs.${name}`, value);
      const calledPermissions = mapGet(root, 'permissions');
      this.readJobs(called, root, calledScope, {
        permissions: calledPermissions ? (calledPermissions.value ?? null) : permissions,
        permissionsAt: calledPermissions
          ? { file: called.path, line: calledPermissions.key.line }
          : permissionsKey
            ? { file: file.path, line: permissionsKey.line }
            : inherited.permissionsAt,
        inheritedUnknown: inherited.inheritedUnknown,
        callerGrants,
        idPrefix: `${inherited.idPrefix}${id}/`,
        depth: inherited.depth + 1,
        into: inherited.into,
      });
    }
    inherited.into.jobs = dedupeJobs(inherited.into.jobs);
  }

  /** One job, once per distinct environment its matrix gives (usually one). */
  private readJob(
    file: SourceFile,
    id: string,
    key: DataNode,
    job: MapNode,
    workflowEnv: ExpressionScope,
    inherited: Inherited,
  ): WorkflowJob[] {
    const jobPermissions = mapGet(job, 'permissions');
    const permissions = jobPermissions ? (jobPermissions.value ?? null) : inherited.permissions;
    const grants = grantsIdToken(permissions) && (inherited.callerGrants ?? true);
    const permissionsAt = jobPermissions
      ? { file: file.path, line: jobPermissions.key.line }
      : inherited.permissionsAt;
    const byEnvironment = new Map<string, WorkflowJob>();
    for (const combination of matrixCombinations(job, workflowEnv) ?? [new Map<string, string>()]) {
      const jobEnv = envOf(job, new Map([...workflowEnv, ...combination]));
      const environment = mapGet(job, 'environment')?.value ?? null;
      const environmentName = scalarString(environment) ?? scalarString(mapGet(environment, 'name')?.value);
      const resolvedEnvironment =
        environmentName === undefined ? undefined : resolveExpressions(environmentName, jobEnv);
      const read: WorkflowJob = {
        file: file.path,
        id: `${inherited.idPrefix}${id}`,
        at: { file: file.path, line: key.line },
        ...(resolvedEnvironment !== undefined && { environment: resolvedEnvironment }),
        environmentUnknown: environmentName !== undefined && resolvedEnvironment === undefined,
        idTokenWrite: grants,
        ...(!grants && inherited.inheritedUnknown && !jobPermissions && { idTokenUnknown: true }),
        ...(permissionsAt && { permissionsAt }),
        conditional: mapGet(job, 'if') !== undefined,
        hostedRunner: isHostedRunner(mapGet(job, 'runs-on')?.value ?? null, jobEnv),
        roles: [],
        pushes: [],
        builds: [],
      };
      const run: StepRun = {
        job: read,
        outputs: new Map(),
        metadata: new Map(),
        addedEnv: new Map(),
        defaultsDir:
          scalarString(
            mapGet(mapGet(mapGet(job, 'defaults')?.value, 'run')?.value, 'working-directory')?.value,
          ) ?? '',
      };
      this.readSteps(file, asSeq(mapGet(job, 'steps')?.value)?.items ?? [], jobEnv, run, 0);
      const group = `${read.environmentUnknown ? '?' : ''}${read.environment ?? ''}`;
      const existing = byEnvironment.get(group);
      if (existing) mergeInto(existing, read);
      else byEnvironment.set(group, read);
    }
    const jobs = [...byEnvironment.values()];
    if (jobs.length > 1) for (const j of jobs) j.id = `${j.id} (${j.environment ?? 'environment unknown'})`;
    return jobs;
  }

  private readSteps(
    file: SourceFile,
    steps: readonly DataNode[],
    outer: ExpressionScope,
    run: StepRun,
    depth: number,
  ): void {
    for (const stepNode of steps) {
      const step = asMap(stepNode);
      if (!step) continue;
      const scope = envOf(
        step,
        run.addedEnv.size ? new Map([...outer, ...run.addedEnv]) : outer,
        run.outputs,
      );
      const uses = scalarString(mapGet(step, 'uses')?.value) ?? '';
      const action = uses.split('@')[0].toLowerCase();
      const withMap = asMap(mapGet(step, 'with')?.value);
      const input = (name: string) => {
        const pair = mapGet(withMap, name);
        const raw = scalarString(pair?.value);
        return raw === undefined
          ? undefined
          : { text: resolveExpressions(raw, scope, run.outputs), raw, node: pair!.value! };
      };
      const stepId = scalarString(mapGet(step, 'id')?.value);
      if (action === 'aws-actions/configure-aws-credentials') {
        const assumed = readRole(file, input, mapGet(step, 'if') !== undefined, withMap);
        if (assumed) {
          run.role = assumed;
          run.job.roles.push(assumed);
        }
      } else if (action === 'aws-actions/amazon-ecr-login') {
        const registry = loginRegistry(
          input('registries'),
          mapGet(withMap, 'registries') !== undefined,
          run.role,
        );
        if (stepId && registry) run.outputs.set(`${stepId}.registry`, registry);
      } else if (action === 'docker/metadata-action') {
        const images = metadataImages(input('images')?.raw, scope, run.outputs);
        if (stepId && images.length)
          run.metadata.set(stepId, {
            images,
            mayYieldLatest: metadataMayYieldLatest(input('tags')?.raw, input('flavor')?.raw),
          });
      } else if (action === 'docker/build-push-action') {
        readBuildPushAction(file, input, scope, run, withMap);
      } else if (uses.startsWith('./') && depth < MAX_NESTING) {
        this.readCompositeAction(uses, withMap, scope, run, depth);
      }
      const run_ = scalarString(mapGet(step, 'run')?.value);
      const runNode = mapGet(step, 'run')?.value;
      if (run_ !== undefined && runNode) {
        const dir = scalarString(mapGet(step, 'working-directory')?.value) ?? run.defaultsDir;
        readRunScript(file, run_, runNode, scope, resolveExpressionsOr(dir, scope, run.outputs), run, stepId);
      }
    }
  }

  /** `uses: ./.github/actions/x`: the action's steps run in the job, with the inputs the step passes. */
  private readCompositeAction(
    uses: string,
    withMap: MapNode | undefined,
    scope: ExpressionScope,
    run: StepRun,
    depth: number,
  ): void {
    const dir = normalizePath(joinPath(this.base, uses));
    const file = this.fileAt(`${dir}/action.yml`) ?? this.fileAt(`${dir}/action.yaml`);
    const root = file && asMap(parseYamlFile(file).documents[0]?.root);
    const runs = asMap(mapGet(root, 'runs')?.value);
    if (!file || !root || scalarString(mapGet(runs, 'using')?.value) !== 'composite') return;
    const inputs = new Map<string, string>();
    for (const pair of asMap(mapGet(root, 'inputs')?.value)?.pairs ?? []) {
      const name = scalarString(pair.key);
      if (!name) continue;
      const given = scalarString(mapGet(withMap, name)?.value);
      const fallback = scalarString(mapGet(pair.value, 'default')?.value);
      const raw = given ?? fallback;
      if (raw !== undefined)
        inputs.set(
          name,
          resolveExpressionsOr(raw, given !== undefined ? scope : contextsOnly(scope), run.outputs),
        );
    }
    // The action sees the job's environment and contexts, with its own inputs.
    const actionScope = new Map([...scope].filter(([k]) => !k.startsWith('inputs.')));
    for (const [name, value] of inputs) actionScope.set(`inputs.${name}`, value);
    // Step outputs inside the action are its own; the job's stay as they were.
    const inner: StepRun = { ...run, outputs: new Map(), metadata: new Map(), defaultsDir: '' };
    this.readSteps(file, asSeq(mapGet(runs, 'steps')?.value)?.items ?? [], actionScope, inner, depth + 1);
    run.role = inner.role;
  }
}

/** The inputs a reusable workflow receives: what the caller's `with:` resolves to, else the input's default. */
function callInputs(
  called: MapNode,
  given: MapNode | undefined,
  scope: ExpressionScope,
): Map<string, string> {
  const on = asMap(mapGet(called, 'on')?.value ?? mapGet(called, 'true')?.value);
  const declared = asMap(mapGet(mapGet(on, 'workflow_call')?.value, 'inputs')?.value);
  const out = new Map<string, string>();
  for (const pair of declared?.pairs ?? []) {
    const name = scalarString(pair.key);
    if (!name) continue;
    const passed = mapGet(given, name)?.value;
    const raw =
      scalarString(passed) ?? (passed ? undefined : scalarString(mapGet(pair.value, 'default')?.value));
    // A job-level `with:` sees the contexts, not the workflow's env.
    if (raw !== undefined) out.set(name, resolveExpressionsOr(raw, contextsOnly(scope)));
  }
  return out;
}

/**
 * The combinations of a literal `strategy.matrix` (keys' lists, `include`, `exclude`), each as
 * `matrix.<key>` scope entries; undefined for a job without a matrix. A matrix built at run time
 * (`fromJSON`) gives one combination with no values, so `matrix.*` stays unknown.
 */
export function matrixCombinations(job: MapNode, scope: ExpressionScope): Map<string, string>[] | undefined {
  const matrixNode = mapGet(mapGet(job, 'strategy')?.value, 'matrix')?.value;
  if (!matrixNode) return undefined;
  const matrix = asMap(matrixNode);
  if (!matrix) return [new Map()];
  const value = (node: DataNode | null | undefined): string | undefined => {
    const text = scalarString(node);
    return text === undefined ? undefined : resolveExpressionsOr(text, contextsOnly(scope));
  };
  let combinations: Map<string, string>[] = [new Map()];
  const keys: string[] = [];
  let include: DataNode[] = [];
  let exclude: DataNode[] = [];
  for (const pair of matrix.pairs) {
    const key = scalarString(pair.key);
    if (!key) continue;
    if (key === 'include') include = asSeq(pair.value)?.items ?? [];
    else if (key === 'exclude') exclude = asSeq(pair.value)?.items ?? [];
    else {
      const items = asSeq(pair.value)?.items;
      // A key whose list is computed stays unknown in every combination.
      if (!items) continue;
      keys.push(key);
      const next: Map<string, string>[] = [];
      for (const combination of combinations) {
        for (const item of items) {
          const v = value(item);
          const extended = new Map(combination);
          if (v !== undefined) extended.set(`matrix.${key}`, v);
          next.push(extended);
        }
      }
      combinations = next;
      if (combinations.length > MAX_COMBINATIONS) return [new Map()];
    }
  }
  const entries = (node: DataNode) =>
    (asMap(node)?.pairs ?? []).flatMap((p) => {
      const k = scalarString(p.key);
      const v = value(p.value);
      return k && v !== undefined ? [[`matrix.${k}`, v] as const] : [];
    });
  combinations = combinations.filter(
    (c) => !exclude.some((e) => entries(e).every(([k, v]) => c.get(k) === v)),
  );
  const original = new Set(keys.map((k) => `matrix.${k}`));
  for (const item of include) {
    const pairs = entries(item);
    const matching = combinations.filter((c) => pairs.every(([k, v]) => !original.has(k) || c.get(k) === v));
    if (matching.length && keys.length) {
      for (const c of matching) for (const [k, v] of pairs) if (!original.has(k)) c.set(k, v);
    } else {
      combinations.push(new Map(pairs));
    }
  }
  // An empty base matrix with only `include` entries starts from nothing.
  if (!keys.length && include.length) combinations = combinations.filter((c) => c.size > 0);
  return combinations.length && combinations.length <= MAX_COMBINATIONS ? combinations : [new Map()];
}

function mergeInto(into: WorkflowJob, from: WorkflowJob): void {
  into.roles = dedupe([...into.roles, ...from.roles], (r) => `${r.arn}\u0000${r.at.file}:${r.at.line}`);
  into.pushes = dedupe(
    [...into.pushes, ...from.pushes],
    (p) => `${p.image.repository}\u0000${p.at.file}:${p.at.line}\u0000${p.role?.arn ?? ''}`,
  );
  into.builds = dedupe([...into.builds, ...from.builds], buildKey);
}

function buildKey(b: ImageBuild): string {
  return `${b.image.repository}:${b.image.tag ?? b.runtimeTag ?? ''}\u0000${b.dockerfile}\u0000${b.at.file}:${b.at.line}`;
}

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

/** Jobs a matrix of calls read more than once become one. */
function dedupeJobs(jobs: WorkflowJob[]): WorkflowJob[] {
  const byKey = new Map<string, WorkflowJob>();
  for (const job of jobs) {
    const key = `${job.id}\u0000${job.at.file}:${job.at.line}\u0000${job.environment ?? ''}`;
    const existing = byKey.get(key);
    if (existing) mergeInto(existing, job);
    else byKey.set(key, job);
  }
  return [...byKey.values()];
}

const HOSTED_LABEL = /^(ubuntu|windows|macos)-[\w.-]+$/;

function isHostedRunner(runsOn: DataNode | null, scope: ExpressionScope): boolean {
  const labels = asSeq(runsOn)?.items.map(scalarString) ?? [scalarString(runsOn)];
  const label =
    labels.length === 1 && labels[0] !== undefined ? resolveExpressions(labels[0], scope) : undefined;
  return label !== undefined && HOSTED_LABEL.test(label);
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

/**
 * The `registry` output of amazon-ecr-login: the registry of the account whose role is in force,
 * or the one account `registries:` names; undefined when either is unknown.
 */
function loginRegistry(
  registries: { text?: string } | undefined,
  hasRegistries: boolean,
  role: RoleAssumption | undefined,
): string | undefined {
  if (!role?.region) return undefined;
  if (!hasRegistries) return `${role.account}.dkr.ecr.${role.region}.amazonaws.com`;
  const accounts = registries?.text ? splitList(registries.text) : [];
  if (accounts.length !== 1 || !/^\d{12}$/.test(accounts[0])) return undefined;
  return `${accounts[0]}.dkr.ecr.${role.region}.amazonaws.com`;
}

function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The image names a metadata-action step's `images:` input gives, resolved; disabled ones left out. */
function metadataImages(
  raw: string | undefined,
  scope: ExpressionScope,
  outputs: ReadonlyMap<string, string>,
): string[] {
  const out: string[] = [];
  for (const line of (raw ?? '').split('\n')) {
    const entry = line.trim();
    if (!entry || entry.startsWith('#')) continue;
    // `name=ghcr.io/acme/api,enable=true` or a bare name (several bare names may share a line).
    const attributes = entry.includes('=') ? csvAttributes(entry) : undefined;
    const names = attributes ? [attributes.get('name') ?? ''] : splitList(entry);
    if (attributes?.get('enable')?.trim() === 'false') continue;
    for (const name of names) {
      const resolved = resolveExpressions(name.trim(), scope, outputs);
      if (resolved && parseImageName(resolved)) out.push(resolved);
    }
  }
  return out;
}

function csvAttributes(entry: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of csvAttributesParts(entry)) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

/** Tag rule types for which `flavor: latest=auto` (the default) adds `latest`. */
const AUTO_LATEST_TYPES = new Set(['semver', 'pep440', 'match']);

/**
 * Whether a metadata-action's tag rules can give `latest` on some run. With `latest=auto` (the
 * default) semver, pep440 and match rules, and a git tag ref, add it; `latest=true` always does;
 * a raw value of `latest`, or a value the file does not fix, may be it. No `tags:` input means the
 * defaults, which include the git tag ref.
 */
export function metadataMayYieldLatest(tags: string | undefined, flavor: string | undefined): boolean {
  const latestFlavor = /(^|[\n,])\s*latest\s*=\s*([^,\n]*)/.exec(flavor ?? '')?.[2]?.trim() ?? 'auto';
  if (latestFlavor !== 'auto' && latestFlavor !== 'false') return true;
  const auto = latestFlavor === 'auto';
  // A suffix or prefix on latest changes its name; what it becomes then is not worth guessing.
  if (/(^|[\n,])\s*(prefix|suffix)\s*=.*onlatest\s*=\s*true/.test(flavor ?? '')) return true;
  const lines = (tags ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (!lines.length) return auto;
  for (const line of lines) {
    const attributes = line.includes('=') ? csvAttributes(line) : new Map([['value', line]]);
    const type = attributes.get('type') ?? 'raw';
    if (attributes.get('enable')?.trim() === 'false') continue;
    if (AUTO_LATEST_TYPES.has(type) && auto) return true;
    if (type === 'ref' && attributes.get('event') === 'tag' && auto) return true;
    if (type === 'raw') {
      const value = attributes.get('value') ?? '';
      if (value === 'latest' || value.includes('{{') || value === '') return true;
    }
    if (type === 'edge' && /\{\{|latest/.test(attributes.get('branch') ?? '')) return true;
    if (!['semver', 'pep440', 'match', 'ref', 'raw', 'edge', 'sha', 'schedule'].includes(type)) return true;
    if (/latest/.test(attributes.get('prefix') ?? '') || /latest/.test(attributes.get('suffix') ?? ''))
      return true;
  }
  return false;
}

/** An image reference whose tag only the run knows: the repository, and what kind of tag it gets. */
export function builtImage(
  text: string,
): { image: ImageName; runtimeTag?: ImageBuild['runtimeTag'] } | undefined {
  if (!hasMarker(text)) {
    const image = parseImageName(text);
    return image && { image };
  }
  const slash = text.lastIndexOf('/');
  const colon = text.lastIndexOf(':');
  if (colon <= slash) return undefined;
  const repository = text.slice(0, colon);
  const tag = text.slice(colon + 1);
  if (hasMarker(repository) || tag.includes('@')) return undefined;
  const image = parseImageName(repository);
  if (!image || image.tag !== undefined || image.digest !== undefined) return undefined;
  return { image, runtimeTag: tag.includes(UNKNOWN) || !tag.includes(RUN_VERSION) ? 'unknown' : 'versioned' };
}

/** `steps.<id>.outputs.tags` (or the json output's tags) of a metadata-action step. */
const METADATA_OUTPUT =
  /^\$\{\{\s*(?:steps\.([A-Za-z0-9_-]+)\.outputs\.tags|fromJSON\(\s*steps\.([A-Za-z0-9_-]+)\.outputs\.json\s*\)\.tags)\s*\}\}$/i;

function readBuildPushAction(
  file: SourceFile,
  input: (name: string) => { text?: string; raw: string; node: DataNode } | undefined,
  scope: ExpressionScope,
  run: StepRun,
  withMap: MapNode | undefined,
): void {
  const tags = mapGet(withMap, 'tags');
  if (!tags?.value) return;
  const context = input('context');
  const dockerfile = input('file');
  // An unresolved context or file: which Dockerfile is built is unknown.
  if ((context && context.text === undefined) || (dockerfile && dockerfile.text === undefined)) return;
  const contextDir = context?.text ?? '.';
  // A Git URL context builds what the remote holds, not this checkout.
  if (/^[a-z]+:\/\/|^git@|\.git(#|$)/.test(contextDir)) return;
  // `file` is relative to the working directory, not to the context.
  const path = normalizePath(dockerfile?.text ?? joinPath(contextDir, 'Dockerfile'));
  const pushValue = scalarString(mapGet(withMap, 'push')?.value);
  // An expression pushes on the runs where it holds; the role needs the permission for those.
  const push = pushValue === 'true' || (pushValue !== undefined && pushValue.includes('${{'));
  const tagNodes = asSeq(tags.value)?.items ?? [tags.value];
  for (const node of tagNodes) {
    const raw = scalarString(node);
    if (raw === undefined) continue;
    for (const [index, part] of raw.split('\n').entries()) {
      const at = {
        file: file.path,
        line:
          node.line +
          (asScalar(node)?.style === 'literal' || asScalar(node)?.style === 'folded' ? index + 1 : 0),
      };
      const metadata = METADATA_OUTPUT.exec(part.trim());
      const fromMetadata = metadata ? run.metadata.get(metadata[1] ?? metadata[2]) : undefined;
      const references = fromMetadata
        ? fromMetadata.images.map((name) => ({
            image: parseImageName(name)!,
            runtimeTag: (fromMetadata.mayYieldLatest ? 'unknown' : 'versioned') as ImageBuild['runtimeTag'],
          }))
        : metadata
          ? []
          : splitTags(part).flatMap((tag) => builtImage(resolveExpressionsOr(tag, scope, run.outputs)) ?? []);
      for (const { image, runtimeTag } of references) {
        run.job.builds.push({
          image,
          ...(runtimeTag && { runtimeTag }),
          dockerfile: path,
          at,
          via: 'workflow',
        });
        const repository = push ? ecrRepository(image) : undefined;
        if (repository) run.job.pushes.push({ repository, image, at, ...(run.role && { role: run.role }) });
      }
    }
  }
}

/** Tags of one line, split on commas outside expressions. */
function splitTags(line: string): string[] {
  return [...csvAttributesParts(line)].map((s) => s.trim()).filter(Boolean);
}

/** `a=1,b=${{ x, y }}` split at the commas outside `${{ }}` (expressions may hold commas). */
function csvAttributesParts(entry: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < entry.length; i++) {
    if (entry.startsWith('${{', i)) depth++;
    if (entry.startsWith('}}', i) && depth > 0) depth--;
    if (entry[i] === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += entry[i];
  }
  parts.push(current);
  return parts;
}

/** GitHub's default variables a run step can read, as far as the links know them. */
function defaultVariable(name: string, scope: ExpressionScope): string | undefined {
  if (name === 'GITHUB_SHA' || name === 'GITHUB_RUN_NUMBER' || name === 'GITHUB_RUN_ID') return RUN_VERSION;
  if (name === 'GITHUB_REPOSITORY') return scope.get('github.repository');
  if (name === 'GITHUB_REPOSITORY_OWNER') return scope.get('github.repository_owner');
  if (name === 'GITHUB_WORKSPACE') return '.';
  return undefined;
}

const LOWERCASE =
  /^\$\(\s*echo\s+(["']?)([^|()"']*)\1\s*\|\s*tr\s+(["']?)(\[:upper:\]|A-Z)\3\s+(["']?)(\[:lower:\]|a-z)\5\s*\)$/;
const COMMIT = /^\$\(\s*git\s+rev-parse\s+(--short(=\d+)?\s+)?HEAD\s*\)$/;
const SHORT_SHA =
  /^\$\(\s*echo\s+["']?\$\{?GITHUB_SHA\}?["']?\s*\|\s*(cut\s+-c\s*1-\d+|head\s+-c\s*\d+)\s*\)$/;

/**
 * The few command substitutions whose output the file fixes: lowercasing a known text (image
 * names are compared lowercased anyway), and the commit (`git rev-parse HEAD`, a cut of
 * `$GITHUB_SHA`), which is versioned. Any other is unknown.
 */
function knownSubstitution(
  text: string,
  variables: ReadonlyMap<string, string>,
  scope: ExpressionScope,
): string {
  const lower = LOWERCASE.exec(text);
  if (lower) return expandWord(lower[2].trim(), variables, scope).toLowerCase();
  if (COMMIT.test(text) || SHORT_SHA.test(text)) return RUN_VERSION;
  return UNKNOWN;
}

/**
 * `$NAME` and `${NAME}` replaced by what the step's environment and the script's own earlier
 * assignments say; any other expansion (defaults, command substitution) becomes UNKNOWN.
 */
function expandWord(word: string, variables: ReadonlyMap<string, string>, scope: ExpressionScope): string {
  const substituted = word.replace(/\$\((?:[^()]|\([^()]*\))*\)|`[^`]*`/g, (substitution) =>
    knownSubstitution(substitution, variables, scope),
  );
  if (/\$\(|`/.test(substituted)) return UNKNOWN;
  return substituted.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_, braced, rest, bare) => {
      if (rest === ',,') return (variables.get(braced as string) ?? UNKNOWN).toLowerCase();
      if (rest) return UNKNOWN;
      const name = (braced ?? bare) as string;
      return variables.get(name) ?? defaultVariable(name, scope) ?? UNKNOWN;
    },
  );
}

function readRunScript(
  file: SourceFile,
  script: string,
  node: DataNode,
  scope: ExpressionScope,
  workingDirectory: string,
  run: StepRun,
  stepId: string | undefined,
): void {
  // Known expressions become their values; unknown ones a marker no image name can contain.
  const resolved = resolveExpressionsOr(script, scope, run.outputs);
  const scalar = asScalar(node);
  const firstLine =
    scalar && (scalar.style === 'literal' || scalar.style === 'folded') ? node.line + 1 : node.line;
  const parse = parseShell(resolved, { lineOf: (offset) => firstLine + countLines(resolved, offset) });
  // The step's environment variables, then what the script assigns as it goes (in order).
  const variables = new Map([...scope].filter(([k]) => !k.includes('.')));
  const aliases = new Map<string, ImageBuild>();
  const writtenOnce = new Set<string>();
  for (const command of parse.commands) {
    const assignments =
      command.name === ''
        ? command.envAssignments
        : command.name === 'export'
          ? command.args
              .filter((a) => a.includes('='))
              .map((a) => ({
                name: a.slice(0, a.indexOf('=')),
                value: a.slice(a.indexOf('=') + 1),
                dynamic: false,
              }))
          : [];
    for (const a of assignments) variables.set(a.name, expandWord(a.value, variables, scope));
    const written = command.redirects.find(
      (r) => /^>>?$/.test(r.op) && /^\$\{?GITHUB_(OUTPUT|ENV)\}?$/.test(r.target),
    );
    if (written && (command.name === 'echo' || command.name === 'printf')) {
      // `echo "name=value" >> $GITHUB_OUTPUT`: a step output (or a variable of the later steps).
      const text = command.args
        .filter((a) => !/^-[neE]+$/.test(a))
        .map((a) => expandWord(a, variables, scope))
        .join(' ');
      const eq = text.indexOf('=');
      const name = eq > 0 ? text.slice(0, eq) : '';
      if (/^[A-Za-z_][\w-]*$/.test(name)) {
        const toEnv = written.target.includes('GITHUB_ENV');
        const key = toEnv ? name : stepId ? `${stepId}.${name}` : undefined;
        const map = toEnv ? run.addedEnv : run.outputs;
        // Written twice (in two branches of an if), its value depends on the run.
        const value =
          writtenOnce.has(`${toEnv}:${name}`) && map.get(key ?? '') !== text.slice(eq + 1)
            ? UNKNOWN
            : text.slice(eq + 1);
        writtenOnce.add(`${toEnv}:${name}`);
        if (key) map.set(key, value);
      }
      continue;
    }
    if (command.name !== 'docker') continue;
    const argv = [command.name, ...command.args.map((a) => expandWord(a, variables, scope))];
    const place = { file: file.path, line: command.line };
    readDockerCommand(argv, place, workingDirectory, run, aliases);
  }
}

function countLines(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function readDockerCommand(
  argv: string[],
  at: Place,
  workingDirectory: string,
  run: StepRun,
  aliases: Map<string, ImageBuild>,
): void {
  let args = argv.slice(1);
  if (args[0] === 'buildx' || args[0] === 'image') args = args.slice(1);
  if (args[0] === 'push') {
    const image = args.find((a, i) => i > 0 && !a.startsWith('-'));
    const name = image ? builtImage(image)?.image : undefined;
    const repository = name ? ecrRepository(name) : undefined;
    if (name && repository)
      run.job.pushes.push({ repository, image: name, at, ...(run.role && { role: run.role }) });
    return;
  }
  if (args[0] === 'tag') {
    // `docker tag built other`: the Dockerfile that built the first name built the second too.
    const [source, target] = args.slice(1).filter((a) => !a.startsWith('-'));
    const from = source
      ? (aliases.get(source) ??
        run.job.builds.find((b) => b.image.repository === builtImage(source)?.image.repository))
      : undefined;
    const to = target ? builtImage(target) : undefined;
    if (from && to) {
      const build: ImageBuild = {
        image: to.image,
        ...(to.runtimeTag && { runtimeTag: to.runtimeTag }),
        dockerfile: from.dockerfile,
        at,
        via: 'workflow',
      };
      run.job.builds.push(build);
      aliases.set(target!, build);
    }
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
  if (hasMarker(context) || (file !== undefined && hasMarker(file)) || hasMarker(workingDirectory)) return;
  const dockerfile = normalizePath(joinPath(workingDirectory, file ?? joinPath(context, 'Dockerfile')));
  for (const tag of tags) {
    const built = builtImage(tag);
    if (!built) continue;
    const build: ImageBuild = {
      image: built.image,
      ...(built.runtimeTag && { runtimeTag: built.runtimeTag }),
      dockerfile,
      at,
      via: 'workflow',
    };
    run.job.builds.push(build);
    aliases.set(tag, build);
    const repository = push ? ecrRepository(built.image) : undefined;
    if (repository)
      run.job.pushes.push({ repository, image: built.image, at, ...(run.role && { role: run.role }) });
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
