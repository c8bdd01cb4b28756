/**
 * HCL (Terraform) with positions, through tree-sitter's Terraform grammar compiled to WebAssembly.
 *
 * `await ensureHclParser()` once, then `parseHcl(file)` is synchronous and cached on the file. The
 * result is a small typed model (blocks, attributes, expressions, syntax errors); the tree-sitter
 * tree is freed as soon as the model is built.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SourceFile } from '../engine/workspace';
import { parseJson } from './json';
import { locateRuntimeFile } from './runtime-file';
import type { DataNode } from './tree';

type TsNode = import('web-tree-sitter').Node;
type TsParser = import('web-tree-sitter').Parser;
type TsTree = import('web-tree-sitter').Tree;

/** Where a construct sits in its file. Offsets are 0-based (end exclusive); lines and columns 1-based. */
export interface HclSpan {
  start: number;
  end: number;
  line: number;
  column: number;
  /** Line of the construct's last character. */
  endLine: number;
}

export type HclLiteralValue = string | number | boolean | null;

export type HclExpression =
  /** A string without interpolation (quoted or heredoc), a number, `true`/`false`, or `null`. */
  | (HclSpan & { kind: 'literal'; value: HclLiteralValue; raw: string })
  /** A string or heredoc with `${...}` interpolation or `%{...}` directives. */
  | (HclSpan & { kind: 'template'; raw: string })
  /** `var.x`, `aws_s3_bucket.state.id`, `local.tags["a"]`: a name with attribute and index steps. */
  | (HclSpan & { kind: 'reference'; raw: string })
  | (HclSpan & { kind: 'tuple'; items: HclExpression[]; raw: string })
  | (HclSpan & { kind: 'object'; entries: HclObjectEntry[]; raw: string })
  | (HclSpan & { kind: 'call'; name: string; args: HclExpression[]; raw: string })
  /** Anything else (operators, conditionals, for expressions, splats); only its text. */
  | (HclSpan & { kind: 'other'; raw: string });

export interface HclObjectEntry {
  /** The key's name when it is a bare identifier or a literal string; undefined for a computed key. */
  key: string | undefined;
  keyExpression: HclExpression;
  value: HclExpression;
}

export interface HclAttribute extends HclSpan {
  name: string;
  value: HclExpression;
}

export interface HclBlock extends HclSpan {
  type: string;
  labels: string[];
  attributes: HclAttribute[];
  blocks: HclBlock[];
  /** False when the closing brace is missing (the block runs to wherever the parser recovered). */
  closed: boolean;
}

export interface HclSyntaxError {
  line: number;
  column: number;
  message: string;
}

export interface HclDocument {
  /** Top-level attributes (`.tfvars`, `.tfbackend` files). */
  attributes: HclAttribute[];
  /** Top-level blocks, including the ones recovered after a syntax error. */
  blocks: HclBlock[];
  /** Every syntax error, in file order; empty when the file parses. */
  errors: HclSyntaxError[];
}

const TERRAFORM_WASM = 'tree-sitter-terraform.wasm';
const RUNTIME_WASM = 'web-tree-sitter.wasm';

let parserReady: Promise<void> | undefined;
let parser: TsParser | undefined;

/**
 * Loads the WebAssembly runtime and the Terraform grammar. Memoised: every caller awaits the same
 * load. Rejects (and lets a later call retry) when the .wasm files cannot be found or loaded.
 */
export function ensureHclParser(): Promise<void> {
  parserReady ??= loadParser().catch((error: unknown) => {
    parserReady = undefined;
    throw error;
  });
  return parserReady;
}

