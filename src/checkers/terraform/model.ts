/**
 * What the Terraform rules ask about: modules by directory (from `.tf` and `.tf.json` files, and
 * which are root modules, Terragrunt's included), their backends with the settings in force
 * (`-backend-config` files merged), the S3 buckets managed here with their versioning, and the
 * repository facts around state (committed state files, .terraform/ directories, .gitignore).
 */
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { RunContext } from '../../engine/rule';
import { isTestData } from '../../engine/test-data';
import type { SourceFile } from '../../engine/workspace';
import {
  attribute,
  blocksOfType,
  literalString,
  parseTerraformJson,
  type HclAttribute,
  type HclBlock,
  type HclDocument,
  type HclLiteralValue,
  type HclSyntaxError,
} from '../../parse/hcl';
import { discoveredGitignores, type GitignoreFile, type RepoGitignores } from './gitignores';
import { emptyStateFiles } from './state-files';
import { readTerragrunt, type TerragruntFacts } from './terragrunt';
import { tutorialReadme } from './tutorial';

export interface TerraformFile {
  file: SourceFile;
  document: HclDocument;
}

/** A block and the file it is written in. */
export interface Declared {
  block: HclBlock;
  file: SourceFile;
}

export interface Resource extends Declared {
  type: string;
  name: string;
}

export interface ModuleCall extends Declared {
  name: string;
  /** The `source` when it is a literal. */
  source?: string;
  /** Scan-root relative directory of a local source (`./modules/x`, `../shared`). */
  localDir?: string;
  caller: TerraformModule;
}

export interface RequiredVersion {
  constraint: string;
  attribute: HclAttribute;
  file: SourceFile;
}

/** The `.tf` files of one directory. */
export interface TerraformModule {
  /** Scan-root relative, '' at the root. */
  dir: string;
  files: TerraformFile[];
  resources: Resource[];
  moduleCalls: ModuleCall[];
  providers: Declared[];
  /** `backend` blocks and `cloud` blocks of the module's `terraform` blocks. */
  backends: Backend[];
  /** Every `terraform { required_version }`: all of them must hold. */
  requiredVersions: RequiredVersion[];
  /** Blocks `module` elsewhere in the repo whose local source is this directory. */
  callers: ModuleCall[];
  /** `terragrunt.hcl` files that deploy this directory (Terragrunt runs `apply` for it). */
  terragruntUnits: SourceFile[];
  /** How many `variable` and `output` blocks it declares: the interface a caller sees. */
  variables: number;
  outputs: number;
  /** Whether a `terraform` block declares `required_providers`. */
  declaresRequiredProviders: boolean;
  /** Why this directory is a reusable module for callers elsewhere, when it is one (see `reusableModuleReason`). */
  reusable?: string;
  /**
   * The wrapper that writes this module's backend at init when it has no block of its own
   * (Terragrunt's `remote_state`, atmos, a generated and git-ignored backend file, a
   * `-backend-config` file beside it); undefined otherwise.
   */
  injectedBackend?: string;
  /** Whether `terraform apply` is run here, so state lives here (see `isRootModule`). */
  isRoot: boolean;
  /** The README that presents this directory as the companion of a tutorial, codelab or workshop. */
  tutorialReadme?: string;
  /** A Go test (Terratest) that applies and destroys this directory as its `TerraformDir`. */
  terratest?: string;
  /** Where to write a missing `backend` block: the first `terraform` block, else the first resource or module call. */
  anchor?: Declared;
}

export interface Backend extends Declared {
  kind: 'backend' | 'cloud';
  /** The backend type (`s3`, `gcs`, `local`...), or `cloud` for a `cloud` block. */
  type: string;
  module: TerraformModule;
  /** `*.tfbackend` files beside the module, passed with `terraform init -backend-config=...`. */
  configFiles: TerraformFile[];
  /** The settings in force: the block alone, or the block merged with each config file. */
  settings: BackendSettings[];
}

export interface BackendSetting {
  attribute: HclAttribute;
  file: SourceFile;
}

export interface BackendSettings {
  backend: Backend;
  /** The -backend-config file merged over the block, when there is one. */
  configFile?: SourceFile;
  /** Setting name -> where it is written; a config file's value wins over the block's. */
  values: ReadonlyMap<string, BackendSetting>;
  /**
   * False when settings a backend cannot do without (an S3 `bucket`) are missing: the rest then
   * comes from `-backend-config` flags or files this scan cannot see, so nothing is concluded.
   */
  complete: boolean;
  /** Where a finding about a missing setting goes: the backend block, or the config file. */
  file: SourceFile;
  line: number;
  /** For messages: `backend "s3" in infra/main.tf`, plus `with infra/prod.s3.tfbackend` for a config file. */
  where: string;
}

export type BucketVersioning =
  | { status: 'enabled' }
  /** Written with values known only at plan time (variables, unresolvable bucket references). */
  | { status: 'unknown' }
  | { status: 'off'; detail: string; at?: BackendSetting };

export interface S3Bucket extends Declared {
  /** The literal `bucket` name. */
  name: string;
  resourceName: string;
  module: TerraformModule;
  versioning: BucketVersioning;
}

