import type { Rule } from '../../../engine/rule';
import { asScalar, mapGet } from '../../../parse/tree';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';
import { deploymentYaml } from './examples';

export const hostNamespace: Rule<KubernetesModel> = {
  id: 'k8s/host-namespace',
  severity: 'warning',
  title: "Pod shares the node's network, PID or IPC namespace",
  help:
    "`hostNetwork`, `hostPID` and `hostIPC` put the pod in the node's own namespaces: it can bind " +
    "node ports, see and signal every process, sniff the node's traffic, and its ports clash with " +
    'other pods. Node agents (CNI, monitoring, ingress on host ports, run as DaemonSets) may need ' +
    'it; applications should not: remove it.',
  aliases: [
    'kube-linter/host-network',
    'kube-linter/host-pid',
    'kube-linter/host-ipc',
    'CKV_K8S_17',
    'CKV_K8S_18',
    'CKV_K8S_19',
  ],
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({ replicas: 2, pod: ['      hostNetwork: true'] }),
    good: deploymentYaml({ replicas: 2 }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
        if (asScalar(mapGet(workload.podSpec, field)?.value)?.value !== true) continue;
        const daemon = workload.kind === 'DaemonSet';
        report(
          reportAt(
            workload.object,
            [...workload.podSpecPath, field],
            `${workload.object.ref} sets \`${field}: true\`: its pods share the node's ${field.slice(4).toUpperCase() === 'NETWORK' ? 'network' : field.slice(4)} namespace${daemon ? ' (a DaemonSet: usual for a node agent)' : ''}. Remove it unless the pod must act on the node.`,
            { ...(daemon && { severity: 'notice' }) },
          ),
        );
      }
    }
  },
};
