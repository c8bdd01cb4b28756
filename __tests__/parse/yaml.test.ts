import { describe, expect, it } from 'vitest';
import { load, loadAll } from 'js-yaml';
import { parseYaml, type YamlDocument } from '../../src/parse/yaml';
import {
  asMap,
  asSeq,
  formatPath,
  getPath,
  mapGet,
  scalarString,
  toValue,
  VALUE_TOO_LARGE,
  walk,
  type DataNode,
  type KeyPath,
  type ScalarNode,
} from '../../src/parse/tree';

/** Parses text that must be valid and returns its only document's root. */
function root(text: string): DataNode {
  const result = parseYaml(text);
  expect(result.error).toBeUndefined();
  expect(result.documents).toHaveLength(1);
  const node = result.documents[0].root;
  expect(node).not.toBeNull();
  assertSpans(node!, text);
  return node!;
}

function scalarAt(node: DataNode, ...path: KeyPath): ScalarNode {
  const found = getPath(node, ...path);
  expect(found?.kind).toBe('scalar');
  return found as ScalarNode;
}

/** Line and column of an offset, computed independently of the parser. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Every node's span is consistent with the text and nested inside its parent's. */
function assertSpans(node: DataNode, text: string, parent?: DataNode): void {
  expect(node.start).toBeLessThanOrEqual(node.end);
  expect({ line: node.line, column: node.column }).toEqual(positionOf(text, node.start));
  expect(node.endLine).toBe(positionOf(text, Math.max(node.start, node.end - 1)).line);
  if (parent) {
    expect(node.start).toBeGreaterThanOrEqual(parent.start);
    expect(node.end).toBeLessThanOrEqual(parent.end);
  }
  if (node.kind === 'scalar') expect(text.slice(node.start, node.end)).toBe(node.source);
  if (node.kind === 'alias') expect(text.slice(node.start, node.end)).toBe(`*${node.name}`);
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      assertSpans(pair.key, text, node);
      if (pair.value) assertSpans(pair.value, text, node);
    }
  }
  if (node.kind === 'seq') for (const item of node.items) assertSpans(item, text, node);
}

const DEPLOYMENT = `# a realistic manifest
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
    "tier": 'frontend'
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/web:1.2.3 # pinned
          args: ["--port", "8080"]
          ports:
            - containerPort: 8080
          command:
            - sh
            - -c
            - |
              echo start
              exec web
`;

