import { describe, expect, it } from 'vitest';
import { applySuggestion, findingsOf, hpa, lineWith, pdb, service, workload } from '../helpers';

const PORT = ['          ports:', '            - name: http', '              containerPort: 8080'];

describe('k8s/single-replica', () => {
  it('fires at the replicas line of a served Deployment with one replica', async () => {
    const text = workload({ replicas: 1 }) + service();
    const [f] = await findingsOf('k8s/single-replica', text);
    expect(f.line).toBe(lineWith(text, 'replicas: 1'));
    expect(f.message).toContain('Deployment/web serves Service/web');
  });
  it('points at the KEDA minimum when the autoscaler lets it drop to one', async () => {
    const keda =
      '---\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    name: web\n  minReplicaCount: 1\n';
    const text = workload() + service() + keda;
    const [f] = await findingsOf('k8s/single-replica', text);
    expect(f.line).toBe(lineWith(text, 'minReplicaCount: 1'));
  });
  it("leaves an HPA's minimum of 1 to k8s/hpa-min-replicas-low, which reports the same line", async () => {
    const text = workload() + service() + hpa('web', 1);
    expect(await findingsOf('k8s/single-replica', text)).toEqual([]);
    const [f] = await findingsOf('k8s/hpa-min-replicas-low', text);
    expect(f.line).toBe(lineWith(text, 'minReplicas: 1'));
  });
  it('is a notice for a workload that holds a store, whose fix is replication rather than replicas', async () => {
    const claim = [
      '      volumes:',
      '        - name: data',
      '          persistentVolumeClaim:',
      '            claimName: data',
    ];
    const pvc = (mode: string) =>
      `---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [${mode}]\n`;
    const rwo = workload({ replicas: 1, pod: claim }) + service() + pvc('ReadWriteOnce');
    const [withClaim] = await findingsOf('k8s/single-replica', rwo);
    expect(withClaim.severity).toBe('notice');
    expect(withClaim.message).toContain('it mounts `data`, a ReadWriteOnce claim');
    // Model weights on a claim many nodes read, or a claim not in the scan: more replicas are the fix.
    const rox = workload({ replicas: 1, pod: claim }) + service() + pvc('ReadOnlyMany');
    expect((await findingsOf('k8s/single-replica', rox))[0].severity).toBeUndefined();
    const unknown = workload({ replicas: 1, pod: claim }) + service();
    expect((await findingsOf('k8s/single-replica', unknown))[0].severity).toBeUndefined();
    const [redis] = await findingsOf(
      'k8s/single-replica',
      workload({ replicas: 1, image: 'bitnami/redis:7.2' }) + service(),
    );
    expect(redis.severity).toBe('notice');
    expect(redis.message).toContain('it runs `redis`');
    const [web] = await findingsOf(
      'k8s/single-replica',
      workload({ replicas: 1, image: 'acme/redis-ui:1.0' }) + service(),
    );
    expect(web.severity).toBeUndefined();
  });
  it('is quiet when the only Service exposes metrics (an operator scraped by Prometheus)', async () => {
    const byName = workload({ replicas: 1 }) + service({ name: 'web-metrics', selector: { app: 'web' } });
    expect(await findingsOf('k8s/single-replica', byName)).toEqual([]);
    const byPort =
      workload({ replicas: 1 }) + service({ ports: ['    - name: http-metrics', '      port: 8383'] });
    expect(await findingsOf('k8s/single-replica', byPort)).toEqual([]);
    // A server named for metrics that takes API traffic still counts.
    const apiServer =
      workload({ replicas: 1 }) + service({ name: 'metrics-server', selector: { app: 'web' } });
    expect(await findingsOf('k8s/single-replica', apiServer)).toHaveLength(1);
  });
  it('is quiet for a pod that only sleeps, behind a Service that gives it a name', async () => {
    const sleeper = ['          command: ["/bin/sleep", "infinity"]'];
    const text = workload({ replicas: 1, container: sleeper }) + service();
    expect(await findingsOf('k8s/single-replica', text)).toEqual([]);
    expect(await findingsOf('k8s/missing-readiness-probe', text)).toEqual([]);
  });
  it('is quiet when versions of one app behind one Service run 2 pods together', async () => {
    const version = (v: string) =>
      workload({ name: `reviews-${v}`, replicas: 1, labels: { app: 'reviews', version: v } });
    const text = `${version('v1')}---\n${version('v2')}${service({ name: 'reviews', selector: { app: 'reviews' } })}`;
    expect(await findingsOf('k8s/single-replica', text)).toEqual([]);
    const alone = version('v1') + service({ name: 'reviews', selector: { app: 'reviews' } });
    expect(await findingsOf('k8s/single-replica', alone)).toHaveLength(1);
    // Copies of the app in other trees, which a stray Service there matches, are not more pods.
    const copies = {
      'k8s/reviews.yaml': alone,
      'release/bundle.yaml': version('v1'),
      'docs/service.yaml': service({ name: 'reviews', selector: { app: 'reviews' } }),
    };
    expect(await findingsOf('k8s/single-replica', copies)).toHaveLength(2);
  });
  it('is quiet for workers no Service selects, for scaled-to-zero and for HPA minimum 2', async () => {
    expect(
      await findingsOf('k8s/single-replica', workload({ replicas: 1 }) + service({ name: 'api' })),
    ).toEqual([]);
    expect(await findingsOf('k8s/single-replica', workload({ replicas: 0 }) + service())).toEqual([]);
    expect(
      await findingsOf('k8s/single-replica', workload({ replicas: 1 }) + service() + hpa('web', 2)),
    ).toEqual([]);
  });
  it('takes the replica count a kustomize patch sets', async () => {
    const repo = {
      'base/deploy.yaml': workload({ replicas: 1 }) + service(),
      'overlays/prod/replicas-patch.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
    };
    expect(await findingsOf('k8s/single-replica', repo)).toEqual([]);
  });
  it('applies a listed patch only to what its kustomization builds, not to a rendered bundle elsewhere', async () => {
    const repo = {
      'manifests/base/web/deploy.yaml': workload({ replicas: 1 }) + service(),
      'manifests/base/kustomization.yaml': 'resources:\n  - web/deploy.yaml\n',
      'manifests/ha/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: web-replicas.yaml\n',
      'manifests/ha/web-replicas.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
      'manifests/install.yaml': workload({ replicas: 1 }) + service(),
    };
    const found = await findingsOf('k8s/single-replica', repo);
    expect(found.map((f) => f.file)).toEqual(['manifests/install.yaml']);
  });
  it("applies a component's patch to what the kustomization including it builds", async () => {
    const repo = {
      'manifests/base/deploy.yaml': workload({ replicas: 1 }) + service(),
      'manifests/base/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
      'manifests/components/ha/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: replicas.yaml\n',
      'manifests/components/ha/replicas.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
      'manifests/overlays/ha/kustomization.yaml':
        'resources:\n  - ../../base\ncomponents:\n  - ../../components/ha\n',
    };
    expect(await findingsOf('k8s/single-replica', repo)).toEqual([]);
  });
  it('is a notice when only a container port says it serves (no Service in the scan)', async () => {
    const [f] = await findingsOf('k8s/single-replica', workload({ replicas: 1, container: PORT }));
    expect(f.severity).toBe('notice');
  });
});

