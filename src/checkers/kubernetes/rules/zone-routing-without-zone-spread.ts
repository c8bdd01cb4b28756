import { listed } from '../../../engine/finding';
import type { Rule } from '../../../engine/rule';
import { nodeAt, stringAt, waiversOf, type KubernetesModel, type Service } from '../model';
import { reportAt } from '../report';
import { spreadsOver, ZONE_KEYS } from '../spreading';

/** Where the Service asks for zone-local routing, if it does. */
function zoneRouting(service: Service): { path: string[]; what: string } | undefined {
  const distribution = stringAt(service.object.node, 'spec', 'trafficDistribution');
  if (distribution && distribution !== 'PreferSameNode')
    return { path: ['spec', 'trafficDistribution'], what: `\`trafficDistribution: ${distribution}\`` };
  for (const key of ['service.kubernetes.io/topology-mode', 'service.kubernetes.io/topology-aware-hints']) {
    const value = service.object.annotations[key];
    if (value && value.toLowerCase() === 'auto')
      return { path: ['metadata', 'annotations', key], what: `\`${key}: ${value}\`` };
  }
  return undefined;
}

export const zoneRoutingWithoutZoneSpread: Rule<KubernetesModel> = {
  id: 'k8s/zone-routing-without-zone-spread',
  severity: 'notice',
  title: 'Zone-aware routing with backends not spread over zones',
  help:
    'Topology-aware routing (`trafficDistribution: PreferClose`, `topology-mode: Auto`) keeps traffic ' +
    "in the caller's zone. When the backends are not spread evenly over zones, the pods of a crowded " +
    "zone share its callers while another zone's lone pod takes all of its own. Spread the backends " +
    'with a zone topology spread constraint.',
  example: {
    file: 'svc.yaml',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  trafficDistribution: PreferClose\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: topology.kubernetes.io/zone\n          whenUnsatisfiable: DoNotSchedule\n          labelSelector:\n            matchLabels:\n              app: web\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  trafficDistribution: PreferClose\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
  },
  check(model, report) {
    for (const service of model.services) {
      const routing = zoneRouting(service);
      if (!routing || !nodeAt(service.object, routing.path.slice(0, 2))) continue;
      const unspread = service.backends.filter((w) => w.kind !== 'DaemonSet' && !spreadsOver(w, ZONE_KEYS));
      if (unspread.length === 0) continue;
      report(
        reportAt(
          service.object,
          routing.path,
          `${service.object.ref} routes by zone (${routing.what}) but ${listed(unspread, (w) => w.object.ref)} is not spread over zones: pods in a crowded zone get less traffic, a lone pod in another zone all of it. Add a zone topology spread constraint.`,
          { waivers: waiversOf(service.object, unspread) },
        ),
      );
    }
  },
};
