/**
 * A small evaluator for the Terraform expressions that decide placement: literals, templates,
 * `var.*`, `local.*`, `count.index`, `each.*`, resource and data references, indexes, splats,
 * arithmetic (`%` above all), conditionals, simple `for` expressions and the handful of functions
 * placement code uses (`element`, `length`, `slice`, `concat`, ...). It reads the raw text of an
 * expression from the shared HCL parse; anything it cannot follow is an `Unknown` with the reason,
 * never a guess.
 */

export interface Unknown {
  readonly unknown: true;
  readonly why: string;
}

/** `data.aws_availability_zones.X.names`: the AZs of a region, in order. */
export interface ZoneList {
  readonly zoneList: true;
  readonly region?: string;
  /** How many AZs the region offers, when the zone table knows it. */
  readonly size?: number;
  /** `zone_ids` instead of `names`. */
  readonly ids: boolean;
}

/** The i-th AZ of a region. */
export interface ZoneIndex {
  readonly zoneIndex: number;
  readonly region?: string;
}

/** An instance of a resource; its attributes are evaluated when asked for. */
export interface ResourceInstance {
  readonly resource: string;
  attribute(name: string): Value;
}

export type Value =
  | string
  | number
  | boolean
  | null
  | Value[]
  | { [key: string]: Value }
  | Unknown
  | ZoneList
  | ZoneIndex
  | ResourceInstance;

export function unknown(why: string): Unknown {
  return { unknown: true, why };
}

export function isUnknown(value: unknown): value is Unknown {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (value as Unknown).unknown === true
  );
}

export function isZoneList(value: Value): value is ZoneList {
  return typeof value === 'object' && value !== null && (value as ZoneList).zoneList === true;
}

export function isZoneIndex(value: Value): value is ZoneIndex {
  return typeof value === 'object' && value !== null && typeof (value as ZoneIndex).zoneIndex === 'number';
}

export function isInstance(value: Value): value is ResourceInstance {
  return (
    typeof value === 'object' && value !== null && typeof (value as ResourceInstance).attribute === 'function'
  );
}

function isObject(value: Value): value is { [key: string]: Value } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !isUnknown(value) &&
    !isZoneList(value) &&
    !isZoneIndex(value) &&
    !isInstance(value)
  );
}

/** What names mean where an expression is evaluated. */
export interface Scope {
  /** `var.x`, `local.x`, `count.index`, `each.key`, `aws_subnet.a`, `data.x.y`, `module.x`... */
  root(name: string, next: string | undefined): Value | undefined;
  /** Iterator variables of enclosing `for` expressions. */
  locals?: ReadonlyMap<string, Value>;
}

// ---------------------------------------------------------------- tokens

type Token =
  | { t: 'num'; v: number }
  | { t: 'str'; parts: (string | Node)[] }
  | { t: 'id'; v: string }
  | { t: 'op'; v: string }
  | { t: 'end' };

const OPERATORS = [
  '...',
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '[',
  ']',
  '(',
  ')',
  '{',
  '}',
  ',',
  '.',
  '?',
  ':',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '!',
  '=',
];

class Lexer {
  private pos = 0;
  constructor(private readonly text: string) {}

  tokens(): Token[] {
    const out: Token[] = [];
    for (;;) {
      const token = this.next();
      out.push(token);
      if (token.t === 'end') return out;
    }
  }

