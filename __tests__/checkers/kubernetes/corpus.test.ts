import path from 'node:path';
import { expect, it } from 'vitest';
import { CHECKERS } from '../../../src/checkers';
import { scan } from '../../../src/engine/scan';

// 61 manifests written for this corpus: web services, gRPC, workers, StatefulSets with headless
// Services, HPAs, PDBs, Ingresses, CronJobs and Jobs, node agents. Some carry deliberate defects
// (checkout, notifications, reports-api, redis, zookeeper...). Every error and warning below was
// reviewed; a change to this list is a change in what users see.
const CORPUS = path.join(__dirname, '../../fixtures/kubernetes/corpus');

it('the written corpus scans without a crash and reports the reviewed findings', async () => {
  const result = await scan({ root: CORPUS, checkers: CHECKERS, only: ['kubernetes'] });
  expect(result.findings.filter((f) => f.ruleId.startsWith('deploy-lint/'))).toEqual([]);
  const lines = result.findings
    .filter((f) => f.severity !== 'notice')
    .map((f) => `${f.file}:${f.line} ${f.severity} ${f.ruleId} ${f.message}`);
  expect(lines).toMatchSnapshot();
  const notices = new Map<string, number>();
  for (const f of result.findings.filter((f) => f.severity === 'notice'))
    notices.set(f.ruleId, (notices.get(f.ruleId) ?? 0) + 1);
  expect(Object.fromEntries([...notices].sort())).toMatchSnapshot();
});