describe('parseYaml: tree and positions', () => {
  it('points every node at its text', () => {
    const node = root(DEPLOYMENT);
    const image = scalarAt(node, 'spec', 'template', 'spec', 'containers', 0, 'image');
    expect(image).toMatchObject({ value: 'ghcr.io/acme/web:1.2.3', line: 18, column: 18, style: 'plain' });
    const replicas = mapGet(getPath(node, 'spec'), 'replicas');
    expect(replicas?.key).toMatchObject({ line: 10, column: 3 });
    expect(replicas?.value).toMatchObject({ kind: 'scalar', value: 3 });
    expect(getPath(node, 'spec', 'selector')).toMatchObject({
      kind: 'map',
      flow: true,
      line: 11,
      endLine: 11,
    });
    const containers = getPath(node, 'spec', 'template', 'spec', 'containers');
    expect(containers).toMatchObject({ kind: 'seq', line: 17, endLine: 27 });
    expect(node).toMatchObject({ kind: 'map', line: 2, endLine: 27 });
  });

  it('builds the same values as js-yaml load', () => {
    expect(toValue(root(DEPLOYMENT))).toEqual(load(DEPLOYMENT));
  });

  it('keeps quoted keys and records each scalar style', () => {
    const node = root(`"quoted key": 1\n'single': 2\nplain: x\nlit: |\n  a\nfold: >-\n  b\n  c\n`);
    expect(scalarString(mapGet(node, 'quoted key')?.key)).toBe('quoted key');
    expect((mapGet(node, 'quoted key')?.key as ScalarNode).style).toBe('double');
    expect((mapGet(node, 'single')?.key as ScalarNode).source).toBe(`'single'`);
    expect(scalarAt(node, 'lit')).toMatchObject({ style: 'literal', value: 'a\n', source: '|\n  a' });
    expect(scalarAt(node, 'fold')).toMatchObject({ style: 'folded', value: 'b c', line: 6, endLine: 8 });
  });

  it('starts a block scalar at its header, past comments and indicators', () => {
    const text = `items:\n  - |+ # keep: trailing newlines\n    one\n\n  - >2\n     two\nlast: !Sub |\n  \${A}\n`;
    const node = root(text);
    expect(scalarAt(node, 'items', 0)).toMatchObject({ line: 2, column: 5, endLine: 3, value: 'one\n\n' });
    expect(scalarAt(node, 'items', 1)).toMatchObject({ line: 5, column: 5, value: ' two\n' });
    expect(scalarAt(node, 'last')).toMatchObject({ tag: '!Sub', line: 7, column: 12, value: '${A}\n' });
  });

  it('ends a flow collection at its closing bracket, across lines', () => {
    const text = `x: {a: 1,\n  b: [1,\n   2,\n  ],\n  }\ny: []\nz: { }\n`;
    const node = root(text);
    expect(getPath(node, 'x')).toMatchObject({ line: 1, endLine: 5, end: text.indexOf('}\ny') + 1 });
    expect(getPath(node, 'x', 'b')).toMatchObject({ line: 2, endLine: 4 });
    expect(getPath(node, 'y')).toMatchObject({
      kind: 'seq',
      items: [],
      start: text.indexOf('[]'),
      end: text.indexOf('[]') + 2,
    });
    expect(getPath(node, 'z')).toMatchObject({ kind: 'map', pairs: [], end: text.indexOf('{ }') + 3 });
  });

  it('keeps comments out of values', () => {
    const node = root(`# head\na: 1 # one\n# between\nb: "x # not a comment"\n`);
    expect(toValue(node)).toEqual({ a: 1, b: 'x # not a comment' });
  });

  it('gives an empty value no node and an empty sequence item a null scalar', () => {
    const node = root(`a:\nb: ~\nlist:\n  -\n  - x\n`);
    expect(mapGet(node, 'a')).toMatchObject({ value: null });
    expect(scalarAt(node, 'b').value).toBeNull();
    expect(scalarAt(node, 'list', 0)).toMatchObject({ value: null, line: 4, column: 3 });
    expect(toValue(node)).toEqual({ a: null, b: null, list: [null, 'x'] });
  });

  it('keeps duplicate keys as pairs; lookups take the last, as JSON.parse does', () => {
    const node = root(`a: 1\na: 2\n`);
    expect(asMap(node)?.pairs).toHaveLength(2);
    expect(mapGet(node, 'a')?.value).toMatchObject({ value: 2, line: 2 });
  });
});

describe('parseYaml: scalar types (YAML 1.2 core schema)', () => {
  const text = [
    'on: on',
    'yes: yes',
    'off: Off',
    'port: 8080',
    'quoted: "8080"',
    "single: 'true'",
    'hex: 0x1F',
    'octal: 0o17',
    'float: 1.10',
    'exp: 1e3',
    'inf: -.inf',
    'tilde: ~',
    'null: null',
    'bool: True',
    'false: false',
    'version: 1.2.3',
    'date: 2024-01-01',
    'sexagesimal: 12:30',
    'str: !!str 42',
    'int: !!int "7"',
    'nonspecific: ! 12',
  ].join('\n');

  it('resolves like js-yaml load', () => {
    expect(toValue(root(text))).toEqual(load(text));
  });

  it('keeps YAML 1.1 booleans and quoted numbers as strings', () => {
    const node = root(text);
    expect(scalarAt(node, 'on').value).toBe('on');
    expect(scalarAt(node, 'yes').value).toBe('yes');
    expect(scalarAt(node, 'port').value).toBe(8080);
    expect(scalarAt(node, 'quoted').value).toBe('8080');
    expect(scalarAt(node, 'single').value).toBe('true');
    expect(scalarAt(node, 'hex').value).toBe(31);
    expect(scalarAt(node, 'octal').value).toBe(15);
    expect(scalarAt(node, 'inf').value).toBe(-Infinity);
    expect(scalarAt(node, 'bool').value).toBe(true);
    expect(scalarAt(node, 'str').value).toBe('42');
    expect(scalarAt(node, 'int').value).toBe(7);
    expect(scalarAt(node, 'nonspecific').value).toBe('12');
  });

  it('scalarString gives numbers as written', () => {
    const node = root(text);
    expect(scalarString(getPath(node, 'float'))).toBe('1.10');
    expect(scalarString(getPath(node, 'port'))).toBe('8080');
    expect(scalarString(getPath(node, 'bool'))).toBe('True');
    expect(scalarString(getPath(node, 'tilde'))).toBeUndefined();
    expect(scalarString(getPath(node, 'missing'))).toBeUndefined();
  });
});

