// The links between the files of a deployment that no single checker sees: which image each
// Dockerfile builds (workflows, docker-compose, Skaffold), which AWS role a workflow job assumes
// and where it pushes, and the repository's own name. Computed once per scan from the shared
// parses; what a file leaves open is left out rather than guessed.
import { execFileSync } from 'node:child_process';
import { gitWorkTreeRoot } from '../../engine/git';
import type { SourceFile } from '../../engine/workspace';
import type { RunContext } from '../../engine/rule';
import { parseYamlFile } from '../../parse/yaml';
import { asMap, asSeq, mapGet, scalarString, type DataNode } from '../../parse/tree';
import { parseImageName } from './images';
import {
  isWorkflowFile,
  joinPath,
  normalizePath,
  readWorkflow,
  type ImageBuild,
  type Workflow,
} from './workflows';

export interface RepositoryName {
  owner: string;
  name: string;
  /** Where the name came from, for messages. */
  source: 'config' | 'git remote';
}

export interface DeploymentLinks {
  builds: ImageBuild[];
  workflows: Workflow[];
  repository?: RepositoryName;
}

const COMPOSE = /(^|\/)(docker-)?compose(\.[\w-]+)*\.ya?ml$/;
const SKAFFOLD = /(^|\/)skaffold(\.[\w-]+)*\.ya?ml$/;

/** The files the links read themselves (the other sides come from the other checkers' models). */
export function isLinkFile(file: SourceFile): boolean {
  return isWorkflowFile(file) || COMPOSE.test(file.path) || SKAFFOLD.test(file.path);
}

const linksByScan = new WeakMap<RunContext, DeploymentLinks>();

/** The links of a scan, read once from every link file discovered, whoever asks first. */
export function scanLinks(ctx: RunContext): DeploymentLinks {
  let links = linksByScan.get(ctx);
  if (!links) {
    links = deploymentLinks(ctx.allFiles.filter(isLinkFile), ctx, ctx.config.repository);
    linksByScan.set(ctx, links);
  }
  return links;
}

export function deploymentLinks(
  files: readonly SourceFile[],
  ctx: RunContext,
  configured?: string,
): DeploymentLinks {
  const builds: ImageBuild[] = [];
  const read: Workflow[] = [];
  // Only workflows use the name (`github.repository`, OIDC subjects): without one, git is not asked.
  const repository =
    configured || files.some(isWorkflowFile) ? repositoryName(ctx.root, configured) : undefined;
  const options = { fileAt: ctx.fileAt, ...(repository && { repository }) };
  for (const file of files) {
    if (isWorkflowFile(file)) {
      const workflow = readWorkflow(file, options);
      if (workflow) read.push(workflow);
    } else if (COMPOSE.test(file.path)) {
      builds.push(...composeBuilds(file, dotEnv(ctx.fileAt(joinPath(file.dir, '.env')))));
    } else if (SKAFFOLD.test(file.path)) {
      builds.push(...skaffoldBuilds(file));
    }
  }
  // A reusable workflow of the repository is read where it is called, with its caller's inputs
  // and permissions; read alone it would only repeat those jobs with less known.
  const called = new Set(read.flatMap((w) => w.calls));
  const workflows = read.filter((w) => !(w.reusableOnly && called.has(w.file)));
  for (const workflow of workflows) for (const job of workflow.jobs) builds.push(...job.builds);
  // A build whose Dockerfile is not in the scan links nothing.
  const present = builds.filter((b) => ctx.fileAt(b.dockerfile) !== undefined);
  return { builds: present, workflows, ...(repository && { repository }) };
}

