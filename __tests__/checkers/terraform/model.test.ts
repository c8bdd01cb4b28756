import { describe, expect, it } from 'vitest';
import { settingFlag, settingValue, stateBucketName } from '../../../src/checkers/terraform/model';
import { modelOf } from './helpers';

const resource = (type: string, name: string, body = '') => `resource "${type}" "${name}" {\n${body}}\n`;

describe('root modules', () => {
  it('makes a directory with resources a root module unless another module calls it by a local path', async () => {
    const model = await modelOf({
      'live/main.tf': 'module "network" {\n  source = "../modules/network"\n}\n' + resource('aws_eip', 'nat'),
      'modules/network/main.tf': resource('aws_vpc', 'main'),
      'standalone/main.tf': resource('aws_sqs_queue', 'jobs'),
    });
    const roots = Object.fromEntries(model.modules.map((m) => [m.dir, m.isRoot]));
    expect(roots).toEqual({ live: true, 'modules/network': false, standalone: true });
    const network = model.modules.find((m) => m.dir === 'modules/network');
    expect(network?.callers.map((c) => [c.caller.dir, c.name])).toEqual([['live', 'network']]);
  });

  it('makes a directory of module calls only a root module, unless it is itself called', async () => {
    const model = await modelOf({
      'live/prod/main.tf': 'module "app" {\n  source = "../../stacks/app"\n}\n',
      'stacks/app/main.tf': 'module "db" {\n  source = "../../modules/db"\n}\n',
      'modules/db/main.tf': resource('aws_db_instance', 'main'),
    });
    const roots = Object.fromEntries(model.modules.map((m) => [m.dir, m.isRoot]));
    expect(roots).toEqual({ 'live/prod': true, 'modules/db': false, 'stacks/app': false });
    expect(model.modules.find((m) => m.dir === 'live/prod')?.anchor?.block.type).toBe('module');
  });

  it('resolves ./ sources relative to the calling directory', async () => {
    const model = await modelOf({
      'main.tf': 'module "db" {\n  source = "./modules/db/"\n}\n',
      'modules/db/main.tf': resource('aws_db_instance', 'main'),
    });
    expect(model.modules.find((m) => m.dir === 'modules/db')?.isRoot).toBe(false);
    expect(model.modules.find((m) => m.dir === '')?.moduleCalls[0].localDir).toBe('modules/db');
  });

  it('does not treat registry or git sources as local', async () => {
    const model = await modelOf({
      'main.tf':
        'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\nmodule "x" {\n  source = "git::https://example.com/x.git"\n}\n',
      'vpc/main.tf': resource('aws_vpc', 'main'),
    });
    expect(model.modules.find((m) => m.dir === 'vpc')?.isRoot).toBe(true);
  });

  it('counts a provider block or a backend, but not required_providers alone', async () => {
    const model = await modelOf({
      'provider/main.tf': 'provider "aws" {\n  region = "eu-west-1"\n}\n',
      'backend/main.tf': 'terraform {\n  backend "gcs" {\n    bucket = "b"\n  }\n}\n',
      'library/versions.tf':
        'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n',
    });
    const roots = Object.fromEntries(model.modules.map((m) => [m.dir, m.isRoot]));
    expect(roots).toEqual({ backend: true, library: false, provider: true });
  });

  it('groups every .tf file of a directory into one module', async () => {
    const model = await modelOf({
      'infra/backend.tf': 'terraform {\n  backend "s3" {}\n}\n',
      'infra/main.tf': resource('aws_sns_topic', 'alerts'),
      'infra/versions.tf': 'terraform {\n  required_version = ">= 1.6"\n}\n',
    });
    expect(model.modules).toHaveLength(1);
    const [infra] = model.modules;
    expect(infra.files.map((f) => f.file.path)).toEqual([
      'infra/backend.tf',
      'infra/main.tf',
      'infra/versions.tf',
    ]);
    expect(infra.backends.map((b) => [b.type, b.file.path, b.block.line])).toEqual([
      ['s3', 'infra/backend.tf', 2],
    ]);
    expect(infra.requiredVersions.map((r) => [r.constraint, r.attribute.line])).toEqual([['>= 1.6', 2]]);
    expect(infra.anchor?.block.type).toBe('terraform');
  });

  it('reads .tf.json files into the same module as the .tf files beside them', async () => {
    const model = await modelOf({
      'infra/backend.tf.json': '{"terraform": {"backend": {"gcs": {"bucket": "state"}}}}',
      'infra/main.tf': 'module "net" {\n  source = "../modules/net"\n}\n',
      'modules/net/main.tf.json': '{"resource": {"google_compute_network": {"vpc": {"name": "vpc"}}}}',
    });
    expect(
      model.modules.map((m) => [m.dir, m.isRoot, m.backends.map((b) => b.type), m.resources.length]),
    ).toEqual([
      ['infra', true, ['gcs'], 0],
      ['modules/net', false, [], 1],
    ]);
  });

  it('ignores copies of modules under .terraform/', async () => {
    const model = await modelOf({
      'main.tf': resource('aws_sqs_queue', 'q'),
      '.terraform/modules/vpc/main.tf': resource('aws_vpc', 'v'),
    });
    expect(model.modules.map((m) => m.dir)).toEqual(['']);
  });
});