export interface BackendConfigFile extends TerraformFile {
  /** The backend block the file completes, when one sits in its directory or above it. */
  backend?: Backend;
}

/** Terraform paths in the repository that should never be committed. */
export interface CommittedFiles {
  /** 'git' when the scan root is a git checkout (tracked files), 'walk' otherwise (discovered files). */
  source: 'git' | 'walk';
  /** `*.tfstate`, `*.tfstate.backup`, `*.tfstate.*` outside .terraform/ directories. */
  stateFiles: string[];
  /** Those of `stateFiles` that hold no resource and no output (left by `init` or a destroy). */
  emptyStateFiles: string[];
  /** Saved plans (`terraform plan -out=x.tfplan`, or one named `tfplan`). */
  planFiles: string[];
  /** Each .terraform/ directory with the files in it. */
  dotTerraform: {
    dir: string;
    files: string[];
    /** Credential settings with a value in its cached backend configuration (`.terraform/terraform.tfstate`), when readable. */
    cachedCredentials: string[];
  }[];
}

/** A directory where Terraform writes state or .terraform/ that no .gitignore keeps out of git. */
export interface IgnoreGap {
  dir: string;
  /** The patterns to add, e.g. `*.tfstate`, `*.tfstate.*`, `.terraform/`. */
  missing: string[];
  /** The nearest .gitignore at or above `dir` (possibly above the scan root), where the patterns belong. */
  gitignore?: GitignoreFile;
}

export interface TerraformModel {
  files: TerraformFile[];
  syntaxErrors: { file: SourceFile; error: HclSyntaxError }[];
  modules: TerraformModule[];
  backends: Backend[];
  /**
   * Every `-backend-config` file of the scan, whether or not a backend block it completes could be
   * found (one in a sibling directory is passed with a path this scan cannot see).
   */
  backendConfigFiles: BackendConfigFile[];
  /** `aws_s3_bucket` resources with a literal name, by name. */
  bucketsByName: ReadonlyMap<string, S3Bucket[]>;
  committed: CommittedFiles;
  ignoreGaps: IgnoreGap[];
  /** Every path known in the repository (tracked or discovered). */
  repoPaths: ReadonlySet<string>;
  /** Whether Terragrunt configuration supplies the backend of the modules it deploys (`remote_state`). */
  terragruntSuppliesBackend: boolean;
  /** Absolute path of the scan root, for facts that must not depend on where the scan started. */
  root: string;
  /** Whether remote state is the repository's practice, judged once for every rule that asks. */
  statePractice: StatePractice;
  /**
   * Where the repository shows it runs OpenTofu (`.tofu` files, `.opentofu-version`, a workflow that
   * sets up or runs `tofu`), which evaluates variables and locals in a backend block (1.8+).
   */
  openTofu?: string;
}

/** Terraform configuration files this checker models, in native (`.tf`) or JSON (`.tf.json`) syntax. */
export function isConfigurationPath(p: string): boolean {
  return (p.endsWith('.tf') || p.endsWith('.tf.json')) && !inToolCopy(p);
}

/** Whether a configuration file is in Terraform's JSON syntax, where HCL text edits do not apply. */
export function isJsonSyntax(file: SourceFile): boolean {
  return file.path.endsWith('.json');
}

/**
 * `-backend-config` files: `*.tfbackend`, the naming convention Terraform documents, and `.hcl`
 * files named for a backend (`backend.hcl`, `backend-prod.hcl`, `prod.backend.hcl`), the other
 * common one. An `.hcl` file with blocks in it is Terragrunt's, not a backend configuration: the
 * model leaves it out (see `isBackendConfigDocument`).
 */
export function isBackendConfigPath(p: string): boolean {
  if (inToolCopy(p)) return false;
  if (p.endsWith('.tfbackend')) return true;
  const name = p.slice(p.lastIndexOf('/') + 1);
  return name.endsWith('.hcl') && /(^|[._-])backend([._-]|$)/i.test(name.slice(0, -'.hcl'.length));
}

/** A backend configuration file holds settings only; blocks mean some other HCL file. */
function isBackendConfigDocument({ file, document }: TerraformFile): boolean {
  return file.path.endsWith('.tfbackend') || document.blocks.length === 0;
}

/** `terraform.tfstate`, `x.tfstate.backup`, `terraform.tfstate.1712345678.backup`. */
export function isStatePath(p: string): boolean {
  return /\.tfstate(\.[^/]+)?$/.test(p);
}

/** A saved plan: `*.tfplan`, or the name `tfplan` the documentation's examples use. */
export function isPlanPath(p: string): boolean {
  const name = p.slice(p.lastIndexOf('/') + 1);
  return name === 'tfplan' || (name.endsWith('.tfplan') && name.length > '.tfplan'.length);
}

/**
 * Copies of configuration that tools make: modules `terraform init` downloads into `.terraform/`,
 * and the working copies Terragrunt makes in `.terragrunt-cache/`. They are not the repository's.
 */
function inToolCopy(p: string): boolean {
  return inDotTerraform(p) || p.startsWith('.terragrunt-cache/') || p.includes('/.terragrunt-cache/');
}

export function inDotTerraform(p: string): boolean {
  return p === '.terraform' || p.startsWith('.terraform/') || p.includes('/.terraform/');
}

