import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import type { IgnoreEntry, ResolvedConfig, RuleLevel } from './config';
import { ENGINE_RULES } from './engine-rules';
import { CHECKER_IDS, type Checker, type CheckerId } from './rule';
import { didYouMean } from './rule-ids';
import { parseYaml } from '../parse/yaml';
import {
  getPath,
  mapGet,
  scalarString,
  toValue,
  VALUE_TOO_LARGE,
  walk,
  type DataNode,
  type KeyPath,
} from '../parse/tree';

/** A config file that cannot be used. The message names the file, the line, the setting and what is allowed. */
export class ConfigError extends Error {
  constructor(
    message: string,
    /** As shown in the message: relative to the scan root when inside it. */
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Looked for at the scan root when no config path is given. */
export const CONFIG_FILE_NAMES = ['.deploy-lint.yml', '.deploy-lint.yaml'] as const;

export const DEFAULT_INSTANCE_AVAILABILITY = 0.95;
export const DEFAULT_TARGET_AVAILABILITY = 0.999;

const RULE_LEVELS: readonly RuleLevel[] = ['error', 'warning', 'notice', 'off'];

/** The config when there is no file: every checker, every rule at its own severity. */
export function defaultConfig(): ResolvedConfig {
  return {
    checkers: [...CHECKER_IDS],
    exclude: [],
    rules: {},
    ignore: [],
    dockerfile: { trustedRegistries: [] },
    topology: {
      instanceAvailability: DEFAULT_INSTANCE_AVAILABILITY,
      targetAvailability: DEFAULT_TARGET_AVAILABILITY,
    },
    sections: {},
  };
}

/**
 * Reads and validates the config: `explicitPath` (relative paths are taken from the scan root) or
 * `.deploy-lint.yml` / `.deploy-lint.yaml` at the root; defaults when neither exists.
 * Throws ConfigError for anything it cannot use.
 */
export function loadConfig(
  root: string,
  explicitPath: string | undefined,
  checkers: readonly Checker[],
): ResolvedConfig {
  const file = explicitPath ? path.resolve(root, explicitPath) : findConfigFile(root);
  if (!file) return defaultConfig();
  const shown = displayPath(root, file);
  let text: string;
  try {
    // Reading a FIFO would block, and a directory cannot be read: only a regular file is a config.
    if (!fs.statSync(file).isFile())
      throw new ConfigError(`${shown}: the config file is not a regular file.`, shown);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new ConfigError(`${shown}: the config file ${reason}.`, shown);
  }
  return parseConfig(text, shown, checkers);
}

/** Validates config text; `shown` is the file name used in messages and findings. */
export function parseConfig(text: string, shown: string, checkers: readonly Checker[]): ResolvedConfig {
  const invalid = (line: number | undefined, message: string, column?: number) =>
    new ConfigError(`${shown}${line ? `:${line}` : ''}: ${message}`, shown, line, column);

  const parsed = parseYaml(text);
  if (parsed.error) {
    throw invalid(parsed.error.line, `invalid YAML: ${parsed.error.message}`, parsed.error.column);
  }
  const documents = parsed.documents.filter((d) => d.root);
  if (documents.length > 1) {
    throw invalid(documents[1].line, 'holds more than one YAML document; put all settings in one.');
  }
  const root = documents[0]?.root;
  if (!root) return { ...defaultConfig(), file: shown };
  if (root.kind !== 'map') {
    throw invalid(root.line, `must be a mapping of settings (${topLevelKeys(checkers).join(', ')}).`);
  }
  const duplicate = findDuplicateKey(root);
  if (duplicate) {
    const where = formatKeyPath(duplicate.path);
    throw invalid(
      duplicate.line,
      `${where} is set twice (lines ${duplicate.firstLine} and ${duplicate.line}).`,
    );
  }
  const value = toValue(root);
  if (value === VALUE_TOO_LARGE) {
    throw invalid(root.line, 'is too large to read (aliases expand beyond any real config).');
  }
  // A section left empty (`topology:` with its settings commented out) means "use the defaults".
  const settings = Object.fromEntries(
    Object.entries(value as object).filter(([, v]) => v !== null),
  ) as ConfigFileShape;

  // The ids allRules() in scan.ts lists, without loading the checker registry from here.
  const ruleIds = [...ENGINE_RULES, ...checkers.flatMap((c) => c.rules)].map((r) => r.id);
  const validate = new Ajv({ strict: true, allErrors: true, verbose: true }).compile(
    configSchema(checkers, ruleIds),
  );
  if (!validate(settings)) {
    const problem = firstProblem(validate.errors ?? [], root, ruleIds);
    throw invalid(problem.at?.line, problem.message, problem.at?.column);
  }
  return resolve(settings, root, shown, checkers);
}

function findConfigFile(root: string): string | undefined {
  const present = CONFIG_FILE_NAMES.map((name) => path.join(root, name)).filter((p) => fs.existsSync(p));
  if (present.length > 1) {
    throw new ConfigError(
      `${CONFIG_FILE_NAMES.join(' and ')} both exist; keep one so it is clear which settings apply.`,
      CONFIG_FILE_NAMES[0],
    );
  }
  return present[0];
}

function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  const inside =
    relative && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
  return inside ? relative.split(path.sep).join('/') : file;
}

/** The file as written, once the schema has accepted it. */
interface ConfigFileShape {
  checkers?: CheckerId[];
  exclude?: string[];
  rules?: Record<string, RuleLevel>;
  ignore?: Omit<IgnoreEntry, 'line'>[];
  dockerfile?: { 'trusted-registries'?: string[]; 'final-stage'?: string };
  topology?: { 'instance-availability'?: number; 'target-availability'?: number };
  repository?: string;
  [checkerSection: string]: unknown;
}

const stringList = { type: 'array', items: { type: 'string', minLength: 1 } };
const openUnitInterval = { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 };

/** Sections the engine reads itself; a checker's own `configSchema` adds a section for any other id. */
const ENGINE_SECTIONS: Partial<Record<CheckerId, object>> = {
  dockerfile: {
    type: 'object',
    additionalProperties: false,
    properties: { 'trusted-registries': stringList, 'final-stage': { type: 'string', minLength: 1 } },
  },
  topology: {
    type: 'object',
    additionalProperties: false,
    properties: { 'instance-availability': openUnitInterval, 'target-availability': openUnitInterval },
  },
};

function checkerSections(checkers: readonly Checker[]): Record<string, object> {
  const sections: Record<string, object> = { ...ENGINE_SECTIONS };
  for (const checker of checkers) {
    if (checker.configSchema && !(checker.id in ENGINE_SECTIONS)) sections[checker.id] = checker.configSchema;
  }
  return sections;
}

function topLevelKeys(checkers: readonly Checker[]): string[] {
  return ['checkers', 'exclude', 'rules', 'ignore', 'repository', ...Object.keys(checkerSections(checkers))];
}

function configSchema(checkers: readonly Checker[], ruleIds: readonly string[]): object {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      checkers: { type: 'array', uniqueItems: true, items: { type: 'string', enum: CHECKER_IDS } },
      exclude: stringList,
      rules: {
        type: 'object',
        propertyNames: { type: 'string', enum: ruleIds },
        additionalProperties: { type: 'string', enum: RULE_LEVELS },
      },
      ignore: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['rule'],
          properties: {
            rule: { type: 'string', minLength: 1 },
            paths: stringList,
            reason: { type: 'string' },
          },
        },
      },
      repository: { type: 'string', pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$' },
      ...checkerSections(checkers),
    },
  };
}

