/**
 * Placement from Terraform: instances, Auto Scaling groups, EKS node groups, ECS services, load
 * balancers, RDS instances and ElastiCache replication groups, module by module (a directory's
 * `.tf` files), over the shared HCL parse. Zones are followed through `availability_zone`, subnets,
 * `data.aws_availability_zones`, variables (defaults and auto-loaded `.tfvars`, in root modules
 * only: a reusable module's caller decides), locals, `count` and `for_each`. Regions come from the
 * resource's `provider "aws"` block, alias aware, never from the backend.
 */
import type { SourceFile } from '../../../engine/workspace';
import {
  attribute,
  type HclAttribute,
  type HclBlock,
  type HclDocument,
  type HclExpression,
} from '../../../parse/hcl';
import {
  indexedZone,
  allZones,
  namedZone,
  type AutoScalingGroup,
  type Defaults,
  type LoadBalancer,
  type LoadBalancerKind,
  type Placement,
  type Service,
  type SourceContribution,
  type ZoneRef,
} from '../model';
import { regionZones } from '../zones';
import {
  evaluateText,
  getAttr,
  isInstance,
  isUnknown,
  isZoneIndex,
  isZoneList,
  unknown,
  type ResourceInstance,
  type Scope,
  type Value,
} from './hcl-eval';

interface Declared {
  block: HclBlock;
  file: SourceFile;
}

interface InstanceKey {
  countIndex?: number;
  /** The map key, or the set element (a set's key is its value). */
  eachKey?: Value;
  eachValue?: Value;
  /** The instance's key in the resource's map of instances. */
  mapKey?: string;
}

/** One module's declarations and the evaluation over them. */
class TerraformModule {
  readonly resources = new Map<string, Declared>();
  private readonly variables = new Map<string, Declared>();
  private readonly tfvars = new Map<string, HclAttribute>();
  private readonly locals = new Map<string, { attr: HclAttribute; file: SourceFile }>();
  private readonly providers = new Map<string, Declared>();
  private readonly dataSources = new Map<string, Declared>();
  private readonly expanded = new Map<string, Value>();
  private readonly localValues = new Map<string, Value>();
  readonly isRoot: boolean;

  constructor(
    readonly dir: string,
    documents: readonly { file: SourceFile; document: HclDocument }[],
    tfvarsDocuments: readonly HclDocument[],
  ) {
    let hasBackend = false;
    for (const { file, document } of documents) {
      for (const block of document.blocks) {
        const [a, b] = block.labels;
        if (block.type === 'resource' && a && b) this.resources.set(`${a}.${b}`, { block, file });
        else if (block.type === 'data' && a && b) this.dataSources.set(`${a}.${b}`, { block, file });
        else if (block.type === 'variable' && a) this.variables.set(a, { block, file });
        else if (block.type === 'locals')
          for (const attr of block.attributes) this.locals.set(attr.name, { attr, file });
        else if (block.type === 'provider' && a === 'aws') {
          const alias = literal(attribute(block, 'alias'));
          this.providers.set(typeof alias === 'string' ? alias : '', { block, file });
        } else if (
          block.type === 'terraform' &&
          block.blocks.some((inner) => inner.type === 'backend' || inner.type === 'cloud')
        ) {
          hasBackend = true;
        }
      }
    }
    for (const document of tfvarsDocuments)
      for (const attr of document.attributes) this.tfvars.set(attr.name, attr);
    this.isRoot = this.providers.size > 0 || hasBackend || tfvarsDocuments.length > 0;
  }

  /** The scope of the module itself, or of one instance of a resource. */
  scope(key: InstanceKey = {}): Scope {
    return { root: (name, next) => this.root(name, next, key) };
  }

  evaluate(expression: HclExpression | undefined, key: InstanceKey = {}): Value {
    if (!expression) return null;
    if (expression.kind === 'literal') return expression.value;
    return evaluateText(expression.raw, this.scope(key));
  }

