import { describe, expect, it } from 'vitest';
import {
  evaluateText,
  isUnknown,
  type Scope,
  type Value,
} from '../../../src/checkers/topology/sources/hcl-eval';

const vars: Record<string, Value> = {
  azs: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  n: 5,
  subnets: { a: { zone: 'eu-west-1a' }, b: { zone: 'eu-west-1b' } },
};

const scope: Scope = {
  root(name, next) {
    if (name === 'var' && next)
      return Object.hasOwn(vars, next) ? vars[next] : { unknown: true, why: `var.${next} unset` };
    if (name === 'count' && next === 'index') return 4;
    if (name === 'data' && next === 'aws_availability_zones') {
      return { all: { names: { zoneList: true, region: 'us-east-2', size: 3, ids: false } } };
    }
    return undefined;
  },
};

const value = (text: string) => evaluateText(text, scope);

describe('the Terraform expression evaluator', () => {
  it('evaluates indexes, element() wrapping, % and length()', () => {
    expect(value('var.azs[1]')).toBe('eu-west-1b');
    expect(value('element(var.azs, count.index)')).toBe('eu-west-1b');
    expect(value('var.azs[count.index % length(var.azs)]')).toBe('eu-west-1b');
    expect(value('var.n * 2 - 1')).toBe(9);
  });

  it('evaluates splats, for expressions, templates and conditionals', () => {
    expect(value('[for k, s in var.subnets : s.zone]')).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(value('{ for k, s in var.subnets : k => s.zone if k == "b" }')).toEqual({ b: 'eu-west-1b' });
    expect(value('values(var.subnets)[*].zone')).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(value('"${var.azs[0]}-x"')).toBe('eu-west-1a-x');
    expect(value('var.n > 3 ? "many" : "few"')).toBe('many');
    expect(value('format("%s%s", "eu-west-1", "c")')).toBe('eu-west-1c');
  });

  it('turns the AZ data source into indexed zones', () => {
    expect(value('data.aws_availability_zones.all.names[1]')).toEqual({ zoneIndex: 1, region: 'us-east-2' });
    expect(value('element(data.aws_availability_zones.all.names, count.index)')).toEqual({
      zoneIndex: 1,
      region: 'us-east-2',
    });
    expect(value('length(data.aws_availability_zones.all.names)')).toBe(3);
    expect(value('slice(data.aws_availability_zones.all.names, 0, 2)')).toEqual([
      { zoneIndex: 0, region: 'us-east-2' },
      { zoneIndex: 1, region: 'us-east-2' },
    ]);
  });

  it('says why instead of guessing', () => {
    const missing = value('var.nope[0]');
    expect(isUnknown(missing) && missing.why).toBe('var.nope unset');
    const outOfRange = value('var.azs[7]');
    expect(isUnknown(outOfRange) && outOfRange.why).toContain('out of range');
    const fn = value('cidrsubnet("10.0.0.0/16", 8, 1)');
    expect(isUnknown(fn) && fn.why).toContain('cidrsubnet() is not evaluated');
    const directive = value('"%{ if true }a%{ endif }"');
    expect(isUnknown(directive) && directive.why).toContain('syntax the evaluator does not follow');
  });
});