async function loadParser(): Promise<void> {
  // Imported here, not at the top: a scan without HCL never loads the runtime.
  const { Parser, Language } = (await import('./tree-sitter.cjs')).default;
  const runtimeWasm = locateRuntimeFile(RUNTIME_WASM, (resolve) =>
    resolve(`web-tree-sitter/${RUNTIME_WASM}`),
  );
  const grammarWasm = locateRuntimeFile(TERRAFORM_WASM, (resolve) =>
    path.join(path.dirname(resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')), TERRAFORM_WASM),
  );
  // Inside a bundle the runtime reads `__dirname` while it starts; an ES module has none.
  const globals = globalThis as { __dirname?: string };
  globals.__dirname ??= path.dirname(runtimeWasm);
  await Parser.init({ wasmBinary: readFileSync(runtimeWasm) });
  const language = await Language.load(readFileSync(grammarWasm));
  const created = new Parser();
  created.setLanguage(language);
  parser = created;
}

/**
 * The file's HCL model, parsed once per file. `ensureHclParser()` must have resolved first.
 * Bad input never throws: it yields `errors` and whatever blocks could be recovered.
 */
export function parseHcl(file: SourceFile): HclDocument {
  return file.parsed('hcl', buildDocument);
}

function buildDocument(file: SourceFile): HclDocument {
  if (!parser) throw new Error('parseHcl() was called before ensureHclParser() resolved.');
  const active = parser;
  let tree: TsTree | null = null;
  try {
    tree = active.parse(file.text);
    if (!tree) return unparsable('the parser returned no tree');
    const errors = tree.rootNode.hasError ? new ErrorCollector(file).collect(tree.rootNode) : [];
    // Top-level garbage can swallow the blocks after it; blank it out line by line and parse
    // again, so the rest of the file is still modelled (offsets and lines stay the same).
    let text = file.text;
    for (let round = 0; round < MAX_RECOVERY_ROUNDS; round++) {
      const blanked = blankTopLevelErrors(text, tree.rootNode);
      if (blanked === text) break;
      text = blanked;
      const reparsed: TsTree | null = active.parse(text);
      if (!reparsed) break;
      tree.delete();
      tree = reparsed;
    }
    return { ...new DocumentBuilder(file).build(tree.rootNode), errors };
  } catch (error) {
    return unparsable(`the parser failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    // Trees live in WebAssembly memory, which the garbage collector does not see.
    tree?.delete();
  }
}

/** How many times a file with top-level syntax errors is parsed again to recover the blocks after them. */
const MAX_RECOVERY_ROUNDS = 20;

/** The text with the first line of every top-level ERROR node replaced by spaces. */
function blankTopLevelErrors(text: string, root: TsNode): string {
  const body = root.namedChildren.find((c) => c?.type === 'body');
  const errors = [...root.namedChildren, ...(body?.namedChildren ?? [])].filter((c) => c?.type === 'ERROR');
  let out = text;
  for (const error of errors) {
    if (!error) continue;
    const lineEnd = text.indexOf('\n', error.startIndex);
    const end = Math.min(error.endIndex, lineEnd < 0 ? text.length : lineEnd);
    out =
      out.slice(0, error.startIndex) +
      out.slice(error.startIndex, end).replace(/[^\r\n]/g, ' ') +
      out.slice(end);
  }
  return out;
}

function unparsable(reason: string): HclDocument {
  return {
    attributes: [],
    blocks: [],
    errors: [{ line: 1, column: 1, message: `The file could not be parsed: ${reason}.` }],
  };
}

/** Syntax errors in file order, each described where a reader would look for the mistake. */
class ErrorCollector {
  private readonly found: { at: number; error: HclSyntaxError }[] = [];

  constructor(private readonly file: SourceFile) {}

  collect(root: TsNode): HclSyntaxError[] {
    this.visit(root);
    return this.found.sort((a, b) => a.at - b.at).map((f) => f.error);
  }

  private visit(node: TsNode): void {
    if (node.isMissing) {
      this.found.push({ at: node.startIndex, error: this.missing(node) });
      return;
    }
    if (node.isError) {
      // Recovery can wrap everything from the top of the file down to the mistake in one ERROR
      // node; the parser failed at the first error inside it, or after the constructs it completed.
      const inner = firstInnerError(node);
      if (inner) {
        this.visit(inner);
        return;
      }
      const failed = node.children.find((c) => c && !COMPLETE_CONSTRUCTS.has(c.type)) ?? node;
      const firstLine = this.file.text.slice(failed.startIndex).split(/\r?\n/)[0].trim();
      const near = firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine;
      this.found.push({
        at: failed.startIndex,
        error: this.at(failed, near ? `unexpected \`${near}\`` : 'unexpected input'),
      });
      return;
    }
    for (const child of node.children) {
      if (child && (child.hasError || child.isMissing)) this.visit(child);
    }
  }

  /** A missing token is reported at the construct it leaves unfinished, the way Terraform does. */
  private missing(node: TsNode): HclSyntaxError {
    const parent = node.parent;
    if (node.type === '}' && parent?.type === 'block_end' && parent.parent?.type === 'block') {
      const block = parent.parent;
      const brace = block.text.indexOf('{');
      const header = (brace < 0 ? block.text : block.text.slice(0, brace)).trim();
      return this.at(block, `block \`${header}\` is never closed: \`}\` missing`);
    }
    if (node.type === 'quoted_template_end' && parent)
      return this.at(parent, 'string is never closed: `"` missing');
    const attribute = ancestor(node, 'attribute');
    if (attribute) {
      const name = attribute.namedChildren.find((c) => c?.type === 'identifier')?.text ?? '';
      return this.at(attribute, `the value of \`${name}\` is missing or invalid`);
    }
    return this.at(node, `\`${node.type}\` missing`);
  }

  private at(node: TsNode, message: string): HclSyntaxError {
    const { line, column } = this.file.position(node.startIndex);
    return { line, column, message };
  }
}