describe('k8s/replicas-set-under-hpa', () => {
  it('fires and suggests deleting the replicas line', async () => {
    const text = workload({ replicas: 3 }) + hpa('web', 3);
    const [f] = await findingsOf('k8s/replicas-set-under-hpa', text);
    expect(f.line).toBe(lineWith(text, 'replicas: 3'));
    expect(applySuggestion(text, f.suggestion!)).not.toContain('replicas: 3');
  });
  it('is quiet when the HPA targets another Deployment', async () => {
    expect(await findingsOf('k8s/replicas-set-under-hpa', workload({ replicas: 3 }) + hpa('api', 3))).toEqual(
      [],
    );
  });
});

describe('k8s/hpa-min-replicas-low', () => {
  it('fires on an unset minReplicas at the kind line, and suggests 2 for minReplicas: 1', async () => {
    const unset = hpa('web');
    expect((await findingsOf('k8s/hpa-min-replicas-low', unset))[0].message).toContain(
      'no `minReplicas` (so 1)',
    );
    const [f] = await findingsOf('k8s/hpa-min-replicas-low', hpa('web', 1));
    expect(f.suggestion?.replacement).toBe('  minReplicas: 2');
  });
  it('is quiet for a target no Service sends traffic to, and a notice when only a port says it serves', async () => {
    const worker = workload({ replicas: 1 }) + hpa('web', 1);
    expect(
      await findingsOf(
        'k8s/hpa-min-replicas-low',
        worker + service({ name: 'queue', selector: { app: 'queue' } }),
      ),
    ).toEqual([]);
    const exporter =
      workload({ replicas: 1 }) + service({ name: 'web-metrics', selector: { app: 'web' } }) + hpa('web', 1);
    expect(await findingsOf('k8s/hpa-min-replicas-low', exporter)).toEqual([]);
    const ported = workload({ replicas: 1, container: PORT }) + hpa('web', 1);
    expect((await findingsOf('k8s/hpa-min-replicas-low', ported))[0].severity).toBe('notice');
  });
  it('fires when one of the variants its target name may mean is served', async () => {
    const repo = {
      'a-variant.yaml': workload({ replicas: 1, labels: { app: 'web', tier: 'batch' } }),
      'b-served.yaml': workload({ replicas: 1, labels: { app: 'web', tier: 'front' } }),
      'hpa.yaml': hpa('web', 1),
      'svc.yaml': service({ selector: { app: 'web', tier: 'front' } }),
    };
    expect(await findingsOf('k8s/hpa-min-replicas-low', repo)).toHaveLength(1);
  });
  it('is quiet at 2, and for a KEDA ScaledObject', async () => {
    expect(await findingsOf('k8s/hpa-min-replicas-low', hpa('web', 2))).toEqual([]);
    const keda =
      'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    name: web\n';
    expect(await findingsOf('k8s/hpa-min-replicas-low', workload() + '---\n' + keda)).toEqual([]);
  });
});