  private root(name: string, next: string | undefined, key: InstanceKey): Value | undefined {
    switch (name) {
      case 'var':
        return next === undefined ? undefined : this.variable(next);
      case 'local':
        return next === undefined ? undefined : this.local(next);
      case 'count':
        if (next !== 'index') return undefined;
        return key.countIndex ?? unknown('`count.index` outside a resource with `count`');
      case 'each':
        if (key.eachKey === undefined) return unknown('`each` outside a resource with `for_each`');
        if (next === 'key') return key.eachKey;
        if (next === 'value') return key.eachValue ?? key.eachKey;
        return undefined;
      case 'data':
        return next === undefined ? undefined : this.dataType(next);
      case 'module':
        return unknown(`the outputs of module.${next ?? ''} are not followed`);
      case 'path':
      case 'terraform':
      case 'self':
        return unknown(`\`${name}.${next ?? ''}\` is known only at plan time`);
      default:
        if (next === undefined || !name.includes('_')) return undefined;
        return this.resourceValue(`${name}.${next}`);
    }
  }

  private variable(name: string): Value {
    const declared = this.variables.get(name);
    if (!this.isRoot) return unknown(`var.${name} is set by the module's caller`);
    const fromVars = this.tfvars.get(name);
    if (fromVars) return this.evaluate(fromVars.value);
    const fallback = declared && attribute(declared.block, 'default');
    if (fallback) return this.evaluate(fallback.value);
    return unknown(
      declared ? `var.${name} has no default and no terraform.tfvars value` : `var.${name} is not declared`,
    );
  }

  private local(name: string): Value {
    if (this.localValues.has(name)) return this.localValues.get(name)!;
    const declared = this.locals.get(name);
    if (!declared) return unknown(`local.${name} is not declared`);
    this.localValues.set(name, unknown(`local.${name} refers to itself`));
    const value = this.evaluate(declared.attr.value);
    this.localValues.set(name, value);
    return value;
  }

  private dataType(type: string): Value {
    const out: { [name: string]: Value } = {};
    for (const [address, declared] of this.dataSources) {
      const [dataType, name] = address.split('.');
      if (dataType !== type) continue;
      if (type === 'aws_availability_zones') {
        const region = this.regionOf(declared.block);
        const zones = typeof region === 'string' ? regionZones(region) : undefined;
        const size = zones
          ? (zones.zonesPerAccount ?? zones.letters.length - (zones.restrictedLetters?.length ?? 0))
          : undefined;
        const regionName = typeof region === 'string' ? region : undefined;
        out[name] = {
          names: { zoneList: true, region: regionName, size, ids: false },
          zone_ids: { zoneList: true, region: regionName, size, ids: true },
        };
      } else {
        out[name] = unknown(`data.${type}.${name} is read at plan time`);
      }
    }
    return out;
  }

  /** A resource as a reference sees it: one instance, a list (count) or a map (for_each). */
  resourceValue(address: string): Value | undefined {
    if (this.expanded.has(address)) return this.expanded.get(address);
    const declared = this.resources.get(address);
    if (!declared) return undefined;
    this.expanded.set(address, unknown(`${address} refers to itself`));
    const instances = this.instances(declared);
    let value: Value;
    if (isUnknown(instances)) value = instances;
    else if (instances.kind === 'single') value = instances.items[0].instance;
    else if (instances.kind === 'count') value = instances.items.map((i) => i.instance);
    else value = Object.fromEntries(instances.items.map((i) => [i.key.mapKey ?? '', i.instance]));
    this.expanded.set(address, value);
    return value;
  }

  /** The instances `count` or `for_each` make of a resource. */
  instances(declared: Declared): Expansion | ReturnType<typeof unknown> {
    const { block } = declared;
    const address = `${block.labels[0]}.${block.labels[1]}`;
    const make = (key: InstanceKey): ExpandedInstance => ({
      key,
      instance: this.instance(address, declared, key),
    });
    const countAttr = attribute(block, 'count');
    if (countAttr) {
      const n = this.evaluate(countAttr.value);
      if (isUnknown(n)) return unknown(`its count is not known: ${n.why}`);
      // Terraform converts a numeric string ("2" from a loosely typed variable) to a number.
      const count = typeof n === 'string' && /^\d+$/.test(n.trim()) ? Number(n) : n;
      if (typeof count !== 'number' || count < 0 || !Number.isInteger(count)) {
        return unknown('its count is not a whole number');
      }
      return {
        kind: 'count',
        items: Array.from({ length: Math.min(count, 10_000) }, (_, i) => make({ countIndex: i })),
      };
    }
    const forEach = attribute(block, 'for_each');
    if (forEach) {
      const v = this.evaluate(forEach.value);
      if (isUnknown(v)) return unknown(`its for_each is not known: ${v.why}`);
      if (Array.isArray(v)) {
        return {
          kind: 'for_each',
          items: v.map((item) => make({ eachKey: item, eachValue: item, mapKey: setKey(item) })),
        };
      }
      if (typeof v === 'object' && v !== null && !isInstance(v) && !isZoneIndex(v)) {
        const entries = Object.entries(v as Record<string, Value>);
        return {
          kind: 'for_each',
          items: entries.map(([k, value]) => make({ eachKey: k, eachValue: value, mapKey: k })),
        };
      }
      return unknown('its for_each is not a map or set');
    }
    return { kind: 'single', items: [make({})] };
  }

