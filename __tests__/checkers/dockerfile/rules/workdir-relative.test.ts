import { describe, expect, it } from 'vitest';
import { applyFindingSuggestion, findingsFor } from '../helpers';
import { workdirRelative } from '../../../../src/checkers/dockerfile/rules/workdir-relative';

const ID = workdirRelative.id;

describe(ID, () => {
  it('reports the documented bad example, warning that the base decides the directory', async () => {
    const findings = await findingsFor(workdirRelative.example!.bad, ID);
    expect(findings.map((f) => f.line)).toEqual([2]);
    expect(findings[0].message).toContain('base image');
    expect(findings[0].suggestion).toBeUndefined();
  });

  it('stays quiet on the documented good example', async () => {
    expect(await findingsFor(workdirRelative.example!.good, ID)).toEqual([]);
  });

  it('suggests the absolute path when an earlier WORKDIR fixes it', async () => {
    const text = 'FROM php:8.3-fpm-alpine\nWORKDIR /var/www\nWORKDIR html/../app\n';
    const findings = await findingsFor(text, ID);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('/var/www/app');
    expect(applyFindingSuggestion(text, findings[0])).toBe(
      'FROM php:8.3-fpm-alpine\nWORKDIR /var/www\nWORKDIR /var/www/app\n',
    );
  });

  it('accepts absolute paths from build args, unknown build args and Windows paths', async () => {
    const text = [
      'FROM alpine:3.20',
      'ARG APP_HOME=/srv/app',
      'ARG UNKNOWN',
      'WORKDIR ${APP_HOME}',
      'WORKDIR $UNKNOWN',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'WORKDIR C:\\app',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
