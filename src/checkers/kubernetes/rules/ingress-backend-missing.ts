import type { Rule } from '../../../engine/rule';
import { inSameDirectory, nearest, type KubernetesModel } from '../model';

export const ingressBackendMissing: Rule<KubernetesModel> = {
  id: 'k8s/ingress-backend-missing',
  severity: 'warning',
  title: 'Ingress backend Service or port not found',
  help:
    'An Ingress backend that names a Service (or a Service port) that does not exist in its namespace ' +
    'answers 503 for its paths. Point the backend at an existing Service and one of its ports.',
  aliases: ['kube-linter/dangling-ingress'],
  example: {
    file: 'ingress.yaml',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: website\n                port:\n                  number: 80\n',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n',
  },
  check(model, report) {
    for (const ingress of model.ingresses) {
      const namespace = ingress.object.namespace;
      const services = model.servicesIn(namespace);
      // Only where the Ingress's own directory defines Services; elsewhere they come from charts or commands.
      if (
        !inSameDirectory(
          ingress.object.file,
          services.map((s) => s.object),
        )
      )
        continue;
      for (const backend of ingress.backends) {
        // `use-annotation` is the AWS Load Balancer Controller's marker for an action named by an annotation, not a Service.
        if (backend.port === 'use-annotation') continue;
        const named = nearest(
          ingress.object.file,
          services.filter((s) => s.object.name === backend.serviceName),
          (s) => s.object.file,
        );
        const line = backend.node.line;
        const base = {
          file: ingress.object.file.path,
          line,
          subject: `${ingress.object.kind}/${namespace}/${ingress.object.name}:backend:${backend.serviceName}:${backend.port ?? ''}`,
          waivers: ingress.object.waivers,
        };
        if (named.length === 0) {
          // Only when the Ingress's own file defines Services: others come from charts and separate installs.
          if (!services.some((s) => s.object.file === ingress.object.file)) continue;
          // kube-system holds the cluster's add-ons (dashboard, metrics-server), installed with the cluster.
          if (namespace === 'kube-system') continue;
          report({
            ...base,
            message: `${ingress.object.ref} routes to Service \`${backend.serviceName}\`, which is not in namespace \`${namespace}\`: those paths answer 503.`,
          });
          continue;
        }
        const port = backend.port;
        // `use-annotation` is the AWS Load Balancer Controller's marker for an action, not a port.
        if (port === undefined || named.some((s) => s.type === 'ExternalName')) continue;
        if (
          named.some((s) =>
            s.ports.some((p) => (typeof port === 'number' ? p.port === port : p.name === port)),
          )
        )
          continue;
        report({
          ...base,
          message: `${ingress.object.ref} routes to port ${typeof port === 'number' ? port : `\`${port}\``} of Service/${backend.serviceName}, which has ${named[0].ports.map((p) => p.name ?? p.port).join(', ') || 'no ports'}: those paths answer 503.`,
        });
      }
    }
  },
};
