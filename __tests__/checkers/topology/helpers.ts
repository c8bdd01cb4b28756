import type { RawFinding } from '../../../src/engine/finding';
import type { ResolvedConfig } from '../../../src/engine/config';
import { createRunContext, type RunContext, type ScanSection } from '../../../src/engine/rule';
import { SourceFile } from '../../../src/engine/workspace';
import { buildTopologyModel, topologyChecker } from '../../../src/checkers/topology';
import type { TopologyModel } from '../../../src/checkers/topology/model';

/** Repository files by scan-root relative path. */
export type Repo = Record<string, string>;

const CONFIG: ResolvedConfig = {
  checkers: ['topology'],
  exclude: [],
  rules: {},
  ignore: [],
  dockerfile: { trustedRegistries: [] },
  topology: { instanceAvailability: 0.95, targetAvailability: 0.999 },
  sections: {},
};

function setup(repo: Repo, sections: ScanSection[] = []): { files: SourceFile[]; ctx: RunContext } {
  const files = Object.entries(repo).map(([path, text]) => new SourceFile(path, `/repo/${path}`, text));
  return { files, ctx: createRunContext({ root: '/repo', config: CONFIG, allFiles: files }, sections) };
}

/** Runs the checker the way the scan does: it gets the files it claims. */
export async function runTopology(repo: Repo, sections: ScanSection[] = []): Promise<RawFinding[]> {
  const { files, ctx } = setup(repo, sections);
  return topologyChecker.run(
    files.filter((f) => topologyChecker.claims(f)),
    ctx,
  );
}

export async function findingsOf(ruleId: string, repo: Repo): Promise<RawFinding[]> {
  return (await runTopology(repo)).filter((f) => f.ruleId === ruleId);
}

export async function modelOf(repo: Repo): Promise<TopologyModel> {
  const { files, ctx } = setup(repo);
  return buildTopologyModel(
    files.filter((f) => topologyChecker.claims(f)),
    ctx,
  );
}

/** A topology file with one service. */
export function topologyFile(service: string): Repo {
  return { 'deploy-topology.yml': `version: 1\nservices:\n${service}` };
}