export function dirOf(p: string): string {
  const slash = p.lastIndexOf('/');
  return slash < 0 ? '' : p.slice(0, slash);
}

/** A directory for messages: `.` for the scan root. */
export function displayDir(dir: string): string {
  return dir === '' ? '.' : dir;
}

/** Appends to the list under a key, creating it. */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * `parseNative` reads native syntax (HCL); files in JSON syntax are read with the JSON parser,
 * which needs no WebAssembly and so still works when the HCL parser could not load. `gitignores`
 * default to the discovered ones; the checker also reads those the scan left out (`loadGitignores`).
 */
export function buildTerraformModel(
  files: readonly SourceFile[],
  ctx: RunContext,
  parseNative: (file: SourceFile) => HclDocument,
  gitignores: RepoGitignores = discoveredGitignores(ctx.allFiles),
): TerraformModel {
  const parse = (file: SourceFile) => (isJsonSyntax(file) ? parseTerraformJson(file) : parseNative(file));
  const parsed = files
    .filter((f) => isConfigurationPath(f.path))
    .map((file) => ({ file, document: parse(file) }));
  const backendConfigFiles: BackendConfigFile[] = files
    .filter((f) => isBackendConfigPath(f.path))
    .map((file) => ({ file, document: parse(file) }));
  const syntaxErrors = [...parsed, ...backendConfigFiles]
    .filter((t) => t.document.errors.length > 0)
    .map((t) => ({ file: t.file, error: t.document.errors[0] }));

  const modules = groupModules(parsed);
  linkModuleCalls(modules);
  const terragrunt = readTerragrunt(ctx.allFiles, parseNative);
  for (const module of modules) module.terragruntUnits = terragrunt.deployments.get(module.dir) ?? [];
  const rootName = path.basename(ctx.root);
  for (const module of modules) module.reusable = reusableModuleReason(module, modules, rootName);
  const tested = terratestDirs(ctx.allFiles);
  for (const module of modules) {
    const test = tested.get(module.dir);
    if (test) module.terratest = test;
  }
  for (const module of modules) module.isRoot = isRootModule(module);
  for (const module of modules) {
    const readme = module.isRoot ? tutorialReadme(ctx, module.dir) : undefined;
    if (readme) module.tutorialReadme = readme;
  }
  const backends = modules.flatMap((m) => m.backends);
  const backendConfigs = backendConfigFiles.filter(isBackendConfigDocument);
  attachBackendConfigs(backends, backendConfigs);
  const wrappers = {
    terragrunt,
    atmosDirs: atmosProjectDirs(ctx.allFiles),
    backendConfigs,
    backendTemplates: ctx.allFiles.filter(isBackendTemplate),
    gitignores,
    moduleDirs: new Set(modules.map((m) => m.dir)),
  };
  for (const module of modules) module.injectedBackend = injectedBackend(module, wrappers);
  for (const backend of backends) backend.settings = backendSettings(backend);

  const repoPaths = new Set([...(ctx.gitTrackedFiles ?? []), ...ctx.allFiles.map((f) => f.path)]);
  return {
    files: parsed,
    syntaxErrors,
    modules,
    backends,
    backendConfigFiles: backendConfigs,
    bucketsByName: stateBuckets(modules),
    committed: committedFiles(ctx),
    ignoreGaps: ignoreGaps(modules, gitignores),
    repoPaths,
    terragruntSuppliesBackend: terragrunt.suppliesBackend,
    root: ctx.root,
    statePractice: statePractice(modules, ctx.root),
    openTofu: openTofuEvidence(ctx.allFiles),
  };
}

function groupModules(files: readonly TerraformFile[]): TerraformModule[] {
  const byDir = new Map<string, TerraformModule>();
  for (const tf of files) {
    const dir = tf.file.dir;
    let module = byDir.get(dir);
    if (!module) {
      module = {
        dir,
        files: [],
        resources: [],
        moduleCalls: [],
        providers: [],
        backends: [],
        requiredVersions: [],
        callers: [],
        terragruntUnits: [],
        variables: 0,
        outputs: 0,
        declaresRequiredProviders: false,
        isRoot: false,
      };
      byDir.set(dir, module);
    }
    module.files.push(tf);
    readDeclarations(module, tf);
  }
  for (const module of byDir.values()) module.backends = backendsInForce(module.backends);
  return [...byDir.values()].sort((a, b) => a.dir.localeCompare(b.dir));
}

/** `override.tf`, `*_override.tf` and their `.tf.json` forms, which Terraform merges over the other files. */
export function isOverrideFile(file: SourceFile): boolean {
  return /(^|_)override\.tf(\.json)?$/.test(file.name);
}

/**
 * A `backend` or `cloud` block in an override file replaces the one of the other files (the last
 * override file, in name order, wins), so only that one is in force.
 */
function backendsInForce(backends: Backend[]): Backend[] {
  const overriding = backends.filter((b) => isOverrideFile(b.file));
  if (overriding.length === 0) return backends;
  const last = overriding.reduce((a, b) => (b.file.name > a.file.name ? b : a));
  return overriding.filter((b) => b.file === last.file);
}