  private next(): Token {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '#' || (c === '/' && text[this.pos + 1] === '/')) {
        while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
      } else if (c === '/' && text[this.pos + 1] === '*') {
        const end = text.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? text.length : end + 2;
      } else break;
    }
    if (this.pos >= text.length) return { t: 'end' };
    const c = text[this.pos];
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(this.pos))!;
      this.pos += m[0].length;
      return { t: 'num', v: Number(m[0]) };
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w-]*/.exec(text.slice(this.pos))!;
      this.pos += m[0].length;
      return { t: 'id', v: m[0] };
    }
    if (c === '"') return this.string();
    if (c === '<' && text[this.pos + 1] === '<') throw new EvalError('heredoc');
    for (const op of OPERATORS) {
      if (text.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { t: 'op', v: op };
      }
    }
    throw new EvalError(`unexpected \`${c}\``);
  }

  /** A quoted template: literal pieces and `${...}` interpolations (directives are not followed). */
  private string(): Token {
    const text = this.text;
    this.pos++;
    const parts: (string | Node)[] = [];
    let literal = '';
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === '"') {
        this.pos++;
        if (literal) parts.push(literal);
        return { t: 'str', parts };
      }
      if (c === '\\') {
        const e = text[this.pos + 1];
        literal += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        this.pos += 2;
      } else if (c === '$' && text[this.pos + 1] === '$' && text[this.pos + 2] === '{') {
        literal += '${';
        this.pos += 3;
      } else if (c === '%' && text[this.pos + 1] === '{') {
        throw new EvalError('template directive');
      } else if (c === '$' && text[this.pos + 1] === '{') {
        const end = matchingBrace(text, this.pos + 1);
        if (end < 0) throw new EvalError('unclosed interpolation');
        if (literal) parts.push(literal);
        literal = '';
        const inner = text.slice(this.pos + 2, end).replace(/^~|~$/g, '');
        parts.push(parse(inner));
        this.pos = end + 1;
      } else {
        literal += c;
        this.pos++;
      }
    }
    throw new EvalError('unclosed string');
  }
}

