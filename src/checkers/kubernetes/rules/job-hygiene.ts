import type { Rule } from '../../../engine/rule';
import { nodeAt, type KubernetesModel } from '../model';
import { reportAt } from '../report';

const CRONJOB = (extra: string) =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n${extra}  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: report\n              image: acme/report:2.0.1\n`;

export const jobHygiene: Rule<KubernetesModel> = {
  id: 'k8s/job-hygiene',
  severity: 'notice',
  title: 'Job or CronJob without cleanup or scheduling limits',
  help:
    'A finished Job without `ttlSecondsAfterFinished` stays in the cluster with its pods forever. A ' +
    'CronJob without `concurrencyPolicy` starts a second run while the first is still going ' +
    '(`Forbid` or `Replace` prevents it), and without `startingDeadlineSeconds` a controller outage ' +
    'can make it skip runs or fire a burst of missed ones.',
  aliases: ['kube-score/cronjob-has-deadline'],
  example: {
    file: 'cron.yaml',
    bad: CRONJOB(''),
    good: CRONJOB('  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: 300\n'),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      const object = workload.object;
      if (workload.kind === 'Job') {
        if (nodeAt(object, ['spec', 'ttlSecondsAfterFinished']) !== undefined) continue;
        if (object.annotations['helm.sh/hook'] || object.annotations['argocd.argoproj.io/hook']) continue; // the tool deletes it
        report(
          reportAt(
            object,
            ['kind'],
            `${object.ref} has no \`ttlSecondsAfterFinished\`: the finished Job and its pods stay forever. Set it (e.g. 86400).`,
            {
              field: 'ttlSecondsAfterFinished',
            },
          ),
        );
      } else if (workload.kind === 'CronJob') {
        const missing = ['concurrencyPolicy', 'startingDeadlineSeconds'].filter(
          (f) => nodeAt(object, ['spec', f]) === undefined,
        );
        if (missing.length === 0) continue;
        report(
          reportAt(
            object,
            ['kind'],
            `${object.ref} sets no ${missing.map((m) => `\`${m}\``).join(' and ')}: ${missing.includes('concurrencyPolicy') ? 'runs can overlap' : ''}${missing.length === 2 ? ', and ' : ''}${missing.includes('startingDeadlineSeconds') ? 'missed runs are skipped or fired in a burst after an outage' : ''}.`,
            { field: missing.join(',') },
          ),
        );
      }
    }
  },
};