function readDeclarations(module: TerraformModule, { file, document }: TerraformFile): void {
  for (const block of document.blocks) {
    switch (block.type) {
      case 'resource':
        if (block.labels.length === 2) {
          module.resources.push({ block, file, type: block.labels[0], name: block.labels[1] });
          module.anchor ??= { block, file };
        }
        break;
      case 'module': {
        const source = literalString(attribute(block, 'source'));
        module.moduleCalls.push({ block, file, name: block.labels[0] ?? '', source, caller: module });
        module.anchor ??= { block, file };
        break;
      }
      case 'provider':
        module.providers.push({ block, file });
        break;
      case 'variable':
        module.variables++;
        break;
      case 'output':
        module.outputs++;
        break;
      case 'terraform':
        if (!module.anchor || module.anchor.block.type !== 'terraform') module.anchor = { block, file };
        readTerraformBlock(module, block, file);
        break;
    }
  }
}

function readTerraformBlock(module: TerraformModule, block: HclBlock, file: SourceFile): void {
  if (blocksOfType(block, 'required_providers').length > 0) module.declaresRequiredProviders = true;
  const required = attribute(block, 'required_version');
  const constraint = literalString(required);
  if (required && constraint !== undefined)
    module.requiredVersions.push({ constraint, attribute: required, file });
  for (const nested of block.blocks) {
    if (nested.type === 'backend' || nested.type === 'cloud') {
      module.backends.push({
        block: nested,
        file,
        kind: nested.type,
        type: nested.type === 'cloud' ? 'cloud' : (nested.labels[0] ?? ''),
        module,
        configFiles: [],
        settings: [],
      });
    }
  }
}

/** Resolves local module sources (`./x`, `../x`) to directories and records each callee's callers. */
function linkModuleCalls(modules: readonly TerraformModule[]): void {
  const byDir = new Map(modules.map((m) => [m.dir, m]));
  for (const module of modules) {
    for (const call of module.moduleCalls) {
      if (!call.source || !/^\.\.?(\/|$)/.test(call.source)) continue;
      const target = path.posix.normalize(path.posix.join(module.dir || '.', call.source)).replace(/\/$/, '');
      if (target === '..' || target.startsWith('../')) continue;
      call.localDir = target === '.' ? '' : target;
      const callee = byDir.get(call.localDir);
      if (callee && callee !== module) callee.callers.push(call);
    }
  }
}

/**
 * A root module is where `terraform apply` runs, so where state lives. A `backend` or `cloud`
 * block makes one. Otherwise a directory that declares resources, calls modules (a live
 * environment made only of `module` blocks manages everything through them) or configures a
 * provider is a root module unless another module in the repo calls it by a local path: a called
 * directory is a child module, whose resources live in its caller's state. A directory Terragrunt
 * deploys is a root module too. `required_providers` alone proves nothing, since reusable modules
 * declare it too.
 */
export function isRootModule(module: TerraformModule): boolean {
  if (module.backends.length > 0 || module.terragruntUnits.length > 0) return true;
  if (module.callers.length > 0 || module.reusable) return false;
  return module.resources.length > 0 || module.moduleCalls.length > 0 || module.providers.length > 0;
}

/**
 * Why a directory nobody in the repo calls by a local path is still a reusable module, whose state
 * lives with its callers: it has the public registry's layout (it configures no provider, declares
 * `required_providers`, and takes variables and gives outputs for a caller), or the examples below
 * it call it by its registry address (`terraform-aws-modules/vpc/aws` from `terraform-aws-vpc`).
 */
function reusableModuleReason(
  module: TerraformModule,
  modules: readonly TerraformModule[],
  rootName: string,
): string | undefined {
  if (module.backends.length > 0 || module.terragruntUnits.length > 0) return undefined;
  if (
    module.providers.length === 0 &&
    module.declaresRequiredProviders &&
    module.variables > 0 &&
    module.outputs > 0
  )
    return 'it configures no provider and declares `required_providers`, variables and outputs for a caller';
  const segments = module.dir.split('/');
  if (module.providers.length === 0 && segments.slice(0, -1).some((s) => /(^|[-_])modules$/.test(s)))
    return 'it configures no provider and sits in a `modules/` directory, where child modules go';
  const name = module.dir === '' ? rootName : path.posix.basename(module.dir);
  const examples = modules.filter((m) => isExampleOf(m.dir, module.dir));
  for (const example of examples) {
    for (const call of example.moduleCalls) {
      const address = call.source ? registryAddress(call.source) : undefined;
      if (address && namesModule(name, address))
        return `its example \`${displayDir(example.dir)}\` calls it as \`${call.source}\``;
    }
  }
  return undefined;
}

/** Whether `dir` lies in an `examples/` (or `example/`) directory right below `moduleDir`. */
function isExampleOf(dir: string, moduleDir: string): boolean {
  const below =
    moduleDir === '' ? dir : dir.startsWith(`${moduleDir}/`) ? dir.slice(moduleDir.length + 1) : '';
  return /^examples?\//.test(below);
}

/** `ns/name/provider` of a registry source (`[host/]ns/name/provider[//subdir]`). */
function registryAddress(source: string): { name: string; provider: string } | undefined {
  const match = /^(?:[a-z0-9.-]+\.[a-z]+\/)?[\w-]+\/([\w-]+)\/([a-z0-9]+)(?:\/\/.*)?$/i.exec(source);
  return match ? { name: match[1], provider: match[2] } : undefined;
}