describe('parseYaml: CloudFormation short tags', () => {
  const template = `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub "\${AWS::StackName}-deploy"
      Arn: !GetAtt Repo.Arn
      Cond: !If [IsProd, !Ref Prod, !Ref "AWS::NoValue"]
      Joined: !Join
        - ""
        - [arn:aws:s3:::, !Ref Bucket, /*]
      Policy: !Sub
        - "\${Name}"
        - Name: !ImportValue shared-name
      Empty: !Ref
`;

  it('parses them without error and keeps the tag on the node', () => {
    const node = root(template);
    const props = ['Resources', 'Role', 'Properties'];
    expect(scalarAt(node, ...props, 'RoleName')).toMatchObject({
      tag: '!Sub',
      value: '${AWS::StackName}-deploy',
    });
    expect(scalarAt(node, ...props, 'Arn')).toMatchObject({ tag: '!GetAtt', value: 'Repo.Arn', line: 6 });
    expect(getPath(node, ...props, 'Cond')).toMatchObject({ kind: 'seq', tag: '!If', flow: true });
    expect(scalarAt(node, ...props, 'Cond', 1)).toMatchObject({ tag: '!Ref', value: 'Prod' });
    expect(getPath(node, ...props, 'Joined')).toMatchObject({ kind: 'seq', tag: '!Join', line: 9 });
    expect(scalarAt(node, ...props, 'Policy', 1, 'Name').tag).toBe('!ImportValue');
    expect(scalarAt(node, ...props, 'Empty')).toMatchObject({ tag: '!Ref', value: '' });
  });

  it('lets toValue turn tags into long-form intrinsics', () => {
    const longForm = (tag: string, value: unknown) =>
      tag === '!Ref' ? { Ref: value } : { [`Fn::${tag.slice(1)}`]: value };
    const value = toValue(getPath(root(template), 'Resources', 'Role', 'Properties', 'Cond'), 1000, longForm);
    expect(value).toEqual({ 'Fn::If': ['IsProd', { Ref: 'Prod' }, { Ref: 'AWS::NoValue' }] });
  });
});