/** Index of the `}` that closes the `{` at `open`, skipping nested strings and braces. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

class EvalError extends Error {}

// ---------------------------------------------------------------- syntax

export type Node =
  | { k: 'lit'; v: Value }
  | { k: 'tpl'; parts: (string | Node)[] }
  | { k: 'name'; v: string }
  | { k: 'attr'; of: Node; name: string }
  | { k: 'index'; of: Node; index: Node }
  | { k: 'splat'; of: Node; then: Step[] }
  | { k: 'call'; name: string; args: Node[]; expand: boolean }
  | { k: 'tuple'; items: Node[] }
  | { k: 'object'; entries: { key: Node; value: Node }[] }
  | { k: 'unary'; op: string; of: Node }
  | { k: 'binary'; op: string; left: Node; right: Node }
  | { k: 'cond'; test: Node; then: Node; else: Node }
  | {
      k: 'for';
      tuple: boolean;
      keyVar?: string;
      valueVar: string;
      coll: Node;
      key?: Node;
      value: Node;
      cond?: Node;
    };

type Step = { attr: string } | { index: Node };

const BINARY: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parseAll(): Node {
    const node = this.expression();
    if (this.peek().t !== 'end') throw new EvalError('trailing text');
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  private take(): Token {
    return this.tokens[Math.min(this.i++, this.tokens.length - 1)];
  }

  private isOp(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.t === 'op' && t.v === v;
  }

  private expect(v: string): void {
    if (!this.isOp(v)) throw new EvalError(`expected \`${v}\``);
    this.i++;
  }

  private expression(): Node {
    const test = this.binary(1);
    if (!this.isOp('?')) return test;
    this.i++;
    const then = this.expression();
    this.expect(':');
    return { k: 'cond', test, then, else: this.expression() };
  }

  private binary(min: number): Node {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const precedence = t.t === 'op' ? BINARY[t.v] : undefined;
      if (precedence === undefined || precedence < min) return left;
      this.i++;
      const right = this.binary(precedence + 1);
      left = { k: 'binary', op: (t as { v: string }).v, left, right };
    }
  }

  private unary(): Node {
    if (this.isOp('!') || this.isOp('-')) {
      const op = (this.take() as { v: string }).v;
      return { k: 'unary', op, of: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(node: Node): Node {
    for (;;) {
      if (this.isOp('.') && this.isOp('*', 1)) {
        this.i += 2;
        return { k: 'splat', of: node, then: this.steps() };
      }
      if (this.isOp('[') && this.isOp('*', 1) && this.isOp(']', 2)) {
        this.i += 3;
        return { k: 'splat', of: node, then: this.steps() };
      }
      if (this.isOp('.')) {
        this.i++;
        const t = this.take();
        if (t.t === 'id') node = { k: 'attr', of: node, name: t.v };
        else if (t.t === 'num') node = { k: 'index', of: node, index: { k: 'lit', v: t.v } };
        else throw new EvalError('bad attribute');
      } else if (this.isOp('[')) {
        this.i++;
        const index = this.expression();
        this.expect(']');
        node = { k: 'index', of: node, index };
      } else return node;
    }
  }

  /** The attribute and index steps after a splat, applied to each element. */
  private steps(): Step[] {
    const steps: Step[] = [];
    for (;;) {
      if (this.isOp('.') && this.peek(1).t === 'id') {
        this.i++;
        steps.push({ attr: (this.take() as { v: string }).v });
      } else if (this.isOp('[') && !this.isOp('*', 1)) {
        this.i++;
        const index = this.expression();
        this.expect(']');
        steps.push({ index });
      } else return steps;
    }
  }

  private primary(): Node {
    const t = this.take();
    switch (t.t) {
      case 'num':
        return { k: 'lit', v: t.v };
      case 'str':
        return t.parts.length === 1 && typeof t.parts[0] === 'string'
          ? { k: 'lit', v: t.parts[0] }
          : t.parts.length === 0
            ? { k: 'lit', v: '' }
            : { k: 'tpl', parts: t.parts };
      case 'id': {
        if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true' };
        if (t.v === 'null') return { k: 'lit', v: null };
        if (this.isOp('(')) return this.call(t.v);
        return { k: 'name', v: t.v };
      }
      case 'op':
        if (t.v === '(') {
          const inner = this.expression();
          this.expect(')');
          return inner;
        }
        if (t.v === '[') return this.tupleOrFor();
        if (t.v === '{') return this.objectOrFor();
        throw new EvalError(`unexpected \`${t.v}\``);
      default:
        throw new EvalError('unexpected end');
    }
  }

  private call(name: string): Node {
    this.expect('(');
    const args: Node[] = [];
    let expand = false;
    while (!this.isOp(')')) {
      args.push(this.expression());
      if (this.isOp('...')) {
        this.i++;
        expand = true;
      }
      if (this.isOp(',')) this.i++;
      else break;
    }
    this.expect(')');
    return { k: 'call', name, args, expand };
  }

  private tupleOrFor(): Node {
    if (this.peek().t === 'id' && (this.peek() as { v: string }).v === 'for') return this.forExpression(true);
    const items: Node[] = [];
    while (!this.isOp(']')) {
      items.push(this.expression());
      if (this.isOp(',')) this.i++;
      else break;
    }
    this.expect(']');
    return { k: 'tuple', items };
  }

  private objectOrFor(): Node {
    if (this.peek().t === 'id' && (this.peek() as { v: string }).v === 'for' && !this.isOp('=', 1)) {
      return this.forExpression(false);
    }
    const entries: { key: Node; value: Node }[] = [];
    while (!this.isOp('}')) {
      const keyToken = this.peek();
      let key: Node;
      if (keyToken.t === 'id' && (this.isOp('=', 1) || this.isOp(':', 1))) {
        this.i++;
        key = { k: 'lit', v: keyToken.v };
      } else key = this.expression();
      if (this.isOp('=') || this.isOp(':')) this.i++;
      else throw new EvalError('expected `=` in object');
      entries.push({ key, value: this.expression() });
      if (this.isOp(',')) this.i++;
    }
    this.expect('}');
    return { k: 'object', entries };
  }

  private forExpression(tuple: boolean): Node {
    this.i++; // for
    const first = this.take();
    if (first.t !== 'id') throw new EvalError('bad for');
    let keyVar: string | undefined;
    let valueVar = first.v;
    if (this.isOp(',')) {
      this.i++;
      const second = this.take();
      if (second.t !== 'id') throw new EvalError('bad for');
      keyVar = first.v;
      valueVar = second.v;
    }
    const inToken = this.take();
    if (inToken.t !== 'id' || inToken.v !== 'in') throw new EvalError('bad for');
    const coll = this.expression();
    this.expect(':');
    let key: Node | undefined;
    let value = this.expression();
    if (!tuple) {
      this.expect('=>');
      key = value;
      value = this.expression();
      if (this.isOp('...')) this.i++;
    }
    let cond: Node | undefined;
    if (this.peek().t === 'id' && (this.peek() as { v: string }).v === 'if') {
      this.i++;
      cond = this.expression();
    }
    this.expect(tuple ? ']' : '}');
    return { k: 'for', tuple, keyVar, valueVar, coll, key, value, cond };
  }
}

