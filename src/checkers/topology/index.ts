/**
 * The topology checker: where each service's replicas run, and what an AZ outage does to it.
 * Sources (topology file, Terraform, CloudFormation, Kubernetes) feed one model; rules read it; the
 * summary gets a picture per service.
 */
import type { RawFinding } from '../../engine/finding';
import { INTERNAL_ERROR } from '../../engine/engine-rules';
import { claimsOnce, runRules, type Checker, type RuleMeta, type RunContext } from '../../engine/rule';
import type { SourceFile } from '../../engine/workspace';
import { ensureHclParser, parseHcl, type HclDocument } from '../../parse/hcl';
import {
  DEFAULT_LOAD_BALANCER_AVAILABILITY,
  DEFAULT_ZONE_AVAILABILITY,
  declaredZoneCount,
  mergeContributions,
  type Defaults,
  type SourceContribution,
  type TopologyModel,
} from './model';
import { MAX_PICTURED_SERVICES, picturedServices, servicePicture } from './picture';
import { TOPOLOGY_RULES } from './rules';
import { looksLikeTemplate, readCloudFormation } from './sources/cloudformation';
import { isTopologyFilePath, readTopologyFile } from './sources/file';
import { mentionsZoneLabel, readKubernetes } from './sources/kubernetes';
import { readTerraform } from './sources/terraform';

function isTerraformPath(path: string): boolean {
  return path.endsWith('.tf') && !/(^|\/)\.terraform\//.test(path);
}

export const claimsTopology = claimsOnce((file: SourceFile): boolean => {
  if (isTopologyFilePath(file.path) || isTerraformPath(file.path)) return true;
  return looksLikeTemplate(file) || mentionsZoneLabel(file);
});

function defaultsFrom(ctx: RunContext): Defaults {
  return {
    replicaAvailability: ctx.config.topology?.instanceAvailability ?? 0.95,
    zoneAvailability: DEFAULT_ZONE_AVAILABILITY,
    loadBalancerAvailability: DEFAULT_LOAD_BALANCER_AVAILABILITY,
    targetAvailability: ctx.config.topology?.targetAvailability,
  };
}

/** `terraform.tfvars` and `*.auto.tfvars` of the scan, parsed, by directory: Terraform loads them without flags. */
function autoTfvars(ctx: RunContext): Map<string, HclDocument[]> {
  const out = new Map<string, HclDocument[]>();
  for (const file of ctx.allFiles) {
    if (file.name !== 'terraform.tfvars' && !file.name.endsWith('.auto.tfvars')) continue;
    const list = out.get(file.dir) ?? [];
    list.push(parseHcl(file));
    out.set(file.dir, list);
  }
  return out;
}

/** Builds the model from the claimed files. Never throws for bad input. */
export async function buildTopologyModel(
  files: readonly SourceFile[],
  ctx: RunContext,
): Promise<TopologyModel> {
  const defaults = defaultsFrom(ctx);
  const contributions: SourceContribution[] = [];
  const terraformFiles = files.filter((f) => isTerraformPath(f.path));
  if (terraformFiles.length) {
    await ensureHclParser();
    contributions.push(
      readTerraform({
        documents: terraformFiles.map((file) => ({ file, document: parseHcl(file) })),
        tfvarsByDir: autoTfvars(ctx),
        defaults,
      }),
    );
  }
  for (const file of files) {
    if (isTopologyFilePath(file.path)) contributions.push(readTopologyFile(file, defaults));
    else if (isTerraformPath(file.path)) continue;
    else {
      if (looksLikeTemplate(file)) contributions.push(readCloudFormation(file));
      if (mentionsZoneLabel(file)) contributions.push(readKubernetes(file, defaults));
    }
  }
  return mergeContributions(contributions);
}

/** One model per scan, whoever asks first: the checker itself or another checker's rule. */
const modelsByScan = new WeakMap<RunContext, Promise<TopologyModel>>();

/** The scan's topology model, built once per scan and shared with other checkers' rules. */
export function scanModel(files: readonly SourceFile[], ctx: RunContext): Promise<TopologyModel> {
  let model = modelsByScan.get(ctx);
  if (!model) {
    model = buildTopologyModel(files, ctx);
    modelsByScan.set(ctx, model);
  }
  return model;
}

/**
 * Distinct AZs the repository's topology declares (topology file, Terraform, CloudFormation,
 * Kubernetes pins), for rules of other checkers: k8s/no-zone-spreading escalates when it is 2 or
 * more. Pass the scan's files (`ctx.allFiles`); the model is built once per scan. Never throws.
 */
export async function declaredZones(files: readonly SourceFile[], ctx: RunContext): Promise<number> {
  try {
    return declaredZoneCount(await scanModel(files.filter(claimsTopology), ctx));
  } catch {
    // The topology checker reports its own failure; the question then has no answer.
    return 0;
  }
}

export const topologyChecker: Checker = {
  id: 'topology',
  rules: TOPOLOGY_RULES as readonly RuleMeta[],
  claims: claimsTopology,
  async run(files, ctx): Promise<RawFinding[]> {
    let model: TopologyModel;
    try {
      model = await scanModel(files, ctx);
    } catch (error) {
      return [
        {
          ruleId: INTERNAL_ERROR.id,
          file: files[0]?.path ?? '.',
          line: 1,
          subject: 'topology:model',
          message: `The topology model could not be built: ${error instanceof Error ? error.message : String(error)}. Other checkers still ran.`,
        },
      ];
    }
    const pictured = picturedServices(model.analyses);
    for (const analysis of pictured.slice(0, MAX_PICTURED_SERVICES)) {
      ctx.addSection({
        checker: 'topology',
        title: `Topology: ${analysis.service.name}`,
        markdown: servicePicture(analysis),
      });
    }
    if (pictured.length > MAX_PICTURED_SERVICES) {
      ctx.addSection({
        checker: 'topology',
        title: 'Topology: more services',
        markdown: `${pictured.length - MAX_PICTURED_SERVICES} more services are not drawn; their findings are in the table above.`,
      });
    }
    return runRules(TOPOLOGY_RULES, model, files[0]?.path ?? '.');
  },
};
