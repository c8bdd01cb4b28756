import type { Rule } from '../../../engine/rule';
import { toValue, VALUE_TOO_LARGE, type MapNode } from '../../../parse/tree';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';
import { deploymentYaml, HTTP_PORT } from './examples';

/** What the API server fills in for a timing a probe does not write. */
const PROBE_DEFAULTS = {
  initialDelaySeconds: 0,
  periodSeconds: 10,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 3,
};

/**
 * A probe as canonical JSON with the defaults filled in (keys sorted by code unit: only equality
 * matters, and a locale's order costs more), or undefined when it is too large to compare.
 */
function canonical(probe: MapNode): string | undefined {
  const written = toValue(probe, 2_000);
  if (written === VALUE_TOO_LARGE) return undefined;
  const value =
    written && typeof written === 'object' && !Array.isArray(written)
      ? { ...PROBE_DEFAULTS, ...(written as Record<string, unknown>) }
      : written;
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

const probe = (kind: string, failureThreshold?: number) => [
  `          ${kind}:`,
  '            httpGet:',
  '              path: /healthz',
  '              port: http',
  ...(failureThreshold ? [`            failureThreshold: ${failureThreshold}`] : []),
];

export const identicalProbes: Rule<KubernetesModel> = {
  id: 'k8s/identical-probes',
  severity: 'warning',
  title: 'Liveness and readiness probes are identical',
  help:
    'When liveness and readiness check the same thing with the same thresholds, a pod that is only ' +
    'busy fails both at once: instead of being taken out of the Service until it recovers, it is ' +
    'restarted, which moves its load onto the others and can cascade. Give liveness a higher ' +
    '`failureThreshold` (or a cheaper endpoint) than readiness. Timings a probe leaves out are ' +
    'compared at the values the API server fills in (period 10 s, timeout 1 s, failure threshold 3).',
  aliases: ['kube-score/pod-probes'],
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({
      replicas: 2,
      container: [...HTTP_PORT, ...probe('readinessProbe'), ...probe('livenessProbe')],
    }),
    good: deploymentYaml({
      replicas: 2,
      container: [...HTTP_PORT, ...probe('readinessProbe'), ...probe('livenessProbe', 6)],
    }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      for (const container of workload.containers) {
        if (!container.livenessProbe || !container.readinessProbe) continue;
        const liveness = canonical(container.livenessProbe);
        if (liveness === undefined || liveness !== canonical(container.readinessProbe)) continue;
        report(
          reportAt(
            workload.object,
            [...container.path, 'livenessProbe'],
            `${workload.object.ref}, container \`${container.name}\`: the livenessProbe is identical to the readinessProbe, so a busy pod is restarted instead of just taken out of rotation. Give liveness a higher failureThreshold.`,
            { field: `${container.name}.livenessProbe` },
          ),
        );
      }
    }
  },
};