const PARSE_CACHE = new Map<string, Node | EvalError>();
const PARSE_CACHE_LIMIT = 20_000;

/** Parses expression text; throws EvalError for syntax the evaluator does not follow. */
export function parse(text: string): Node {
  const cached = PARSE_CACHE.get(text);
  if (cached instanceof EvalError) throw cached;
  if (cached) return cached;
  let result: Node | EvalError;
  try {
    result = new Parser(new Lexer(text).tokens()).parseAll();
  } catch (error) {
    result = error instanceof EvalError ? error : new EvalError(String(error));
  }
  if (PARSE_CACHE.size > PARSE_CACHE_LIMIT) PARSE_CACHE.clear();
  PARSE_CACHE.set(text, result);
  if (result instanceof EvalError) throw result;
  return result;
}

// ---------------------------------------------------------------- evaluation

/** Evaluates expression text in a scope; never throws. */
export function evaluateText(text: string, scope: Scope): Value {
  let node: Node;
  try {
    node = parse(text);
  } catch (error) {
    return unknown(
      `\`${shorten(text)}\` uses syntax the evaluator does not follow (${(error as Error).message})`,
    );
  }
  return evaluate(node, scope);
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

/** Evaluation depth guard: locals that refer to each other in a loop stop here. */
let depth = 0;
const MAX_DEPTH = 200;

export function evaluate(node: Node, scope: Scope): Value {
  if (++depth > MAX_DEPTH) {
    depth--;
    return unknown('the expressions refer to each other too deeply (a cycle?)');
  }
  try {
    return evaluateNode(node, scope);
  } finally {
    depth--;
  }
}

function evaluateNode(node: Node, scope: Scope): Value {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'tpl': {
      let out = '';
      for (const part of node.parts) {
        if (typeof part === 'string') {
          out += part;
          continue;
        }
        const v = evaluate(part, scope);
        if (isUnknown(v)) return v;
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out += String(v);
        else if (isZoneIndex(v))
          return unknown('a zone name built from a data.aws_availability_zones element');
        else return unknown('a template with a non-string value');
      }
      return out;
    }
    case 'name':
      return lookupName(node.v, undefined, scope);
    case 'attr': {
      // `var.x`, `local.x`, `count.index`, `aws_subnet.a`: a root name with its first step.
      if (node.of.k === 'name') {
        const rooted = lookupName(node.of.v, node.name, scope);
        if (rooted !== ROOT_NOT_TAKEN) return rooted;
      }
      return getAttr(evaluate(node.of, scope), node.name);
    }
    case 'index': {
      const of = evaluate(node.of, scope);
      const index = evaluate(node.index, scope);
      return getIndex(of, index);
    }
    case 'splat': {
      const of = evaluate(node.of, scope);
      if (isUnknown(of)) return of;
      const items = Array.isArray(of) ? of : of === null ? [] : isObject(of) ? Object.values(of) : [of];
      return items.map((item) => {
        let v: Value = item;
        for (const step of node.then)
          v = 'attr' in step ? getAttr(v, step.attr) : getIndex(v, evaluate(step.index, scope));
        return v;
      });
    }
    case 'call':
      return callFunction(node, scope);
    case 'tuple':
      return node.items.map((item) => evaluate(item, scope));
    case 'object': {
      const out: { [key: string]: Value } = {};
      for (const entry of node.entries) {
        const key = entry.key.k === 'name' ? entry.key.v : evaluate(entry.key, scope);
        if (typeof key !== 'string' && typeof key !== 'number')
          return unknown('an object key computed at plan time');
        out[String(key)] = evaluate(entry.value, scope);
      }
      return out;
    }
    case 'unary': {
      const v = evaluate(node.of, scope);
      if (isUnknown(v)) return v;
      if (node.op === '!' && typeof v === 'boolean') return !v;
      if (node.op === '-' && typeof v === 'number') return -v;
      return unknown(`\`${node.op}\` on a value that is not a ${node.op === '!' ? 'boolean' : 'number'}`);
    }
    case 'binary':
      return binary(node.op, node.left, node.right, scope);
    case 'cond': {
      const test = evaluate(node.test, scope);
      if (isUnknown(test)) return test;
      if (typeof test !== 'boolean') return unknown('a condition that is not a boolean');
      return evaluate(test ? node.then : node.else, scope);
    }
    case 'for':
      return forExpression(node, scope);
  }
}

