// The coherence checker: rules about files of different kinds that must agree (the image a
// Dockerfile builds and the manifest that runs it, the workflow that pushes and the role's
// policies, the OIDC token a job gets and the trust policy that must admit it). It reads the other
// checkers' models through the shared parse caches and compares compact views of them.
import type { RawFinding } from '../../engine/finding';
import { runRules, type Checker, type Rule, type RuleMeta, type RunContext } from '../../engine/rule';
import type { SourceFile } from '../../engine/workspace';
import { looksLikeManifest } from '../kubernetes/model';
import { manifestView } from '../kubernetes';
import { iamChecker, iamDocuments } from '../iam';
import { imageFacts } from './image-facts';
import { isLinkFile, scanLinks } from './links';
import { parseImageName } from './images';
import type { BuiltRootImage } from '../kubernetes/model';
import type { CoherenceModel } from './model';
import { containerViews, nodeZones, roleViews } from './views';
import { nonrootImageMismatch } from './rules/nonroot-image-mismatch';
import { portMismatch } from './rules/port-mismatch';
import { imageBuiltButLatest } from './rules/image-built-but-latest';
import { ecrPushDenied } from './rules/ecr-push-denied';
import { oidcTrustMismatch } from './rules/oidc-trust-mismatch';
import { zoneSpreadUnsatisfiable } from './rules/zone-spread-unsatisfiable';
import { claimsTopology, scanModel } from '../topology';

export const COHERENCE_RULES: readonly Rule<CoherenceModel>[] = [
  nonrootImageMismatch,
  portMismatch,
  ecrPushDenied,
  oidcTrustMismatch,
  zoneSpreadUnsatisfiable,
  imageBuiltButLatest,
];

function claimedBy(claims: (file: SourceFile) => boolean, files: readonly SourceFile[]): SourceFile[] {
  return files.filter((file) => {
    try {
      return claims(file);
    } catch {
      return false;
    }
  });
}

export async function coherenceModel(files: readonly SourceFile[], ctx: RunContext): Promise<CoherenceModel> {
  const links = scanLinks(ctx);
  const needsRoles = links.workflows.some((w) => w.jobs.some((j) => j.roles.length > 0));
  const manifests = claimedBy(looksLikeManifest, ctx.allFiles);
  const policies = needsRoles ? claimedBy(iamChecker.claims, ctx.allFiles) : [];
  const containers = manifests.length ? manifestView(manifests, ctx, containerViews) : [];
  // Node group zones matter only to a workload that asks for a number of zones.
  const zoneSpreads = containers.some((c) => c.zoneMinDomains);
  const terraform = zoneSpreads ? claimedBy(claimsTopology, ctx.allFiles) : [];
  const nodes = terraform.length ? nodeZones(await scanModel(terraform, ctx)) : undefined;
  return {
    links,
    containers,
    ...(nodes && { nodeZones: nodes }),
    roles: policies.length ? roleViews(await iamDocuments(policies)) : new Map(),
    imageFacts(dockerfile) {
      const file = ctx.fileAt(dockerfile);
      return file ? imageFacts(file, ctx) : undefined;
    },
  };
}

/**
 * For the kubernetes checker (the checker list wires it in): the Dockerfile of this repository
 * that builds an image reference, when it ends as root. Undefined when no build of the scan names
 * the image, or when one of the Dockerfiles that build it does not end as root.
 */
export function builtRootImages(ctx: RunContext): (image: string) => BuiltRootImage | undefined {
  const links = scanLinks(ctx);
  return (reference) => {
    const wanted = parseImageName(reference);
    if (!wanted) return undefined;
    const dockerfiles = [
      ...new Set(
        links.builds.filter((b) => b.image.repository === wanted.repository).map((b) => b.dockerfile),
      ),
    ];
    let found: BuiltRootImage | undefined;
    for (const path of dockerfiles) {
      const file = ctx.fileAt(path);
      const root = file ? imageFacts(file, ctx)?.runsAsRoot : undefined;
      if (!root) return undefined;
      found ??= { dockerfile: path, ...root };
    }
    return found;
  };
}

export const coherenceChecker: Checker = {
  id: 'coherence',
  rules: COHERENCE_RULES as readonly RuleMeta[],
  claims: isLinkFile,
  async run(files, ctx): Promise<RawFinding[]> {
    const model = await coherenceModel(files, ctx);
    return runRules(COHERENCE_RULES, model, files[0]?.path ?? '.');
  },
};