/** Constructs that parsed whole inside an ERROR node: the failure lies after them. */
const COMPLETE_CONSTRUCTS = new Set(['block', 'attribute', 'comment']);

/** The first ERROR or MISSING node below an ERROR node, in file order. */
function firstInnerError(node: TsNode): TsNode | undefined {
  for (const child of node.children) {
    if (!child) continue;
    if (child.isError || child.isMissing) return child;
    if (child.hasError) {
      const below = firstInnerError(child);
      if (below) return below;
    }
  }
  return undefined;
}

function ancestor(node: TsNode, type: string): TsNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === type) return current;
  }
  return undefined;
}

class DocumentBuilder {
  /** Blocks found at column 1 inside a block that never closes: most likely top-level blocks. */
  private readonly hoisted: HclBlock[] = [];

  constructor(private readonly file: SourceFile) {}

  build(root: TsNode): Omit<HclDocument, 'errors'> {
    const attributes: HclAttribute[] = [];
    const blocks: HclBlock[] = [];
    const body = root.namedChildren.find((c) => c?.type === 'body');
    if (body) this.readBody(body, attributes, blocks, 0);
    // Top-level constructs the parser left inside an ERROR node directly under the root.
    for (const child of root.namedChildren) {
      if (child?.type === 'ERROR') this.readBody(child, attributes, blocks, 0);
    }
    return { attributes, blocks: [...blocks, ...this.hoisted].sort((a, b) => a.start - b.start) };
  }

  // Node literals spread their span last. A literal that starts with a spread gets a hidden class of
  // its own in V8 (measured on node 20): a map per node, 8 MB over the scale-10 bench's Terraform, and
  // every read of a node's fields a megamorphic lookup.
  private span(node: TsNode): HclSpan {
    const start = this.file.position(node.startIndex);
    const lastChar = Math.max(node.startIndex, node.endIndex - 1);
    return {
      start: node.startIndex,
      end: node.endIndex,
      line: start.line,
      column: start.column,
      endLine: this.file.position(lastChar).line,
    };
  }

