/**
 * Placement from CloudFormation templates (YAML with the short tags, or JSON), over the shared
 * parses: subnets, Auto Scaling groups, EKS node groups, load balancers, RDS instances and
 * ElastiCache replication groups. `Fn::GetAZs` with `Fn::Select` is "the i-th AZ of the stack's
 * region"; `Ref` follows parameters with defaults and other resources; anything else is unresolved.
 */
import type { SourceFile } from '../../../engine/workspace';
import { parseJsonFile } from '../../../parse/json';
import {
  asMap,
  asSeq,
  getPath,
  mapGet,
  resolveAlias,
  scalarString,
  type DataNode,
} from '../../../parse/tree';
import { parseYamlFile } from '../../../parse/yaml';
import {
  indexedZone,
  namedZone,
  type LoadBalancerKind,
  type SourceContribution,
  type ZoneRef,
} from '../model';
import { allZones } from './terraform';
import {
  isInstance,
  isUnknown,
  isZoneIndex,
  isZoneList,
  unknown,
  type ResourceInstance,
  type Value,
} from './hcl-eval';

const TEMPLATE_NAME = /\.(ya?ml|json|template|cfn)$/i;

/** A file that looks like a CloudFormation template: a `Resources` section with `AWS::` types. */
export function looksLikeTemplate(file: SourceFile): boolean {
  if (!TEMPLATE_NAME.test(file.name)) return false;
  const text = file.text;
  return /^\s*"?Resources"?\s*:/m.test(text) && /"?Type"?\s*:\s*"?'?AWS::/.test(text);
}

/** The template's root mapping, or undefined when the file is not a readable template. */
function templateRoot(file: SourceFile): DataNode | undefined {
  if (/\.json$/i.test(file.name)) {
    const parsed = parseJsonFile(file);
    return parsed.root ?? undefined;
  }
  const parsed = parseYamlFile(file);
  const first = parsed.documents.find((d) => d.root);
  return first?.root ?? undefined;
}

const SHORT_TAGS: Record<string, string> = {
  '!Ref': 'Ref',
  '!GetAZs': 'Fn::GetAZs',
  '!Select': 'Fn::Select',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!Split': 'Fn::Split',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Condition': 'Condition',
};

class Template {
  private readonly resources: MapOf;
  private readonly parameters: MapOf;
  private readonly mappings: DataNode | undefined;
  private readonly conditions: MapOf;
  private readonly resourceKeys = new Map<string, DataNode>();

  constructor(readonly root: DataNode) {
    this.resources = entries(getPath(root, 'Resources'));
    for (const pair of asMap(getPath(root, 'Resources'))?.pairs ?? []) {
      const key = scalarString(pair.key);
      if (key !== undefined) this.resourceKeys.set(key, pair.key);
    }
    this.parameters = entries(getPath(root, 'Parameters'));
    this.mappings = getPath(root, 'Mappings');
    this.conditions = entries(getPath(root, 'Conditions'));
  }

  *resourcesOfType(
    ...types: string[]
  ): Generator<{ id: string; node: DataNode; properties: DataNode | undefined }> {
    for (const [id, node] of this.resources) {
      const type = scalarString(getPath(node, 'Type'));
      // Findings about a resource go to its logical id, where a reader looks for it.
      const at = this.resourceKeys.get(id) ?? node;
      if (type && types.includes(type)) yield { id, node: at, properties: getPath(node, 'Properties') };
    }
  }

  typeOf(id: string): string | undefined {
    return scalarString(getPath(this.resources.get(id), 'Type'));
  }

  /** The value of a node with the intrinsic functions this evaluator follows. */
  value(node: DataNode | null | undefined, depth = 0): Value {
    const resolved = resolveAlias(node);
    if (!resolved) return null;
    if (depth > 50) return unknown('the template refers to itself too deeply');
    const tag = resolved.tag && SHORT_TAGS[resolved.tag];
    if (tag) return this.intrinsic(tag, this.plain(resolved), depth, resolved);
    if (resolved.kind === 'scalar') return resolved.value;
    if (resolved.kind === 'seq') return resolved.items.map((i) => this.value(i, depth + 1));
    if (resolved.kind === 'map') {
      if (resolved.pairs.length === 1) {
        const key = scalarString(resolved.pairs[0].key);
        if (key && (key === 'Ref' || key.startsWith('Fn::'))) {
          return this.intrinsic(key, resolved.pairs[0].value ?? undefined, depth, resolved);
        }
      }
      const out: { [key: string]: Value } = {};
      for (const pair of resolved.pairs) {
        const key = scalarString(pair.key);
        if (key !== undefined) out[key] = this.value(pair.value, depth + 1);
      }
      return out;
    }
    return unknown('an alias the template does not define');
  }

