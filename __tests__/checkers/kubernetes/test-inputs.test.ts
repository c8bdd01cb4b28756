import { describe, expect, it } from 'vitest';
import { findingsOf, service, workload } from './helpers';

const served = workload({ replicas: 1 }) + service();

describe('test inputs', () => {
  it('lowers warnings to notices under a test-data directory, and says why', async () => {
    const [f] = await findingsOf('k8s/single-replica', { 'pkg/health/testdata/deployment.yaml': served });
    expect(f.severity).toBe('notice');
    expect(f.message).toContain('test input (it sits under `pkg/health/testdata/`');
    const [g] = await findingsOf('k8s/single-replica', { 'hack/test-resources/app.yaml': served });
    expect(g.severity).toBe('notice');
  });

  it('lowers warnings about an object recorded from a cluster', async () => {
    const dryRunService = served + 'status:\n  loadBalancer: {}\n';
    const withStatus = `${workload({ replicas: 1 })}status:\n  readyReplicas: 1\n${service()}`;
    const [f] = await findingsOf('k8s/single-replica', withStatus);
    expect(f.severity).toBe('notice');
    expect(f.message).toContain('Deployment/web is recorded from a cluster');
    // `status: {}` is what `kubectl create --dry-run -o yaml` writes into a manifest meant to be applied.
    const dryRun = `${workload({ replicas: 1 })}status: {}\n${service()}`;
    expect((await findingsOf('k8s/single-replica', dryRun))[0].severity).toBeUndefined();
    expect((await findingsOf('k8s/single-replica', dryRunService))[0].severity).toBeUndefined();
  });

  it('keeps warnings elsewhere, and errors everywhere', async () => {
    const [f] = await findingsOf('k8s/single-replica', { 'deploy/app.yaml': served });
    expect(f.severity).toBeUndefined();
    const broken = {
      'internal/testdata/broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   bad: [\n',
    };
    const [e] = await findingsOf('k8s/invalid-syntax', broken);
    expect(e.severity ?? 'error').toBe('error');
  });
});
