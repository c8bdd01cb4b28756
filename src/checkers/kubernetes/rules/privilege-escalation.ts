import type { Rule } from '../../../engine/rule';
import { asScalar, asSeq, getPath, scalarString } from '../../../parse/tree';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';
import { deploymentYaml } from './examples';

const DANGEROUS_CAPABILITIES = new Set(['SYS_ADMIN', 'NET_ADMIN', 'ALL']);

export const privilegeEscalation: Rule<KubernetesModel> = {
  id: 'k8s/privilege-escalation',
  severity: 'warning',
  title: 'Privileged container or privilege escalation allowed',
  help:
    'A `privileged: true` container, or one adding SYS_ADMIN, NET_ADMIN or ALL capabilities, has ' +
    'near-root power over the node: a compromise of the app is a compromise of the node. Node ' +
    'agents run as DaemonSets (CNI, CSI, monitoring) legitimately need some of it; applications ' +
    'do not. Separately, `allowPrivilegeEscalation` defaults to true, letting setuid binaries gain ' +
    'privileges: set it to false.',
  aliases: [
    'kube-linter/privileged-container',
    'kube-linter/privilege-escalation-container',
    'CKV_K8S_16',
    'CKV_K8S_20',
    'polaris/privilegeEscalationAllowed',
  ],
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({
      replicas: 2,
      container: ['          securityContext:', '            privileged: true'],
    }),
    good: deploymentYaml({
      replicas: 2,
      container: [
        '          securityContext:',
        '            allowPrivilegeEscalation: false',
        '            capabilities:',
        '              drop: ["ALL"]',
      ],
    }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      const nodeAgent = workload.kind === 'DaemonSet';
      for (const container of workload.containers) {
        const context = container.securityContext;
        const field = `${container.name}.securityContext`;
        const privileged = asScalar(getPath(context, 'privileged'))?.value === true;
        const added = (asSeq(getPath(context, 'capabilities', 'add'))?.items ?? [])
          .map((c) => (scalarString(c) ?? '').toUpperCase().replace(/^CAP_/, ''))
          .filter((c) => DANGEROUS_CAPABILITIES.has(c));
        const where = nodeAgent ? ' (a DaemonSet: fine for a node agent that needs it)' : '';
        if (privileged) {
          report(
            reportAt(
              workload.object,
              [...container.path, 'securityContext', 'privileged'],
              `${workload.object.ref}, container \`${container.name}\` runs \`privileged: true\`: it has root power over the node${where}. Grant only the capabilities it needs.`,
              { field: `${field}.privileged`, ...(nodeAgent && { severity: 'notice' }) },
            ),
          );
        } else if (added.length) {
          report(
            reportAt(
              workload.object,
              [...container.path, 'securityContext', 'capabilities', 'add'],
              `${workload.object.ref}, container \`${container.name}\` adds ${added.join(', ')}: near-root power over the node${where}. Drop them unless it truly needs them.`,
              { field: `${field}.capabilities`, ...(nodeAgent && { severity: 'notice' }) },
            ),
          );
        }
        if (!privileged && asScalar(getPath(context, 'allowPrivilegeEscalation'))?.value !== false) {
          report(
            reportAt(
              workload.object,
              context ? [...container.path, 'securityContext'] : [...container.path, 'name'],
              `${workload.object.ref}, container \`${container.name}\` does not set \`allowPrivilegeEscalation: false\`, so setuid binaries can gain privileges. Set it.`,
              { field: `${field}.allowPrivilegeEscalation`, severity: 'notice' },
            ),
          );
        }
      }
    }
  },
};