  /** A tagged node's argument: the node itself without its tag. */
  private plain(node: DataNode): DataNode {
    return { ...node, tag: undefined } as DataNode;
  }

  private intrinsic(name: string, argument: DataNode | undefined, depth: number, at: DataNode): Value {
    switch (name) {
      case 'Ref': {
        const target = scalarString(argument);
        if (!target) return unknown('a Ref without a name');
        return this.ref(target, depth);
      }
      case 'Fn::GetAZs': {
        const region = this.value(argument, depth + 1);
        return {
          zoneList: true,
          region: typeof region === 'string' && region !== '' ? region : undefined,
          ids: false,
        };
      }
      case 'Fn::Select': {
        const args = asSeq(argument);
        if (!args || args.items.length !== 2) return unknown('Fn::Select needs an index and a list');
        const index = this.value(args.items[0], depth + 1);
        const list = this.value(args.items[1], depth + 1);
        const i = typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : index;
        if (isUnknown(i)) return i;
        if (typeof i !== 'number') return unknown('Fn::Select with an index that is not a number');
        if (isUnknown(list)) return list;
        if (isZoneList(list)) return { zoneIndex: i, region: list.region };
        if (Array.isArray(list))
          return i < list.length ? list[i] : unknown(`Fn::Select index ${i} is out of range`);
        return unknown('Fn::Select over a value that is not a list');
      }
      case 'Fn::GetAtt': {
        const parts =
          asSeq(argument)?.items.map((i) => scalarString(i)) ?? scalarString(argument)?.split('.');
        const [id, attr] = parts ?? [];
        if (!id || !attr) return unknown('a GetAtt without a resource and attribute');
        const resource = this.ref(id, depth);
        if (!isInstance(resource)) return resource;
        return resource.attribute(attr);
      }
      case 'Fn::If': {
        const args = asSeq(argument)?.items;
        if (!args || args.length !== 3) return unknown('Fn::If needs a condition and two values');
        const holds = this.condition(scalarString(args[0]) ?? '', depth + 1);
        if (isUnknown(holds)) return holds;
        return this.value(args[holds ? 1 : 2], depth + 1);
      }
      case 'Fn::Equals': {
        const args = asSeq(argument)?.items.map((i) => this.value(i, depth + 1));
        if (!args || args.length !== 2) return unknown('Fn::Equals needs two values');
        const bad = args.find(isUnknown);
        if (bad) return bad;
        return String(args[0]) === String(args[1]);
      }
      case 'Fn::Not':
      case 'Fn::And':
      case 'Fn::Or': {
        const args = asSeq(argument)?.items.map((i) => this.value(i, depth + 1));
        if (!args?.length) return unknown(`${name} needs conditions`);
        const bad = args.find(isUnknown);
        if (bad) return bad;
        if (!args.every((a) => typeof a === 'boolean'))
          return unknown(`${name} of values that are not conditions`);
        if (name === 'Fn::Not') return !args[0];
        return name === 'Fn::And' ? args.every(Boolean) : args.some(Boolean);
      }
      case 'Condition':
        return this.condition(scalarString(argument) ?? '', depth + 1);
      case 'Fn::FindInMap': {
        const args = asSeq(argument)?.items.map((i) => this.value(i, depth + 1));
        if (!args || args.length < 3) return unknown('Fn::FindInMap needs a map and two keys');
        const bad = args.find(isUnknown);
        if (bad) return bad;
        const found = getPath(this.mappings, String(args[0]), String(args[1]), String(args[2]));
        return found
          ? this.value(found, depth + 1)
          : unknown('Fn::FindInMap of a key the template does not map');
      }
      default:
        return unknown(`${name} at line ${at.line} is not evaluated`);
    }
  }

