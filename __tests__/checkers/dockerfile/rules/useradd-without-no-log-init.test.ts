import { describe, expect, it } from 'vitest';
import { useraddWithoutNoLogInit } from '../../../../src/checkers/dockerfile/rules/useradd-without-no-log-init';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/useradd-without-no-log-init';

describe('dockerfile/useradd-without-no-log-init', () => {
  it('fires on the example as a warning, with the size the layer gets', async () => {
    const [finding, ...rest] = await findingsFor(useraddWithoutNoLogInit.example!.bad, ID);
    expect(rest).toEqual([]);
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain('UID 1000680000 without `-l`');
    expect(finding.message).toContain('about 324 GB of zeros');
    expect(finding.message).toContain('Ubuntu 22.04');
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(useraddWithoutNoLogInit.example!.good, ID)).toEqual([]);
  });

  it('reads the UID in every spelling, from ARG defaults too, and points at the command', async () => {
    const text = [
      'FROM rockylinux:9',
      'ARG APP_UID=200000',
      'RUN groupadd -g 200000 app \\',
      '    && useradd -mu "$APP_UID" -g app app',
      'RUN useradd --uid=70000 --system svc',
      'RUN useradd -u100000 worker',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [4, 'warning'],
      [5, 'warning'],
      [6, 'warning'],
    ]);
    expect(found[0].message).toContain('UID 200000');
  });

  it('is a notice where the base may have a useradd that skips the entry', async () => {
    const text = 'FROM python:3.12-slim\nRUN useradd --create-home --uid 1000680000 app\n';
    const [finding] = await findingsFor(text, ID);
    expect(finding.severity).toBe('notice');
    expect(finding.message).toContain('shadow-utils 4.13');
  });

  it('is quiet with -l, small or unknown UIDs, adduser, Alpine, and removed log files', async () => {
    const text = [
      'FROM ubuntu:22.04',
      'ARG USER_UID',
      'RUN useradd -l -u 1000680000 a && useradd --no-log-init -u 1000680001 b && useradd -rlmu 1000680002 c',
      'RUN useradd -u 1000 app && useradd --uid 65534 nobody2 && useradd -u 10001 -r svc',
      'RUN useradd -u "$USER_UID" -m dev && useradd -u $(id -u) me',
      'RUN adduser --disabled-password --uid 1000680000 app2',
      'RUN useradd -u 1000680000 app3 && rm -f /var/log/lastlog /var/log/faillog',
      'RUN useradd -c "uid 1000680000 account" svc2',
      'FROM alpine:3.20',
      'RUN apk add --no-cache shadow && useradd -u 1000680000 app',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
