import { describe, expect, it } from 'vitest';
import { findingsOf, modelOf } from './helpers';

const vpc = 'variable "cidr" {}\n\nresource "aws_vpc" "this" {\n  cidr_block = var.cidr\n}\n';
const rootConfig = [
  'remote_state {',
  '  backend = "s3"',
  '  generate = {',
  '    path      = "backend.tf"',
  '    if_exists = "overwrite_terragrunt"',
  '  }',
  '  config = {',
  '    bucket       = "acme-state"',
  '    key          = "${path_relative_to_include()}/terraform.tfstate"',
  '    region       = "eu-west-1"',
  '    encrypt      = true',
  '    use_lockfile = true',
  '  }',
  '}',
  '',
].join('\n');
const unit = (source: string) =>
  `include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n\nterraform {\n  source = ${source}\n}\n`;

describe('Terragrunt layouts', () => {
  it('links each unit to the module directory its local source names', async () => {
    const model = await modelOf({
      'root.hcl': rootConfig,
      'live/prod/vpc/terragrunt.hcl': unit('"../../../modules//vpc"'),
      'live/dev/vpc/terragrunt.hcl': unit('"${get_terragrunt_dir()}/../../../modules/vpc"'),
      'live/prod/dns/terragrunt.hcl': unit('"git::https://example.com/dns.git//zone?ref=v1.0.0"'),
      'modules/vpc/main.tf': vpc,
    });
    const [module] = model.modules;
    expect(module.terragruntUnits.map((u) => u.path).sort()).toEqual([
      'live/dev/vpc/terragrunt.hcl',
      'live/prod/vpc/terragrunt.hcl',
    ]);
    expect(module.isRoot).toBe(true);
    expect(model.terragruntSuppliesBackend).toBe(true);
  });

  it('takes a unit without a source to deploy its own directory, and a generated backend as a backend', async () => {
    const model = await modelOf({
      'app/terragrunt.hcl':
        'generate "backend" {\n  path     = "backend.tf"\n  contents = <<EOF\nterraform {\n  backend "gcs" {\n    bucket = "state"\n  }\n}\nEOF\n}\n',
      'app/main.tf': vpc,
    });
    expect(model.modules[0].terragruntUnits.map((u) => u.path)).toEqual(['app/terragrunt.hcl']);
    expect(model.terragruntSuppliesBackend).toBe(true);
  });

  it('no-remote-backend and gitignore-missing-state stay quiet for modules whose backend Terragrunt writes', async () => {
    const repo = {
      'root.hcl': rootConfig,
      'live/prod/vpc/terragrunt.hcl': unit('"../../../modules//vpc"'),
      'modules/vpc/main.tf': vpc,
    };
    expect(await findingsOf('terraform/no-remote-backend', repo)).toEqual([]);
    expect(await findingsOf('terraform/gitignore-missing-state', repo)).toEqual([]);
  });

  it('no-remote-backend fires when no Terragrunt file configures remote state', async () => {
    const findings = await findingsOf('terraform/no-remote-backend', {
      'live/prod/vpc/terragrunt.hcl': 'terraform {\n  source = "../../../modules//vpc"\n}\n',
      'modules/vpc/main.tf': vpc,
    });
    expect(findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        'modules/vpc/main.tf',
        3,
        'Root module `modules/vpc`, deployed by Terragrunt (`live/prod/vpc/terragrunt.hcl`), manages 1 resource but has no `backend` or `cloud` block, and no Terragrunt file sets `remote_state`: its state stays in a local terraform.tfstate, unshared and unlocked.',
      ],
    ]);
  });

  it('still reports a module no unit deploys', async () => {
    const findings = await findingsOf('terraform/no-remote-backend', {
      'root.hcl': rootConfig,
      'live/prod/vpc/terragrunt.hcl': unit('"../../../modules//vpc"'),
      'modules/vpc/main.tf': vpc,
      'scripts/main.tf': 'resource "null_resource" "x" {}\n',
    });
    expect(findings.map((f) => f.file)).toEqual(['scripts/main.tf']);
  });
  it('links a unit whose source is an expression choosing between a release and a local path', async () => {
    const source =
      '"${get_env("ENV") == "production" ? "git::https://github.com/acme/infra//aws/common?ref=v${get_env("VERSION")}" : "../../../aws//common"}"';
    const repo = {
      'root.hcl': rootConfig,
      'env/staging/common/terragrunt.hcl': unit(source),
      'aws/common/main.tf': 'provider "aws" {}\n' + vpc,
    };
    const model = await modelOf(repo);
    expect(model.modules[0].terragruntUnits.map((u) => u.path)).toEqual([
      'env/staging/common/terragrunt.hcl',
    ]);
    expect(await findingsOf('terraform/no-remote-backend', repo)).toEqual([]);
  });

  it('takes modules beside those the units deploy from releases of this repository as deployed the same way', async () => {
    const repo = {
      'root.hcl': rootConfig,
      'live/dev/helm/terragrunt.hcl': unit(
        '"github.com/acme/ops.git//terraform-modules/helm/generic?ref=v1.0.9"',
      ),
      'terraform-modules/helm/generic/main.tf': 'provider "helm" {}\n' + vpc,
      'terraform-modules/istio/gateway/main.tf': 'provider "kubectl" {}\n' + vpc,
    };
    expect(await findingsOf('terraform/no-remote-backend', repo)).toEqual([]);
    // Without remote_state nothing says Terragrunt writes a backend for them.
    const withoutRemoteState = Object.fromEntries(Object.entries(repo).filter(([p]) => p !== 'root.hcl'));
    expect((await findingsOf('terraform/no-remote-backend', withoutRemoteState)).map((f) => f.file)).toEqual([
      'terraform-modules/helm/generic/main.tf',
      'terraform-modules/istio/gateway/main.tf',
    ]);
  });
});
