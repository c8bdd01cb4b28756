import { describe, expect, it } from 'vitest';
import { removedBackend } from '../../../../src/checkers/terraform/rules/removed-backend';
import { findingsOf } from '../helpers';

const example = removedBackend.example!;

describe('terraform/removed-backend', () => {
  it('fires on the example, at the backend line', async () => {
    const findings = await findingsOf(removedBackend.id, { [example.file]: example.bad });
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [
        2,
        '`backend "etcdv3"` was removed in Terraform 1.3: `terraform init` fails on every current version.',
      ],
    ]);
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsOf(removedBackend.id, { [example.file]: example.good })).toEqual([]);
  });

  it('tells to rename the old `azure` name to azurerm', async () => {
    const findings = await findingsOf(removedBackend.id, {
      'main.tf': 'terraform {\n  backend "azure" {\n    container_name = "tfstate"\n  }\n}\n',
    });
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [
        2,
        '`backend "azure"` is the old name of `backend "azurerm"`, which Terraform 1.3 no longer accepts: rename the block.',
      ],
    ]);
  });

  it('knows every removed backend and none of the supported ones', async () => {
    const backendFile = (type: string) => ({ 'main.tf': `terraform {\n  backend "${type}" {}\n}\n` });
    for (const removed of ['artifactory', 'etcd', 'etcdv3', 'manta', 'swift']) {
      expect(await findingsOf(removedBackend.id, backendFile(removed))).toHaveLength(1);
    }
    for (const supported of [
      's3',
      'gcs',
      'azurerm',
      'consul',
      'pg',
      'http',
      'kubernetes',
      'oss',
      'cos',
      'remote',
      'local',
    ]) {
      expect(await findingsOf(removedBackend.id, backendFile(supported))).toEqual([]);
    }
  });
});
