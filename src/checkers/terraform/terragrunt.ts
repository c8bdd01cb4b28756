/**
 * What Terragrunt configuration says about the Terraform modules beside it: which directories it
 * deploys (`terraform { source = "../../modules//vpc" }`, or the `.tf` files next to a
 * `terragrunt.hcl` without a source) and whether it supplies their backend (`remote_state`, or a
 * `generate` block that writes a `backend`/`cloud` block). Terragrunt then writes the backend at
 * run time, so a module with no `backend` block of its own is not keeping local state.
 */
import path from 'node:path';
import type { SourceFile } from '../../engine/workspace';
import { attribute, blocksOfType, type HclDocument, type HclExpression } from '../../parse/hcl';

export interface TerragruntFacts {
  /** Scan-root relative module directory -> the `terragrunt.hcl` files that deploy it. */
  deployments: ReadonlyMap<string, SourceFile[]>;
  /** Whether some Terragrunt file of the scan configures remote state or generates a backend. */
  suppliesBackend: boolean;
  /** The `//subdir` of each remote source (`git::https://host/org/repo.git//modules/vpc?ref=v1`). */
  remoteSubdirs: ReadonlySet<string>;
}

export function isTerragruntConfig(file: SourceFile): boolean {
  return file.name === 'terragrunt.hcl';
}

/**
 * Reads the `terragrunt.hcl` files and the other `.hcl` files that mention `remote_state` or
 * `generate` (root.hcl, _envcommon/*.hcl, included by the units).
 */
export function readTerragrunt(
  allFiles: readonly SourceFile[],
  parse: (file: SourceFile) => HclDocument,
): TerragruntFacts {
  const deployments = new Map<string, SourceFile[]>();
  const remoteSubdirs = new Set<string>();
  let suppliesBackend = false;
  for (const file of allFiles) {
    if (!file.path.endsWith('.hcl')) continue;
    const unit = isTerragruntConfig(file);
    if (!unit && !/\b(remote_state|generate)\b/.test(file.text)) continue;
    const document = parse(file);
    suppliesBackend ||= configuresBackend(document);
    if (!unit) continue;
    const remote = remoteSource(document);
    if (remote !== undefined) remoteSubdirs.add(remote);
    for (const deployed of deployedDirs(file, document)) {
      const list = deployments.get(deployed);
      if (list) list.push(file);
      else deployments.set(deployed, [file]);
    }
  }
  return { deployments, suppliesBackend, remoteSubdirs };
}

function configuresBackend(document: HclDocument): boolean {
  if (blocksOfType(document, 'remote_state').length > 0) return true;
  return blocksOfType(document, 'generate').some((generate) => {
    const contents = attribute(generate, 'contents')?.value.raw ?? '';
    return /\bbackend\s+"|\bcloud\s*\{/.test(contents);
  });
}

/**
 * The scan-root relative directories a unit may deploy: its `terraform.source` when that is a local
 * path (`//` marks a subdirectory of the source, read the same), each relative path written in a
 * source computed by an expression (`cond ? "git::...//vpc?ref=v1" : "../../modules//vpc"`), the
 * subdirectory of a remote source (`git::https://host/org/repo.git//modules/vpc?ref=v1`, most
 * often this very repository at a release), and its own directory when it has no source.
 */
function deployedDirs(file: SourceFile, document: HclDocument): string[] {
  const value = sourceOf(document);
  if (value === undefined) return [file.dir];
  const local = localSource(value);
  const relative = local !== undefined ? [local] : quotedRelativePaths(value.raw);
  const dirs = relative.map((source) => resolveFrom(file.dir, source));
  const remote = remoteSubdirectory(value.raw);
  if (remote !== undefined) dirs.push(remote);
  return [...new Set(dirs.filter((d): d is string => d !== undefined))];
}

/** The unit's `terraform { source }`, the last one when there are several. */
function sourceOf(document: HclDocument): HclExpression | undefined {
  const sources = blocksOfType(document, 'terraform').flatMap((b) => {
    const source = attribute(b, 'source');
    return source ? [source.value] : [];
  });
  return sources[sources.length - 1];
}

function remoteSource(document: HclDocument): string | undefined {
  const value = sourceOf(document);
  return value === undefined ? undefined : remoteSubdirectory(value.raw);
}

function resolveFrom(dir: string, source: string): string | undefined {
  const target = path.posix.normalize(path.posix.join(dir || '.', source.replace(/\/\/+/g, '/')));
  const resolved = target.replace(/\/$/, '');
  if (resolved === '..' || resolved.startsWith('../')) return undefined;
  return resolved === '.' ? '' : resolved;
}

/** String literals in an expression that are relative paths without interpolation. */
function quotedRelativePaths(raw: string): string[] {
  return [...raw.matchAll(/"(\.\.?\/[^"$]*)"/g)].map((m) => m[1]);
}

/** The `//subdir` of a remote source, without its query: `modules/vpc`. */
function remoteSubdirectory(raw: string): string | undefined {
  const match = /(?:::|[\w.-]+\.[a-z]+\/)[^"\s]*?[^:/]\/\/([\w./-]+?)\/?(?:\?[^"]*)?"/.exec(raw);
  const subdir = match?.[1];
  if (!subdir || subdir.includes('..') || subdir.includes('${')) return undefined;
  return subdir;
}
/** A source that is a relative path, with `${get_terragrunt_dir()}` (the unit's directory) resolved. */
function localSource(value: HclExpression): string | undefined {
  let text: string | undefined;
  if (value.kind === 'literal' && typeof value.value === 'string') text = value.value;
  else if (value.kind === 'template') {
    const inner = value.raw.replace(/^"|"$/g, '');
    const rest = /^\$\{\s*get_terragrunt_dir\(\s*\)\s*\}(.*)$/.exec(inner)?.[1];
    if (rest !== undefined && !rest.includes('${')) text = `./${rest.replace(/^\/+/, '')}`;
  }
  return text !== undefined && /^\.\.?(\/|$)/.test(text) ? text : undefined;
}