  /** Reads attributes and blocks from a `body` (or an ERROR node holding recovered ones). */
  private readBody(body: TsNode, attributes: HclAttribute[], blocks: HclBlock[], depth: number): void {
    for (const child of body.namedChildren) {
      if (!child) continue;
      if (child.type === 'attribute') {
        const attribute = this.readAttribute(child);
        if (attribute) attributes.push(attribute);
      } else if (child.type === 'block') {
        blocks.push(this.readBlock(child, depth));
      } else if (child.type === 'ERROR' || child.type === 'body') {
        this.readBody(child, attributes, blocks, depth);
      }
    }
  }

  private readAttribute(node: TsNode): HclAttribute | undefined {
    const name = node.namedChildren.find((c) => c?.type === 'identifier');
    const expression = node.namedChildren.find((c) => c?.type === 'expression');
    if (!name) return undefined;
    return {
      name: name.text,
      value: expression ? this.readExpression(expression) : { kind: 'other', raw: '', ...this.span(node) },
      ...this.span(node),
    };
  }

  private readBlock(node: TsNode, depth: number): HclBlock {
    let type = '';
    const labels: string[] = [];
    const attributes: HclAttribute[] = [];
    const nested: HclBlock[] = [];
    let closed = false;
    for (const child of node.children) {
      if (!child) continue;
      if (child.type === 'identifier') {
        if (type === '') type = child.text;
        else labels.push(child.text);
      } else if (child.type === 'string_lit') {
        labels.push(decodeQuoted(child));
      } else if (child.type === 'body' || child.type === 'ERROR') {
        this.readBody(child, attributes, nested, depth + 1);
      } else if (child.type === 'block_end') {
        closed = !child.hasError && !child.children.some((c) => c?.isMissing);
      }
    }
    const block: HclBlock = { type, labels, attributes, blocks: nested, closed, ...this.span(node) };
    if (!closed) {
      // The parser ran an unclosed block to the end of the file; blocks starting at column 1 inside
      // it were written as top-level blocks, so they are checked as such.
      block.blocks = nested.filter((b) => {
        if (b.column !== 1) return true;
        this.hoisted.push(b);
        return false;
      });
      const lastInside = [
        block.line,
        ...block.attributes.map((a) => a.endLine),
        ...block.blocks.map((b) => b.endLine),
      ];
      block.endLine = Math.max(...lastInside);
    }
    return block;
  }

  readExpression(node: TsNode): HclExpression {
    const span = this.span(node);
    const raw = node.text;
    const parts = node.namedChildren.filter((c): c is TsNode => c !== null && c.type !== 'comment');
    if (node.hasError) return { kind: 'other', raw, ...span };
    if (node.type === 'expression' && parts.length === 1 && node.childCount === 1) {
      return this.readExpression(parts[0]);
    }
    // `(expr)`: the parentheses change nothing about the value.
    if (node.type === 'expression' && parts.length === 1 && node.firstChild?.type === '(') {
      return Object.assign(this.readExpression(parts[0]), span, { raw });
    }
    switch (node.type) {
      case 'literal_value':
        return this.readLiteral(node, span);
      case 'template_expr':
        return this.readTemplate(node, span);
      case 'collection_value':
        return parts.length === 1 ? this.readExpression(parts[0]) : { kind: 'other', raw, ...span };
      case 'tuple':
        return {
          kind: 'tuple',
          items: parts.filter((c) => c.type === 'expression').map((c) => this.readExpression(c)),
          raw,
          ...span,
        };
      case 'object':
        return {
          kind: 'object',
          entries: parts.filter((c) => c.type === 'object_elem').map((e) => this.readEntry(e)),
          raw,
          ...span,
        };
      case 'function_call': {
        const name = parts.find((c) => c.type === 'identifier')?.text ?? '';
        const args = parts.find((c) => c.type === 'function_arguments');
        const argExpressions = (args?.namedChildren ?? []).filter(
          (c): c is TsNode => c?.type === 'expression',
        );
        return { kind: 'call', name, args: argExpressions.map((c) => this.readExpression(c)), raw, ...span };
      }
      case 'variable_expr':
        return { kind: 'reference', raw, ...span };
      case 'operation': {
        const negated = this.negativeNumber(node);
        return negated === undefined
          ? { kind: 'other', raw, ...span }
          : { kind: 'literal', value: negated, raw, ...span };
      }
      case 'expression':
        if (parts[0]?.type === 'variable_expr' && parts.slice(1).every((c) => REFERENCE_STEPS.has(c.type))) {
          return { kind: 'reference', raw, ...span };
        }
        return { kind: 'other', raw, ...span };
      default:
        return { kind: 'other', raw, ...span };
    }
  }