  private instance(address: string, declared: Declared, key: InstanceKey): ResourceInstance {
    const instance: ResourceInstance = {
      resource: address,
      attribute: (name: string): Value => {
        if (name === 'id' || name === 'arn' || name === 'name') return instance;
        const attr = attribute(declared.block, name);
        if (attr) return this.evaluate(attr.value, key);
        const nested = declared.block.blocks.filter((b) => b.type === name);
        if (nested.length) {
          const objects = nested.map((b) =>
            Object.fromEntries(
              b.attributes.map((a) => [a.name, this.evaluate(a.value, key)] as [string, Value]),
            ),
          );
          return objects.length === 1 ? objects[0] : objects;
        }
        return unknown(`${address} does not set \`${name}\``);
      },
    };
    return instance;
  }

  /** The region of the provider a block uses: `provider = aws.west`, else the default `aws` provider. */
  regionOf(block: HclBlock): Value {
    const chosen = attribute(block, 'provider');
    const alias = chosen ? chosen.value.raw.trim().replace(/^aws\.?/, '') : '';
    const provider = this.providers.get(alias);
    if (!provider)
      return unknown(
        alias ? `provider aws.${alias} is not declared here` : 'no provider "aws" block in this module',
      );
    const region = attribute(provider.block, 'region');
    if (!region) return unknown('the provider takes its region from the environment');
    return this.evaluate(region.value);
  }

  providerLabel(block: HclBlock): string {
    const chosen = attribute(block, 'provider');
    const alias = chosen ? chosen.value.raw.trim().replace(/^aws\.?/, '') : '';
    return alias ? `provider "aws" alias ${alias}` : 'provider "aws"';
  }
}

interface ExpandedInstance {
  key: InstanceKey;
  instance: ResourceInstance;
}

interface Expansion {
  kind: 'single' | 'count' | 'for_each';
  items: ExpandedInstance[];
}

/** The name a `Service` tag gives an instance, which makes resources across regions one service. */
function serviceTag(instance: ResourceInstance): string | undefined {
  const tags = instance.attribute('tags');
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags) || isUnknown(tags)) return undefined;
  const record = tags as Record<string, Value>;
  for (const key of ['Service', 'service']) {
    const value = Object.hasOwn(record, key) ? record[key] : undefined;
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

/** A set element as a map key: strings as they are, the i-th AZ by its index. */
function setKey(item: Value): string {
  if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item);
  if (isZoneIndex(item)) return `az#${item.zoneIndex}`;
  return JSON.stringify(item);
}

function literal(attr: HclAttribute | undefined): unknown {
  return attr?.value.kind === 'literal' ? attr.value.value : undefined;
}

/** Where a zone came from could not be followed. */
interface ZoneFailure {
  why: string;
}

type ZoneResult = ZoneRef | ZoneFailure;

function failed(result: ZoneResult | ZoneResult[]): result is ZoneFailure {
  return !Array.isArray(result) && 'why' in result;
}

