import { describe, expect, it } from 'vitest';
import { fromUndefinedArg } from '../../../../src/checkers/dockerfile/rules/from-undefined-arg';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/from-undefined-arg';

describe('dockerfile/from-undefined-arg', () => {
  it('fires on an ARG declared without default and names the image it becomes', async () => {
    const found = await findingsFor(fromUndefinedArg.example!.bad, ID);
    expect(found).toMatchObject([{ line: 2, column: 11 }]);
    expect(found[0].message).toContain('`NODE_VERSION` is declared without a default (line 1)');
    // `node:-alpine` is no reference at all: the builder stops there.
    expect(found[0].message).toContain('becomes `node:-alpine`, which is not a valid image reference');
  });

  it('fires on an ARG that is never declared, or declared only inside a stage', async () => {
    const text = 'FROM alpine:3.20 AS one\nARG PY=3.12\nFROM python:${PY}-slim\nFROM $IMAGE\n';
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([3, 4]);
    expect(found[0].message).toContain('only declared after the first FROM');
    expect(found[1].message).toContain('`IMAGE` is not declared before the first FROM');
    expect(found[1].message).toContain('names no image');
  });

  it('names the image a valid empty expansion pulls', async () => {
    const [finding] = await findingsFor('ARG REGISTRY\nFROM ${REGISTRY}python:3.12-slim\n', ID);
    expect(finding.message).toContain('this FROM pulls `python:3.12-slim`');
  });

  it('is quiet on defaults, inline defaults and automatic platform args', async () => {
    expect(await findingsFor(fromUndefinedArg.example!.good, ID)).toEqual([]);
    const text = [
      'ARG BASE=alpine:3.20',
      'FROM ${BASE}',
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      'FROM ${RUNTIME:-gcr.io/distroless/static-debian12}',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
