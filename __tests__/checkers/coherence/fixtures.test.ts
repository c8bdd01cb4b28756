import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/engine/scan';
import { CHECKERS } from '../../../src/checkers';
import type { CheckerId } from '../../../src/engine/rule';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/coherence');

async function coherenceFindings(name: string, only?: CheckerId[]) {
  const result = await scan({ root: path.join(FIXTURES, name), checkers: CHECKERS, only });
  return result.findings
    .filter((f) => f.ruleId.startsWith('coherence/'))
    .map((f) => `${f.ruleId} ${f.file}:${f.line}`);
}

describe('coherence on a repository whose files disagree', () => {
  it('reports each mismatch on the side a reviewer would change', async () => {
    expect(await coherenceFindings('firing')).toEqual([
      'coherence/oidc-trust-mismatch .github/workflows/release.yml:5',
      'coherence/oidc-trust-mismatch infra/release-role.tf:11',
      'coherence/ecr-push-denied infra/release-role.tf:24',
      'coherence/nonroot-image-mismatch k8s/api.yaml:17',
      'coherence/image-built-but-latest k8s/api.yaml:20',
      'coherence/port-mismatch k8s/api.yaml:23',
    ]);
  });
});

describe("the kubernetes checker's container views", () => {
  it('are the same whether the kubernetes checker computed them or coherence built them alone', async () => {
    // With the kubernetes checker on, coherence reads the views it kept; without it, coherence
    // builds a model of the manifests itself.
    for (const name of ['firing', 'zones-firing']) {
      const alone = await coherenceFindings(name, [
        'coherence',
        'dockerfile',
        'iam',
        'terraform',
        'topology',
      ]);
      expect(alone.length).toBeGreaterThan(0);
      expect(alone).toEqual(await coherenceFindings(name));
    }
  });
});

describe('coherence on a consistent repository', () => {
  it('reports nothing when Dockerfile, manifest, workflow and policies agree', async () => {
    expect(await coherenceFindings('quiet')).toEqual([]);
  });
});

describe('coherence/zone-spread-unsatisfiable', () => {
  it('fires when minDomains exceeds the zones of every node group together, and not when they cover it', async () => {
    expect(await coherenceFindings('zones-firing')).toEqual([
      'coherence/zone-spread-unsatisfiable k8s/web.yaml:15',
    ]);
    expect(await coherenceFindings('zones-quiet')).toEqual([]);
  });
});