/** Reads one zone value: a zone name, the i-th AZ of a region, or a subnet whose zone is followed. */
function zoneOf(value: Value, region: string | undefined): ZoneResult {
  if (isUnknown(value)) return { why: value.why };
  if (typeof value === 'string') {
    if (/^subnet-[0-9a-f]+$/.test(value))
      return { why: `the subnet ${value} is given by id, so its AZ is not in the configuration` };
    return namedZone(value);
  }
  if (isZoneIndex(value)) return indexedZone(value.region ?? region, value.zoneIndex);
  if (isInstance(value)) {
    if (!/^aws_(default_)?subnet\./.test(value.resource)) {
      return { why: `${value.resource} is not a subnet this evaluator follows` };
    }
    let zone = value.attribute('availability_zone');
    if (isUnknown(zone) && /does not set/.test(zone.why)) zone = value.attribute('availability_zone_id');
    if (isUnknown(zone)) return { why: `the AZ of ${value.resource}: ${zone.why}` };
    return zoneOf(zone, region);
  }
  return { why: 'the value is not a zone name' };
}

/** A list of zones (or subnets); failure when any one cannot be followed. */
function zonesOf(value: Value, region: string | undefined): ZoneResult[] | ZoneFailure {
  if (isUnknown(value)) return { why: value.why };
  if (isZoneList(value)) return allZones(value, region);
  const items = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null && !isInstance(value) && !isZoneIndex(value)
      ? Object.values(value as Record<string, Value>)
      : [value];
  const out: ZoneResult[] = [];
  for (const item of items) {
    const zone = zoneOf(item, region);
    if (failed(zone)) return zone;
    out.push(zone);
  }
  return out;
}

export interface TerraformInputs {
  /** The `.tf` files of the scan with their parse. */
  documents: readonly { file: SourceFile; document: HclDocument }[];
  /** Auto-loaded variable files (`terraform.tfvars`, `*.auto.tfvars`) by directory, parsed. */
  tfvarsByDir: ReadonlyMap<string, HclDocument[]>;
  defaults: Defaults;
}

/** Resource types whose zones the zone rules check, with the attribute that names them. */
const ZONE_ATTRIBUTES: Record<string, string> = {
  aws_subnet: 'availability_zone',
  aws_default_subnet: 'availability_zone',
  aws_instance: 'availability_zone',
  aws_ebs_volume: 'availability_zone',
  aws_db_instance: 'availability_zone',
  aws_autoscaling_group: 'availability_zones',
  aws_elb: 'availability_zones',
  aws_rds_cluster: 'availability_zones',
};

export function readTerraform(inputs: TerraformInputs): SourceContribution {
  const byDir = new Map<string, { file: SourceFile; document: HclDocument }[]>();
  for (const entry of inputs.documents) {
    const list = byDir.get(entry.file.dir) ?? [];
    list.push(entry);
    byDir.set(entry.file.dir, list);
  }
  const out: Required<SourceContribution> = {
    services: [],
    zoneMentions: [],
    unresolved: [],
    invalidFiles: [],
    loadBalancers: [],
    autoScalingGroups: [],
    singleAzDatabases: [],
    cachesWithoutFailover: [],
    pinnedWorkloads: [],
  };
  for (const [dir, documents] of byDir) {
    const module = new TerraformModule(dir, documents, inputs.tfvarsByDir.get(dir) ?? []);
    new ModuleReader(module, inputs.defaults, out).read();
  }
  return out;
}

class ModuleReader {
  private readonly mentioned = new Set<string>();
  /** Zones where each target group's targets run; undefined once a target cannot be followed. */
  private readonly targetZones = new Map<string, ZoneRef[] | undefined>();
  /** Instance resources attached to each target group. */
  private readonly targetInstances = new Map<string, Set<string>>();
  private readonly instanceServices = new Map<string, Service>();

  constructor(
    private readonly module: TerraformModule,
    private readonly defaults: Defaults,
    private readonly out: Required<SourceContribution>,
  ) {}

