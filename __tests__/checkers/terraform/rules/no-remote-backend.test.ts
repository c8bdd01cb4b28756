import { describe, expect, it } from 'vitest';
import { noRemoteBackend } from '../../../../src/checkers/terraform/rules/no-remote-backend';
import { findingsOf } from '../helpers';

const example = noRemoteBackend.example!;
const instance = 'resource "aws_instance" "web" {\n  ami = "ami-1"\n}\n';

describe('terraform/no-remote-backend', () => {
  it('fires on the example, at the first resource when there is no terraform block', async () => {
    const findings = await findingsOf(noRemoteBackend.id, { [example.file]: example.bad });
    expect(findings.map((f) => [f.file, f.line])).toEqual([['main.tf', 5]]);
    expect(findings[0].message).toBe(
      'Root module `.` manages 1 resource but has no `backend` or `cloud` block: its state stays in a local terraform.tfstate, unshared and unlocked.',
    );
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsOf(noRemoteBackend.id, { [example.file]: example.good })).toEqual([]);
  });

  it('points at the terraform block, where the backend goes, in whichever file it is', async () => {
    const findings = await findingsOf(noRemoteBackend.id, {
      'prod/main.tf': instance + instance.replace('web', 'api'),
      'prod/versions.tf': '\nterraform {\n  required_version = ">= 1.6"\n}\n',
    });
    expect(findings.map((f) => [f.file, f.line])).toEqual([['prod/versions.tf', 2]]);
    expect(findings[0].message).toContain('`prod` manages 2 resources');
  });

  it('is quiet for a backend in another file of the same directory', async () => {
    expect(
      await findingsOf(noRemoteBackend.id, {
        'main.tf': instance,
        'backend.tf': 'terraform {\n  backend "gcs" {\n    bucket = "acme-state"\n  }\n}\n',
      }),
    ).toEqual([]);
  });

  it('is quiet for remote and cloud blocks', async () => {
    for (const block of [
      'backend "remote" {\n    organization = "acme"\n    workspaces {\n      name = "web"\n    }\n  }',
      'cloud {\n    organization = "acme"\n    workspaces {\n      tags = ["web"]\n    }\n  }',
    ]) {
      expect(
        await findingsOf(noRemoteBackend.id, { 'main.tf': `terraform {\n  ${block}\n}\n${instance}` }),
      ).toEqual([]);
    }
  });

  it('is quiet for a module directory called with a local source', async () => {
    const findings = await findingsOf(noRemoteBackend.id, {
      'main.tf':
        'terraform {\n  backend "s3" {\n    bucket = "b"\n  }\n}\nmodule "web" {\n  source = "./modules/web"\n}\n',
      'modules/web/main.tf': instance,
    });
    expect(findings).toEqual([]);
  });

  it('is quiet for a module that only declares required_providers and variables', async () => {
    const findings = await findingsOf(noRemoteBackend.id, {
      'versions.tf':
        'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}\n',
      'variables.tf': 'variable "name" {\n  type = string\n}\n',
    });
    expect(findings).toEqual([]);
  });

  it('fires for a live environment made only of module calls, the callees staying quiet', async () => {
    const findings = await findingsOf(noRemoteBackend.id, {
      'live/prod/network/main.tf':
        'module "vpc" {\n  source = "../../../modules/network"\n}\n\nmodule "labels" {\n  source  = "cloudposse/label/null"\n  version = "0.25.0"\n}\n',
      'modules/network/main.tf': 'module "subnets" {\n  source = "./subnets"\n}\n' + instance,
      'modules/network/subnets/main.tf': instance,
    });
    expect(findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        'live/prod/network/main.tf',
        1,
        'Root module `live/prod/network` calls 2 modules but has no `backend` or `cloud` block: its state stays in a local terraform.tfstate, unshared and unlocked.',
      ],
    ]);
  });

  it('is quiet for the examples and test fixtures of a reusable module', async () => {
    const findings = await findingsOf(noRemoteBackend.id, {
      'main.tf': instance,
      'examples/complete/main.tf': 'provider "aws" {}\nmodule "web" {\n  source = "../../"\n}\n',
      'test/fixtures/basic/main.tf': 'module "web" {\n  source = "../../../"\n}\n',
      'live/prod/main.tf': 'module "web" {\n  source = "../../"\n}\n',
    });
    // The module is called, so only the live environment is a root module to report.
    expect(findings.map((f) => f.file)).toEqual(['live/prod/main.tf']);
  });

  it('counts resources and module calls together', async () => {
    const findings = await findingsOf(noRemoteBackend.id, {
      'main.tf': instance + 'module "dns" {\n  source = "git::https://example.com/dns.git?ref=v1"\n}\n',
    });
    expect(findings[0].message).toContain('`.` manages 1 resource and calls 1 module but');
  });

  it('is quiet for a root module with a provider but no resources (nothing to keep state of)', async () => {
    expect(await findingsOf(noRemoteBackend.id, { 'main.tf': 'provider "aws" {}\n' })).toEqual([]);
  });
});