/** A directory named for a registry module: `vpc`, or the repository name `terraform-aws-vpc`. */
function namesModule(dirName: string, { name, provider }: { name: string; provider: string }): boolean {
  const lower = dirName.toLowerCase();
  return lower === name.toLowerCase() || lower.endsWith(`terraform-${provider}-${name}`.toLowerCase());
}

/** Directories holding an `atmos.yaml`: atmos generates the backend of the components below them. */
function atmosProjectDirs(allFiles: readonly SourceFile[]): string[] {
  return allFiles.filter((f) => f.name === 'atmos.yaml' || f.name === 'atmos.yml').map((f) => f.dir);
}

interface Wrappers {
  terragrunt: TerragruntFacts;
  atmosDirs: readonly string[];
  backendConfigs: readonly BackendConfigFile[];
  backendTemplates: readonly SourceFile[];
  gitignores: RepoGitignores;
  moduleDirs: ReadonlySet<string>;
}

/** The first file that shows the repository runs OpenTofu rather than Terraform. */
function openTofuEvidence(allFiles: readonly SourceFile[]): string | undefined {
  const found = allFiles.find(
    (f) =>
      f.name.endsWith('.tofu') ||
      f.name.endsWith('.tofu.json') ||
      f.name === '.opentofu-version' ||
      (f.name === '.tool-versions' && /^opentofu\s/m.test(f.text)) ||
      (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(f.path) &&
        /setup-opentofu|\btofu\s+(init|plan|apply)\b/.test(f.text)),
  );
  return found?.path;
}

/** `backend.tf.example`, `backend.tf.sample`, `backend.tf.tmpl`...: a backend block to copy into place. */
function isBackendTemplate(file: SourceFile): boolean {
  return /^backend[\w.-]*\.tf\.(example|sample|template|tmpl|tpl|dist)$/i.test(file.name);
}

/**
 * The wrapper that supplies the backend of a module with no `backend` or `cloud` block: Terragrunt
 * deploying it with `remote_state`; atmos, whose components (`components/terraform/<name>` below
 * an `atmos.yaml`) get a generated `backend.tf.json`; a backend file the repository git-ignores
 * because a script writes it at init; or a `-backend-config` file beside the module, which only a
 * wrapper that also writes the block can use; or a backend template beside it
 * (`backend.tf.example`) that the set-up copies into place once the state bucket exists.
 */
function injectedBackend(module: TerraformModule, wrappers: Wrappers): string | undefined {
  if (module.backends.length > 0) return undefined;
  const { terragrunt } = wrappers;
  if (module.terragruntUnits.length > 0 && terragrunt.suppliesBackend)
    return 'Terragrunt writes it from `remote_state`';
  // Units that deploy this repository's own modules from a release (`git::...//modules/vpc?ref=v1`)
  // deploy the modules beside those the same way.
  const released = terragrunt.suppliesBackend
    ? [...terragrunt.remoteSubdirs].find((d) => {
        const top = d.split('/')[0];
        return wrappers.moduleDirs.has(d) && module.dir.startsWith(`${top}/`);
      })
    : undefined;
  if (released !== undefined)
    return `Terragrunt deploys the modules of \`${released.split('/')[0]}/\` from releases of this repository, with \`remote_state\``;
  const atmos = wrappers.atmosDirs.find((dir) =>
    `${module.dir}/`.startsWith(dir === '' ? 'components/terraform/' : `${dir}/components/terraform/`),
  );
  if (atmos !== undefined)
    return `atmos generates it for the components of \`${displayDir(atmos) === '.' ? '' : `${atmos}/`}atmos.yaml\``;
  const template = wrappers.backendTemplates.find((f) => f.dir === module.dir);
  if (template) return `\`${template.path}\` is copied into place as its backend`;
  const config = wrappers.backendConfigs.find((c) => c.file.dir === module.dir && !c.backend);
  if (config)
    return `\`${config.file.path}\` is passed to \`terraform init -backend-config\` by a wrapper that writes the block`;
  const generated = ignoredBackendFile(module.dir, wrappers.gitignores);
  if (generated)
    return `\`${generated.pattern}\` in \`${generated.gitignore}\` keeps the backend file written at init out of git`;
  return undefined;
}

/**
 * Whether the module is an example or a test fixture of a reusable module (`examples/complete`,
 * `test/fixtures/basic`, the layout the Terraform registry documents): it is applied by hand or by
 * a test run against throwaway infrastructure, where local state is the norm. It lives under an
 * `examples/` or `test/` directory and either calls a module by a local path from outside that
 * directory (`source = "../../"`, judged on the module's place on disk, `root` being the scan
 * root), or consists of module calls (an example of a published module calls it by its registry
 * address). A directory under `examples/` that manages resources of its own and calls no module is
 * a deployable configuration like any other (an example service's own infrastructure). A
 * directory a Go test applies with Terratest is a test fixture wherever it lies, and so is one
 * inside a directory of test inputs (`tests/fixtures/`, `testdata/`): a tool's own tests apply it.
 */