  read(): void {
    const lbs: { declared: Declared; lb: LoadBalancer }[] = [];
    for (const [address, declared] of this.module.resources) {
      const type = declared.block.labels[0];
      try {
        this.mentionZones(type, declared);
        switch (type) {
          case 'aws_instance':
            this.instances(address, declared);
            break;
          case 'aws_autoscaling_group':
            this.group(address, declared, 'vpc_zone_identifier', 'availability_zones');
            break;
          case 'aws_eks_node_group':
            this.group(address, declared, 'subnet_ids');
            break;
          case 'aws_ecs_service':
            this.ecsService(address, declared);
            break;
          case 'aws_lb':
          case 'aws_alb':
          case 'aws_elb': {
            const lb = this.loadBalancer(address, declared);
            if (lb) lbs.push({ declared, lb });
            break;
          }
          case 'aws_db_instance':
            this.database(address, declared);
            break;
          case 'aws_elasticache_replication_group':
            this.cache(address, declared);
            break;
        }
      } catch (error) {
        this.unresolved(
          address,
          declared,
          `the evaluator failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    for (const { declared, lb } of lbs) {
      lb.targetZones = this.lbTargetZones(lb.name);
      this.out.loadBalancers.push(lb);
      this.markBehind(lb, declared);
    }
  }

  private unresolved(what: string, declared: Declared, why: string, line = declared.block.line): void {
    this.out.unresolved.push({ file: declared.file.path, line, what, why });
  }

  private region(block: HclBlock): string | undefined {
    const region = this.module.regionOf(block);
    return typeof region === 'string' ? region : undefined;
  }

  private mentionZones(type: string, declared: Declared): void {
    const name = ZONE_ATTRIBUTES[type];
    const attr = name && attribute(declared.block, name);
    if (!attr) return;
    const instances = this.module.instances(declared);
    if (isUnknown(instances)) return;
    const region = this.region(declared.block);
    for (const { key } of instances.items) {
      const value = this.module.evaluate(attr.value, key);
      for (const zone of Array.isArray(value) ? value : [value]) {
        if (typeof zone !== 'string' || /^subnet-/.test(zone)) continue;
        const id = `${declared.file.path}:${attr.line}:${zone}`;
        if (this.mentioned.has(id)) continue;
        this.mentioned.add(id);
        this.out.zoneMentions.push({
          file: declared.file.path,
          line: attr.line,
          zone,
          regionInUse: region,
          regionSource: region ? this.module.providerLabel(declared.block) : undefined,
        });
      }
    }
  }

  private service(
    address: string,
    declared: Declared,
    placements: Placement[],
    extra: Partial<Service> = {},
  ): Service {
    const service: Service = {
      name: this.module.dir ? `${this.module.dir}/${address}` : address,
      displayName: address,
      source: 'terraform',
      kind: declared.block.labels[0],
      file: declared.file.path,
      line: declared.block.line,
      placements,
      replicaAvailability: this.defaults.replicaAvailability,
      zoneAvailability: this.defaults.zoneAvailability,
      loadBalancerAvailability: this.defaults.loadBalancerAvailability,
      singleReplicaMatters: false,
      spreadRulesApply: true,
      ...extra,
    };
    this.out.services.push(service);
    return service;
  }

  private instances(address: string, declared: Declared): void {
    const expansion = this.module.instances(declared);
    if (isUnknown(expansion)) {
      this.unresolved(address, declared, expansion.why);
      return;
    }
    if (expansion.items.length === 0) return;
    const region = this.region(declared.block);
    const placements: Placement[] = [];
    for (const { instance } of expansion.items) {
      const zoneAttr = attribute(declared.block, 'availability_zone');
      const subnetAttr = attribute(declared.block, 'subnet_id');
      let zone: ZoneResult;
      if (zoneAttr) zone = zoneOf(instance.attribute('availability_zone'), region);
      else if (subnetAttr) zone = zoneOf(instance.attribute('subnet_id'), region);
      else zone = { why: 'it sets neither availability_zone nor subnet_id, so AWS picks the zone' };
      if (failed(zone)) {
        // One instance has nothing to spread: only a fleet is worth a notice.
        if (expansion.items.length > 1) this.unresolved(address, declared, zone.why);
        return;
      }
      placements.push({ file: declared.file.path, line: declared.block.line, zone, count: 1, capacity: 1 });
    }
    const named = serviceTag(expansion.items[0].instance);
    const service = this.service(
      address,
      declared,
      placements,
      named ? { name: named, displayName: named, named: true } : {},
    );
    this.instanceServices.set(address, service);
  }

  /** Auto Scaling groups and EKS node groups: the zones of their subnets; per-AZ groups are judged together. */
  private group(address: string, declared: Declared, subnetsName: string, zonesName?: string): void {
    const expansion = this.module.instances(declared);
    if (isUnknown(expansion)) {
      this.unresolved(address, declared, expansion.why);
      return;
    }
    if (expansion.items.length === 0) return;
    const region = this.region(declared.block);
    const perInstance: ZoneRef[][] = [];
    for (const { instance } of expansion.items) {
      const hasSubnets = attribute(declared.block, subnetsName);
      const hasZones = zonesName ? attribute(declared.block, zonesName) : undefined;
      if (!hasSubnets && !hasZones) {
        this.unresolved(
          address,
          declared,
          `it sets no ${subnetsName}${zonesName ? ` or ${zonesName}` : ''}; the zones come from elsewhere`,
        );
        return;
      }
      const zones = zonesOf(instance.attribute(hasSubnets ? subnetsName : zonesName!), region);
      if (failed(zones)) {
        this.unresolved(address, declared, zones.why);
        return;
      }
      perInstance.push(zones as ZoneRef[]);
    }
    const all = perInstance.flat();
    const distinct = new Set(all.map((z) => z.key));
    // A group per AZ (count or for_each over the zones) is the documented pattern for zonal
    // storage: judge the groups together.
    const zonesForRule = expansion.kind !== 'single' && distinct.size > 1 ? all : perInstance[0];
    this.out.autoScalingGroups.push({
      name: address,
      file: declared.file.path,
      line: declared.block.line,
      zones: zonesForRule,
    } satisfies AutoScalingGroup);
  }

  private ecsService(address: string, declared: Declared): void {
    const expansion = this.module.instances(declared);
    if (isUnknown(expansion) || expansion.items.length !== 1) return;
    const [{ instance }] = expansion.items;
    const network = instance.attribute('network_configuration');
    if (isUnknown(network)) return;
    const region = this.region(declared.block);
    const zones = zonesOf(getAttr(network, 'subnets'), region);
    if (failed(zones)) {
      this.unresolved(address, declared, zones.why);
      return;
    }
    const desired = instance.attribute('desired_count');
    if (typeof desired !== 'number' || desired < 1) return;
    const distinct = dedupe(zones as ZoneRef[]);
    const placements = spread(desired, distinct).map(([zone, n]) => ({
      file: declared.file.path,
      line: declared.block.line,
      zone,
      count: n,
      capacity: 1,
    }));
    this.service(address, declared, placements, {
      singleReplicaMatters: this.module.isRoot && desired === 1,
    });
    this.recordTargets(instance.attribute('load_balancer'), 'target_group_arn', distinct);
  }

  private loadBalancer(address: string, declared: Declared): LoadBalancer | undefined {
    const expansion = this.module.instances(declared);
    if (isUnknown(expansion) || expansion.items.length !== 1) return undefined;
    const [{ instance }] = expansion.items;
    const type = declared.block.labels[0];
    let kind: LoadBalancerKind = 'classic';
    if (type !== 'aws_elb') {
      const written = instance.attribute('load_balancer_type');
      if (isUnknown(written) && !/does not set/.test(written.why)) {
        this.unresolved(address, declared, `its load_balancer_type is not known: ${written.why}`);
        return undefined;
      }
      kind = written === 'network' ? 'network' : written === 'gateway' ? 'gateway' : 'application';
    }
    const region = this.region(declared.block);
    const subnets = attribute(declared.block, 'subnets');
    const mappings = declared.block.blocks.filter((b) => b.type === 'subnet_mapping');
    const zonesAttr = type === 'aws_elb' ? attribute(declared.block, 'availability_zones') : undefined;
    let zones: ZoneResult[] | ZoneFailure;
    if (subnets) zones = zonesOf(instance.attribute('subnets'), region);
    else if (mappings.length) {
      zones = mappings.map((m) => zoneOf(this.module.evaluate(attribute(m, 'subnet_id')?.value), region));
      const bad = zones.find(failed);
      if (bad) zones = bad;
    } else if (zonesAttr) zones = zonesOf(instance.attribute('availability_zones'), region);
    else {
      this.unresolved(address, declared, 'it sets no subnets here (a dynamic block or defaults)');
      return undefined;
    }
    if (failed(zones)) {
      this.unresolved(address, declared, zones.why);
      return undefined;
    }
    return {
      name: address,
      kind,
      zones: zones as ZoneRef[],
      file: declared.file.path,
      line: declared.block.line,
    };
  }

  /** Instances behind an Application or Network Load Balancer are served by a regional load balancer. */
  private markBehind(lb: LoadBalancer, declared: Declared): void {
    if (lb.kind === 'classic' || lb.kind === 'gateway') return;
    const region = this.region(declared.block);
    for (const group of this.listenerGroups(lb.name) ?? []) {
      for (const address of this.targetInstances.get(group) ?? []) {
        const service = this.instanceServices.get(address);
        if (!service || service.loadBalancer) continue;
        service.loadBalancer = 'regional';
        service.loadBalancerRegion = region;
      }
    }
  }

  /** Target groups the listeners of a load balancer forward to; undefined when one cannot be followed. */
  private listenerGroups(lbAddress: string): Set<string> | undefined {
    const groups = new Set<string>();
    for (const declared of this.listenersOf(lbAddress)) {
      for (const action of declared.block.blocks.filter((b) => b.type === 'default_action')) {
        const group = this.module.evaluate(attribute(action, 'target_group_arn')?.value);
        if (!isInstance(group)) return undefined;
        groups.add(group.resource);
      }
    }
    return groups;
  }

  private listenersByLb?: Map<string, Declared[]>;

  /**
   * The listeners of a load balancer, in file order. Indexed on first use: looking through every
   * resource for each load balancer costs the square of them in a large module.
   */
  private listenersOf(lbAddress: string): Declared[] {
    if (!this.listenersByLb) {
      const byLb = new Map<string, Declared[]>();
      for (const [, declared] of this.module.resources) {
        const type = declared.block.labels[0];
        if (type !== 'aws_lb_listener' && type !== 'aws_alb_listener') continue;
        const lb = this.module.evaluate(attribute(declared.block, 'load_balancer_arn')?.value);
        if (!isInstance(lb)) continue;
        const listeners = byLb.get(lb.resource);
        if (listeners) listeners.push(declared);
        else byLb.set(lb.resource, [declared]);
      }
      this.listenersByLb = byLb;
    }
    return this.listenersByLb.get(lbAddress) ?? [];
  }

  /** Target groups of a load balancer's listeners, and where their targets run. */
  private lbTargetZones(lbAddress: string): ZoneRef[] | undefined {
    this.collectTargets();
    const groups = this.listenerGroups(lbAddress);
    if (!groups) return undefined;
    if (!groups.size) return undefined;
    const zones: ZoneRef[] = [];
    for (const group of groups) {
      const found = this.targetZones.get(group);
      if (!found) return undefined;
      zones.push(...found);
    }
    return zones.length ? zones : undefined;
  }

  private collected = false;

  private collectTargets(): void {
    if (this.collected) return;
    this.collected = true;
    for (const [, declared] of this.module.resources) {
      const type = declared.block.labels[0];
      if (type === 'aws_lb_target_group_attachment' || type === 'aws_alb_target_group_attachment') {
        const expansion = this.module.instances(declared);
        if (isUnknown(expansion)) continue;
        for (const { instance } of expansion.items) {
          const group = instance.attribute('target_group_arn');
          const target = instance.attribute('target_id');
          if (!isInstance(group)) continue;
          const where =
            isInstance(target) && target.resource.startsWith('aws_instance.')
              ? this.instanceZone(target)
              : undefined;
          this.addTargets(group.resource, where ? [where] : undefined);
          if (isInstance(target) && target.resource.startsWith('aws_instance.')) {
            const attached = this.targetInstances.get(group.resource) ?? new Set<string>();
            attached.add(target.resource);
            this.targetInstances.set(group.resource, attached);
          }
        }
      } else if (type === 'aws_autoscaling_group') {
        const expansion = this.module.instances(declared);
        if (isUnknown(expansion)) continue;
        const region = this.region(declared.block);
        for (const { instance } of expansion.items) {
          const groups = instance.attribute('target_group_arns');
          if (!Array.isArray(groups)) continue;
          const zones = zonesOf(instance.attribute('vpc_zone_identifier'), region);
          for (const group of groups) {
            if (isInstance(group))
              this.addTargets(group.resource, failed(zones) ? undefined : (zones as ZoneRef[]));
          }
        }
      }
    }
  }

  private recordTargets(loadBalancerBlocks: Value, key: string, zones: ZoneRef[]): void {
    const blocks = Array.isArray(loadBalancerBlocks) ? loadBalancerBlocks : [loadBalancerBlocks];
    for (const block of blocks) {
      if (isUnknown(block) || block === null || typeof block !== 'object') continue;
      const group = getAttr(block, key);
      if (isInstance(group)) this.addTargets(group.resource, zones);
    }
  }

  private addTargets(group: string, zones: ZoneRef[] | undefined): void {
    if (this.targetZones.has(group) && this.targetZones.get(group) === undefined) return;
    if (!zones) {
      this.targetZones.set(group, undefined);
      return;
    }
    this.targetZones.set(group, [...(this.targetZones.get(group) ?? []), ...zones]);
  }

  private instanceZone(instance: ResourceInstance): ZoneRef | undefined {
    const declared = this.module.resources.get(instance.resource.replace(/\[.*$/, ''));
    const region = declared ? this.region(declared.block) : undefined;
    const direct = instance.attribute('availability_zone');
    const zone = zoneOf(isUnknown(direct) ? instance.attribute('subnet_id') : direct, region);
    return failed(zone) ? undefined : zone;
  }

  private database(address: string, declared: Declared): void {
    const expansion = this.module.instances(declared);
    if (!isUnknown(expansion) && expansion.items.length === 0) return;
    const block = declared.block;
    const engine = this.module.evaluate(attribute(block, 'engine')?.value);
    if (typeof engine === 'string' && (/^aurora/.test(engine) || /^sqlserver-(ex|web)$/.test(engine))) return;
    if (attribute(block, 'replicate_source_db')) return;
    const setting = attribute(block, 'multi_az');
    if (!setting) {
      this.out.singleAzDatabases.push({
        name: address,
        kind: 'aws_db_instance',
        file: declared.file.path,
        line: block.line,
      });
      return;
    }
    const value = this.module.evaluate(setting.value);
    if (value === true || value === 'true') return;
    if (isUnknown(value)) {
      this.unresolved(`multi_az of ${address}`, declared, value.why, setting.line);
      return;
    }
    const shown =
      setting.value.kind === 'literal'
        ? `multi_az = ${setting.value.raw}`
        : `multi_az = ${setting.value.raw.trim()} (${JSON.stringify(value)})`;
    this.out.singleAzDatabases.push({
      name: address,
      file: declared.file.path,
      line: block.line,
      setting: { file: declared.file.path, line: setting.line, text: shown },
    });
  }

  private cache(address: string, declared: Declared): void {
    const expansion = this.module.instances(declared);
    if (!isUnknown(expansion) && expansion.items.length === 0) return;
    const setting = attribute(declared.block, 'automatic_failover_enabled');
    let detail = 'does not enable automatic failover (the default is off)';
    let line = declared.block.line;
    if (setting) {
      const value = this.module.evaluate(setting.value);
      if (value === true || value === 'true') return;
      if (isUnknown(value)) {
        this.unresolved(`automatic_failover_enabled of ${address}`, declared, value.why, setting.line);
        return;
      }
      detail = `sets automatic_failover_enabled = ${setting.value.raw.trim()}${setting.value.kind === 'literal' ? '' : ` (${JSON.stringify(value)})`}`;
      line = setting.line;
    }
    this.out.cachesWithoutFailover.push({
      name: address,
      kind: 'aws_elasticache_replication_group',
      detail,
      file: declared.file.path,
      line,
    });
  }
}

function dedupe(zones: readonly ZoneRef[]): ZoneRef[] {
  const seen = new Map<string, ZoneRef>();
  for (const z of zones) if (!seen.has(z.key)) seen.set(z.key, z);
  return [...seen.values()];
}

/** n replicas spread as evenly as possible over zones, the way ASGs and ECS balance them. */
export function spread(n: number, zones: readonly ZoneRef[]): [ZoneRef, number][] {
  if (!zones.length) return [];
  const base = Math.floor(n / zones.length);
  const extra = n % zones.length;
  return zones.map((z, i) => [z, base + (i < extra ? 1 : 0)] as [ZoneRef, number]).filter(([, c]) => c > 0);
}
