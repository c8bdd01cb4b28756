import { describe, expect, it } from 'vitest';
import { applyFindingSuggestion, findingsFor } from '../helpers';
import { maintainerDeprecated } from '../../../../src/checkers/dockerfile/rules/maintainer-deprecated';

const ID = maintainerDeprecated.id;

describe(ID, () => {
  it('reports the documented bad example and its suggestion gives the good one', async () => {
    const bad = maintainerDeprecated.example!.bad;
    const findings = await findingsFor(bad, ID);
    expect(findings.map((f) => f.line)).toEqual([2]);
    expect(applyFindingSuggestion(bad, findings[0])).toBe(maintainerDeprecated.example!.good);
  });

  it('stays quiet on the documented good example', async () => {
    expect(await findingsFor(maintainerDeprecated.example!.good, ID)).toEqual([]);
  });

  it('escapes quotes in the label value and reports in every stage', async () => {
    const text = 'FROM alpine:3.20 AS a\nmaintainer Jane "JD" Doe\nFROM a\nMAINTAINER ops@example.com\n';
    const findings = await findingsFor(text, ID);
    expect(findings.map((f) => f.line)).toEqual([2, 4]);
    expect(findings[0].suggestion?.replacement).toBe(
      'LABEL org.opencontainers.image.authors="Jane \\"JD\\" Doe"',
    );
  });
});