  /** A named condition of the template, evaluated with the parameters' defaults. */
  private condition(name: string, depth: number): Value {
    const node = this.conditions.get(name);
    if (!node) return unknown(`condition ${name} is not defined`);
    const value = this.value(node, depth + 1);
    if (isUnknown(value))
      return unknown(`condition ${name} depends on what is known only at deploy time (${value.why})`);
    return typeof value === 'boolean' ? value : unknown(`condition ${name} is not a boolean`);
  }

  private ref(target: string, depth: number): Value {
    if (target.startsWith('AWS::')) return unknown(`${target} is known only when the stack is deployed`);
    const parameter = this.parameters.get(target);
    if (parameter) {
      const fallback = getPath(parameter, 'Default');
      if (!fallback) return unknown(`parameter ${target} has no default`);
      const type = scalarString(getPath(parameter, 'Type')) ?? '';
      const value = this.value(fallback, depth + 1);
      // List parameters default to comma-separated strings.
      if (/^(List<|CommaDelimitedList)/.test(type) && typeof value === 'string')
        return value.split(',').map((s) => s.trim());
      return value;
    }
    if (this.resources.has(target)) return this.instance(target, depth);
    return unknown(`${target} is neither a parameter nor a resource of this template`);
  }

  private instance(id: string, depth: number): ResourceInstance {
    const read = (name: string): Value => {
      const properties = getPath(this.resources.get(id), 'Properties');
      const property = mapGet(properties, name);
      if (!property) return unknown(`${id} does not set ${name}`);
      return this.value(property.value, depth + 1);
    };
    return { resource: id, attribute: read };
  }
}

type MapOf = Map<string, DataNode>;

function entries(node: DataNode | undefined): MapOf {
  const out: MapOf = new Map();
  for (const pair of asMap(node)?.pairs ?? []) {
    const key = scalarString(pair.key);
    if (key !== undefined && pair.value) out.set(key, pair.value);
  }
  return out;
}

interface Failure {
  why: string;
}

function zoneOf(template: Template, value: Value): ZoneRef | Failure {
  if (isUnknown(value)) return { why: value.why };
  if (typeof value === 'string') return namedZone(value);
  if (isZoneIndex(value)) return indexedZone(value.region, value.zoneIndex);
  if (isInstance(value)) {
    if (template.typeOf(value.resource) !== 'AWS::EC2::Subnet')
      return { why: `${value.resource} is not a subnet of this template` };
    const zone = value.attribute('AvailabilityZone');
    if (isUnknown(zone)) return { why: `the AZ of subnet ${value.resource}: ${zone.why}` };
    return zoneOf(template, zone);
  }
  return { why: 'the value is not a zone' };
}

function zonesOf(template: Template, value: Value): ZoneRef[] | Failure {
  if (isUnknown(value)) return { why: value.why };
  if (isZoneList(value)) return allZones(value);
  const items = Array.isArray(value) ? value : [value];
  const out: ZoneRef[] = [];
  for (const item of items) {
    const zone = zoneOf(template, item);
    if ('why' in zone) return zone;
    out.push(zone);
  }
  return out;
}

