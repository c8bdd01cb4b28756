/**
 * The topology file (`deploy-topology.yml`, `*.topology.yml`): placement stated directly, checked
 * against a JSON Schema. A file that breaks the schema contributes one invalid-file finding and no
 * services: half a file would be a guess.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { firstProblem } from '../../../engine/config-file';
import type { SourceFile } from '../../../engine/workspace';
import { getPath, toValue, VALUE_TOO_LARGE, type DataNode } from '../../../parse/tree';
import { parseYamlFile } from '../../../parse/yaml';
import {
  DEFAULT_LOAD_BALANCER_AVAILABILITY,
  DEFAULT_ZONE_AVAILABILITY,
  namedZone,
  type Defaults,
  type LoadBalancerScope,
  type Placement,
  type Service,
  type SourceContribution,
} from '../model';

const FILE_NAME = /(^|\/)(deploy-topology|[^/]+\.topology)\.ya?ml$/;

export function isTopologyFilePath(path: string): boolean {
  return FILE_NAME.test(path);
}

const probability = { type: 'number', minimum: 0, maximum: 1 };

/** The topology file's schema: every key known, every number in its range. */
export const TOPOLOGY_FILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'services'],
  properties: {
    version: { enum: [1] },
    defaults: {
      type: 'object',
      additionalProperties: false,
      properties: {
        'replica-availability': probability,
        'zone-availability': probability,
        'load-balancer-availability': probability,
      },
    },
    services: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'placements'],
        properties: {
          name: { type: 'string', minLength: 1 },
          slo: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
          'min-healthy': { type: 'integer', minimum: 1 },
          'load-balancer': { enum: ['regional', 'global', 'none'] },
          'load-balancer-region': { type: 'string', minLength: 1 },
          tier: { type: 'string', minLength: 1 },
          'replica-availability': probability,
          'zone-availability': probability,
          placements: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['zone', 'count'],
              properties: {
                zone: { type: 'string', minLength: 1 },
                region: { type: 'string', minLength: 1 },
                count: { type: 'integer', minimum: 0 },
                capacity: { type: 'number', exclusiveMinimum: 0 },
              },
            },
          },
        },
      },
    },
  },
} as const;

let validator: ValidateFunction | undefined;

function validate(value: unknown): ValidateFunction {
  validator ??= new Ajv({ strict: true, allErrors: true, verbose: true }).compile(TOPOLOGY_FILE_SCHEMA);
  validator(value);
  return validator;
}

interface FileShape {
  defaults?: Record<string, number>;
  services: {
    name: string;
    slo?: number;
    'min-healthy'?: number;
    'load-balancer'?: LoadBalancerScope;
    'load-balancer-region'?: string;
    tier?: string;
    'replica-availability'?: number;
    'zone-availability'?: number;
    placements: { zone: string; region?: string; count: number; capacity?: number }[];
  }[];
}

export function readTopologyFile(file: SourceFile, base: Defaults): SourceContribution {
  const parsed = parseYamlFile(file);
  const invalid = (line: number, message: string, column?: number): SourceContribution => ({
    invalidFiles: [{ file: file.path, line, column, message }],
  });
  if (parsed.error)
    return invalid(
      parsed.error.line,
      `the file is not valid YAML: ${parsed.error.message}.`,
      parsed.error.column,
    );
  const documents = parsed.documents.filter((d) => d.root);
  if (documents.length !== 1) {
    return invalid(documents[1]?.line ?? 1, 'a topology file holds exactly one YAML document.');
  }
  const root = documents[0].root as DataNode;
  const value = toValue(root);
  if (value === VALUE_TOO_LARGE)
    return invalid(root.line, 'the file is too large to read (aliases expand too far).');
  const check = validate(value);
  if (check.errors?.length) {
    const problem = firstProblem(check.errors, root, []);
    const where = problem.at ?? root;
    const others =
      check.errors.length > 1
        ? ` (${check.errors.length - 1} more problem${check.errors.length > 2 ? 's' : ''} after it)`
        : '';
    return invalid(where.line, `${problem.message.replace(/\.$/, '')}${others}.`, where.column);
  }
  const shape = value as FileShape;
  const defaults: Defaults = {
    replicaAvailability: shape.defaults?.['replica-availability'] ?? base.replicaAvailability,
    zoneAvailability: shape.defaults?.['zone-availability'] ?? DEFAULT_ZONE_AVAILABILITY,
    loadBalancerAvailability:
      shape.defaults?.['load-balancer-availability'] ?? DEFAULT_LOAD_BALANCER_AVAILABILITY,
  };
  const services: Service[] = [];
  const zoneMentions: SourceContribution['zoneMentions'] = [];
  shape.services.forEach((written, i) => {
    const node = getPath(root, 'services', i) ?? root;
    const placements: Placement[] = [];
    written.placements.forEach((p, j) => {
      const at = getPath(root, 'services', i, 'placements', j) ?? node;
      const zoneAt = getPath(root, 'services', i, 'placements', j, 'zone') ?? at;
      const zone = namedZone(p.zone);
      if (p.region) zone.region = p.region;
      zoneMentions.push({
        file: file.path,
        line: zoneAt.line,
        zone: p.zone,
        regionInUse: p.region,
        regionSource: p.region ? `region: ${p.region}` : undefined,
      });
      if (p.count > 0)
        placements.push({ file: file.path, line: at.line, zone, count: p.count, capacity: p.capacity ?? 1 });
    });
    services.push({
      name: written.name,
      source: 'file',
      kind: 'service',
      file: file.path,
      line: node.line,
      placements,
      slo: written.slo,
      minHealthy: written['min-healthy'],
      loadBalancer: written['load-balancer'],
      loadBalancerRegion: written['load-balancer-region'],
      tier: written.tier,
      replicaAvailability: written['replica-availability'] ?? defaults.replicaAvailability,
      zoneAvailability: written['zone-availability'] ?? defaults.zoneAvailability,
      loadBalancerAvailability: defaults.loadBalancerAvailability,
      singleReplicaMatters: true,
      spreadRulesApply: true,
    });
  });
  return { services, zoneMentions };
}