describe('parseYaml: anchors, aliases and merge keys', () => {
  const text = `base: &base
  cpu: 100m
  memory: 128Mi
extra: &extra {memory: 1Gi, gpu: 1}
a:
  <<: *base
  cpu: 200m
b:
  <<: [*extra, *base]
c: *base
quoted:
  "<<": *base
`;

  it('keeps aliases as references to the anchored node', () => {
    const node = root(text);
    const alias = getPath(node, 'a');
    expect(asMap(alias)?.pairs[0].value).toMatchObject({ kind: 'alias', name: 'base', line: 6 });
    expect(mapGet(node, 'c')?.value).toMatchObject({ kind: 'alias', name: 'base', line: 10 });
    expect((mapGet(node, 'c')?.value as { target?: DataNode }).target).toBe(getPath(node, 'base'));
    expect(getPath(node, 'base')?.anchor).toBe('base');
  });

  it('applies merge keys like YAML 1.1: own keys first, then sources in order', () => {
    const value = toValue(root(text)) as Record<string, Record<string, unknown>>;
    expect(value.a).toEqual({ cpu: '200m', memory: '128Mi' });
    expect(value.b).toEqual({ memory: '1Gi', gpu: 1, cpu: '100m' });
    expect(value.c).toEqual({ cpu: '100m', memory: '128Mi' });
    expect(value.quoted).toEqual({ '<<': { cpu: '100m', memory: '128Mi' } });
  });

  it('finds merged keys with mapGet and getPath, own keys winning', () => {
    const node = root(text);
    expect(scalarAt(node, 'a', 'cpu')).toMatchObject({ value: '200m', line: 7 });
    expect(scalarAt(node, 'a', 'memory')).toMatchObject({ value: '128Mi', line: 3 });
    expect(scalarAt(node, 'b', 'memory').value).toBe('1Gi');
    expect(scalarAt(node, 'c', 'cpu').line).toBe(2);
    expect(getPath(node, 'quoted', 'cpu')).toBeUndefined();
  });

  it('reports an alias to an unknown anchor on its document, keeping the tree', () => {
    const result = parseYaml(`ok: 1\nbad: *nowhere\n`);
    expect(result.error).toMatchObject({ line: 2, column: 6 });
    expect(result.error?.message).toContain('nowhere');
    expect(result.documents[0].error).toEqual(result.error);
    expect(getPath(result.documents[0].root, 'ok')).toMatchObject({ value: 1 });
  });

  it('keeps a billion-laughs bomb cheap: the tree has one node per alias, toValue refuses', () => {
    const lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i <= 12; i++)
      lines.push(
        `l${i}: &l${i} [${Array(9)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    const text = lines.join('\n');
    const started = performance.now();
    const node = root(text);
    let nodes = 0;
    walk(node, () => {
      nodes++;
    });
    expect(nodes).toBeLessThan(300);
    expect(toValue(node)).toBe(VALUE_TOO_LARGE);
    expect(toValue(getPath(node, 'l1'))).toHaveLength(9);
    expect(toValue(getPath(node, 'l12'), 1_000_000)).toBe(VALUE_TOO_LARGE);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('stops toValue on a self-referencing anchor', () => {
    const result = parseYaml(`a: &a [1, *a]\n`);
    expect(toValue(result.documents[0].root)).toBe(VALUE_TOO_LARGE);
  });
});

describe('parseYaml: document streams', () => {
  it('splits on --- and ..., with each document on its own lines', () => {
    const text = `# leading comment\napiVersion: v1\nkind: A\n---\nkind: B\n...\n---\n# only a comment\n---\n- 1\n`;
    const { documents, error } = parseYaml(text);
    expect(error).toBeUndefined();
    expect(documents.map((d) => toValue(d.root))).toEqual([
      { apiVersion: 'v1', kind: 'A' },
      { kind: 'B' },
      null,
      [1],
    ]);
    expect(documents.map((d) => [d.index, d.line, d.endLine])).toEqual([
      [0, 2, 3],
      [1, 4, 6],
      [2, 7, 7],
      [3, 9, 10],
    ]);
    expect(documents.map((d) => toValue(d.root))).toEqual(loadAll(text));
  });

  it('has no documents for empty or comment-only text, and null roots for empty documents', () => {
    expect(parseYaml('')).toEqual({ documents: [] });
    expect(parseYaml('# nothing here\n')).toEqual({ documents: [] });
    const { documents } = parseYaml('---\n---\n...\n');
    expect(documents.map((d) => d.root)).toEqual([null, null]);
  });

  it('handles a document after a %YAML directive', () => {
    const { documents } = parseYaml('%YAML 1.2\n---\na: 1\n');
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ line: 2, endLine: 3 });
  });

  it('positions documents of a long stream', () => {
    const text = Array.from({ length: 500 }, (_, i) => `---\nname: doc-${i}\n`).join('');
    const { documents } = parseYaml(text);
    expect(documents).toHaveLength(500);
    expect(documents[499]).toMatchObject({ index: 499, line: 999, endLine: 1000 });
    expect(scalarAt(documents[499].root!, 'name')).toMatchObject({ value: 'doc-499', line: 1000 });
  });
});

