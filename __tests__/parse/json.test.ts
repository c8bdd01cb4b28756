import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/parse/json';
import {
  asMap,
  getPath,
  mapGet,
  scalarString,
  toValue,
  type DataNode,
  type ScalarNode,
} from '../../src/parse/tree';

function root(text: string): DataNode {
  const result = parseJson(text);
  expect(result.error).toBeUndefined();
  expect(result.root).not.toBeNull();
  assertSpans(result.root!, text);
  return result.root!;
}

function errorOf(text: string) {
  const result = parseJson(text);
  expect(result.root).toBeNull();
  expect(result.error).toBeDefined();
  return result.error!;
}

/** Every node's span matches the text and nests inside its parent's. */
function assertSpans(node: DataNode, text: string, parent?: DataNode): void {
  const before = text.slice(0, node.start);
  expect(node.line).toBe(before.split('\n').length);
  expect(node.column).toBe(node.start - (before.lastIndexOf('\n') + 1) + 1);
  expect(node.endLine).toBe(text.slice(0, node.end - 1).split('\n').length);
  if (parent) {
    expect(node.start).toBeGreaterThanOrEqual(parent.start);
    expect(node.end).toBeLessThanOrEqual(parent.end);
  }
  if (node.kind === 'scalar') {
    expect(node.source).toBe(text.slice(node.start, node.end));
    expect(node.value).toEqual(JSON.parse(node.source));
  }
  if (node.kind === 'map') {
    expect(text[node.start]).toBe('{');
    expect(text[node.end - 1]).toBe('}');
    for (const pair of node.pairs) {
      assertSpans(pair.key, text, node);
      assertSpans(pair.value!, text, node);
    }
  }
  if (node.kind === 'seq') {
    expect(text[node.start]).toBe('[');
    expect(text[node.end - 1]).toBe(']');
    for (const item of node.items) assertSpans(item, text, node);
  }
}

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Push",
      "Effect": "Allow",
      "Action": ["ecr:PutImage", "ecr:InitiateLayerUpload"],
      "Resource": "arn:aws:ecr:us-east-1:123456789012:repository/app"
    },
    {
      "Effect": "Allow",
      "Action": "ecr:GetAuthorizationToken",
      "Resource": "*",
      "Condition": { "Bool": { "aws:SecureTransport": true } }
    }
  ]
}
`;

describe('parseJson: tree and positions', () => {
  it('points every node at its text and matches JSON.parse', () => {
    const node = root(POLICY);
    expect(toValue(node)).toEqual(JSON.parse(POLICY));
    expect(getPath(node, 'Statement', 0, 'Action', 1)).toMatchObject({
      value: 'ecr:InitiateLayerUpload',
      line: 7,
      column: 34,
      style: 'json',
    });
    expect(mapGet(getPath(node, 'Statement', 1), 'Resource')?.key).toMatchObject({ line: 13, column: 7 });
    expect(getPath(node, 'Statement')).toMatchObject({ kind: 'seq', line: 3, endLine: 16 });
    expect(getPath(node, 'Statement', 1, 'Condition')).toMatchObject({ kind: 'map', line: 14, endLine: 14 });
    expect(node).toMatchObject({ line: 1, endLine: 17, start: 0, end: POLICY.lastIndexOf('}') + 1 });
  });

  it('keeps duplicate keys as pairs; lookups take the last, as JSON.parse does', () => {
    const node = root('{"Sid": "a", "Effect": "Allow", "Sid": "b"}');
    expect(asMap(node)?.pairs.map((pair) => scalarString(pair.key))).toEqual(['Sid', 'Effect', 'Sid']);
    expect(mapGet(node, 'Sid')?.value).toMatchObject({ value: 'b', column: 40 });
    expect(toValue(node)).toEqual({ Sid: 'b', Effect: 'Allow' });
  });

  it('decodes escapes and keeps the raw source', () => {
    const text = String.raw`["a\"b\\c\/d\n\t", "\u00e9\ud83d\ude00", "\b\f\r"]`;
    const node = root(text);
    expect(toValue(node)).toEqual(JSON.parse(text));
    expect((getPath(node, 1) as ScalarNode).source).toBe(String.raw`"\u00e9\ud83d\ude00"`);
  });

  it('reads every number form JSON allows, and keeps how it was written', () => {
    const text = '[0, -0, 12, -3.25, 1e3, 2E-2, 1.5e+10, 12345678901234567890]';
    const node = root(text);
    expect(toValue(node)).toEqual(JSON.parse(text));
    expect(scalarString(getPath(node, 7))).toBe('12345678901234567890');
    expect(scalarString(getPath(node, 4))).toBe('1e3');
  });

  it('reads literals, empty containers and scalar roots', () => {
    expect(toValue(root('[true, false, null, {}, []]'))).toEqual([true, false, null, {}, []]);
    expect(root(' "just a string" ')).toMatchObject({ kind: 'scalar', value: 'just a string', column: 2 });
    expect(root('42')).toMatchObject({ value: 42 });
  });

  it('accepts CRLF line endings and a byte order mark', () => {
    const text = '\uFEFF{\r\n  "a": [1,\r\n    2]\r\n}\r\n';
    const node = root(text);
    expect(toValue(node)).toEqual({ a: [1, 2] });
    expect(getPath(node, 'a', 1)).toMatchObject({ line: 3, column: 5 });
  });

  it('keeps __proto__ as an ordinary key', () => {
    const value = toValue(root('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseJson: strictness, with the place of each mistake', () => {
  it.each([
    ['trailing comma in an array', '[1, 2,\n]', 1, 6, /trailing comma before '\]'/],
    ['trailing comma in an object', '{\n  "a": 1,\n}', 2, 9, /trailing comma before '}'/],
    ['line comment', '{\n  "a": 1 // why\n}', 2, 10, /comments are not allowed/],
    ['block comment', '/* policy */ {}', 1, 1, /comments are not allowed/],
    ['hash comment', '{"a": 1,\n # no\n "b": 2}', 2, 2, /comments are not allowed/],
    ['single-quoted string', "{'Version': '2012-10-17'}", 1, 2, /double quotes/],
    ['single-quoted value', '{"Effect": \'Allow\'}', 1, 12, /double quotes/],
    ['unquoted key', '{Effect: "Allow"}', 1, 2, /property name in double quotes/],
    ['bare word value', '{"Effect": Allow}', 1, 12, /unexpected 'Allow'/],
    ['missing comma', '[1 2]', 1, 4, /expected ',' or ']'/],
    ['missing comma between properties', '{"a": 1\n "b": 2}', 2, 2, /expected ',' or '}'/],
    ['missing colon', '{"a" 1}', 1, 6, /expected ':'/],
    ['leading zero', '[01]', 1, 2, /leading zeros/],
    ['leading plus', '[+1]', 1, 2, /start with a digit or -/],
    ['bare decimal point', '[.5]', 1, 2, /start with a digit or -/],
    ['trailing decimal point', '[1.]', 1, 4, /after the decimal point/],
    ['empty exponent', '[1e]', 1, 4, /exponent/],
    ['NaN', '[NaN]', 1, 2, /unexpected 'NaN'/],
    ['Infinity', '{"a": -Infinity}', 1, 8, /expected a digit after -/],
    ['misspelled literal', '[nul]', 1, 2, /unexpected 'nul'/],
    ['literal run into a word', '[truely]', 1, 2, /unexpected 'truely'/],
    ['unterminated string', '{"a": "open}', 1, 7, /unterminated string/],
    ['line break in a string', '["one\ntwo"]', 1, 6, /line break inside a string/],
    ['control character in a string', '["a\u0001"]', 1, 4, /control character/],
    ['bad escape', '["\\x41"]', 1, 3, /invalid escape/],
    ['short unicode escape', '["\\u12"]', 1, 3, /4 hex digits/],
    ['unclosed array', '[1, 2', 1, 6, /expected ',' or ']' .*end of input/],
    ['unclosed object', '{"a": {"b": 1}', 1, 15, /expected ',' or '}' .*end of input/],
    ['content after the value', '{}\n{}', 2, 1, /after the end of the JSON value/],
    ['empty text', '', 1, 1, /empty document/],
    ['only whitespace', '  \n ', 2, 2, /empty document/],
    ['non-breaking space', '{\u00a0}', 1, 2, /U\+00A0/],
  ])('%s', (_name, text, line, column, message) => {
    const error = errorOf(text);
    expect(error).toMatchObject({ line, column });
    expect(error.message).toMatch(message);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('bounds nesting with an error, not a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(errorOf(deep)).toMatchObject({
      line: 1,
      column: 201,
      message: expect.stringMatching(/maxDepth \(200\)/),
    });
    expect(parseJson('[[[]]]', { maxDepth: 2 }).error).toMatchObject({ column: 3 });
    expect(parseJson('[[[]]]', { maxDepth: 3 }).error).toBeUndefined();
  });

  it('never throws, whatever the bytes', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const noise = [
      '"',
      ',',
      ':',
      '[',
      ']',
      '{',
      '}',
      '\\',
      '/',
      '\n',
      '0',
      '-',
      'e',
      '.',
      "'",
      '\ud800',
      '\0',
    ];
    for (let round = 0; round < 500; round++) {
      const chars = POLICY.split('');
      for (let edits = 1 + random(3); edits > 0; edits--)
        chars[random(chars.length)] = noise[random(noise.length)];
      const text = chars.join('');
      const result = parseJson(text);
      let parsedByNode = true;
      try {
        JSON.parse(text);
      } catch {
        parsedByNode = false;
      }
      // Agrees with JSON.parse on what is valid (a leading BOM aside, which neither text has).
      expect(result.error === undefined).toBe(parsedByNode);
      if (result.root) expect(toValue(result.root)).toEqual(JSON.parse(text));
      else expect(result.error!.line).toBeGreaterThan(0);
    }
  });
});

describe('parseJson: speed', () => {
  it('parses a 5 MB array', () => {
    const items = Array.from(
      { length: 110_000 },
      (_, i) => `{"id":${i},"name":"item-${i}","tags":["a","b"]}`,
    );
    const text = `[\n${items.join(',\n')}\n]`;
    expect(text.length).toBeGreaterThan(5_000_000);
    const result = parseJson(text);
    expect(result.error).toBeUndefined();
    const last = getPath(result.root, 109_999, 'name');
    expect(last).toMatchObject({ value: 'item-109999', line: 110_001 });
  });
});
