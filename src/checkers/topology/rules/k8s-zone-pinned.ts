import type { Rule } from '../../../engine/rule';
import type { TopologyModel } from '../model';

export const k8sZonePinned: Rule<TopologyModel> = {
  id: 'topology/k8s-zone-pinned',
  severity: 'warning',
  title: 'Kubernetes workload pinned to one zone',
  help:
    'A `nodeSelector` or required node affinity on `topology.kubernetes.io/zone` with one value ' +
    'schedules every replica into that zone: its outage takes the workload down, and the pods stay ' +
    'Pending rather than move. Drop the pin and spread with `topologySpreadConstraints` over ' +
    '`topology.kubernetes.io/zone` (pinning is right only for zonal storage, which then needs a ' +
    'replica per zone).',
  example: {
    file: 'deployment.yaml',
    bad: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  replicas: 3',
      '  selector:',
      '    matchLabels: { app: web }',
      '  template:',
      '    metadata:',
      '      labels: { app: web }',
      '    spec:',
      '      nodeSelector:',
      '        topology.kubernetes.io/zone: eu-west-1a',
      '      containers:',
      '        - name: web',
      '          image: nginx:1.27',
      '',
    ].join('\n'),
    good: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  replicas: 3',
      '  selector:',
      '    matchLabels: { app: web }',
      '  template:',
      '    metadata:',
      '      labels: { app: web }',
      '    spec:',
      '      topologySpreadConstraints:',
      '        - maxSkew: 1',
      '          topologyKey: topology.kubernetes.io/zone',
      '          whenUnsatisfiable: DoNotSchedule',
      '          labelSelector:',
      '            matchLabels: { app: web }',
      '      containers:',
      '        - name: web',
      '          image: nginx:1.27',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const w of model.pinnedWorkloads) {
      report({
        file: w.file,
        line: w.line,
        subject: `${w.kind}/${w.name}`,
        message: `${w.kind} ${w.name} (${w.replicas} replica${w.replicas === 1 ? '' : 's'}) is pinned to ${w.zone} by ${w.how}: every pod lands there, and an outage of ${w.zone} takes it down with nowhere to reschedule. Spread it with topologySpreadConstraints over topology.kubernetes.io/zone.`,
      });
    }
  },
};