describe('k8s/hpa-target-missing', () => {
  it('fires when the named Deployment is not beside it, and hints at a kind mismatch', async () => {
    const text = workload({ kind: 'StatefulSet', name: 'web' }) + hpa('web', 2);
    const [f] = await findingsOf('k8s/hpa-target-missing', text);
    expect(f.message).toContain('is the kind wrong?');
  });
  it('is quiet for a custom kind target that exists, and when no workload sits beside the HPA', async () => {
    const rollout = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: web\n---\n';
    const toRollout = hpa('web', 2).replace('kind: Deployment', 'kind: Rollout');
    expect(await findingsOf('k8s/hpa-target-missing', rollout + workload({ name: 'x' }) + toRollout)).toEqual(
      [],
    );
    expect(
      await findingsOf('k8s/hpa-target-missing', {
        'a/hpa.yaml': hpa('web', 2),
        'b/deploy.yaml': workload({ name: 'x' }),
      }),
    ).toEqual([]);
  });
});

describe('k8s/missing-pdb', () => {
  it('fires for a replicated workload with 2+ replicas and no PDB', async () => {
    expect(await findingsOf('k8s/missing-pdb', workload({ replicas: 2 }))).toHaveLength(1);
  });
  it('is quiet with a PDB in another file, for DaemonSets, CronJobs and single replicas', async () => {
    expect(
      await findingsOf('k8s/missing-pdb', {
        'deploy.yaml': workload({ replicas: 3 }),
        'pdb.yaml': pdb('maxUnavailable: 1'),
      }),
    ).toEqual([]);
    expect(await findingsOf('k8s/missing-pdb', workload({ kind: 'DaemonSet' }))).toEqual([]);
    expect(await findingsOf('k8s/missing-pdb', workload({ replicas: 1 }))).toEqual([]);
  });
  it('is quiet when an HPA keeps at most one pod... and fires when its minimum is 2', async () => {
    expect(await findingsOf('k8s/missing-pdb', workload({ replicas: 5 }) + hpa('web', 1))).toEqual([]);
    expect(await findingsOf('k8s/missing-pdb', workload() + hpa('web', 2))).toHaveLength(1);
  });
});