function resolve(
  settings: ConfigFileShape,
  root: DataNode,
  shown: string,
  checkers: readonly Checker[],
): ResolvedConfig {
  const defaults = defaultConfig();
  const finalStage = settings.dockerfile?.['final-stage'];
  const sections: Record<string, unknown> = {};
  for (const checker of checkers) {
    if (checker.configSchema && !(checker.id in ENGINE_SECTIONS) && settings[checker.id] !== undefined) {
      sections[checker.id] = settings[checker.id];
    }
  }
  return {
    file: shown,
    checkers: settings.checkers ?? defaults.checkers,
    exclude: settings.exclude ?? [],
    rules: settings.rules ?? {},
    ignore: (settings.ignore ?? []).map((entry, index) => ({
      ...entry,
      line: getPath(root, 'ignore', index)?.line,
    })),
    dockerfile: {
      trustedRegistries: settings.dockerfile?.['trusted-registries'] ?? [],
      ...(finalStage !== undefined && { finalStage }),
    },
    topology: {
      instanceAvailability:
        settings.topology?.['instance-availability'] ?? defaults.topology.instanceAvailability,
      targetAvailability: settings.topology?.['target-availability'] ?? defaults.topology.targetAvailability,
    },
    ...(settings.repository !== undefined && { repository: settings.repository }),
    sections,
  };
}

/** A validation problem: where it is (the offending key or value) and what to say. */
export interface Problem {
  at?: DataNode;
  message: string;
}