/** Marks "this root name is not special; evaluate the attribute on the value". */
const ROOT_NOT_TAKEN = unknown('not a root name');

function lookupName(name: string, next: string | undefined, scope: Scope): Value {
  const local = scope.locals?.get(name);
  if (local !== undefined) return next === undefined ? local : getAttr(local, next);
  const value = scope.root(name, next);
  if (value !== undefined) return value;
  if (next !== undefined) return ROOT_NOT_TAKEN;
  return unknown(`\`${name}\` is not known here`);
}

export function getAttr(value: Value, name: string): Value {
  if (isUnknown(value)) return value;
  if (isInstance(value)) return value.attribute(name);
  if (isObject(value)) return Object.hasOwn(value, name) ? value[name] : unknown(`no attribute \`${name}\``);
  if (Array.isArray(value)) return unknown(`\`.${name}\` on a list (a splat \`[*].${name}\` was meant?)`);
  return unknown(`no attribute \`${name}\``);
}

export function getIndex(value: Value, index: Value): Value {
  if (isUnknown(value)) return value;
  if (isUnknown(index)) return index;
  if (isZoneList(value)) {
    if (typeof index !== 'number') return unknown('an AZ list indexed by a non-number');
    return zoneAt(value, index);
  }
  if (Array.isArray(value)) {
    if (typeof index !== 'number' || !Number.isInteger(index))
      return unknown('a list indexed by a non-number');
    return index >= 0 && index < value.length
      ? value[index]
      : unknown(`index ${index} is out of range (${value.length} items)`);
  }
  if (isObject(value)) {
    const key = String(index);
    return Object.hasOwn(value, key) ? value[key] : unknown(`no key \`${key}\``);
  }
  return unknown('indexing a value that is not a list or map');
}

function zoneAt(list: ZoneList, index: number): Value {
  if (list.ids) return unknown('an AZ id from data.aws_availability_zones.zone_ids');
  if (list.size !== undefined && index >= list.size) {
    return unknown(`index ${index} is beyond the ${list.size} AZs of ${list.region}`);
  }
  return { zoneIndex: index, region: list.region };
}

function binary(op: string, leftNode: Node, rightNode: Node, scope: Scope): Value {
  const left = evaluate(leftNode, scope);
  if (op === '&&' && left === false) return false;
  if (op === '||' && left === true) return true;
  const right = evaluate(rightNode, scope);
  if (isUnknown(left)) return left;
  if (isUnknown(right)) return right;
  switch (op) {
    case '==':
      return JSON.stringify(left) === JSON.stringify(right);
    case '!=':
      return JSON.stringify(left) !== JSON.stringify(right);
    case '&&':
    case '||':
      if (typeof left !== 'boolean' || typeof right !== 'boolean')
        return unknown(`\`${op}\` on non-booleans`);
      return op === '&&' ? left && right : left || right;
  }
  const a = typeof left === 'string' && /^-?\d+(\.\d+)?$/.test(left) ? Number(left) : left;
  const b = typeof right === 'string' && /^-?\d+(\.\d+)?$/.test(right) ? Number(right) : right;
  if (typeof a !== 'number' || typeof b !== 'number')
    return unknown(`\`${op}\` on values that are not numbers`);
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? unknown('division by zero') : a / b;
    case '%':
      return b === 0 ? unknown('modulo by zero') : ((a % b) + b) % b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
  return unknown(`operator \`${op}\``);
}