describe('k8s/pdb-blocks-eviction', () => {
  it('fires on minAvailable equal to the replicas, with a maxUnavailable: 1 suggestion', async () => {
    const text = workload({ replicas: 2 }) + pdb('minAvailable: 2');
    const [f] = await findingsOf('k8s/pdb-blocks-eviction', text);
    expect(f).toMatchObject({ line: lineWith(text, 'minAvailable: 2') });
    expect(f.suggestion?.replacement).toBe('  maxUnavailable: 1');
  });
  it('fires on maxUnavailable 0 or 0%, minAvailable 100%, and a percentage rounding up to all pods', async () => {
    for (const policy of [
      'maxUnavailable: 0',
      'maxUnavailable: "0%"',
      'minAvailable: "100%"',
      'minAvailable: "67%"',
    ]) {
      expect(
        await findingsOf('k8s/pdb-blocks-eviction', workload({ replicas: 3 }) + pdb(policy)),
      ).toHaveLength(1);
    }
  });
  it('is a warning when the count is an HPA minimum (more pods may run)', async () => {
    const [f] = await findingsOf(
      'k8s/pdb-blocks-eviction',
      workload() + hpa('web', 2) + pdb('minAvailable: 2'),
    );
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('while Deployment/web scales down to 2 pods');
  });
  it('agrees in number with one workload and one pod', async () => {
    const [f] = await findingsOf(
      'k8s/pdb-blocks-eviction',
      workload({ replicas: 1 }) + pdb('minAvailable: "80%"'),
    );
    expect(f.message).toContain('`minAvailable: 80%` (1 pod) while Deployment/web runs 1 pod:');
  });
  it('is quiet when a disruption is allowed, and when the pods are not in the scan', async () => {
    for (const policy of [
      'minAvailable: 2',
      'minAvailable: "50%"',
      'maxUnavailable: 1',
      'maxUnavailable: "10%"',
    ]) {
      expect(await findingsOf('k8s/pdb-blocks-eviction', workload({ replicas: 3 }) + pdb(policy))).toEqual(
        [],
      );
    }
    expect(await findingsOf('k8s/pdb-blocks-eviction', pdb('minAvailable: 2'))).toEqual([]);
  });
});

describe('k8s/pdb-selects-nothing', () => {
  it('fires on a renamed label', async () => {
    expect(
      await findingsOf(
        'k8s/pdb-selects-nothing',
        workload({ replicas: 2 }) + pdb('maxUnavailable: 1', { app: 'webapp' }),
      ),
    ).toHaveLength(1);
  });
  it('is quiet when a custom resource in the namespace may run the pods, or the selector uses keys no pod here has', async () => {
    const cr = '---\napiVersion: acme.io/v1\nkind: Cache\nmetadata:\n  name: c\n';
    expect(
      await findingsOf(
        'k8s/pdb-selects-nothing',
        workload() + cr + pdb('maxUnavailable: 1', { app: 'cache' }),
      ),
    ).toEqual([]);
    expect(
      await findingsOf(
        'k8s/pdb-selects-nothing',
        workload() + pdb('maxUnavailable: 1', { component: 'etcd' }),
      ),
    ).toEqual([]);
  });
});

describe('k8s/pdb-no-policy', () => {
  it('fires on a PDB without a budget and is quiet with one', async () => {
    expect(await findingsOf('k8s/pdb-no-policy', pdb(''))).toHaveLength(1);
    expect(await findingsOf('k8s/pdb-no-policy', pdb('minAvailable: 1'))).toEqual([]);
  });
});