export function readCloudFormation(file: SourceFile): SourceContribution {
  const root = templateRoot(file);
  if (!root || !asMap(getPath(root, 'Resources'))) return {};
  const template = new Template(root);
  const out: Required<Omit<SourceContribution, 'services' | 'invalidFiles' | 'pinnedWorkloads'>> = {
    zoneMentions: [],
    unresolved: [],
    loadBalancers: [],
    autoScalingGroups: [],
    singleAzDatabases: [],
    cachesWithoutFailover: [],
  };
  const where = (node: DataNode) => ({ file: file.path, line: node.line });
  const unresolved = (what: string, node: DataNode, why: string) =>
    out.unresolved.push({ ...where(node), what, why });
  const property = (properties: DataNode | undefined, name: string) => mapGet(properties, name);

  // Zone names written as text.
  for (const { properties } of template.resourcesOfType(
    'AWS::EC2::Subnet',
    'AWS::EC2::Instance',
    'AWS::EC2::Volume',
  )) {
    const zone = property(properties, 'AvailabilityZone');
    const value = zone?.value ? template.value(zone.value) : undefined;
    if (zone?.value && typeof value === 'string')
      out.zoneMentions.push({ ...where(zone.value), zone: value });
  }

  for (const { id, node, properties } of template.resourcesOfType(
    'AWS::AutoScaling::AutoScalingGroup',
    'AWS::EKS::Nodegroup',
  )) {
    const subnets = property(properties, 'VPCZoneIdentifier') ?? property(properties, 'Subnets');
    const zones = property(properties, 'AvailabilityZones');
    const chosen = subnets ?? zones;
    if (!chosen?.value) {
      unresolved(id, node, 'it names no subnets or zones here');
      continue;
    }
    const found = zonesOf(template, template.value(chosen.value));
    if ('why' in found) unresolved(id, node, found.why);
    else out.autoScalingGroups.push({ ...where(node), name: id, zones: found });
    if (zones?.value && !subnets) {
      const value = template.value(zones.value);
      for (const zone of Array.isArray(value) ? value : []) {
        if (typeof zone === 'string') out.zoneMentions.push({ ...where(zones.value), zone });
      }
    }
  }

  for (const { id, node, properties } of template.resourcesOfType(
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    'AWS::ElasticLoadBalancing::LoadBalancer',
  )) {
    const classic = template.typeOf(id) === 'AWS::ElasticLoadBalancing::LoadBalancer';
    const typeValue = classic ? 'classic' : template.value(property(properties, 'Type')?.value);
    if (isUnknown(typeValue)) {
      unresolved(id, node, `its Type is not known: ${typeValue.why}`);
      continue;
    }
    const kind: LoadBalancerKind =
      typeValue === 'classic'
        ? 'classic'
        : typeValue === 'network'
          ? 'network'
          : typeValue === 'gateway'
            ? 'gateway'
            : 'application';
    const subnets = property(properties, 'Subnets');
    const mappings = asSeq(property(properties, 'SubnetMappings')?.value);
    const zonesProperty = property(properties, 'AvailabilityZones');
    let found: ZoneRef[] | Failure;
    if (subnets?.value) found = zonesOf(template, template.value(subnets.value));
    else if (mappings)
      found = zonesOf(
        template,
        mappings.items.map((m) => template.value(getPath(m, 'SubnetId'))),
      );
    else if (zonesProperty?.value) found = zonesOf(template, template.value(zonesProperty.value));
    else {
      unresolved(id, node, 'it names no subnets here');
      continue;
    }
    if ('why' in found) unresolved(id, node, found.why);
    else out.loadBalancers.push({ ...where(node), name: id, kind, zones: found });
  }

  for (const { id, node, properties } of template.resourcesOfType('AWS::RDS::DBInstance')) {
    if (property(properties, 'DBClusterIdentifier') || property(properties, 'SourceDBInstanceIdentifier'))
      continue;
    const engine = template.value(property(properties, 'Engine')?.value);
    if (typeof engine === 'string' && (/^aurora/i.test(engine) || /^sqlserver-(ex|web)$/i.test(engine)))
      continue;
    const multiAz = property(properties, 'MultiAZ');
    if (!multiAz?.value) {
      out.singleAzDatabases.push({ ...where(node), name: id, kind: 'AWS::RDS::DBInstance' });
      continue;
    }
    const value = template.value(multiAz.value);
    if (value === true || value === 'true') continue;
    if (isUnknown(value)) {
      unresolved(`MultiAZ of ${id}`, multiAz.value, value.why);
      continue;
    }
    out.singleAzDatabases.push({
      ...where(node),
      name: id,
      kind: 'AWS::RDS::DBInstance',
      setting: { ...where(multiAz.value), text: `MultiAZ: ${JSON.stringify(value)}` },
    });
  }

  for (const { id, node, properties } of template.resourcesOfType('AWS::ElastiCache::ReplicationGroup')) {
    const failover = property(properties, 'AutomaticFailoverEnabled');
    if (!failover?.value) {
      out.cachesWithoutFailover.push({
        ...where(node),
        name: id,
        kind: 'AWS::ElastiCache::ReplicationGroup',
        detail: 'does not enable AutomaticFailoverEnabled (the default is off)',
      });
      continue;
    }
    const value = template.value(failover.value);
    if (value === true || value === 'true') continue;
    if (isUnknown(value)) {
      unresolved(`AutomaticFailoverEnabled of ${id}`, failover.value, value.why);
      continue;
    }
    out.cachesWithoutFailover.push({
      ...where(failover.value),
      name: id,
      kind: 'AWS::ElastiCache::ReplicationGroup',
      detail: `sets AutomaticFailoverEnabled: ${JSON.stringify(value)}`,
    });
  }
  return out;
}
