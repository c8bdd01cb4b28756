import { describe, expect, it } from 'vitest';
import { firstInstruction } from '../../../../src/checkers/dockerfile/rules/first-instruction';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/first-instruction';

describe('dockerfile/first-instruction', () => {
  it('fires when an instruction other than ARG comes before FROM', async () => {
    const found = await findingsFor(firstInstruction.example!.bad, ID);
    expect(found).toMatchObject([{ line: 1 }]);
    expect(found[0].message).toContain('`LABEL` comes before the first FROM (line 2)');
  });

  it('fires on a file without FROM', async () => {
    expect(await findingsFor('RUN echo hi\n', ID)).toMatchObject([{ line: 1 }]);
  });

  it('is quiet with directives, comments and ARGs before FROM', async () => {
    expect(await findingsFor(firstInstruction.example!.good, ID)).toEqual([]);
    const text =
      '# syntax=docker/dockerfile:1\n# escape=\\\n\n# a comment\nARG A=1\nARG B\nFROM alpine:3.20\n';
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('leaves an unknown first keyword to invalid-syntax', async () => {
    expect(await findingsFor('FORM alpine:3.20\nFROM alpine:3.20\n', ID)).toEqual([]);
  });
});