describe('parseYaml: syntax errors', () => {
  function brokenAt(text: string): {
    line: number;
    column: number;
    message: string;
    documents: YamlDocument[];
  } {
    const result = parseYaml(text);
    expect(result.error).toBeDefined();
    return { ...result.error!, documents: result.documents };
  }

  it('reports tab indentation at its line', () => {
    const error = brokenAt('spec:\n\treplicas: 2\n');
    expect(error).toMatchObject({ line: 2, column: 1 });
    expect(error.message).toMatch(/tab/);
  });

  it('points an unclosed quote at the line that opens it', () => {
    const error = brokenAt('a: 1\nb: "unclosed\nc: 2\n');
    expect(error).toMatchObject({ line: 2, column: 4 });
    expect(error.message).toMatch(/unclosed double-quoted string/);
    expect(brokenAt("name: it's\nlist:\n  - 'open\n\n  - next\nz: 1\n")).toMatchObject({
      line: 3,
      column: 5,
    });
    expect(brokenAt('a: "to the end')).toMatchObject({ line: 1, column: 4 });
  });

  it('does not blame quotes inside plain text or block scalars', () => {
    const error = brokenAt('run: |\n  echo "hi\nnote: it\'s "fine\nb: [1,\n2]\n');
    expect(error).toMatchObject({ line: 5, column: 1, message: 'deficient indentation' });
  });

  it('reports bad indentation with line and column', () => {
    expect(brokenAt('key: v\n  other: v\n')).toMatchObject({ line: 2 });
    expect(brokenAt('- a\n- b\n  c: 1\n')).toMatchObject({ line: 3 });
    expect(brokenAt('a: [1, 2\n')).toMatchObject({ line: 2 });
  });

  it('keeps the documents before an error and resumes at the next document', () => {
    const text = 'kind: A\n---\nkind: B\n  bad: indentation\n---\nkind: C\n';
    const { documents, error } = parseYaml(text);
    expect(error).toMatchObject({ line: 4 });
    expect(documents.map((d) => [d.index, d.line, d.endLine, d.error?.line, toValue(d.root)])).toEqual([
      [0, 1, 1, undefined, { kind: 'A' }],
      [1, 2, 4, 4, null],
      [2, 5, 6, undefined, { kind: 'C' }],
    ]);
    expect(documents[2].root?.line).toBe(6);
  });

  it('treats an unclosed quote that runs into the next document as that document breaking', () => {
    const { documents, error } = parseYaml('a: 1\n---\nb: "open\n---\nc: 3\n');
    expect(error).toBeDefined();
    expect(documents[0].root && toValue(documents[0].root)).toEqual({ a: 1 });
    expect(documents.at(-1)?.root && toValue(documents.at(-1)!.root)).toEqual({ c: 3 });
    expect(documents.filter((d) => d.error)).toHaveLength(1);
  });

  it('bounds nesting with an error instead of a stack overflow', () => {
    const deepFlow = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(parseYaml(deepFlow).error?.message).toMatch(/maxDepth/);
    const deepBlock = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(parseYaml(deepBlock).error?.message).toMatch(/maxDepth/);
    expect(parseYaml(deepBlock, { maxDepth: 400 }).error).toBeUndefined();
    expect(parseYaml('[[[1]]]', { maxDepth: 2 }).error).toMatchObject({ line: 1 });
  });

  it('never throws, whatever the bytes', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const noise = [
      '\t',
      '"',
      "'",
      '[',
      '{',
      '}',
      ']',
      ':',
      '-',
      '&a',
      '*a',
      '!',
      '|',
      '>',
      '\n',
      ' ',
      '#',
      '---',
      '%',
      '\0',
      '\ud800',
    ];
    for (let round = 0; round < 300; round++) {
      const chars = DEPLOYMENT.split('');
      for (let edits = 1 + random(4); edits > 0; edits--)
        chars[random(chars.length)] = noise[random(noise.length)];
      const text = chars.join('');
      const result = parseYaml(text);
      for (const document of result.documents)
        if (document.root && !document.error) assertSpans(document.root, text);
      if (result.error) expect(result.error.line).toBeGreaterThan(0);
    }
  });
});