/** The problem that comes first in the file, told in the file's own terms (the topology file reuses it for its schema). */
export function firstProblem(
  errors: readonly ErrorObject[],
  root: DataNode,
  ruleIds: readonly string[],
): Problem {
  const problems = errors
    // ajv follows a `propertyNames` failure with a vaguer summary of the same key: keep the precise one.
    .filter((error) => error.keyword !== 'propertyNames')
    .map((error) => describe(error, root, ruleIds));
  // By place in the file: people fix a file top to bottom.
  problems.sort((a, b) => (a.at?.start ?? 0) - (b.at?.start ?? 0));
  return problems[0];
}

function describe(error: ErrorObject, root: DataNode, ruleIds: readonly string[]): Problem {
  const keys = instancePath(error.instancePath, root);
  const at = getPath(root, ...keys);
  const where = formatKeyPath(keys);
  const subject = where ? `${where} ` : '';

  const badKey = (error.params as { additionalProperty?: string }).additionalProperty ?? error.propertyName;
  if (badKey !== undefined) {
    const keyAt = mapGet(at, badKey)?.key ?? at;
    const full = formatKeyPath([...keys, badKey]);
    if (error.keyword === 'additionalProperties') {
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return { at: keyAt, message: `${full} is not a known setting; allowed: ${allowed.join(', ')}.` };
    }
    const problem =
      where === 'rules' ? `is not a known rule id.${didYouMean(badKey, ruleIds)}` : 'is not allowed here.';
    return { at: keyAt, message: `${full} ${problem}` };
  }

  const got = describeValue(error.data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return {
        at,
        message: `${subject}must be one of ${(params.allowedValues as unknown[]).join(', ')}, not ${got}.`,
      };
    case 'type':
      return {
        at,
        message: `${subject}must be ${TYPE_NAMES[String(params.type)] ?? params.type}, not ${got}.`,
      };
    case 'required':
      return { at, message: `${subject || 'the file '}needs a "${params.missingProperty}" setting.` };
    case 'minLength':
      return { at, message: `${subject}must not be empty.` };
    case 'pattern':
      return {
        at,
        message:
          error.instancePath === '/repository'
            ? `${subject}must be the GitHub repository as owner/name, not ${got}.`
            : `${subject}must match ${params.pattern}, not ${got}.`,
      };
    case 'uniqueItems': {
      const [first, second] = [params.i as number, params.j as number].sort((a, b) => a - b);
      return { at, message: `${subject}lists the same value twice (items ${first} and ${second}).` };
    }
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minimum':
    case 'maximum':
      return { at, message: `${subject}must be ${rangeText(error.parentSchema as Bounds)}, not ${got}.` };
    default:
      return { at, message: `${subject}${error.message ?? 'is not valid'} (got ${got}).` };
  }
}

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
};

interface Bounds {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

function rangeText(b: Bounds): string {
  const parts: string[] = [];
  if (b.exclusiveMinimum !== undefined) parts.push(`greater than ${b.exclusiveMinimum}`);
  if (b.minimum !== undefined) parts.push(`at least ${b.minimum}`);
  if (b.exclusiveMaximum !== undefined) parts.push(`less than ${b.exclusiveMaximum}`);
  if (b.maximum !== undefined) parts.push(`at most ${b.maximum}`);
  return `a number ${parts.join(' and ')}`;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/** An ajv instance path (`/ignore/0/rule`) as keys and indexes of the YAML tree. */
function instancePath(pointer: string, root: DataNode): KeyPath {
  const keys: KeyPath = [];
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const parent = getPath(root, ...keys);
    keys.push(parent?.kind === 'seq' ? Number(segment) : segment);
  }
  return keys;
}

/** `rules."dockerfile/nope"`, `ignore[2].paths`: keys as a user would write them to find the setting. */
function formatKeyPath(keys: KeyPath): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const written = /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
      out += out ? `.${written}` : written;
    }
  }
  return out;
}

/** A key written twice in one mapping: YAML keeps the last silently, which hides the first. */
function findDuplicateKey(root: DataNode): { path: KeyPath; line: number; firstLine: number } | undefined {
  let found: { path: KeyPath; line: number; firstLine: number } | undefined;
  walk(root, (node, keyPath) => {
    if (found) return false;
    if (node.kind !== 'map') return true;
    const seen = new Map<string, number>();
    for (const pair of node.pairs) {
      const key = scalarString(pair.key);
      if (key === undefined) continue;
      const firstLine = seen.get(key);
      if (firstLine !== undefined) {
        found = { path: [...keyPath, key], line: pair.key.line, firstLine };
        return false;
      }
      seen.set(key, pair.key.line);
    }
    return true;
  });
  return found;
}