describe('backend settings', () => {
  it('reads literal settings and flags the way Terraform does', async () => {
    const model = await modelOf({
      'main.tf':
        'terraform {\n  backend "s3" {\n    bucket = "state"\n    encrypt = "true"\n    use_lockfile = false\n  }\n}\n',
    });
    const [settings] = model.backends[0].settings;
    expect(settings.complete).toBe(true);
    expect(stateBucketName(settings)).toBe('state');
    expect(settingFlag(settings, 'encrypt')).toBe(true);
    expect(settingFlag(settings, 'use_lockfile')).toBe(false);
    expect(settingFlag(settings, 'dynamodb_table')).toBe(false);
    expect(settingValue(settings, 'key')).toBeUndefined();
  });

  it('marks a partial S3 block incomplete when no config file completes it', async () => {
    const model = await modelOf({ 'main.tf': 'terraform {\n  backend "s3" {}\n}\n' });
    expect(model.backends[0].settings.map((s) => s.complete)).toEqual([false]);
  });

  it('merges each .tfbackend file in the module over a partial block', async () => {
    const model = await modelOf({
      'env/main.tf': 'terraform {\n  backend "s3" {\n    key = "app.tfstate"\n  }\n}\n',
      'env/config/prod.s3.tfbackend': 'bucket = "prod-state"\nencrypt = true\n',
      'env/config/dev.s3.tfbackend': 'bucket = "dev-state"\n',
    });
    const settings = model.backends[0].settings;
    expect(settings.map((s) => [s.where, s.complete, stateBucketName(s), settingFlag(s, 'encrypt')])).toEqual(
      [
        ['backend "s3" in env/main.tf with env/config/prod.s3.tfbackend', true, 'prod-state', true],
        ['backend "s3" in env/main.tf with env/config/dev.s3.tfbackend', true, 'dev-state', false],
      ],
    );
    expect(settings[0].values.get('key')?.file.path).toBe('env/main.tf');
  });

  it('reads backend.hcl as a config file, but not an .hcl file with blocks (Terragrunt)', async () => {
    const model = await modelOf({
      'main.tf': 'terraform {\n  backend "s3" {}\n}\n',
      'backend.hcl': 'bucket = "state"\n',
      'env/backend-dev.hcl': 'remote_state {\n  backend = "s3"\n}\n',
    });
    expect(model.backendConfigFiles.map((c) => [c.file.path, c.backend?.type])).toEqual([
      ['backend.hcl', 's3'],
    ]);
    expect(model.backends[0].settings.map((s) => [s.complete, stateBucketName(s)])).toEqual([
      [true, 'state'],
    ]);
  });

  it('keeps a config file whose backend block is not in its directory or above', async () => {
    const model = await modelOf({
      'infra/main.tf': 'terraform {\n  backend "s3" {}\n}\n',
      'config/prod.s3.tfbackend': 'bucket = "state"\n',
    });
    expect(model.backendConfigFiles.map((c) => [c.file.path, c.backend])).toEqual([
      ['config/prod.s3.tfbackend', undefined],
    ]);
    expect(model.backends[0].settings.map((s) => s.complete)).toEqual([false]);
  });

  it('keeps only the backend of an override file, which replaces the others', async () => {
    const model = await modelOf({
      'main.tf': 'terraform {\n  backend "s3" {\n    bucket = "state"\n  }\n}\n',
      'backend_override.tf': 'terraform {\n  backend "local" {}\n}\n',
      'other/main.tf': 'terraform {\n  backend "s3" {\n    bucket = "state"\n  }\n}\n',
    });
    expect(model.backends.map((b) => [b.file.path, b.type])).toEqual([
      ['backend_override.tf', 'local'],
      ['other/main.tf', 's3'],
    ]);
  });

  it('models a cloud block as a backend of kind cloud', async () => {
    const model = await modelOf({
      'main.tf':
        'terraform {\n  cloud {\n    organization = "acme"\n    workspaces {\n      name = "web"\n    }\n  }\n}\n',
    });
    expect(model.backends.map((b) => [b.kind, b.type])).toEqual([['cloud', 'cloud']]);
    expect(model.modules[0].isRoot).toBe(true);
  });
});

