import type { Rule } from '../../../engine/rule';
import { lineOf, type K8sObject, type KubernetesModel } from '../model';
import { replaceLine, reportAt } from '../report';

interface Replacement {
  /** The apiVersion to use instead. */
  use: string;
  /** Kubernetes version that stopped serving the old one. */
  removedIn: string;
  /** Whether swapping the apiVersion alone gives a valid object (no schema change). */
  sameSchema: boolean;
}

const WORKLOADS_TO_APPS = ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet'];

/** Removed or deprecated apiVersion (per kind where the group held several kinds) -> what replaces it. */
function replacementFor(object: K8sObject): Replacement | undefined {
  const { apiVersion, kind } = object;
  switch (apiVersion) {
    case 'extensions/v1beta1':
      if (WORKLOADS_TO_APPS.includes(kind)) return { use: 'apps/v1', removedIn: '1.16', sameSchema: false };
      if (kind === 'Ingress') return { use: 'networking.k8s.io/v1', removedIn: '1.22', sameSchema: false };
      if (kind === 'NetworkPolicy')
        return { use: 'networking.k8s.io/v1', removedIn: '1.16', sameSchema: true };
      // extensions/v1beta1 stopped serving it in 1.16; only policy/v1beta1 lasted until 1.25.
      if (kind === 'PodSecurityPolicy')
        return {
          use: 'Pod Security admission (PodSecurityPolicy is gone)',
          removedIn: '1.16',
          sameSchema: false,
        };
      return undefined;
    case 'apps/v1beta1':
    case 'apps/v1beta2':
      return WORKLOADS_TO_APPS.includes(kind) || kind === 'ControllerRevision'
        ? { use: 'apps/v1', removedIn: '1.16', sameSchema: false }
        : undefined;
    case 'policy/v1beta1':
      if (kind === 'PodDisruptionBudget') return { use: 'policy/v1', removedIn: '1.25', sameSchema: true };
      if (kind === 'PodSecurityPolicy')
        return {
          use: 'Pod Security admission (PodSecurityPolicy is gone)',
          removedIn: '1.25',
          sameSchema: false,
        };
      return undefined;
    case 'batch/v1beta1':
    case 'batch/v2alpha1':
      return kind === 'CronJob' ? { use: 'batch/v1', removedIn: '1.25', sameSchema: true } : undefined;
    case 'autoscaling/v2beta1':
      return { use: 'autoscaling/v2', removedIn: '1.25', sameSchema: false };
    case 'autoscaling/v2beta2':
      return { use: 'autoscaling/v2', removedIn: '1.26', sameSchema: true };
    case 'networking.k8s.io/v1beta1':
      return kind === 'Ingress' || kind === 'IngressClass'
        ? { use: 'networking.k8s.io/v1', removedIn: '1.22', sameSchema: kind === 'IngressClass' }
        : undefined;
    case 'rbac.authorization.k8s.io/v1beta1':
    case 'rbac.authorization.k8s.io/v1alpha1':
      return { use: 'rbac.authorization.k8s.io/v1', removedIn: '1.22', sameSchema: true };
    case 'apiextensions.k8s.io/v1beta1':
      return { use: 'apiextensions.k8s.io/v1', removedIn: '1.22', sameSchema: false };
    case 'admissionregistration.k8s.io/v1beta1':
      return { use: 'admissionregistration.k8s.io/v1', removedIn: '1.22', sameSchema: false };
    case 'apiregistration.k8s.io/v1beta1':
      return { use: 'apiregistration.k8s.io/v1', removedIn: '1.22', sameSchema: true };
    case 'scheduling.k8s.io/v1beta1':
    case 'scheduling.k8s.io/v1alpha1':
      return { use: 'scheduling.k8s.io/v1', removedIn: '1.17', sameSchema: true };
    case 'coordination.k8s.io/v1beta1':
      return { use: 'coordination.k8s.io/v1', removedIn: '1.22', sameSchema: true };
    case 'certificates.k8s.io/v1beta1':
      return { use: 'certificates.k8s.io/v1', removedIn: '1.22', sameSchema: false };
    case 'storage.k8s.io/v1beta1':
      return ['StorageClass', 'VolumeAttachment', 'CSIDriver', 'CSINode'].includes(kind)
        ? {
            use: 'storage.k8s.io/v1',
            removedIn: kind === 'CSIDriver' || kind === 'CSINode' ? '1.22' : '1.22',
            sameSchema: true,
          }
        : kind === 'CSIStorageCapacity'
          ? { use: 'storage.k8s.io/v1', removedIn: '1.27', sameSchema: true }
          : undefined;
    case 'discovery.k8s.io/v1beta1':
      return { use: 'discovery.k8s.io/v1', removedIn: '1.25', sameSchema: false };
    case 'events.k8s.io/v1beta1':
      return { use: 'events.k8s.io/v1', removedIn: '1.25', sameSchema: true };
    case 'node.k8s.io/v1beta1':
      return { use: 'node.k8s.io/v1', removedIn: '1.25', sameSchema: true };
    case 'flowcontrol.apiserver.k8s.io/v1beta1':
    case 'flowcontrol.apiserver.k8s.io/v1beta2':
      return {
        use: 'flowcontrol.apiserver.k8s.io/v1',
        removedIn: apiVersion.endsWith('beta1') ? '1.26' : '1.29',
        sameSchema: true,
      };
    default:
      return undefined;
  }
}

export const deprecatedApiVersion: Rule<KubernetesModel> = {
  id: 'k8s/deprecated-api-version',
  severity: 'warning',
  title: 'Removed or deprecated apiVersion',
  help:
    'Kubernetes stops serving old API versions: `kubectl apply` of an `extensions/v1beta1` Deployment, ' +
    'a `policy/v1beta1` PodDisruptionBudget or an `autoscaling/v2beta2` autoscaler fails with "no ' +
    'matches for kind" on a current cluster, often in the middle of an upgrade. Move to the stable ' +
    'apiVersion named in the finding; where the schema changed (Ingress, apps/v1 workloads, which need ' +
    '`spec.selector`), adjust the fields too.',
  aliases: ['kube-score/stable-version'],
  example: {
    file: 'deploy.yaml',
    bad: 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n',
    good: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n',
  },
  check(model, report) {
    for (const object of model.objects) {
      const replacement = replacementFor(object);
      if (!replacement) continue;
      const line = lineOf(object, ['apiVersion']);
      const isApiVersion = replacement.use.includes('/');
      report(
        reportAt(
          object,
          ['apiVersion'],
          `${object.ref} uses \`apiVersion: ${object.apiVersion}\`, which Kubernetes ${replacement.removedIn} no longer serves: use ${isApiVersion ? `\`${replacement.use}\`` : replacement.use}${replacement.sameSchema || !isApiVersion ? '' : ' and update the fields whose schema changed'}.`,
          {
            ...(replacement.sameSchema &&
              isApiVersion && {
                suggestion: replaceLine(object, line, (text) =>
                  text.replace(object.apiVersion, replacement.use),
                ),
              }),
          },
        ),
      );
    }
  },
};
