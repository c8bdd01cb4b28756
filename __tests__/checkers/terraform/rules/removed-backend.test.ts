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
  it('is an error when required_version admits 1.3 or later, and a notice when it holds the module before 1.3', async () => {
    const module = (constraint: string) =>
      `terraform {\n  required_version = "${constraint}"\n  backend "etcdv3" {\n    endpoints = ["etcd:2379"]\n  }\n}\n`;
    const current = await findingsOf(removedBackend.id, { 'main.tf': module('>= 1.0') });
    expect(current.map((f) => f.severity)).toEqual([undefined]);
    const held = await findingsOf(removedBackend.id, { 'main.tf': module('~> 1.2.0') });
    expect(held.map((f) => [f.line, f.severity])).toEqual([[3, 'notice']]);
    expect(held[0].message).toContain(
      '`required_version` ("~> 1.2.0") holds this module before Terraform 1.3',
    );
  });
});