export function isExampleOrTest(module: TerraformModule, root: string): boolean {
  if (module.terratest || isTestData(`${module.dir}/`)) return true;
  const dir = path.posix.join(root.split(path.sep).join('/'), module.dir);
  const callsFromOutside = module.moduleCalls.some((call) => {
    if (!call.source || !/^\.\.?(\/|$)/.test(call.source)) return false;
    const target = path.posix.join(dir, call.source);
    // The directories between the called module and this one: `examples/complete` for `../../`.
    const between = path.posix.relative(target, dir).split('/');
    return between.some((segment) => EXAMPLE_DIRS.has(segment));
  });
  if (callsFromOutside) return true;
  const underExamples = module.dir.split('/').some((segment) => EXAMPLE_DIRS.has(segment));
  return underExamples && module.moduleCalls.length > 0;
}

const EXAMPLE_DIRS = new Set(['examples', 'example', 'test', 'tests']);

/**
 * The directories Go tests apply with Terratest (`TerraformDir: "./fixture"` in a `*_test.go` file),
 * scan-root relative, mapped to the test file: fixtures a test run creates and destroys again.
 */
function terratestDirs(files: readonly SourceFile[]): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const file of files) {
    if (!file.path.endsWith('_test.go')) continue;
    let text: string;
    try {
      text = file.text;
    } catch {
      continue;
    }
    for (const match of text.matchAll(/\bTerraformDir:\s*"([^"$]+)"/g)) {
      const dir = path.posix.normalize(path.posix.join(file.dir || '.', match[1])).replace(/\/$/, '');
      if (dir.startsWith('..')) continue;
      dirs.set(dir === '.' ? '' : dir, file.path);
    }
  }
  return dirs;
}

/** Whether applying the module creates anything: resources of its own or through module calls. */
export function managesInfrastructure(module: TerraformModule): boolean {
  return module.resources.length > 0 || module.moduleCalls.length > 0;
}

export interface StatePractice {
  /** Root modules that manage infrastructure, examples and test fixtures left out. */
  live: TerraformModule[];
  /** Those of them whose state is remote: a backend other than `local`, or one a wrapper writes. */
  remote: TerraformModule[];
  /**
   * Whether remote state is the repository's practice (at least half of its root modules): a root
   * module keeping local state there is an oversight; elsewhere (tutorials, demos, sandboxes) it
   * may well be the intent.
   */
  isRemote: boolean;
}

export function statePractice(modules: readonly TerraformModule[], root: string): StatePractice {
  const live = modules.filter((m) => m.isRoot && managesInfrastructure(m) && !isExampleOrTest(m, root));
  const remote = live.filter(
    (m) =>
      m.injectedBackend !== undefined || m.backends.some((b) => b.kind === 'cloud' || b.type !== 'local'),
  );
  return { live, remote, isRemote: remote.length > 0 && remote.length * 2 >= live.length };
}

/** Gives each backend the `.tfbackend` files in its module directory or below it (but not below another backend). */
function attachBackendConfigs(backends: readonly Backend[], configs: readonly BackendConfigFile[]): void {
  const byDir = new Map<string, Backend>();
  for (const backend of backends) {
    if (backend.kind === 'backend' && !byDir.has(backend.module.dir)) byDir.set(backend.module.dir, backend);
  }
  for (const config of configs) {
    for (
      let dir: string | undefined = config.file.dir;
      dir !== undefined;
      dir = dir === '' ? undefined : dirOf(dir)
    ) {
      const owner = byDir.get(dir);
      if (owner) {
        owner.configFiles.push(config);
        config.backend = owner;
        break;
      }
    }
  }
}

/** Settings without which a backend cannot start; their absence means a partial configuration. */
const REQUIRED_SETTINGS: Record<string, readonly string[]> = {
  s3: ['bucket'],
  gcs: ['bucket'],
  azurerm: ['container_name'],
};

function backendSettings(backend: Backend): BackendSettings[] {
  const fromBlock = new Map<string, BackendSetting>();
  for (const attr of backend.block.attributes)
    fromBlock.set(attr.name, { attribute: attr, file: backend.file });
  const blockWhere = `${describeBackend(backend)} in ${backend.file.path}`;
  const required = REQUIRED_SETTINGS[backend.type] ?? [];
  const complete = (values: ReadonlyMap<string, BackendSetting>) =>
    required.every((name) => values.has(name));
  const blockSettings: BackendSettings = {
    backend,
    values: fromBlock,
    complete: complete(fromBlock),
    file: backend.file,
    line: backend.block.line,
    where: blockWhere,
  };
  // A complete block stands on its own; a partial one is completed by each config file.
  if (blockSettings.complete || backend.configFiles.length === 0) return [blockSettings];
  return backend.configFiles.map(({ file, document }) => {
    const values = new Map(fromBlock);
    for (const attr of document.attributes) values.set(attr.name, { attribute: attr, file });
    return {
      backend,
      configFile: file,
      values,
      complete: complete(values),
      file,
      line: 1,
      where: `${blockWhere} with ${file.path}`,
    };
  });
}

export function describeBackend(backend: Backend): string {
  return backend.kind === 'cloud' ? '`cloud` block' : `backend "${backend.type}"`;
}