/** The variables of a compose project's `.env` file, which Compose interpolates by default. */
function dotEnv(file: SourceFile | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of file?.text.split('\n') ?? []) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    const quoted = /^(['"])(.*)\1$/.exec(match[2]);
    out.set(match[1], quoted ? quoted[2] : match[2].replace(/\s+#.*$/, ''));
  }
  return out;
}

/**
 * Compose's `${VAR}`, `${VAR:-default}`, `${VAR-default}` and `$VAR` from the project's `.env`;
 * undefined when a variable is neither there nor given a default (the shell would decide).
 */
export function interpolateCompose(text: string, variables: ReadonlyMap<string, string>): string | undefined {
  let unknown = false;
  const out = text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, braced?: string, operator?: string, fallback?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const value = variables.get(braced ?? bare ?? '');
      if (operator === ':-' && !value) return fallback ?? '';
      if (operator === '-' && value === undefined) return fallback ?? '';
      if (operator && operator !== ':-' && operator !== '-' && operator !== '?' && operator !== ':?') {
        unknown = true;
        return '';
      }
      if (value === undefined) unknown = true;
      return value ?? '';
    },
  );
  return unknown ? undefined : out;
}

function composeBuilds(file: SourceFile, variables: ReadonlyMap<string, string>): ImageBuild[] {
  const out: ImageBuild[] = [];
  const value = (node: DataNode | null | undefined) => {
    const text = scalarString(node);
    return text === undefined ? undefined : interpolateCompose(text, variables);
  };
  for (const document of parseYamlFile(file).documents) {
    for (const pair of asMap(mapGet(document.root, 'services')?.value)?.pairs ?? []) {
      const service = asMap(pair.value);
      const imagePair = mapGet(service, 'image');
      const build = mapGet(service, 'build')?.value ?? null;
      const image = parseImageName(value(imagePair?.value) ?? '');
      if (!image || !imagePair || !build) continue;
      const context =
        scalarString(build) !== undefined ? value(build) : (value(mapGet(build, 'context')?.value) ?? '.');
      const dockerfilePair = mapGet(build, 'dockerfile');
      const dockerfile = dockerfilePair ? value(dockerfilePair.value) : 'Dockerfile';
      if (context === undefined || dockerfile === undefined || /^[a-z]+:\/\//.test(context)) continue;
      const path = normalizePath(joinPath(file.dir, joinPath(context, dockerfile)));
      out.push({
        image,
        dockerfile: path,
        at: { file: file.path, line: imagePair.key.line },
        via: 'compose',
      });
    }
  }
  return out;
}

function skaffoldBuilds(file: SourceFile): ImageBuild[] {
  const out: ImageBuild[] = [];
  for (const document of parseYamlFile(file).documents) {
    if (!String(scalarString(mapGet(document.root, 'apiVersion')?.value)).startsWith('skaffold/')) continue;
    const artifactLists: DataNode[] = [];
    const build = mapGet(document.root, 'build')?.value;
    if (build) artifactLists.push(build);
    for (const profile of asSeq(mapGet(document.root, 'profiles')?.value)?.items ?? []) {
      const profileBuild = mapGet(profile, 'build')?.value;
      if (profileBuild) artifactLists.push(profileBuild);
    }
    for (const list of artifactLists) {
      for (const artifact of asSeq(mapGet(list, 'artifacts')?.value)?.items ?? []) {
        const imagePair = mapGet(artifact, 'image');
        const image = parseImageName(scalarString(imagePair?.value) ?? '');
        if (!image || !imagePair) continue;
        const context = scalarString(mapGet(artifact, 'context')?.value) ?? '.';
        const docker = mapGet(artifact, 'docker')?.value;
        const dockerfile = scalarString(mapGet(docker, 'dockerfile')?.value) ?? 'Dockerfile';
        const path = normalizePath(joinPath(file.dir, joinPath(context, dockerfile)));
        out.push({
          image,
          dockerfile: path,
          at: { file: file.path, line: imagePair.key.line },
          via: 'skaffold',
        });
      }
    }
  }
  return out;
}

/** `owner/name` from the config, else from the `origin` remote of the git checkout. */
export function repositoryName(root: string, configured?: string): RepositoryName | undefined {
  const fromConfig = configured ? /^([\w.-]+)\/([\w.-]+)$/.exec(configured) : null;
  if (fromConfig) return { owner: fromConfig[1], name: fromConfig[2], source: 'config' };
  if (!gitWorkTreeRoot(root)) return undefined;
  let url: string;
  try {
    url = execFileSync('git', ['config', '--get', 'remote.origin.url'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
  const match = /github\.com[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  return match ? { owner: match[1], name: match[2], source: 'git remote' } : undefined;
}
