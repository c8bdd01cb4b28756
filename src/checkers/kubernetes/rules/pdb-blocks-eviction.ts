import { listed } from '../../../engine/finding';
import type { Rule } from '../../../engine/rule';
import { lineOf, waiversOf, type KubernetesModel, type Pdb } from '../model';
import { formatIntOrPercent, resolveIntOrPercent } from '../quantity';
import { reportAt } from '../report';

/** The pods a PDB's targets run at their lowest, when every target's count is known. */
function expectedPods(pdb: Pdb): { pods: number; autoscaled: boolean } | undefined {
  if (pdb.targets.length === 0) return undefined;
  let pods = 0;
  let autoscaled = false;
  for (const target of pdb.targets) {
    if (target.effectiveReplicas === undefined || target.batch) return undefined;
    pods += target.effectiveReplicas;
    autoscaled ||= target.autoscalers.length > 0;
  }
  return { pods, autoscaled };
}

export const pdbBlocksEviction: Rule<KubernetesModel> = {
  id: 'k8s/pdb-blocks-eviction',
  severity: 'error',
  title: 'PodDisruptionBudget allows no disruption',
  help:
    'A PodDisruptionBudget that allows zero disruptions (`maxUnavailable: 0`, or `minAvailable` equal ' +
    'to the replica count or `100%`) makes every eviction fail: `kubectl drain`, cluster upgrades ' +
    'and the cluster autoscaler wait on it forever, and managed upgrades stall or force-delete the ' +
    'pods anyway. Use `maxUnavailable: 1` (or `minAvailable` below the replica count).',
  aliases: [
    'kube-linter/pdb-max-unavailable',
    'kube-linter/pdb-min-available',
    'polaris/pdbMinAvailableGreaterThanHPAMinReplicas',
  ],
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 2\n  selector:\n    matchLabels:\n      app: web\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n',
  },
  check(model, report) {
    for (const pdb of model.pdbs) {
      const object = pdb.object;
      // Built only for a finding: a budget may select thousands of workloads.
      const targets = () => listed(pdb.targets, (t) => t.object.ref);
      const waivers = () => waiversOf(object, pdb.targets);
      const fix = (field: string) => {
        const line = lineOf(object, ['spec', field]);
        return {
          line,
          endLine: line,
          replacement: object.file.lineText(line).replace(/^(\s*)\S.*$/, '$1maxUnavailable: 1'),
        };
      };
      const max = pdb.maxUnavailable?.value;
      if (max && max.value === 0) {
        report(
          reportAt(
            object,
            ['spec', 'maxUnavailable'],
            `${object.ref} sets \`maxUnavailable: ${formatIntOrPercent(max)}\`: no pod${pdb.targets.length ? ` of ${targets()}` : ''} can ever be evicted, so node drains never finish. Use \`maxUnavailable: 1\`.`,
            { waivers: waivers(), suggestion: fix('maxUnavailable') },
          ),
        );
        continue;
      }
      const min = pdb.minAvailable?.value;
      if (!min) continue;
      if (min.kind === 'percent' && min.value >= 100) {
        report(
          reportAt(
            object,
            ['spec', 'minAvailable'],
            `${object.ref} sets \`minAvailable: ${formatIntOrPercent(min)}\`: no pod${pdb.targets.length ? ` of ${targets()}` : ''} can ever be evicted, so node drains never finish. Use \`maxUnavailable: 1\`.`,
            { waivers: waivers(), suggestion: fix('minAvailable') },
          ),
        );
        continue;
      }
      const expected = expectedPods(pdb);
      if (!expected || expected.pods === 0) continue;
      const required = resolveIntOrPercent(min, expected.pods, 'up');
      if (required < expected.pods) continue;
      // One workload "runs 3 pods"; several together "run 3 pods".
      const verbEnding = pdb.targets.length === 1 ? 's' : '';
      const count = expected.autoscaled
        ? `scale${verbEnding} down to ${expected.pods}`
        : `run${verbEnding} ${expected.pods}`;
      report(
        reportAt(
          object,
          ['spec', 'minAvailable'],
          `${object.ref} requires \`minAvailable: ${formatIntOrPercent(min)}\`${min.kind === 'percent' ? ` (${required} pod${required === 1 ? '' : 's'})` : ''} while ${targets()} ${count} pod${expected.pods === 1 ? '' : 's'}: no pod can be evicted${expected.autoscaled ? ' at that size' : ''}, so node drains ${expected.autoscaled ? 'block' : 'never finish'}. Use \`maxUnavailable: 1\`.`,
          {
            waivers: waivers(),
            suggestion: fix('minAvailable'),
            ...(expected.autoscaled && { severity: 'warning' }),
          },
        ),
      );
    }
  },
};
