import { beforeAll, describe, expect, it } from 'vitest';
import {
  attribute,
  blocksOfType,
  ensureHclParser,
  literalString,
  literalValue,
  parseHcl,
  staticValue,
  type HclDocument,
  type HclExpression,
} from '../../src/parse/hcl';
import { SourceFile } from '../../src/engine/workspace';

beforeAll(async () => {
  await ensureHclParser();
});

function parse(text: string, path = 'main.tf'): HclDocument {
  return parseHcl(new SourceFile(path, `/repo/${path}`, text));
}

/** The expression of the top-level attribute `name`. */
function valueOf(doc: HclDocument, name: string): HclExpression {
  const found = attribute(doc, name);
  if (!found) throw new Error(`no attribute ${name}`);
  return found.value;
}

describe('ensureHclParser', () => {
  it('loads once and shares the load between callers', () => {
    expect(ensureHclParser()).toBe(ensureHclParser());
  });
});

describe('parseHcl on valid files', () => {
  const text = [
    '# state',
    'terraform {',
    '  required_version = ">= 1.11"',
    '',
    '  backend "s3" {',
    '    bucket  = "acme-state"',
    '    encrypt = true',
    '  }',
    '}',
    '',
    'resource "aws_s3_bucket" "state" {',
    '  bucket = "acme-state"',
    '}',
  ].join('\n');

  it('gives blocks with type, labels and 1-based lines and columns', () => {
    const doc = parse(text);
    expect(doc.errors).toEqual([]);
    expect(doc.blocks.map((b) => [b.type, b.labels, b.line, b.endLine, b.column])).toEqual([
      ['terraform', [], 2, 9, 1],
      ['resource', ['aws_s3_bucket', 'state'], 11, 13, 1],
    ]);
    expect(doc.blocks.every((b) => b.closed)).toBe(true);
  });

  it('gives nested blocks with their own attributes and positions', () => {
    const [terraform] = parse(text).blocks;
    const [backend] = blocksOfType(terraform, 'backend');
    expect(backend).toMatchObject({ type: 'backend', labels: ['s3'], line: 5, column: 3, endLine: 8 });
    expect(backend.attributes.map((a) => [a.name, a.line, a.column])).toEqual([
      ['bucket', 6, 5],
      ['encrypt', 7, 5],
    ]);
    expect(literalString(attribute(backend, 'bucket'))).toBe('acme-state');
    expect(literalValue(attribute(backend, 'encrypt')?.value)).toBe(true);
    expect(attribute(terraform, 'required_version')).toMatchObject({ line: 3, endLine: 3 });
  });

  it('caches the model on the file', () => {
    const file = new SourceFile('main.tf', '/repo/main.tf', 'a = 1\n');
    expect(parseHcl(file)).toBe(parseHcl(file));
  });

  it('counts lines the same way with CRLF line ends', () => {
    const doc = parse('locals {\r\n  a = "x"\r\n}\r\nlocals {\r\n  b = 2\r\n}\r\n');
    expect(doc.blocks.map((b) => [b.line, b.endLine])).toEqual([
      [1, 3],
      [4, 6],
    ]);
    expect(literalString(attribute(doc.blocks[0], 'a'))).toBe('x');
  });

  it('accepts identifiers as block labels', () => {
    expect(parse('backend s3 {}\n').blocks[0].labels).toEqual(['s3']);
  });
});

