import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../../src/engine/scan';
import { renderMarkdown } from '../../../src/report/summary';
import { declaredZones } from '../../../src/checkers/topology';
import { createRunContext } from '../../../src/engine/rule';
import { SourceFile } from '../../../src/engine/workspace';
import type { ResolvedConfig } from '../../../src/engine/config';

const root = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-topology-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TOPOLOGY = [
  'version: 1',
  'services:',
  '  - name: checkout',
  '    slo: 0.99',
  '    min-healthy: 2',
  '    load-balancer: regional',
  '    placements:',
  '      - { zone: us-east-1a, count: 3 }',
  '      - { zone: us-east-1b, count: 1 }',
].join('\n');

describe('the topology picture in the summary', () => {
  it('scan results carry a section per service, which --format markdown renders', async () => {
    writeFileSync(path.join(root, 'deploy-topology.yml'), TOPOLOGY);
    const result = await scan({ root, checkers: ['topology'] });
    expect(result.sections?.map((s) => [s.checker, s.title])).toEqual([['topology', 'Topology: checkout']]);
    const markdown = renderMarkdown(result, { failOn: 'error', version: '0.0.0' });
    expect(markdown).toContain('### Topology: checkout');
    expect(markdown).toContain('```mermaid\nxychart-beta');
    expect(markdown).toContain('    x-axis ["us-east-1a", "us-east-1b"]');
    expect(markdown).toContain('    bar [3, 1]');
    expect(markdown).toContain('| us-east-1a | us-east-1 | 3 | 75% | yes |');
    expect(markdown).toContain('**Losing an AZ:** the worst is us-east-1a, 75% of the capacity (3 of 4)');
    expect(markdown).toContain('min-healthy 2: **not statically stable**');
    expect(markdown).toContain(
      '**Recommended layout:** 3 (1+1+1) over 3 AZs of us-east-1, 99.265%, meets the SLO',
    );
  });

  it('a scan without topology adds no section', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-none-'));
    writeFileSync(path.join(empty, 'README.md'), '# nothing\n');
    const result = await scan({ root: empty, checkers: ['topology'] });
    expect(result.sections).toBeUndefined();
    rmSync(empty, { recursive: true, force: true });
  });
});

describe('declaredZones (for k8s/no-zone-spreading)', () => {
  const config: ResolvedConfig = {
    checkers: ['topology'],
    exclude: [],
    rules: {},
    ignore: [],
    dockerfile: { trustedRegistries: [] },
    topology: { instanceAvailability: 0.95, targetAvailability: 0.999 },
    sections: {},
  };
  const count = (repo: Record<string, string>) => {
    const files = Object.entries(repo).map(([p, text]) => new SourceFile(p, `/r/${p}`, text));
    return declaredZones(files, createRunContext({ root: '/r', config, allFiles: files }));
  };

  it('counts the distinct AZs the repository places anything in', async () => {
    expect(await count({ 'deploy-topology.yml': TOPOLOGY })).toBe(2);
    expect(
      await count({
        'main.tf':
          'provider "aws" { region = "eu-west-1" }\ndata "aws_availability_zones" "a" {}\nresource "aws_autoscaling_group" "g" {\n  availability_zones = data.aws_availability_zones.a.names\n}\n',
      }),
    ).toBe(3);
    expect(await count({ 'k8s/deploy.yaml': 'kind: Deployment\nmetadata: { name: x }\n' })).toBe(0);
  });
});