describe('state buckets', () => {
  const backend = 'terraform {\n  backend "s3" {\n    bucket = "acme-state"\n  }\n}\n';

  it('finds versioning through aws_s3_bucket_versioning by reference or by name', async () => {
    for (const target of ['aws_s3_bucket.state.id', 'aws_s3_bucket.state.bucket', '"acme-state"']) {
      const model = await modelOf({
        'main.tf':
          backend +
          resource('aws_s3_bucket', 'state', '  bucket = "acme-state"\n') +
          resource(
            'aws_s3_bucket_versioning',
            'state',
            `  bucket = ${target}\n  versioning_configuration {\n    status = "Enabled"\n  }\n`,
          ),
      });
      expect(model.bucketsByName.get('acme-state')?.[0].versioning).toEqual({ status: 'enabled' });
    }
  });

  it('reads the inline versioning block of AWS provider 3', async () => {
    const model = await modelOf({
      'main.tf': resource(
        'aws_s3_bucket',
        'state',
        '  bucket = "acme-state"\n  versioning {\n    enabled = true\n  }\n',
      ),
    });
    expect(model.bucketsByName.get('acme-state')?.[0].versioning.status).toBe('enabled');
  });

  it('says where versioning is suspended', async () => {
    const model = await modelOf({
      'main.tf':
        resource('aws_s3_bucket', 'state', '  bucket = "acme-state"\n') +
        resource(
          'aws_s3_bucket_versioning',
          'state',
          '  bucket = aws_s3_bucket.state.id\n  versioning_configuration {\n    status = "Suspended"\n  }\n',
        ),
    });
    const versioning = model.bucketsByName.get('acme-state')?.[0].versioning;
    expect(versioning).toMatchObject({ status: 'off' });
    if (versioning?.status !== 'off') throw new Error('expected off');
    expect(versioning.at?.attribute.line).toBe(7);
  });

  it('gives up (unknown) when a versioning resource targets a bucket it cannot name', async () => {
    const model = await modelOf({
      'main.tf':
        resource('aws_s3_bucket', 'state', '  bucket = "acme-state"\n') +
        resource(
          'aws_s3_bucket_versioning',
          'all',
          '  bucket = module.buckets.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n',
        ),
    });
    expect(model.bucketsByName.get('acme-state')?.[0].versioning.status).toBe('unknown');
  });

  it('leaves buckets with computed names out', async () => {
    const model = await modelOf({
      'main.tf': resource('aws_s3_bucket', 'state', '  bucket = "${var.prefix}-state"\n'),
    });
    expect(model.bucketsByName.size).toBe(0);
  });
});

describe('repository facts', () => {
  it('uses git-tracked paths when the root is a git checkout, discovered files otherwise', async () => {
    const repo = { 'main.tf': '', 'prod/terraform.tfstate': '{}' };
    expect((await modelOf(repo)).committed).toEqual({
      source: 'walk',
      stateFiles: ['prod/terraform.tfstate'],
      emptyStateFiles: [],
      planFiles: [],
      dotTerraform: [],
    });
    const tracked = await modelOf(repo, {
      gitTrackedFiles: [
        'main.tf',
        'old/terraform.tfstate.backup',
        'x/.terraform/terraform.tfstate',
        'x/.terraform/environment',
      ],
    });
    expect(tracked.committed).toEqual({
      source: 'git',
      stateFiles: ['old/terraform.tfstate.backup'],
      emptyStateFiles: [],
      planFiles: [],
      dotTerraform: [
        {
          dir: 'x/.terraform',
          files: ['x/.terraform/environment', 'x/.terraform/terraform.tfstate'],
          cachedCredentials: [],
        },
      ],
    });
  });

  it('finds which patterns a root module directory is missing, with nested .gitignore files', async () => {
    const main = resource('aws_sqs_queue', 'q');
    const gaps = async (repo: Record<string, string>) =>
      (await modelOf(repo)).ignoreGaps.map((g) => [g.dir, g.missing, g.gitignore?.displayPath]);
    expect(await gaps({ 'main.tf': main })).toEqual([
      ['', ['*.tfstate', '*.tfstate.*', '.terraform/'], undefined],
    ]);
    expect(await gaps({ 'main.tf': main, '.gitignore': '*.tfstate\n' })).toEqual([
      ['', ['*.tfstate.*', '.terraform/'], '.gitignore'],
    ]);
    expect(await gaps({ 'main.tf': main, '.gitignore': '*.tfstate*\n**/.terraform/*\n' })).toEqual([]);
    expect(await gaps({ 'main.tf': main, '.gitignore': '*.tfstate\n*.tfstate.*\n.terraform\n' })).toEqual([]);
    // A deeper .gitignore covers its own directory; a negation there re-includes.
    expect(
      await gaps({
        'infra/main.tf': main,
        '.gitignore': '.terraform/\n',
        'infra/.gitignore': '*.tfstate\n*.tfstate.*\n',
      }),
    ).toEqual([]);
    expect(
      await gaps({
        'infra/main.tf': main,
        '.gitignore': '*.tfstate\n*.tfstate.*\n.terraform/\n',
        'infra/.gitignore': '!*.tfstate\n',
      }),
    ).toEqual([['infra', ['*.tfstate'], 'infra/.gitignore']]);
  });

  it('only looks at root modules when there are some', async () => {
    const model = await modelOf({
      'live/main.tf': 'module "m" {\n  source = "../modules/m"\n}\nprovider "aws" {}\n',
      'modules/m/main.tf': resource('aws_sqs_queue', 'q'),
      'live/.gitignore': '*.tfstate\n*.tfstate.*\n.terraform/\n',
    });
    expect(model.ignoreGaps).toEqual([]);
  });
});
