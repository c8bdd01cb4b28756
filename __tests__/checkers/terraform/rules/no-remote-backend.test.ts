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

  it("is quiet for a tool's test fixtures that manage resources of their own", async () => {
    // A CLI's tests apply these directories against local state; nobody deploys them.
    const remote = 'terraform {\n  backend "gcs" {\n    bucket = "acme"\n  }\n}\n' + instance;
    const findings = await findingsOf(noRemoteBackend.id, {
      'live/a/main.tf': remote,
      'live/b/main.tf': remote,
      'tests/fixtures/components/terraform/env-example/main.tf': 'resource "terraform_data" "env" {}\n',
      'internal/exec/testdata/stack/main.tf': instance,
      'live/c/main.tf': instance,
    });
    expect(findings.map((f) => f.file)).toEqual(['live/c/main.tf']);
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
  describe('reusable modules are not root modules', () => {
    const versions =
      'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}\n';
    const io = 'variable "name" {\n  type = string\n}\n\noutput "id" {\n  value = aws_instance.web.id\n}\n';

    it('is quiet for the registry layout: no provider configured, required_providers, variables and outputs', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        'versions.tf': versions,
        'main.tf': instance,
        'io.tf': io,
        'wrappers/main.tf': 'module "wrapper" {\n  source = "../"\n}\n',
        'wrappers/versions.tf': versions,
        'wrappers/io.tf': 'variable "items" {}\n\noutput "wrapper" {\n  value = module.wrapper\n}\n',
      });
      expect(findings).toEqual([]);
    });

    it('fires once the same directory configures its provider: that is a root module', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        'versions.tf': versions,
        'main.tf': 'provider "aws" {\n  region = "eu-west-1"\n}\n' + instance,
        'io.tf': io,
      });
      expect(findings.map((f) => f.file)).toEqual(['versions.tf']);
    });

    it('is quiet for a module whose examples call it by its registry address', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        'terraform-aws-web/main.tf': instance,
        'terraform-aws-web/examples/basic/main.tf':
          'module "web" {\n  source  = "acme/web/aws"\n  version = "~> 2.0"\n}\n',
      });
      expect(findings).toEqual([]);
    });

    it('fires when the examples call some other registry module', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        'terraform-aws-web/main.tf': instance,
        'terraform-aws-web/examples/basic/main.tf': 'module "vpc" {\n  source = "acme/vpc/aws"\n}\n',
      });
      expect(findings.map((f) => f.file)).toEqual(['terraform-aws-web/main.tf']);
    });

    it('is quiet for a module in a modules/ directory that configures no provider', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        'stacks/network/modules/vpn/main.tf': instance,
        'terraform-modules/aws/queue/main.tf': instance,
      });
      expect(findings).toEqual([]);
    });

    it('fires for a directory under modules/ that configures its own provider', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        'modules/bootstrap/main.tf': 'provider "aws" {}\n' + instance,
      });
      expect(findings.map((f) => f.file)).toEqual(['modules/bootstrap/main.tf']);
    });
  });

  describe('backends written by a wrapper', () => {
    const component = 'provider "aws" {\n  region = var.region\n}\n\nvariable "region" {}\n' + instance;

    it('is quiet for atmos components below an atmos.yaml', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        'atmos.yaml': 'components:\n  terraform:\n    base_path: components/terraform\n',
        'components/terraform/vpc/main.tf': component,
      });
      expect(findings).toEqual([]);
    });

    it('fires for the same component when no atmos.yaml governs it', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        'components/terraform/vpc/main.tf': component,
      });
      expect(findings.map((f) => f.file)).toEqual(['components/terraform/vpc/main.tf']);
    });

    it('is quiet when .gitignore keeps a backend file written at init out of git', async () => {
      for (const pattern of ['**/backend.tf.json', 'backend.tf', 'fast/**/[0-9]*providers.tf']) {
        const findings = await findingsOf(noRemoteBackend.id, {
          '.gitignore': `*.tfstate\n${pattern}\n`,
          'fast/stages/vpc/main.tf': component,
        });
        expect(findings, pattern).toEqual([]);
      }
    });

    it('fires when .gitignore ignores only state and override files', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        '.gitignore': '*.tfstate\n*.tfstate.*\noverride.tf\n*_override.tf\n!backend.tf\n',
        'vpc/main.tf': component,
      });
      expect(findings.map((f) => f.file)).toEqual(['vpc/main.tf']);
    });

    it('is quiet with a -backend-config file or a backend template beside the module', async () => {
      expect(
        await findingsOf(noRemoteBackend.id, {
          'vpc/main.tf': component,
          'vpc/prod.s3.tfbackend': 'bucket = "acme-state"\nkey = "vpc"\n',
        }),
      ).toEqual([]);
      expect(
        await findingsOf(noRemoteBackend.id, {
          'bootstrap/main.tf': component,
          'bootstrap/backend.tf.example': 'terraform {\n  backend "gcs" {}\n}\n',
        }),
      ).toEqual([]);
    });
  });

  describe('severity follows what the repository shows', () => {
    const backed = (dir: string) => ({
      [`${dir}/main.tf`]: 'terraform {\n  backend "gcs" {\n    bucket = "acme-state"\n  }\n}\n' + instance,
    });

    it('is a warning where most root modules keep remote state, and says so', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        ...backed('network'),
        ...backed('dns'),
        'ephemeral/main.tf': instance,
      });
      expect(findings.map((f) => [f.file, f.severity])).toEqual([['ephemeral/main.tf', 'warning']]);
      expect(findings[0].message).toContain("(2 of the repository's 3 root modules keep remote state)");
    });

    it('is a warning when the local state file sits beside the module', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        'infra/main.tf': instance,
        'infra/terraform.tfstate': '{"version": 4}',
      });
      expect(findings.map((f) => f.severity)).toEqual(['warning']);
      expect(findings[0].message).toContain('`infra/terraform.tfstate` is that state');
    });

    it("is a warning for the repository's only root module, its own infrastructure", async () => {
      const findings = await findingsOf(noRemoteBackend.id, { 'infra/main.tf': instance });
      expect(findings.map((f) => f.severity)).toEqual(['warning']);
    });

    it('is a notice where no root module keeps remote state (tutorials, demos, sandboxes)', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        'chapter-1/main.tf': instance,
        'chapter-2/main.tf': instance,
        ...backed('chapter-3'),
      });
      expect(findings.map((f) => [f.file, f.severity])).toEqual([
        ['chapter-1/main.tf', 'notice'],
        ['chapter-2/main.tf', 'notice'],
      ]);
    });
  });

  it('is quiet for a directory a Go test applies and destroys with Terratest', async () => {
    const backed = 'terraform {\n  backend "s3" {\n    bucket = "acme-state"\n  }\n}\n' + instance;
    const repo = {
      'live/main.tf': backed,
      'live/checks/fixture/main.tf': 'provider "aws" {\n  region = "eu-west-1"\n}\n' + instance,
      'live/checks/scheduler_test.go':
        'package checks\n\nfunc TestScheduler(t *testing.T) {\n\topts := &terraform.Options{\n\t\tTerraformDir: "./fixture",\n\t}\n\tdefer terraform.Destroy(t, opts)\n\tterraform.InitAndApply(t, opts)\n}\n',
    };
    expect(await findingsOf(noRemoteBackend.id, repo)).toEqual([]);
    // Without the test, the same directory is a root module keeping local state.
    const { ['live/checks/scheduler_test.go']: _test, ...untested } = repo;
    expect((await findingsOf(noRemoteBackend.id, untested)).map((f) => f.file)).toEqual([
      'live/checks/fixture/main.tf',
    ]);
  });

  describe('the companion of a tutorial, codelab or workshop', () => {
    it('is a notice when the README opens by presenting the configuration as a tutorial companion', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        'README.md':
          '# Learn to scale web servers\n\nThis repository goes with the [autoscaling tutorial](https://example.com/learn/asg):\nits configuration is what readers apply step by step.\n',
        'main.tf': instance,
      });
      expect(findings.map((f) => f.severity)).toEqual(['notice']);
      expect(findings[0].message).toContain('`README.md` presents it as the companion of a tutorial');
    });

    it('is a notice for a codelab directory beside a module that keeps remote state', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        'infra/main.tf': 'terraform {\n  backend "gcs" {\n    bucket = "acme-state"\n  }\n}\n' + instance,
        'labs/network/README.md':
          '# Network lab\n\nThe configuration here is used in a hands-on lab about VPC peering.\n\n## Inputs\n',
        'labs/network/main.tf': instance,
      });
      expect(findings.map((f) => [f.file, f.severity])).toEqual([['labs/network/main.tf', 'notice']]);
    });

    it('stays a warning when the README only mentions a tutorial past its opening paragraph', async () => {
      const findings = await findingsOf(noRemoteBackend.id, {
        'README.md':
          '# Payments infrastructure\n\nProduction network and databases of the payments team.\n\n## Set-up\n\nNew to Terraform? Work through the getting-started tutorial first.\n',
        'main.tf': instance,
      });
      expect(findings.map((f) => f.severity)).toEqual(['warning']);
    });
  });
});