  private readEntry(node: TsNode): HclObjectEntry {
    const [keyNode, valueNode] = node.namedChildren.filter((c): c is TsNode => c?.type === 'expression');
    const keyExpression = keyNode
      ? this.readExpression(keyNode)
      : { kind: 'other' as const, raw: '', ...this.span(node) };
    const value = valueNode
      ? this.readExpression(valueNode)
      : { kind: 'other' as const, raw: '', ...this.span(node) };
    let key: string | undefined;
    if (keyExpression.kind === 'literal' && typeof keyExpression.value === 'string')
      key = keyExpression.value;
    else if (keyExpression.kind === 'reference' && /^[A-Za-z_][\w-]*$/.test(keyExpression.raw))
      key = keyExpression.raw;
    return { key, keyExpression, value };
  }

  private readLiteral(node: TsNode, span: HclSpan): HclExpression {
    const inner = node.namedChildren[0];
    const raw = node.text;
    switch (inner?.type) {
      case 'string_lit':
        return { kind: 'literal', value: decodeQuoted(inner), raw, ...span };
      case 'numeric_lit':
        return { kind: 'literal', value: Number(inner.text), raw, ...span };
      case 'bool_lit':
        return { kind: 'literal', value: inner.text === 'true', raw, ...span };
      case 'null_lit':
        return { kind: 'literal', value: null, raw, ...span };
      default:
        return { kind: 'other', raw, ...span };
    }
  }

  private readTemplate(node: TsNode, span: HclSpan): HclExpression {
    const raw = node.text;
    const template = node.namedChildren[0];
    if (!template) return { kind: 'other', raw, ...span };
    const pieces = template.namedChildren.filter((c): c is TsNode => c !== null);
    const dynamic = pieces.some(
      (c) => c.type === 'template_interpolation' || c.type === 'template_directive',
    );
    if (dynamic) return { kind: 'template', raw, ...span };
    if (template.type === 'quoted_template')
      return { kind: 'literal', value: decodeQuoted(template), raw, ...span };
    if (template.type === 'heredoc_template')
      return { kind: 'literal', value: this.heredocText(template), raw, ...span };
    return { kind: 'other', raw, ...span };
  }

  /** The text between a heredoc's opening line and its closing marker, flushed for `<<-`. */
  private heredocText(node: TsNode): string {
    const markers = node.namedChildren.filter((c): c is TsNode => c?.type === 'heredoc_identifier');
    const opening = markers[0];
    const closing = markers[markers.length - 1];
    if (!opening || !closing || opening === closing) return '';
    const text = this.file.text;
    const bodyStart = text.indexOf('\n', opening.endIndex) + 1;
    const closingLineStart = text.lastIndexOf('\n', closing.startIndex - 1) + 1;
    if (bodyStart <= 0 || closingLineStart < bodyStart) return '';
    let body = text.slice(bodyStart, closingLineStart).replace(/\r\n/g, '\n');
    if (node.namedChildren.some((c) => c?.type === 'heredoc_start' && c.text === '<<-')) body = flush(body);
    return unescapeTemplateMarkers(body);
  }

  private negativeNumber(node: TsNode): number | undefined {
    const unary = node.namedChildren[0];
    if (unary?.type !== 'unary_operation' || unary.firstChild?.type !== '-') return undefined;
    const operand = unary.namedChildren[0];
    const number = operand?.type === 'literal_value' ? operand.namedChildren[0] : undefined;
    return number?.type === 'numeric_lit' ? -Number(number.text) : undefined;
  }
}

