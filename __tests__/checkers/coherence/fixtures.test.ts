import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/engine/scan';
import { CHECKERS } from '../../../src/checkers';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/coherence');

async function coherenceFindings(name: string) {
  const result = await scan({ root: path.join(FIXTURES, name), checkers: CHECKERS });
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