describe('expressions', () => {
  it('reads literal strings, numbers, booleans and null', () => {
    const doc = parse(
      's = "a\\"b\\\\c\\u00e9"\nn = 1.5\nneg = -3\nt = true\nf = false\nz = null\ne = ""\np = (2)\n',
    );
    expect(['s', 'n', 'neg', 't', 'f', 'z', 'e', 'p'].map((n) => literalValue(valueOf(doc, n)))).toEqual([
      'a"b\\cé',
      1.5,
      -3,
      true,
      false,
      null,
      '',
      2,
    ]);
  });

  it('treats a string with interpolation or a directive as a template, not a literal', () => {
    const doc = parse('a = "state-${var.env}"\nb = "%{ if var.x }y%{ endif }"\nc = "cost: $${price}"\n');
    expect(valueOf(doc, 'a')).toMatchObject({ kind: 'template', raw: '"state-${var.env}"' });
    expect(literalValue(valueOf(doc, 'a'))).toBeUndefined();
    expect(valueOf(doc, 'b').kind).toBe('template');
    // `$${` is an escaped `${`: the string stays literal.
    expect(valueOf(doc, 'c')).toMatchObject({ kind: 'literal', value: 'cost: ${price}' });
  });

  it('reads heredocs: plain, flushed with <<-, and with interpolation', () => {
    const doc = parse(
      [
        'plain = <<EOT',
        '{"Version": "2012-10-17"}',
        'EOT',
        'flushed = <<-EOT',
        '    line one',
        '      indented',
        '    EOT',
        'dynamic = <<EOT',
        'arn:${var.partition}',
        'EOT',
        'after = 1',
      ].join('\n'),
    );
    expect(literalValue(valueOf(doc, 'plain'))).toBe('{"Version": "2012-10-17"}\n');
    expect(literalValue(valueOf(doc, 'flushed'))).toBe('line one\n  indented\n');
    expect(valueOf(doc, 'dynamic').kind).toBe('template');
    expect(attribute(doc, 'plain')).toMatchObject({ line: 1, endLine: 3 });
    expect(attribute(doc, 'after')?.line).toBe(11);
  });

  it('reads references, tuples, objects and function calls', () => {
    const doc = parse(
      [
        'r = aws_s3_bucket.state.id',
        'i = local.names[0]',
        'l = ["a", 1, true]',
        'o = { Version = "2012-10-17", "Sid" = "x", nested = { k = [1] } }',
        'j = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject"] }] })',
        'd = jsonencode({ Resource = var.arn })',
        'c = var.on ? 1 : 2',
      ].join('\n'),
    );
    expect(valueOf(doc, 'r')).toMatchObject({ kind: 'reference', raw: 'aws_s3_bucket.state.id' });
    expect(valueOf(doc, 'i')).toMatchObject({ kind: 'reference', raw: 'local.names[0]' });
    expect(staticValue(valueOf(doc, 'l'))).toEqual(['a', 1, true]);
    expect(staticValue(valueOf(doc, 'o'))).toEqual({ Version: '2012-10-17', Sid: 'x', nested: { k: [1] } });
    const call = valueOf(doc, 'j');
    expect(call).toMatchObject({ kind: 'call', name: 'jsonencode', line: 5 });
    if (call.kind !== 'call') throw new Error('not a call');
    expect(staticValue(call.args[0])).toEqual({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'] }] });
    const dynamic = valueOf(doc, 'd');
    if (dynamic.kind !== 'call') throw new Error('not a call');
    expect(staticValue(dynamic.args[0])).toBeUndefined();
    expect(valueOf(doc, 'c')).toMatchObject({ kind: 'other', raw: 'var.on ? 1 : 2' });
  });
});

describe('syntax errors', () => {
  it('reports a missing closing brace at the unclosed block, and still models the blocks after it', () => {
    const doc = parse(
      'resource "aws_instance" "a" {\n  ami = "x"\n\nresource "aws_instance" "b" {\n  ami = "y"\n}\n',
    );
    expect(doc.errors[0]).toMatchObject({ line: 1, column: 1 });
    expect(doc.errors[0].message).toContain('never closed');
    expect(doc.blocks.map((b) => [b.labels[1], b.line, b.closed])).toEqual([
      ['a', 1, false],
      ['b', 4, true],
    ]);
  });

  it('reports an attribute without a value at its line', () => {
    const doc = parse('locals {\n  a = 1\n  b =\n}\n');
    expect(doc.errors[0]).toMatchObject({ line: 3, column: 3 });
    expect(doc.errors[0].message).toContain('b =');
  });

  it('recovers the blocks after top-level garbage', () => {
    const doc = parse('locals {\n  a = 1\n}\n}}}\nterraform {\n  backend "local" {}\n}\n');
    expect(doc.errors).toEqual([{ line: 4, column: 1, message: 'unexpected `}}}`' }]);
    expect(doc.blocks.map((b) => [b.type, b.line])).toEqual([
      ['locals', 1],
      ['terraform', 5],
    ]);
    expect(doc.blocks[1].blocks[0]).toMatchObject({ type: 'backend', labels: ['local'], line: 6 });
  });

  it('reports an unterminated string where it starts', () => {
    const doc = parse('a = 1\nb = "abc\nc = 2\n');
    expect(doc.errors[0]).toMatchObject({ line: 2, column: 5 });
  });

  it('never throws on binary garbage', () => {
    const doc = parse('\u0000\u0001\u0002 {{{ ((( """\n\uFFFD');
    expect(doc.errors.length).toBeGreaterThan(0);
    expect(doc.errors[0].line).toBe(1);
  });

  it('reports errors in file order', () => {
    const doc = parse('a = [1,\nb = 2\n}\nc = )\n');
    const lines = doc.errors.map((e) => e.line);
    expect(lines).toEqual([...lines].sort((x, y) => x - y));
  });
});