function forExpression(node: Extract<Node, { k: 'for' }>, scope: Scope): Value {
  const coll = evaluate(node.coll, scope);
  if (isUnknown(coll)) return coll;
  let pairs: [Value, Value][];
  if (Array.isArray(coll)) pairs = coll.map((v, i) => [i, v]);
  else if (isObject(coll)) pairs = Object.entries(coll);
  else if (isZoneList(coll)) {
    if (coll.size === undefined)
      return unknown('iterating over the AZs of a region the zone table does not know');
    pairs = Array.from({ length: coll.size }, (_, i) => [i, zoneAt(coll, i)]);
  } else return unknown('a `for` over a value that is not a collection');
  const tupleOut: Value[] = [];
  const objectOut: { [key: string]: Value } = {};
  for (const [k, v] of pairs) {
    const locals = new Map(scope.locals ?? []);
    if (node.keyVar) locals.set(node.keyVar, k);
    locals.set(node.valueVar, v);
    const inner: Scope = { root: scope.root, locals };
    if (node.cond) {
      const keep = evaluate(node.cond, inner);
      if (isUnknown(keep)) return keep;
      if (keep !== true) continue;
    }
    const value = evaluate(node.value, inner);
    if (node.tuple) tupleOut.push(value);
    else {
      const key = evaluate(node.key!, inner);
      if (typeof key !== 'string' && typeof key !== 'number')
        return unknown('a `for` key computed at plan time');
      objectOut[String(key)] = value;
    }
  }
  return node.tuple ? tupleOut : objectOut;
}

/** A list view of a value: lists as they are, sets/maps by their values, an AZ list by its zones. */
function asList(value: Value): Value[] | Unknown {
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) return value;
  if (isZoneList(value)) {
    if (value.size === undefined)
      return unknown(`the number of AZs in ${value.region ?? 'the provider’s region'} is not known`);
    return Array.from({ length: value.size }, (_, i) => zoneAt(value, i));
  }
  if (isObject(value)) return Object.values(value);
  return unknown('a value that is not a list');
}

