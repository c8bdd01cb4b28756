import { describe, expect, it } from 'vitest';
import { packageUnpinned } from '../../../../src/checkers/dockerfile/rules/package-unpinned';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/package-unpinned';

async function flagged(text: string): Promise<string[]> {
  return (await findingsFor(text, ID)).map((f) => f.message);
}

describe('dockerfile/package-unpinned', () => {
  it('is off unless the config turns it on', () => {
    expect(packageUnpinned.defaultOff).toBe(true);
  });

  it('fires on the example, naming each unpinned package', async () => {
    const [message, ...rest] = await flagged(packageUnpinned.example!.bad);
    expect(rest).toEqual([]);
    expect(message).toContain('`flask`, `gunicorn`');
    expect(message).toContain('==');
  });

  it('is quiet on the fixed example', async () => {
    expect(await flagged(packageUnpinned.example!.good)).toEqual([]);
  });

  it('reads apt and apk versions, skipping local packages and option values', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN apt-get install -y --no-install-recommends -t bookworm-backports curl=7.88.1-10 git ./vendor/tool.deb',
      'FROM alpine:3.20',
      'RUN apk add --no-cache --virtual .deps curl=8.5.0-r0 jq~1.7 bash /tmp/x.apk',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => [f.line, f.message.match(/`[^`]+`/g)?.slice(0, 1)])).toEqual([
      [2, ['`git`']],
      [4, ['`bash`']],
    ]);
  });

  it('reads pip specifiers, requirement and constraint files, and local paths', async () => {
    const text = [
      'FROM python:3.12-slim',
      'RUN pip install --no-cache-dir -r requirements.txt . "uvicorn[standard]>=0.30" httpx~=0.27 ./libs/core',
      'RUN pip install --no-cache-dir -c constraints.txt fastapi',
      'RUN pip install --no-cache-dir git+https://example.com/pkg.git@v1.0 dist/app-1.0-py3-none-any.whl',
      'RUN pip install --no-cache-dir -e . rich',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([5]);
    expect(found[0].message).toContain('`rich`');
  });

  it('reads npm, gem and go versions', async () => {
    const text = [
      'FROM node:20-slim',
      'RUN npm install -g pnpm@9.1.0 @scope/tool@2.0.0 typescript npm@latest',
      'RUN npm ci && npm install',
      'RUN gem install bundler -v 2.5.10 && gem install rake:13.2.1 && gem install rails',
      'RUN go install golang.org/x/tools/cmd/goimports@v0.22.0 && go install example.com/cmd/x@latest && go install ./cmd/...',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([2, 4, 5]);
    expect(found[0].message).toContain('`typescript`, `npm@latest`');
    expect(found[1].message).toContain('`rails`');
    expect(found[2].message).toContain('`example.com/cmd/x@latest`');
  });
});
