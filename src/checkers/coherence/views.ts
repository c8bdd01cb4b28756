// Reads the other checkers' models into the compact views the coherence rules compare. Only what
// the models state is carried over; anything they leave open is marked so the rules skip it.
import { asMap, asScalar, asSeq, mapGet, scalarString, type DataNode, type MapNode } from '../../parse/tree';
import type { Container, KubernetesModel, Workload } from '../kubernetes/model';
import type { IamExtraction } from '../iam/extract';
import type { PolicyDocument, Statement } from '../iam/document';
import { hasUnresolved } from '../iam/values';
import type { TopologyModel } from '../topology/model';
import type { ContainerView, NodeZones, RoleView, TrustStatementView } from './model';
import type { StatementView } from './policy-eval';

const ZONE_KEY = 'topology.kubernetes.io/zone';
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

export function containerViews(model: KubernetesModel): ContainerView[] {
  const out: ContainerView[] = [];
  for (const workload of model.workloads) {
    const podContext = asMap(mapGet(workload.podSpec, 'securityContext')?.value);
    const zoneMinDomains = zoneSpreadMinDomains(workload);
    for (const container of workload.containers) {
      const imageNode = mapGet(container.node, 'image')?.value;
      if (!container.image || !imageNode) continue;
      const nonRoot = securitySetting(container.securityContext, podContext, 'runAsNonRoot');
      const user = securitySetting(container.securityContext, podContext, 'runAsUser');
      const runAsUser = asScalar(user)?.value;
      out.push({
        workload: workload.object.ref,
        namespace: workload.object.namespace,
        container: container.name,
        file: workload.object.file.path,
        image: container.image,
        imageLine: imageNode.line,
        ...(asScalar(nonRoot) &&
          typeof asScalar(nonRoot)!.value === 'boolean' && {
            runAsNonRoot: { value: asScalar(nonRoot)!.value as boolean, line: nonRoot!.line },
          }),
        // A runAsUser the file does not fix (a template value) still tells the kubelet a UID.
        ...(user && { runAsUser: typeof runAsUser === 'number' ? runAsUser : -1 }),
        ports: containerPorts(container),
        probePorts: probePorts(container),
        configText: configText(container),
        ...(zoneMinDomains && { zoneMinDomains }),
      });
    }
  }
  return out;
}

/** The container's own setting, else the pod's (Kubernetes' precedence). */
function securitySetting(
  container: MapNode | undefined,
  pod: MapNode | undefined,
  key: string,
): DataNode | undefined {
  return mapGet(container, key)?.value ?? mapGet(pod, key)?.value ?? undefined;
}

function containerPorts(container: Container): ContainerView['ports'] {
  const out: ContainerView['ports'] = [];
  for (const port of container.ports) {
    const node = mapGet(port.node, 'containerPort')?.value;
    if (port.containerPort === undefined || !node) continue;
    out.push({ port: port.containerPort, ...(port.name && { name: port.name }), line: node.line });
  }
  return out;
}

function probePorts(container: Container): ContainerView['probePorts'] {
  const out: ContainerView['probePorts'] = [];
  for (const probe of PROBES) {
    const handler = container[probe];
    for (const kind of ['httpGet', 'tcpSocket', 'grpc']) {
      const node = mapGet(mapGet(handler, kind)?.value, 'port')?.value;
      const value = asScalar(node)?.value;
      if (!node || value === undefined || value === null) continue;
      const port =
        typeof value === 'number'
          ? value
          : container.ports.find((p) => p.name !== undefined && p.name === String(value))?.containerPort;
      if (port !== undefined) out.push({ port, probe, line: node.line });
    }
  }
  return out;
}

function configText(container: Container): string {
  const words: string[] = [];
  for (const key of ['command', 'args']) {
    for (const item of asSeq(mapGet(container.node, key)?.value)?.items ?? []) {
      const text = scalarString(item);
      if (text !== undefined) words.push(text);
    }
  }
  for (const variable of container.env) {
    const value = scalarString(variable.value);
    words.push(`${variable.name}=${value ?? ''}`);
  }
  return words.join(' ');
}