const REFERENCE_STEPS = new Set(['get_attr', 'index', 'legacy_index']);

/** The value of a quoted string: escapes decoded, `$${` and `%%{` turned back into `${` and `%{`. */
function decodeQuoted(node: TsNode): string {
  const pieces = node.namedChildren
    .filter((c): c is TsNode => c?.type === 'template_literal')
    .map((c) => c.text);
  return unescapeTemplateMarkers(decodeEscapes(pieces.join('')));
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function decodeEscapes(text: string): string {
  return text.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (whole, escape: string) => {
    if (escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return SIMPLE_ESCAPES[escape] ?? whole;
  });
}

function unescapeTemplateMarkers(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** `<<-` heredocs drop the leading whitespace every non-blank line shares. */
function flush(body: string): string {
  const lines = body.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(common, /^[ \t]*/.exec(l)?.[0].length ?? 0))).join('\n');
}

/** The attribute of that name (the last one, as HCL forbids duplicates and tools keep the last). */
export function attribute(
  block: { attributes: readonly HclAttribute[] },
  name: string,
): HclAttribute | undefined {
  for (let i = block.attributes.length - 1; i >= 0; i--) {
    if (block.attributes[i].name === name) return block.attributes[i];
  }
  return undefined;
}

/** Nested blocks of a type, in file order. */
export function blocksOfType(parent: { blocks: readonly HclBlock[] }, type: string): HclBlock[] {
  return parent.blocks.filter((b) => b.type === type);
}

/** The literal value of an expression, or undefined when it is computed. */
export function literalValue(expression: HclExpression | undefined): HclLiteralValue | undefined {
  return expression?.kind === 'literal' ? expression.value : undefined;
}

/** The string value of an attribute written as a literal string; undefined otherwise. */
export function literalString(attr: HclAttribute | undefined): string | undefined {
  const value = literalValue(attr?.value);
  return typeof value === 'string' ? value : undefined;
}

/**
 * The plain value of an expression built only of literals, tuples and objects with known keys
 * (what `jsonencode({...})` receives); undefined when any part is computed.
 */
