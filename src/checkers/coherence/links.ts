// The links between the files of a deployment that no single checker sees: which image each
// Dockerfile builds (workflows, docker-compose, Skaffold), which AWS role a workflow job assumes
// and where it pushes, and the repository's own name. Computed once per scan from the shared
// parses; what a file leaves open is left out rather than guessed.
import { execFileSync } from 'node:child_process';
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

export function deploymentLinks(
  files: readonly SourceFile[],
  ctx: RunContext,
  configured?: string,
): DeploymentLinks {
  const builds: ImageBuild[] = [];
  const workflows: Workflow[] = [];
  for (const file of files) {
    if (isWorkflowFile(file)) {
      const workflow = readWorkflow(file);
      if (!workflow) continue;
      workflows.push(workflow);
      for (const job of workflow.jobs) builds.push(...job.builds);
    } else if (COMPOSE.test(file.path)) {
      builds.push(...composeBuilds(file));
    } else if (SKAFFOLD.test(file.path)) {
      builds.push(...skaffoldBuilds(file));
    }
  }
  // Only a job that assumes a role through OIDC needs the repository's name: git is asked only then.
  const assumesOidc = workflows.some((w) => w.jobs.some((j) => j.roles.some((r) => r.oidc)));
  const repository = configured || assumesOidc ? repositoryName(ctx.root, configured) : undefined;
  // A build whose Dockerfile is not in the scan links nothing.
  const present = builds.filter((b) => ctx.fileAt(b.dockerfile) !== undefined);
  return { builds: present, workflows, ...(repository && { repository }) };
}

function composeBuilds(file: SourceFile): ImageBuild[] {
  const out: ImageBuild[] = [];
  for (const document of parseYamlFile(file).documents) {
    for (const pair of asMap(mapGet(document.root, 'services')?.value)?.pairs ?? []) {
      const service = asMap(pair.value);
      const imagePair = mapGet(service, 'image');
      const build = mapGet(service, 'build')?.value ?? null;
      const image = parseImageName(scalarString(imagePair?.value) ?? '');
      if (!image || !imagePair || !build) continue;
      const context = scalarString(build) ?? scalarString(mapGet(build, 'context')?.value) ?? '.';
      const dockerfile = scalarString(mapGet(build, 'dockerfile')?.value) ?? 'Dockerfile';
      if (/^[a-z]+:\/\//.test(context) || context.includes('$')) continue;
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
