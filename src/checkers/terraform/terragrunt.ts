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
  let suppliesBackend = false;
  for (const file of allFiles) {
    if (!file.path.endsWith('.hcl')) continue;
    const unit = isTerragruntConfig(file);
    if (!unit && !/\b(remote_state|generate)\b/.test(file.text)) continue;
    const document = parse(file);
    suppliesBackend ||= configuresBackend(document);
    if (!unit) continue;
    const deployed = deployedDir(file, document);
    if (deployed === undefined) continue;
    const list = deployments.get(deployed);
    if (list) list.push(file);
    else deployments.set(deployed, [file]);
  }
  return { deployments, suppliesBackend };
}

function configuresBackend(document: HclDocument): boolean {
  if (blocksOfType(document, 'remote_state').length > 0) return true;
  return blocksOfType(document, 'generate').some((generate) => {
    const contents = attribute(generate, 'contents')?.value.raw ?? '';
    return /\bbackend\s+"|\bcloud\s*\{/.test(contents);
  });
}

/**
 * The scan-root relative directory a unit deploys: its `terraform.source` when that is a local
 * path (`//` marks a subdirectory of the source, read the same), its own directory when it has no
 * source; undefined for registry and git sources or a source this model cannot evaluate.
 */
function deployedDir(file: SourceFile, document: HclDocument): string | undefined {
  const sources = blocksOfType(document, 'terraform').flatMap((b) => {
    const source = attribute(b, 'source');
    return source ? [source.value] : [];
  });
  if (sources.length === 0) return file.dir;
  const source = localSource(sources[sources.length - 1]);
  if (source === undefined) return undefined;
  const target = path.posix.normalize(path.posix.join(file.dir || '.', source.replace(/\/\/+/g, '/')));
  const dir = target.replace(/\/$/, '');
  if (dir === '..' || dir.startsWith('../')) return undefined;
  return dir === '.' ? '' : dir;
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
