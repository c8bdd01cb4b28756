import type { Rule } from '../../../engine/rule';
import type { CoherenceModel } from '../model';
import { place } from '../linked';

export const zoneSpreadUnsatisfiable: Rule<CoherenceModel> = {
  id: 'coherence/zone-spread-unsatisfiable',
  severity: 'warning',
  title: 'Zone spread asks for more zones than the node groups span',
  help:
    'A topology spread constraint on `topology.kubernetes.io/zone` with `whenUnsatisfiable: ' +
    'DoNotSchedule` and `minDomains` larger than the number of zones the cluster has: while fewer ' +
    'zones than minDomains hold matching pods, the scheduler counts the global minimum as 0, so each ' +
    'zone takes at most maxSkew pods and the replicas beyond that stay Pending. The node groups ' +
    "this repository's Terraform defines span fewer zones than the constraint asks for. Lower " +
    'minDomains to the zones the node groups span, or add node groups (subnets) in more zones.',
  example: {
    file: 'k8s/web.yaml',
    bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 6
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          minDomains: 3
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels: { app: web }
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
`,
    good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 6
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          minDomains: 2
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels: { app: web }
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
`,
    files: {
      'infra/eks.tf': `resource "aws_eks_node_group" "general" {
  cluster_name    = "shop"
  node_group_name = "general"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-nodes"
  subnet_ids      = [aws_subnet.a.id, aws_subnet.b.id]
  scaling_config {
    desired_size = 3
    max_size     = 6
    min_size     = 3
  }
}

resource "aws_subnet" "a" {
  vpc_id            = "vpc-0abc"
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = "vpc-0abc"
  cidr_block        = "10.0.2.0/24"
  availability_zone = "us-east-1b"
}
`,
    },
  },
  check(model, report) {
    const nodes = model.nodeZones;
    if (!nodes) return;
    const seen = new Set<string>();
    for (const container of model.containers) {
      const spread = container.zoneMinDomains;
      const key = `${container.namespace}/${container.workload}`;
      if (!spread || spread.minDomains <= nodes.zones.length || seen.has(key)) continue;
      seen.add(key);
      const perZone = spread.maxSkew ?? 1;
      report({
        file: container.file,
        line: spread.line,
        message:
          `${container.workload} spreads over zones with minDomains ${spread.minDomains} and DoNotSchedule, but the ` +
          `node groups span ${nodes.zones.length} zone${nodes.zones.length === 1 ? '' : 's'} (${nodes.zones.join(', ')}; ` +
          `${nodes.groups.map((g) => place(g.file, g.line)).join(', ')}): at most ${perZone} pod${perZone === 1 ? '' : 's'} ` +
          `per zone schedule and the rest stay Pending. Set minDomains to ${nodes.zones.length} or add zones.`,
        subject: key,
      });
    }
  },
};