describe('parseYaml: encodings and line endings', () => {
  it('reads Windows line endings with the right lines and values', () => {
    const text = 'a: |\r\n  one\r\n  two\r\nb: "x"\r\n---\r\nc: 1\r\n';
    const { documents, error } = parseYaml(text);
    expect(error).toBeUndefined();
    expect(toValue(documents[0].root)).toEqual({ a: 'one\ntwo\n', b: 'x' });
    expect(scalarAt(documents[0].root!, 'a')).toMatchObject({ line: 1, endLine: 3 });
    expect(documents[1]).toMatchObject({ line: 5 });
    expect(scalarAt(documents[1].root!, 'c').line).toBe(6);
    for (const document of documents) assertSpans(document.root!, text);
  });

  it('skips a byte order mark, counting it in offsets like SourceFile.position', () => {
    const text = '\uFEFFkey: v\nnext: w\n';
    const node = root(text);
    expect(toValue(node)).toEqual({ key: 'v', next: 'w' });
    expect(mapGet(node, 'next')?.key).toMatchObject({ line: 2, column: 1 });
    expect(parseYaml('\uFEFF---\na: 1\n---\nb: 2\n').documents).toHaveLength(2);
  });
});

describe('parseYaml: speed', () => {
  it('parses a 1 MB manifest stream', () => {
    const chunks: string[] = [];
    for (let size = 0, i = 0; size < 1_000_000; i++) {
      const chunk = `---\n${DEPLOYMENT.replace('name: web', `name: web-${i}`)}`;
      chunks.push(chunk);
      size += chunk.length;
    }
    const text = chunks.join('');
    const started = performance.now();
    const { documents, error } = parseYaml(text);
    const elapsed = performance.now() - started;
    expect(error).toBeUndefined();
    expect(documents).toHaveLength(chunks.length);
    expect(scalarAt(documents.at(-1)!.root!, 'metadata', 'name').value).toBe(`web-${chunks.length - 1}`);
    // generous for slow CI machines; typically ~150 ms
    expect(elapsed).toBeLessThan(3000);
  });
});

describe('tree helpers', () => {
  it('getPath follows indexes, aliases and misses cleanly', () => {
    const node = root(`list: &l [a, {b: c}]\nref: *l\nscalar: 1\n`);
    expect(scalarAt(node, 'ref', 1, 'b').value).toBe('c');
    expect(getPath(node, 'list', 5)).toBeUndefined();
    expect(getPath(node, 'scalar', 'x')).toBeUndefined();
    expect(getPath(node, 'list', 'x')).toBeUndefined();
    expect(getPath(null, 'x')).toBeUndefined();
    expect(asSeq(getPath(node, 'ref'))?.items).toHaveLength(2);
  });

  it('walk visits every node once with its path, not entering aliases', () => {
    const node = root(`a:\n  b: [1, 2]\nc: *x\n`.replace('*x', '&x 3'));
    const seen: string[] = [];
    walk(node, (child, path) => {
      if (child.kind === 'scalar' && typeof child.value === 'number') seen.push(formatPath(path));
    });
    expect(seen).toEqual(['a.b[0]', 'a.b[1]', 'c']);
  });

  it('formatPath quotes keys that are not identifiers', () => {
    expect(formatPath(['metadata', 'annotations', 'deploy-lint.io/ignore'])).toBe(
      'metadata.annotations["deploy-lint.io/ignore"]',
    );
    expect(formatPath(['spec', 'containers', 0, 'image'])).toBe('spec.containers[0].image');
  });

  it('toValue keeps __proto__ keys as data', () => {
    const value = toValue(root(`__proto__: {polluted: true}\n`)) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
