import { describe, expect, it } from 'vitest';
import { applyFindingSuggestion, findingsFor } from '../helpers';
import { heredocWithoutErrexit } from '../../../../src/checkers/dockerfile/rules/heredoc-without-errexit';

const ID = heredocWithoutErrexit.id;

describe(ID, () => {
  it('reports the documented bad example and suggests set -e as the first line', async () => {
    const bad = heredocWithoutErrexit.example!.bad;
    const findings = await findingsFor(bad, ID);
    expect(findings.map((f) => [f.line, f.endLine])).toEqual([[3, 7]]);
    expect(findings[0].message).toContain('apt-get update');
    const fixed = applyFindingSuggestion(bad, findings[0]);
    expect(fixed.split('\n')[3]).toBe('set -e');
    expect(await findingsFor(fixed, ID)).toEqual([]);
  });

  it('stays quiet on the documented good example', async () => {
    expect(await findingsFor(heredocWithoutErrexit.example!.good, ID)).toEqual([]);
  });

  it('accepts errexit from a shebang, a SHELL with -e, or the shell reading the heredoc', async () => {
    const text = [
      '# syntax=docker/dockerfile:1', //    1
      'FROM debian:12-slim', //            2
      'RUN <<EOF', //                       3
      '#!/bin/sh -e', //                   4
      'mkdir -p /srv/www', //              5
      'echo ok > /srv/www/healthz', //     6
      'EOF', //                             7
      'RUN <<EOF bash -e', //              8
      'apt-get update', //                 9
      'apt-get install -y curl', //        10
      'EOF', //                             11
      'SHELL ["/bin/bash", "-euo", "pipefail", "-c"]',
      'RUN <<EOF',
      'apt-get update',
      'apt-get install -y jq',
      'EOF',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('ignores single commands, handled failures, echo lines, non-shell interpreters and data heredocs', async () => {
    const text = [
      'FROM python:3.12-slim',
      'RUN <<EOF',
      'ln -sf /dev/stdout /var/log/app.log',
      'EOF',
      'RUN <<EOF',
      'rm -f /tmp/cache || true',
      'pip install --no-cache-dir requests',
      'EOF',
      'RUN <<EOF python3',
      'import pathlib',
      'pathlib.Path("/etc/v").write_text("1")',
      'EOF',
      'RUN <<EOF',
      'echo "building $VERSION" > /etc/build-info',
      'cat /etc/build-info',
      'EOF',
      'RUN cat <<CONF > /etc/app.conf',
      'listen = 0.0.0.0:9000',
      'workers = 4',
      'CONF',
      'RUN <<EOF',
      '#!/usr/bin/env python3',
      'print("a")',
      'print("b")',
      'EOF',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('reports a command before a late set -e, and heredocs fed to a shell', async () => {
    const text = [
      'FROM ubuntu:24.04', //                     1
      'RUN <<EOF', //                              2
      'apt-get update', //                        3
      'set -e', //                                4
      'apt-get install -y nginx', //              5
      'EOF', //                                    6
      'RUN bash <<SCRIPT', //                     7
      'groupadd web', //                          8
      'useradd -g web web', //                    9
      'SCRIPT', //                                 10
    ].join('\n');
    const findings = await findingsFor(text, ID);
    expect(findings.map((f) => f.line)).toEqual([2, 7]);
    expect(findings[1].message).toContain('groupadd web');
  });
});
