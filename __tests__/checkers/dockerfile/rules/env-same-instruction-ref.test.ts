import { describe, expect, it } from 'vitest';
import { envSameInstructionRef } from '../../../../src/checkers/dockerfile/rules/env-same-instruction-ref';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/env-same-instruction-ref';

describe('dockerfile/env-same-instruction-ref', () => {
  it('fires at the reference and names the value Docker really uses', async () => {
    const found = await findingsFor(envSameInstructionRef.example!.bad, ID);
    expect(found).toMatchObject([{ line: 3, column: 11 }]);
    expect(found[0].message).toContain(
      '`HOME` is read here with its value from before this ENV (empty unless the base image sets it)',
    );
    expect(found[0].message).toContain('not the `/home/app` assigned earlier');
    expect(found[0].message).toContain('`PATH` becomes `/.local/bin:${PATH}`');
  });

  it('uses the earlier value when the variable was set by a previous ENV', async () => {
    const text = 'FROM alpine:3.20\nENV APP=/old\nENV APP=/srv/app LOGS=$APP/logs\n';
    const [finding] = await findingsFor(text, ID);
    expect(finding.message).toContain('(`/old`)');
    expect(finding.message).toContain('`LOGS` becomes `/old/logs`');
  });

  it('is quiet on split ENVs, self-references, escaped and single-quoted dollars', async () => {
    expect(await findingsFor(envSameInstructionRef.example!.good, ID)).toEqual([]);
    const text = [
      'FROM alpine:3.20',
      'ENV PATH=/opt/bin:$PATH LANG=C.UTF-8',
      "ENV A=1 B='$A' C=\\$A",
      'ENV D=1',
      'ENV E=$D F=2',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('warns when one ENV extends the same variable twice: the first value is lost', async () => {
    const text = 'FROM debian:12-slim\nENV PATH="/opt/jdk/bin:${PATH}" \\\n    PATH=/opt/maven/bin:$PATH\n';
    const found = await findingsFor(text, ID);
    expect(found).toMatchObject([{ line: 3, severity: 'warning' }]);
    expect(found[0].message).toContain('`PATH` is assigned twice in this ENV');
    expect(found[0].message).toContain('`/opt/jdk/bin` is lost');
  });

  it('keeps an error for a variable another pair of the ENV set, and is quiet on two separate ENVs', async () => {
    const mixed = 'FROM debian:12-slim\nENV TOOLS=/opt/tools PATH=$TOOLS/bin:$PATH\n';
    expect((await findingsFor(mixed, ID)).map((f) => f.severity ?? 'error')).toEqual(['error']);
    const split = 'FROM debian:12-slim\nENV PATH=/opt/jdk/bin:$PATH\nENV PATH=/opt/maven/bin:$PATH\n';
    expect(await findingsFor(split, ID)).toEqual([]);
  });

  it('does not apply to the legacy one-pair form', async () => {
    expect(await findingsFor('FROM alpine:3.20\nENV A value with $A inside\n', ID)).toEqual([]);
  });
});
