import { describe, expect, it } from 'vitest';
import { pipNoCacheDir } from '../../../../src/checkers/dockerfile/rules/pip-no-cache-dir';
import { applyFindingSuggestion, findingsFor } from '../helpers';

const ID = 'dockerfile/pip-no-cache-dir';

describe('dockerfile/pip-no-cache-dir', () => {
  it('fires on the example and its suggestion gives the fixed example', async () => {
    const found = await findingsFor(pipNoCacheDir.example!.bad, ID);
    expect(found).toHaveLength(1);
    expect(applyFindingSuggestion(pipNoCacheDir.example!.bad, found[0])).toBe(pipNoCacheDir.example!.good);
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(pipNoCacheDir.example!.good, ID)).toEqual([]);
  });

  it('finds pip3, python -m pip and a venv pip, and edits each of them', async () => {
    const text = [
      'FROM python:3.12-slim',
      'RUN python3 -m venv /opt/venv \\',
      '    && /opt/venv/bin/pip install --upgrade pip \\',
      '    && python3 -m pip install wheel && pip3 install -r /tmp/req.txt',
    ].join('\n');
    const [finding] = await findingsFor(text, ID);
    expect(applyFindingSuggestion(text, finding)).toBe(
      [
        'FROM python:3.12-slim',
        'RUN python3 -m venv /opt/venv \\',
        '    && /opt/venv/bin/pip install --no-cache-dir --upgrade pip \\',
        '    && python3 -m pip install --no-cache-dir wheel && pip3 install --no-cache-dir -r /tmp/req.txt',
      ].join('\n'),
    );
  });

  it('accepts PIP_NO_CACHE_DIR from ENV (also an earlier stage), a RUN prefix or an export', async () => {
    const text = [
      'FROM python:3.12-slim AS base',
      'ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1',
      'FROM base',
      'RUN python -m venv /venv && /venv/bin/pip install flask',
      'FROM python:3.12-slim',
      'RUN PIP_NO_CACHE_DIR=off pip install gunicorn',
      'RUN export PIP_NO_CACHE_DIR=true && pip install uvicorn',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('accepts cache mounts for root and other users, and removing the cache in the same RUN', async () => {
    const text = [
      'FROM python:3.12-slim',
      'RUN --mount=type=cache,target=/root/.cache/pip pip install flask',
      'RUN useradd -m -u 1000 app',
      'USER app',
      'RUN --mount=type=cache,target=/home/app/.cache,uid=1000 pip install --user gunicorn',
      'USER root',
      'RUN pip install uvicorn && rm -rf /root/.cache/pip',
      'RUN pip install httpx && pip cache purge',
      'ENV PIP_CACHE_DIR=/var/cache/pip',
      'RUN --mount=type=cache,target=/var/cache/pip pip install rich',
      'RUN pip download -d /wheels requests',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it("fires when the cache mount is another user's cache", async () => {
    const asApp = [
      'FROM python:3.12-slim',
      'RUN useradd -m -u 1000 app',
      'USER app',
      'RUN --mount=type=cache,target=/root/.cache/pip pip install --user flask',
    ].join('\n');
    const [finding] = await findingsFor(asApp, ID);
    expect(finding.line).toBe(4);
    expect(finding.message).toContain('runs as `app`, whose cache is /home/app/.cache/pip');
    // Without USER the RUN is root's, and root's cache is not under /home/app.
    const asRoot =
      'FROM python:3.12-slim\nRUN --mount=type=cache,target=/home/app/.cache pip install flask\n';
    expect((await findingsFor(asRoot, ID)).map((f) => f.line)).toEqual([2]);
  });

  it('fires when the cache is removed before the install, and ignores builder stages', async () => {
    const text = [
      'FROM python:3.12 AS build',
      'RUN pip wheel -w /wheels numpy && pip install numpy',
      'FROM python:3.12-slim',
      'RUN rm -rf /root/.cache && pip install /wheels/*.whl',
    ].join('\n');
    expect((await findingsFor(text, ID)).map((f) => f.line)).toEqual([4]);
  });
});
