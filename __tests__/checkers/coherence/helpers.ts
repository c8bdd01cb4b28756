import type { RawFinding } from '../../../src/engine/finding';
import type { ResolvedConfig } from '../../../src/engine/config';
import { createRunContext, type Rule } from '../../../src/engine/rule';
import { SourceFile } from '../../../src/engine/workspace';
import { deploymentLinks } from '../../../src/checkers/coherence/links';
import { imageFacts } from '../../../src/checkers/coherence/image-facts';
import type { CoherenceModel, ContainerView, RoleView } from '../../../src/checkers/coherence/model';

export const CONFIG: ResolvedConfig = {
  checkers: [],
  exclude: [],
  rules: {},
  ignore: [],
  dockerfile: { trustedRegistries: [] },
  topology: { instanceAvailability: 0.95, targetAvailability: 0.999 },
  sections: {},
};

/** A model over real link files and Dockerfiles, with the other checkers' views given directly. */
export function modelOf(
  repo: Record<string, string>,
  views: { containers?: ContainerView[]; roles?: RoleView[] } = {},
): CoherenceModel {
  const files = Object.entries(repo).map(([p, t]) => new SourceFile(p, `/nonexistent/${p}`, t));
  const ctx = createRunContext({ root: '/nonexistent', config: CONFIG, allFiles: files });
  return {
    links: deploymentLinks(files, ctx, 'acme/shop'),
    containers: views.containers ?? [],
    roles: new Map((views.roles ?? []).map((r) => [r.name, r])),
    imageFacts: (path) => {
      const file = ctx.fileAt(path);
      return file ? imageFacts(file, ctx) : undefined;
    },
  };
}

export function container(overrides: Partial<ContainerView> = {}): ContainerView {
  return {
    workload: 'Deployment/api',
    namespace: 'default',
    container: 'api',
    file: 'k8s/api.yaml',
    image: 'ghcr.io/acme/api:1.0.0',
    imageLine: 10,
    ports: [],
    probePorts: [],
    configText: '',
    ...overrides,
  };
}

export function findings<M>(rule: Rule<M>, model: M): RawFinding[] {
  const out: RawFinding[] = [];
  rule.check(model, (r) => out.push({ ...r, ruleId: rule.id }));
  return out;
}

export const COMPOSE_API = 'services:\n  api:\n    build: .\n    image: ghcr.io/acme/api:1.0.0\n';