export function staticValue(expression: HclExpression): unknown {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'tuple': {
      const items = expression.items.map(staticValue);
      return items.some((i) => i === undefined) ? undefined : items;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const entry of expression.entries) {
        const value = staticValue(entry.value);
        if (entry.key === undefined || value === undefined) return undefined;
        out[entry.key] = value;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/**
 * Terraform's JSON syntax (`.tf.json`) read into the same model as native syntax, with positions.
 * The JSON carries no schema, so the nesting is read the way Terraform reads it for the block
 * types it defines: each top-level key is a block type followed by as many label levels as that
 * type takes, and inside a body an object (or an array of objects) is a nested block. Strings are
 * templates: `"${var.x}"` alone is a reference, any other `${` makes a template. Keys named `//`
 * are comments.
 */
export function parseTerraformJson(file: SourceFile): HclDocument {
  return file.parsed('hcl-json', buildJsonDocument);
}

/** Labels each top-level block type takes. */
const JSON_TOP_LEVEL_LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  module: 1,
  provider: 1,
  variable: 1,
  output: 1,
  check: 1,
};

/** Labels a nested block takes, by its type and the type of the block around it. */
function nestedJsonLabels(type: string, parentType: string): number {
  if (type === 'backend') return parentType === 'terraform' ? 1 : 0;
  return type === 'provisioner' || type === 'dynamic' ? 1 : 0;
}

function buildJsonDocument(file: SourceFile): HclDocument {
  const { root, error } = parseJson(file.text);
  if (!root) {
    const message = error?.message.replace(/\.$/, '') ?? 'the file could not be parsed';
    return {
      attributes: [],
      blocks: [],
      errors: [{ line: error?.line ?? 1, column: error?.column ?? 1, message }],
    };
  }
  if (root.kind !== 'map') {
    return {
      attributes: [],
      blocks: [],
      errors: [{ line: root.line, column: root.column, message: 'a Terraform JSON file holds one object' }],
    };
  }
  const reader = new JsonBodyReader(file);
  const blocks: HclBlock[] = [];
  for (const { key, value } of root.pairs) {
    const type = key.kind === 'scalar' ? String(key.value) : '';
    if (type === '//' || !value) continue;
    blocks.push(...reader.blocks(type, key, value, JSON_TOP_LEVEL_LABELS[type] ?? 0, []));
  }
  return { attributes: [], blocks, errors: [] };
}

class JsonBodyReader {
  constructor(private readonly file: SourceFile) {}

  /** The blocks under one block type key: labels first (one object level each), then the body. */
  blocks(type: string, head: DataNode, value: DataNode, labelsLeft: number, labels: string[]): HclBlock[] {
    if (value.kind === 'seq')
      return value.items.flatMap((item) => this.blocks(type, head, item, labelsLeft, labels));
    if (value.kind !== 'map') return [];
    if (labelsLeft === 0) return [this.block(type, labels, head, value)];
    return value.pairs.flatMap(({ key, value: inner }) =>
      key.kind === 'scalar' && inner && key.value !== '//'
        ? this.blocks(type, key, inner, labelsLeft - 1, [...labels, String(key.value)])
        : [],
    );
  }

  /** A block from its body object; it starts at the key that names it (the last label, or the type). */
  private block(type: string, labels: string[], head: DataNode, body: DataNode & { kind: 'map' }): HclBlock {
    const attributes: HclAttribute[] = [];
    const nested: HclBlock[] = [];
    for (const { key, value } of body.pairs) {
      const name = key.kind === 'scalar' ? String(key.value) : '';
      if (name === '//' || !value) continue;
      if (isBlockValue(value))
        nested.push(...this.blocks(name, key, value, nestedJsonLabels(name, type), []));
      else attributes.push({ name, value: this.expression(value), ...this.spanOf(key, value) });
    }
    return { type, labels, attributes, blocks: nested, closed: true, ...this.spanOf(head, body) };
  }

  private spanOf(first: DataNode, last: DataNode): HclSpan {
    return {
      start: first.start,
      end: last.end,
      line: first.line,
      column: first.column,
      endLine: last.endLine,
    };
  }

  private expression(node: DataNode): HclExpression {
    const span: HclSpan = {
      start: node.start,
      end: node.end,
      line: node.line,
      column: node.column,
      endLine: node.endLine,
    };
    const raw = this.file.text.slice(node.start, node.end);
    switch (node.kind) {
      case 'scalar': {
        if (typeof node.value !== 'string') return { kind: 'literal', value: node.value, raw, ...span };
        const reference = JSON_REFERENCE.exec(node.value);
        if (reference) return { kind: 'reference', raw: reference[1], ...span };
        if (/(^|[^$])\$\{|(^|[^%])%\{/.test(node.value)) return { kind: 'template', raw, ...span };
        return { kind: 'literal', value: unescapeTemplateMarkers(node.value), raw, ...span };
      }
      case 'seq':
        return { kind: 'tuple', items: node.items.map((item) => this.expression(item)), raw, ...span };
      case 'map':
        return {
          kind: 'object',
          entries: node.pairs.map(({ key, value }) => ({
            key: key.kind === 'scalar' ? String(key.value) : undefined,
            keyExpression: this.expression(key),
            value: value ? this.expression(value) : { kind: 'other', raw: '', ...span },
          })),
          raw,
          ...span,
        };
      default:
        return { kind: 'other', raw, ...span };
    }
  }
}

/** `"${aws_s3_bucket.state.id}"`: one interpolation of a plain reference, which is that reference's value. */
const JSON_REFERENCE = /^\$\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]$]*\])*)\s*\}$/;

/** An object, or a non-empty array of objects: a nested block in a JSON body. */
function isBlockValue(value: DataNode): boolean {
  if (value.kind === 'map') return true;
  return value.kind === 'seq' && value.items.length > 0 && value.items.every((item) => item.kind === 'map');
}