describe('k8s/pdb-overlap', () => {
  it('fires when two PDBs select the same pods', async () => {
    const text =
      workload({ replicas: 3 }) +
      pdb('maxUnavailable: 1') +
      pdb('maxUnavailable: 1', { app: 'web' }, 'web-2');
    expect(await findingsOf('k8s/pdb-overlap', text)).toHaveLength(1);
  });
  it('is quiet when each PDB selects other pods', async () => {
    const text =
      workload({ replicas: 3 }) +
      workload({ name: 'api', replicas: 3 }).replace(/^/, '---\n') +
      pdb('maxUnavailable: 1') +
      pdb('maxUnavailable: 1', { app: 'api' }, 'api');
    expect(await findingsOf('k8s/pdb-overlap', text)).toEqual([]);
  });
});

describe('k8s/rollout-unavailable-all', () => {
  it('fires when maxUnavailable resolves to every replica', async () => {
    const text = workload({
      replicas: 4,
      spec: ['  strategy:', '    rollingUpdate:', '      maxUnavailable: 4'],
    });
    expect((await findingsOf('k8s/rollout-unavailable-all', text))[0].line).toBe(
      lineWith(text, 'maxUnavailable: 4'),
    );
  });
  it('rounds percentages down: 75% of 3 is 2', async () => {
    const text = workload({
      replicas: 3,
      spec: ['  strategy:', '    rollingUpdate:', '      maxUnavailable: 75%'],
    });
    expect(await findingsOf('k8s/rollout-unavailable-all', text)).toEqual([]);
  });
});

describe('k8s/recreate-strategy', () => {
  it('fires on a served Deployment', async () => {
    expect(
      await findingsOf(
        'k8s/recreate-strategy',
        workload({ replicas: 2, spec: ['  strategy:', '    type: Recreate'] }) + service(),
      ),
    ).toHaveLength(1);
  });
  it('is quiet when the pod mounts a claim (ReadWriteOnce cannot attach twice)', async () => {
    const text = workload({
      replicas: 1,
      spec: ['  strategy:', '    type: Recreate'],
      pod: [
        '      volumes:',
        '        - name: data',
        '          persistentVolumeClaim:',
        '            claimName: data',
      ],
    });
    expect(await findingsOf('k8s/recreate-strategy', text + service())).toEqual([]);
  });
});

describe('k8s/statefulset-service-missing', () => {
  const sts = workload({ kind: 'StatefulSet', name: 'db', replicas: 3, spec: ['  serviceName: db'] });
  it('fires when the governing Service is not headless', async () => {
    expect(await findingsOf('k8s/statefulset-service-missing', sts + service({ name: 'db' }))).toHaveLength(
      1,
    );
  });
  it('is quiet with a headless Service, and when no Service is defined beside it', async () => {
    expect(
      await findingsOf(
        'k8s/statefulset-service-missing',
        sts + service({ name: 'db', spec: ['  clusterIP: None'] }),
      ),
    ).toEqual([]);
    expect(await findingsOf('k8s/statefulset-service-missing', sts)).toEqual([]);
  });
  it('is a notice for one replica without volume claims: a controller with no peer to address', async () => {
    const single = workload({ kind: 'StatefulSet', name: 'db', replicas: 1, spec: ['  serviceName: db'] });
    const [f] = await findingsOf('k8s/statefulset-service-missing', single + service({ name: 'db' }));
    expect(f.severity).toBe('notice');
    const [g] = await findingsOf('k8s/statefulset-service-missing', sts + service({ name: 'db' }));
    expect(g.severity).toBeUndefined();
  });
  it("does not name a Service of a sibling directory's variant as this StatefulSet's", async () => {
    const repo = {
      'base/controller-statefulset/sts.yaml': sts,
      'base/controller-deployment/svc.yaml': service({ name: 'db' }),
    };
    expect(await findingsOf('k8s/statefulset-service-missing', repo)).toEqual([]);
    const above = { 'deploy/db/sts.yaml': sts, 'deploy/svc.yaml': service({ name: 'db' }) };
    expect((await findingsOf('k8s/statefulset-service-missing', above))[0].message).toContain(
      'is not headless',
    );
  });
});