function callFunction(node: Extract<Node, { k: 'call' }>, scope: Scope): Value {
  let args = node.args.map((a) => evaluate(a, scope));
  if (node.expand && args.length) {
    const last = asList(args[args.length - 1]);
    if (isUnknown(last)) return last;
    args = [...args.slice(0, -1), ...last];
  }
  const name = node.name;
  const firstUnknown = args.find(isUnknown);
  switch (name) {
    case 'element': {
      const [list, index] = args;
      if (isUnknown(list)) return list;
      if (isUnknown(index)) return index;
      if (typeof index !== 'number') return unknown('element() with a non-number index');
      if (isZoneList(list)) {
        if (list.size === undefined) {
          return index === 0
            ? zoneAt(list, 0)
            : unknown(
                `element() wraps around the AZs of ${list.region ?? 'the provider’s region'}, whose number is not known`,
              );
        }
        return zoneAt(list, index % list.size);
      }
      const items = asList(list);
      if (isUnknown(items)) return items;
      if (items.length === 0) return unknown('element() of an empty list');
      return items[((index % items.length) + items.length) % items.length];
    }
    case 'length': {
      const [v] = args;
      if (isUnknown(v)) return v;
      if (typeof v === 'string') return v.length;
      if (isZoneList(v))
        return v.size ?? unknown(`the number of AZs in ${v.region ?? 'the provider’s region'} is not known`);
      if (Array.isArray(v)) return v.length;
      if (isObject(v)) return Object.keys(v).length;
      return unknown('length() of a value that is not a collection');
    }
    case 'slice': {
      const [v, from, to] = args;
      const items = asList(v);
      if (isUnknown(items)) {
        if (isZoneList(v) && typeof from === 'number' && typeof to === 'number') {
          return Array.from({ length: Math.max(0, to - from) }, (_, i) => zoneAt(v, from + i));
        }
        return items;
      }
      if (typeof from !== 'number' || typeof to !== 'number')
        return firstUnknown ?? unknown('slice() bounds');
      return items.slice(from, to);
    }
    case 'concat': {
      const out: Value[] = [];
      for (const a of args) {
        const items = asList(a);
        if (isUnknown(items)) return items;
        out.push(...items);
      }
      return out;
    }
    case 'tolist':
    case 'toset':
    case 'values':
    case 'compact':
    case 'distinct':
    case 'sort': {
      if (firstUnknown) return firstUnknown;
      const items = asList(args[0]);
      if (isUnknown(items)) return items;
      let out = items;
      if (name === 'compact') out = out.filter((v) => v !== null && v !== '');
      if (name === 'distinct' || name === 'toset')
        out = out.filter((v, i) => out.findIndex((o) => JSON.stringify(o) === JSON.stringify(v)) === i);
      if (name === 'sort') out = [...out].sort();
      return out;
    }
    case 'tomap':
      return args[0];
    case 'keys': {
      if (firstUnknown) return firstUnknown;
      return isObject(args[0]) ? Object.keys(args[0]) : unknown('keys() of a value that is not a map');
    }
    case 'flatten': {
      if (firstUnknown) return firstUnknown;
      const flat = (v: Value): Value[] | Unknown => {
        const items = asList(v);
        if (isUnknown(items)) return items;
        const out: Value[] = [];
        for (const item of items) {
          if (Array.isArray(item)) {
            const inner = flat(item);
            if (isUnknown(inner)) return inner;
            out.push(...inner);
          } else out.push(item);
        }
        return out;
      };
      return flat(args[0]);
    }
    case 'lookup': {
      const [map, key, fallback] = args;
      if (isUnknown(map)) return map;
      if (isUnknown(key)) return key;
      if (
        isObject(map) &&
        (typeof key === 'string' || typeof key === 'number') &&
        Object.hasOwn(map, String(key))
      )
        return map[String(key)];
      return fallback === undefined ? unknown(`lookup() of a missing key \`${String(key)}\``) : fallback;
    }
    case 'coalesce': {
      for (const a of args) {
        if (isUnknown(a)) return a;
        if (a !== null && a !== '') return a;
      }
      return unknown('coalesce() of nothing');
    }
    case 'try':
    case 'can': {
      const good = args.find((a) => !isUnknown(a));
      if (name === 'can') return good !== undefined;
      return good ?? firstUnknown ?? unknown('try() of nothing');
    }
    case 'min':
    case 'max': {
      if (firstUnknown) return firstUnknown;
      if (!args.every((a) => typeof a === 'number')) return unknown(`${name}() of non-numbers`);
      return name === 'min' ? Math.min(...(args as number[])) : Math.max(...(args as number[]));
    }
    case 'floor':
    case 'ceil':
    case 'abs': {
      const [v] = args;
      if (isUnknown(v)) return v;
      if (typeof v !== 'number') return unknown(`${name}() of a non-number`);
      return Math[name](v);
    }
    case 'tonumber': {
      const [v] = args;
      if (isUnknown(v)) return v;
      const n = Number(v);
      return Number.isFinite(n) ? n : unknown('tonumber() of a non-number');
    }
    case 'tostring':
    case 'lower':
    case 'upper': {
      const [v] = args;
      if (isUnknown(v)) return v;
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
        return unknown(`${name}() of a collection`);
      const s = String(v);
      return name === 'lower' ? s.toLowerCase() : name === 'upper' ? s.toUpperCase() : s;
    }
    case 'format': {
      if (firstUnknown) return firstUnknown;
      const [spec, ...rest] = args;
      if (typeof spec !== 'string') return unknown('format() without a string');
      let i = 0;
      let failed = false;
      const out = spec.replace(/%%|%[-+# 0]*\d*(?:\.\d+)?([sdvfq])/g, (whole) => {
        if (whole === '%%') return '%';
        const v = rest[i++];
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
        failed = true;
        return '';
      });
      return failed ? unknown('format() of a collection') : out;
    }
    case 'range': {
      if (firstUnknown) return firstUnknown;
      if (!args.every((a) => typeof a === 'number')) return unknown('range() of non-numbers');
      const [a, b, step] = args as number[];
      const [start, end] = b === undefined ? [0, a] : [a, b];
      const by = step ?? 1;
      if (by === 0 || Math.abs((end - start) / by) > 10_000) return unknown('range() too large');
      const out: number[] = [];
      for (let v = start; by > 0 ? v < end : v > end; v += by) out.push(v);
      return out;
    }
    default:
      return firstUnknown ?? unknown(`the function ${name}() is not evaluated`);
  }
}
