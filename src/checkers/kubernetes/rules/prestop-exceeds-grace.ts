import type { Rule } from '../../../engine/rule';
import { asScalar, asSeq, getPath, mapGet, scalarString, type MapNode } from '../../../parse/tree';
import { numberValue, type KubernetesModel } from '../model';
import { reportAt } from '../report';
import { deploymentYaml } from './examples';

/** Seconds a preStop hook sleeps: the native `sleep` action, or `sleep N` in its exec command. */
export function preStopSleepSeconds(preStop: MapNode): number | undefined {
  const native = numberValue(getPath(preStop, 'sleep', 'seconds'));
  if (native !== undefined) return native;
  const command = (asSeq(getPath(preStop, 'exec', 'command'))?.items ?? []).map((i) => scalarString(i) ?? '');
  const words = command.flatMap((part) => part.split(/[\s;&|]+/)).filter(Boolean);
  let longest: number | undefined;
  words.forEach((word, index) => {
    if (word !== 'sleep' && !word.endsWith('/sleep')) return;
    const match = /^(\d+(?:\.\d+)?)s?$/.exec(words[index + 1] ?? '');
    if (match) longest = Math.max(longest ?? 0, Number(match[1]));
  });
  return longest;
}

export const prestopExceedsGrace: Rule<KubernetesModel> = {
  id: 'k8s/prestop-exceeds-grace',
  severity: 'error',
  title: 'preStop sleep uses up the termination grace period',
  help:
    'The grace period (`terminationGracePeriodSeconds`, 30 by default) counts from the start of the ' +
    'preStop hook. When the hook sleeps that long, the container is killed (SIGKILL) before it ever ' +
    'receives SIGTERM: every shutdown is a hard kill, in-flight work is lost. Keep the sleep well ' +
    'below the grace period, or raise the grace period.',
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({
      replicas: 2,
      container: [
        '          lifecycle:',
        '            preStop:',
        '              exec:',
        '                command: ["sleep", "30"]',
      ],
    }),
    good: deploymentYaml({
      replicas: 2,
      container: [
        '          lifecycle:',
        '            preStop:',
        '              exec:',
        '                command: ["sleep", "5"]',
      ],
    }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      const gracePair = mapGet(workload.podSpec, 'terminationGracePeriodSeconds');
      const written = asScalar(gracePair?.value);
      if (written && typeof written.value !== 'number') continue;
      const grace = typeof written?.value === 'number' ? written.value : 30;
      for (const container of workload.containers) {
        if (!container.preStop) continue;
        const sleep = preStopSleepSeconds(container.preStop);
        if (sleep === undefined || sleep < grace) continue;
        report(
          reportAt(
            workload.object,
            [...container.path, 'lifecycle', 'preStop'],
            `${workload.object.ref}, container \`${container.name}\`: the preStop hook sleeps ${sleep}s, ${gracePair ? `\`terminationGracePeriodSeconds\` is ${grace}` : 'and the default grace period is 30s'}: the container is killed before it gets SIGTERM. Sleep less, or raise the grace period above ${sleep}.`,
            { field: `${container.name}.lifecycle.preStop` },
          ),
        );
      }
    }
  },
};
