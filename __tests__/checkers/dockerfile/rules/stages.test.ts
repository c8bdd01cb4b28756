import { describe, expect, it } from 'vitest';
import { stageNameDuplicate } from '../../../../src/checkers/dockerfile/rules/stage-name-duplicate';
import { copyFromInvalidStage } from '../../../../src/checkers/dockerfile/rules/copy-from-invalid-stage';
import { findingsFor } from '../helpers';

describe('dockerfile/stage-name-duplicate', () => {
  const ID = 'dockerfile/stage-name-duplicate';

  it('fires on the second stage with the same name', async () => {
    const found = await findingsFor(stageNameDuplicate.example!.bad, ID);
    expect(found).toMatchObject([{ line: 3 }]);
    expect(found[0].message).toContain('`build` is already used by the stage at line 1');
  });

  it('compares names case-insensitively', async () => {
    expect(await findingsFor('FROM a:1 AS Build\nFROM b:1 AS build\n', ID)).toHaveLength(1);
  });

  it('is quiet on distinct names and unnamed stages', async () => {
    expect(await findingsFor(stageNameDuplicate.example!.good, ID)).toEqual([]);
    expect(await findingsFor('FROM a:1\nFROM a:1\nFROM b:1 AS b\n', ID)).toEqual([]);
  });
});

describe('dockerfile/copy-from-invalid-stage', () => {
  const ID = 'dockerfile/copy-from-invalid-stage';

  it('warns on a name that nearly spells an earlier stage', async () => {
    const found = await findingsFor(copyFromInvalidStage.example!.bad, ID);
    expect(found).toMatchObject([{ line: 4, severity: 'warning' }]);
    expect(found[0].message).toContain(
      '`COPY --from=builder` names no stage, but nearly spells the stage `build`',
    );
  });

  it('is quiet on BuildKit named contexts and bare image names', async () => {
    const text = [
      'FROM golang:1.22 AS build',
      'RUN go build -o /out/api ./cmd/api',
      'FROM alpine:3.20',
      'COPY --from=vendored-src /src /src', // --build-context vendored-src=../lib
      'COPY --from=composer /usr/bin/composer /usr/bin/composer', // the composer image
      'COPY --from=tool_builder /bin/tool /bin/tool',
      'COPY --from=build /out/api /api',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('fires on its own stage, a later stage, and an index out of range', async () => {
    const text = [
      'FROM alpine:3.20 AS one', //          1
      'COPY --from=one /a /a', //           2
      'COPY --from=two /b /b', //           3
      'COPY --from=1 /c /c', //             4
      'FROM alpine:3.20 AS two', //          5
      'RUN --mount=type=bind,from=two,target=/x true', // 6
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([2, 3, 4, 6]);
    expect(found[0].message).toContain('its own stage');
    expect(found[1].message).toContain('defined later (line 5)');
    expect(found[2].message).toContain('no stage comes before this one');
    const second = await findingsFor('FROM alpine:3.20\nFROM alpine:3.20\nCOPY --from=5 /x /x\n', ID);
    expect(second[0].message).toContain('names stage 5, but only stage 0 comes before it');
  });

  it('is quiet on earlier stages by name or index, images and build-arg values', async () => {
    expect(await findingsFor(copyFromInvalidStage.example!.good, ID)).toEqual([]);
    const text = [
      'ARG TOOLS=tools',
      'FROM golang:1.22 AS Build',
      'FROM alpine:3.20 AS tools',
      'FROM alpine:3.20',
      'ARG TOOLS',
      'COPY --from=build /out /out',
      'COPY --from=0 /out /out2',
      'COPY --from=busybox:1.36 /bin/busybox /bin/busybox',
      'COPY --from=ghcr.io/acme/certs /certs /certs',
      'COPY --from=$TOOLS /x /x',
      'COPY --from=${UNSET_ARG} /y /y',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