/** A setting's literal value; undefined when it is absent or computed. */
export function settingValue(settings: BackendSettings, name: string): HclLiteralValue | undefined {
  const value = settings.values.get(name)?.attribute.value;
  return value?.kind === 'literal' ? value.value : undefined;
}

/**
 * A boolean setting as Terraform reads it (`true` or `"true"`): false when absent (the default),
 * undefined when its value is computed.
 */
export function settingFlag(settings: BackendSettings, name: string): boolean | undefined {
  const setting = settings.values.get(name);
  if (!setting) return false;
  const value = setting.attribute.value;
  if (value.kind !== 'literal') return undefined;
  return value.value === true || value.value === 'true';
}

/** The literal name of the state bucket of an S3 backend. */
export function stateBucketName(settings: BackendSettings): string | undefined {
  const name = settingValue(settings, 'bucket');
  return typeof name === 'string' && name !== '' ? name : undefined;
}

function stateBuckets(modules: readonly TerraformModule[]): Map<string, S3Bucket[]> {
  const byName = new Map<string, S3Bucket[]>();
  for (const module of modules) {
    const versioningResources = module.resources.filter((r) => r.type === 'aws_s3_bucket_versioning');
    for (const resource of module.resources) {
      if (resource.type !== 'aws_s3_bucket') continue;
      const name = literalString(attribute(resource.block, 'bucket'));
      if (!name) continue;
      const bucket: S3Bucket = {
        block: resource.block,
        file: resource.file,
        name,
        resourceName: resource.name,
        module,
        versioning: bucketVersioning(resource, name, versioningResources),
      };
      addTo(byName, name, bucket);
    }
  }
  return byName;
}

/** Versioning from the inline `versioning {}` block (AWS provider 3) or `aws_s3_bucket_versioning` (4+). */
function bucketVersioning(
  bucket: Resource,
  name: string,
  versioningResources: readonly Resource[],
): BucketVersioning {
  const found: BucketVersioning[] = [];
  for (const inline of blocksOfType(bucket.block, 'versioning')) {
    const enabled = attribute(inline, 'enabled');
    if (!enabled) {
      found.push({ status: 'off', detail: 'its `versioning {}` block does not set `enabled = true`' });
    } else if (enabled.value.kind !== 'literal') {
      found.push({ status: 'unknown' });
    } else if (enabled.value.value === true || enabled.value.value === 'true') {
      found.push({ status: 'enabled' });
    } else {
      found.push({
        status: 'off',
        detail: 'it sets `versioning { enabled = false }`',
        at: { attribute: enabled, file: bucket.file },
      });
    }
  }
  const reference = new RegExp(
    `^aws_s3_bucket\\.${escapeRegExp(bucket.name)}(\\[[^\\]]*\\])?\\.(id|bucket)$`,
  );
  for (const resource of versioningResources) {
    const target = attribute(resource.block, 'bucket')?.value;
    if (!target) continue;
    const matches =
      (target.kind === 'literal' && target.value === name) ||
      (target.kind === 'reference' && reference.test(target.raw));
    const resolvable =
      target.kind === 'literal' || (target.kind === 'reference' && target.raw.startsWith('aws_s3_bucket.'));
    // A versioning resource aimed at a bucket this model cannot name may well be this one.
    if (!resolvable) found.push({ status: 'unknown' });
    if (!matches) continue;
    const status = blocksOfType(resource.block, 'versioning_configuration').map((b) =>
      attribute(b, 'status'),
    )[0];
    const value = status?.value;
    if (!status || value?.kind !== 'literal') found.push({ status: 'unknown' });
    else if (value.value === 'Enabled') found.push({ status: 'enabled' });
    else {
      found.push({
        status: 'off',
        detail: `\`aws_s3_bucket_versioning.${resource.name}\` sets its status to "${String(value.value)}"`,
        at: { attribute: status, file: resource.file },
      });
    }
  }
  if (found.some((v) => v.status === 'enabled')) return { status: 'enabled' };
  if (found.some((v) => v.status === 'unknown')) return { status: 'unknown' };
  return found[0] ?? { status: 'off', detail: 'no versioning is configured for it' };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function committedFiles(ctx: RunContext): CommittedFiles {
  const source = ctx.gitTrackedFiles ? 'git' : 'walk';
  const paths = ctx.gitTrackedFiles ?? ctx.allFiles.map((f) => f.path);
  const stateFiles: string[] = [];
  const planFiles: string[] = [];
  const dotTerraform = new Map<string, string[]>();
  for (const p of paths) {
    if (inDotTerraform(p)) {
      const marker = p.startsWith('.terraform') ? 0 : p.indexOf('/.terraform/') + 1;
      const dir = p.slice(0, marker) + '.terraform';
      addTo(dotTerraform, dir, p);
    } else if (isStatePath(p)) {
      stateFiles.push(p);
    } else if (isPlanPath(p)) {
      planFiles.push(p);
    }
  }
  return {
    source,
    stateFiles: stateFiles.sort(),
    emptyStateFiles: [...emptyStateFiles(ctx, stateFiles)].sort(),
    planFiles: planFiles.sort(),
    dotTerraform: [...dotTerraform]
      .map(([dir, files]) => ({
        dir,
        files: files.sort(),
        cachedCredentials: cachedCredentials(ctx.fileAt(`${dir}/terraform.tfstate`)?.text),
      }))
      .sort((a, b) => a.dir.localeCompare(b.dir)),
  };
}

/** Backend settings that hold a credential, as `terraform init` caches them in `.terraform/terraform.tfstate`. */
const CACHED_CREDENTIAL =
  /"(access_key|secret_key|token|password|client_secret|client_certificate_password|sas_token|access_token|credentials|conn_str)"\s*:\s*"([^"\\]|\\.)+"/g;