function zoneSpreadMinDomains(workload: Workload): ContainerView['zoneMinDomains'] {
  for (const item of asSeq(mapGet(workload.podSpec, 'topologySpreadConstraints')?.value)?.items ?? []) {
    if (scalarString(mapGet(item, 'topologyKey')?.value) !== ZONE_KEY) continue;
    if (scalarString(mapGet(item, 'whenUnsatisfiable')?.value) !== 'DoNotSchedule') continue;
    const node = mapGet(item, 'minDomains')?.value;
    const minDomains = asScalar(node)?.value;
    const maxSkew = asScalar(mapGet(item, 'maxSkew')?.value)?.value;
    if (typeof minDomains === 'number' && node)
      return { minDomains, ...(typeof maxSkew === 'number' && { maxSkew }), line: node.line };
  }
  return undefined;
}

/** Roles by IAM name; a name the repository defines twice is left out (which one a workflow means is unknown). */
export function roleViews(extraction: IamExtraction): Map<string, RoleView> {
  const views = new Map<string, RoleView>();
  const duplicates = new Set<string>();
  for (const binding of extraction.roles) {
    if (views.has(binding.name)) duplicates.add(binding.name);
    const identity = binding.policies.flatMap((document) =>
      document.statements.map((s) => ({
        ...statementView(s),
        at: { file: document.file, line: s.line },
        actionLines: (s.actions ?? []).map((a) => ({ action: a.value, line: a.line })),
      })),
    );
    views.set(binding.name, {
      name: binding.name,
      definedAt: { file: binding.file, line: binding.line },
      identity,
      trust: binding.trust ? trustViews(binding.trust) : [],
      policiesComplete: !extraction.externallyGranted.has(`role:${binding.name}`),
    });
  }
  for (const name of duplicates) views.delete(name);
  return views;
}

function statementView(statement: Statement): StatementView {
  const values = [...(statement.actions ?? []), ...(statement.resources ?? [])];
  return {
    effect: statement.effect === 'Deny' ? 'Deny' : 'Allow',
    ...(statement.actions && !statement.notActions && { actions: statement.actions.map((a) => a.value) }),
    ...(statement.resources &&
      !statement.notResources && { resources: statement.resources.map((r) => r.value) }),
    hasCondition: statement.conditions.length > 0,
    unresolved: statement.effect === undefined || values.some((v) => hasUnresolved(v.value)),
  };
}

function trustViews(document: PolicyDocument): (TrustStatementView & { file: string })[] {
  return document.statements
    .filter((s) => s.effect === 'Allow')
    .map((s) => {
      const github =
        (s.principals ?? []).some(
          (p) => p.type === 'Federated' && p.value.includes('token.actions.githubusercontent.com'),
        ) && (s.actions ?? []).some((a) => /^(sts:AssumeRoleWithWebIdentity|sts:\*|\*)$/i.test(a.value));
      const subjects = s.conditions.filter(
        (c) => c.key.toLowerCase() === 'token.actions.githubusercontent.com:sub',
      );
      return {
        file: document.file,
        github,
        subjects: subjects.map((c) => ({ operator: c.operator, patterns: c.values.map((v) => v.value) })),
        line: subjects[0]?.line ?? s.line,
        unresolved: subjects.some((c) => c.values.some((v) => hasUnresolved(v.value))),
      };
    });
}

const NODE_GROUP = /(^|[./])aws_eks_node_group\./;

/** Zones of every EKS node group in the Terraform; undefined when there is none or one is not placed. */
export function nodeZones(topology: TopologyModel): NodeZones | undefined {
  const groups = topology.autoScalingGroups.filter((g) => NODE_GROUP.test(g.name));
  if (!groups.length || topology.unresolved.some((u) => NODE_GROUP.test(u.what))) return undefined;
  const zones = new Map<string, string>();
  for (const group of groups) for (const zone of group.zones) zones.set(zone.key, zone.label);
  return { zones: [...zones.values()], groups: groups.map((g) => ({ file: g.file, line: g.line })) };
}
