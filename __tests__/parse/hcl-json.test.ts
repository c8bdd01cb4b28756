import { describe, expect, it } from 'vitest';
import {
  attribute,
  blocksOfType,
  literalString,
  parseTerraformJson,
  type HclDocument,
} from '../../src/parse/hcl';
import { SourceFile } from '../../src/engine/workspace';

function parse(text: string, path = 'main.tf.json'): HclDocument {
  return parseTerraformJson(new SourceFile(path, `/repo/${path}`, text));
}

describe('parseTerraformJson', () => {
  const text = [
    '{',
    '  "//": "generated",',
    '  "terraform": {',
    '    "required_version": ">= 1.11",',
    '    "backend": {',
    '      "s3": {',
    '        "bucket": "acme-state",',
    '        "use_lockfile": true,',
    '        "assume_role": { "role_arn": "arn:aws:iam::1:role/tf" }',
    '      }',
    '    }',
    '  },',
    '  "resource": {',
    '    "aws_s3_bucket": {',
    '      "state": { "bucket": "acme-state" },',
    '      "logs": { "bucket": "${var.prefix}-logs" }',
    '    },',
    '    "aws_s3_bucket_versioning": {',
    '      "state": {',
    '        "bucket": "${aws_s3_bucket.state.id}",',
    '        "versioning_configuration": [{ "status": "Enabled" }]',
    '      }',
    '    }',
    '  },',
    '  "provider": { "aws": [{ "region": "eu-west-1" }, { "alias": "us", "region": "us-east-1" }] },',
    '  "module": { "vpc": { "source": "./modules/vpc", "tags": ["a", "b"] } }',
    '}',
    '',
  ].join('\n');
  const doc = parse(text);

  it('reads block types with the labels Terraform gives them, at the line of the key naming the block', () => {
    expect(doc.errors).toEqual([]);
    expect(doc.blocks.map((b) => [b.type, b.labels, b.line])).toEqual([
      ['terraform', [], 3],
      ['resource', ['aws_s3_bucket', 'state'], 15],
      ['resource', ['aws_s3_bucket', 'logs'], 16],
      ['resource', ['aws_s3_bucket_versioning', 'state'], 19],
      ['provider', ['aws'], 25],
      ['provider', ['aws'], 25],
      ['module', ['vpc'], 26],
    ]);
  });

  it('reads the backend as a labelled nested block, objects in a body as nested blocks', () => {
    const [terraform] = doc.blocks;
    expect(literalString(attribute(terraform, 'required_version'))).toBe('>= 1.11');
    const [backend] = blocksOfType(terraform, 'backend');
    expect(backend.labels).toEqual(['s3']);
    expect(backend.attributes.map((a) => [a.name, a.line, a.column, a.value.kind])).toEqual([
      ['bucket', 7, 9, 'literal'],
      ['use_lockfile', 8, 9, 'literal'],
    ]);
    expect(attribute(backend, 'use_lockfile')?.value).toMatchObject({ kind: 'literal', value: true });
    expect(blocksOfType(backend, 'assume_role')[0].attributes.map((a) => a.name)).toEqual(['role_arn']);
    const versioning = doc.blocks[3];
    expect(
      blocksOfType(versioning, 'versioning_configuration').map((b) => literalString(attribute(b, 'status'))),
    ).toEqual(['Enabled']);
  });

  it('reads a lone interpolated reference as a reference, other interpolation as a template', () => {
    expect(attribute(doc.blocks[3], 'bucket')?.value).toMatchObject({
      kind: 'reference',
      raw: 'aws_s3_bucket.state.id',
    });
    expect(attribute(doc.blocks[2], 'bucket')?.value.kind).toBe('template');
    expect(attribute(doc.blocks[6], 'tags')?.value.kind).toBe('tuple');
  });

  it('gives backend a label only inside the terraform block', () => {
    const doc = parse(
      '{ "resource": { "kubernetes_ingress": { "web": { "backend": { "service_name": "web", "service_port": 80 } } } } }',
    );
    const [backend] = blocksOfType(doc.blocks[0], 'backend');
    expect(backend.labels).toEqual([]);
    expect(literalString(attribute(backend, 'service_name'))).toBe('web');
  });

  it('turns $${ back into a literal ${', () => {
    const doc = parse('{ "output": { "o": { "value": "$${literal}" } } }');
    expect(attribute(doc.blocks[0], 'value')?.value).toMatchObject({ kind: 'literal', value: '${literal}' });
  });

  it('reports a JSON syntax error with its line and column, and a top level that is not an object', () => {
    const broken = parse('{\n  "terraform": {\n    "backend": \n}\n');
    expect(broken.blocks).toEqual([]);
    expect(broken.errors).toHaveLength(1);
    expect(broken.errors[0].line).toBe(4);
    expect(parse('[1, 2]').errors.map((e) => [e.line, e.message])).toEqual([
      [1, 'a Terraform JSON file holds one object'],
    ]);
  });
});