function cachedCredentials(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set([...text.matchAll(CACHED_CREDENTIAL)].map((m) => m[1]))].sort();
}

/** What each probe path stands for, and the pattern that ignores it. */
const IGNORE_PROBES = [
  { probes: ['x.tfstate'], pattern: '*.tfstate' },
  { probes: ['x.tfstate.backup'], pattern: '*.tfstate.*' },
  // The directory itself (`.terraform/`) or everything in it (`**/.terraform/*`).
  { probes: ['.terraform/', '.terraform/environment'], pattern: '.terraform/' },
] as const;

/**
 * Root-module directories (every module directory when there is no root module) where a state
 * file or .terraform/ would not be ignored by the .gitignore files above them.
 */
function ignoreGaps(modules: readonly TerraformModule[], repo: RepoGitignores): IgnoreGap[] {
  if (modules.length === 0) return [];
  const roots = modules.filter((m) => m.isRoot);
  const dirs = (roots.length > 0 ? roots : modules)
    // Terragrunt copies a module it deploys from elsewhere into its cache: Terraform never runs here.
    .filter((m) => m.terragruntUnits.length === 0 || m.terragruntUnits.some((u) => u.dir === m.dir))
    .map((m) => m.dir);
  const gaps: IgnoreGap[] = [];
  for (const dir of dirs) {
    const { repoDir, applicable } = gitignoresFor(dir, repo);
    const missing = IGNORE_PROBES.filter(
      ({ probes }) => !probes.some((probe) => isIgnored(repoDir ? `${repoDir}/${probe}` : probe, applicable)),
    ).map((p) => p.pattern);
    if (missing.length > 0)
      gaps.push({ dir, missing, gitignore: applicable[applicable.length - 1]?.gitignore });
  }
  return gaps;
}

interface LoadedGitignore {
  gitignore: GitignoreFile;
  dir: string;
  rules: Ignore;
}

const loadedRules = new WeakMap<GitignoreFile, Ignore>();

/** The .gitignore files that apply to a scan-root relative directory, the outermost first. */
function gitignoresFor(
  dir: string,
  repo: RepoGitignores,
): { repoDir: string; applicable: LoadedGitignore[] } {
  const repoDir = [repo.rootPrefix, dir].filter(Boolean).join('/');
  const applicable = repo.files
    .filter((g) => g.repoDir === '' || g.repoDir === repoDir || repoDir.startsWith(`${g.repoDir}/`))
    .sort((a, b) => a.repoDir.length - b.repoDir.length)
    .map((gitignore) => {
      let rules = loadedRules.get(gitignore);
      if (!rules) {
        rules = ignore().add(gitignore.text);
        loadedRules.set(gitignore, rules);
      }
      return { gitignore, dir: gitignore.repoDir, rules };
    });
  return { repoDir, applicable };
}

/**
 * A git-ignored file that would hold the backend in this directory: a pattern naming a backend or
 * providers file (`backend.tf`, `**\/backend.tf.json`, `[0-9]*providers.tf`) that git does ignore
 * here. A wrapper writes such a file before `terraform init`, and keeps it out of git.
 */
function ignoredBackendFile(
  dir: string,
  repo: RepoGitignores,
): { pattern: string; gitignore: string } | undefined {
  const { repoDir, applicable } = gitignoresFor(dir, repo);
  for (const { gitignore } of applicable) {
    for (const raw of gitignore.text.split(/\r?\n/)) {
      const pattern = raw.trim();
      if (!pattern || pattern.startsWith('#') || pattern.startsWith('!')) continue;
      const name = pattern.replace(/\/$/, '').split('/').pop() ?? '';
      if (!/(backend|provider)/i.test(name) || !/\.tf(\.json)?\*?$|\.tf\*$/.test(name)) continue;
      // A file name the pattern stands for: one character of each class, something for each wildcard.
      const example = name
        .replace(/\[([^\]]*)\]/g, (_, set: string) => (/^[!^]/.test(set) ? 'x' : set.charAt(0)))
        .replace(/[*?]+/g, 'x');
      if (isIgnored(repoDir ? `${repoDir}/${example}` : example, applicable))
        return { pattern, gitignore: gitignore.displayPath || `${gitignore.repoDir}/.gitignore` };
    }
  }
  return undefined;
}

/** Git's answer for a path: the deepest .gitignore with an opinion wins. */
function isIgnored(repoPath: string, gitignores: readonly { dir: string; rules: Ignore }[]): boolean {
  let ignored = false;
  for (const { dir, rules } of gitignores) {
    const relative = dir === '' ? repoPath : repoPath.slice(dir.length + 1);
    const result = rules.test(relative);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}
