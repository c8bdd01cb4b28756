import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';

const STICKY: Record<string, (value: string) => string | undefined> = {
  'nginx.ingress.kubernetes.io/affinity': (v) =>
    v === 'cookie' ? 'cookie affinity pins each browser session to one pod' : undefined,
  'nginx.ingress.kubernetes.io/upstream-hash-by': (v) =>
    v ? `hashing by \`${v}\` sends every request with the same key to one pod` : undefined,
  'nginx.ingress.kubernetes.io/service-upstream': (v) =>
    v === 'true'
      ? 'the controller connects to the Service IP, so kube-proxy balances its keep-alive connections, not requests'
      : undefined,
};

export const ingressStickyBalancing: Rule<KubernetesModel> = {
  id: 'k8s/ingress-sticky-balancing',
  severity: 'notice',
  title: 'Ingress balances sticky or per connection',
  help:
    'ingress-nginx balances each request over the pods, unless told otherwise: cookie affinity and ' +
    '`upstream-hash-by` pin clients to pods, and `service-upstream: "true"` hands balancing to ' +
    "kube-proxy, which balances the controller's long-lived connections. Heavy clients then load " +
    'one pod and new pods wait for new sessions. Remove the annotation unless the app needs it.',
  example: {
    file: 'ingress.yaml',
    bad: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    nginx.ingress.kubernetes.io/affinity: cookie\nspec:\n  ingressClassName: nginx\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n',
    good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  ingressClassName: nginx\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n',
  },
  check(model, report) {
    for (const ingress of model.ingresses) {
      for (const [key, explain] of Object.entries(STICKY)) {
        const value = ingress.object.annotations[key];
        const why = value === undefined ? undefined : explain(value);
        if (!why) continue;
        report(
          reportAt(
            ingress.object,
            ['metadata', 'annotations', key],
            `${ingress.object.ref}: \`${key}: ${value}\`: ${why}, so load is uneven. Remove it unless the app needs it.`,
            { field: key },
          ),
        );
      }
    }
  },
};
