import type { Rule } from '../../../engine/rule';
import type { KubernetesModel, ServicePort } from '../model';
import { reportAt } from '../report';

const LONG_LIVED_PROTOCOLS = new Set([
  'grpc',
  'h2c',
  'http2',
  'kubernetes.io/h2c',
  'kubernetes.io/ws',
  'kubernetes.io/wss',
  'ws',
  'wss',
  'websocket',
]);

/** What makes the port carry long-lived, multiplexed connections, if anything. */
function longLived(port: ServicePort): string | undefined {
  if (port.appProtocol && LONG_LIVED_PROTOCOLS.has(port.appProtocol.toLowerCase()))
    return `appProtocol \`${port.appProtocol}\``;
  const name = port.name?.toLowerCase();
  if (name && /^(grpc|h2c|http2|ws|wss|websocket)(-|$)/.test(name)) return `port name \`${port.name}\``;
  return undefined;
}

export const longLivedConnections: Rule<KubernetesModel> = {
  id: 'k8s/long-lived-connections',
  severity: 'notice',
  title: 'Long-lived connections balanced per connection',
  help:
    'kube-proxy balances connections, not requests. gRPC, HTTP/2 and WebSocket clients keep one ' +
    'connection open and send every request over it, so each client sticks to one pod: new pods ' +
    'after a scale-out get nothing and load stays skewed. Balance per request: client-side load ' +
    'balancing over a headless Service (`clusterIP: None`), a service mesh, or a proxy that ' +
    'understands the protocol; or cap connection age on the server (gRPC `MaxConnectionAge`).',
  example: {
    file: 'svc.yaml',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: orders\nspec:\n  selector:\n    app: orders\n  ports:\n    - name: grpc\n      port: 50051\n',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: orders\nspec:\n  clusterIP: None\n  selector:\n    app: orders\n  ports:\n    - name: grpc\n      port: 50051\n',
  },
  check(model, report) {
    for (const service of model.services) {
      if (service.headless || !service.selector || service.type === 'ExternalName') continue;
      service.ports.forEach((port, index) => {
        const why = longLived(port);
        if (!why) return;
        report(
          reportAt(
            service.object,
            ['spec', 'ports', index],
            `${service.object.ref} port ${port.name ?? port.port ?? index} carries long-lived connections (${why}), which kube-proxy balances per connection, not per request: each client sticks to one pod. Balance per request (headless Service with client-side balancing, a mesh, or a max connection age).`,
            { field: `ports.${port.name ?? index}` },
          ),
        );
      });
    }
  },
};
