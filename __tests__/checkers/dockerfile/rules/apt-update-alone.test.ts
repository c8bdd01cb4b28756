import { describe, expect, it } from 'vitest';
import { aptUpdateAlone } from '../../../../src/checkers/dockerfile/rules/apt-update-alone';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/apt-update-alone';

describe('dockerfile/apt-update-alone', () => {
  it('fires on the example', async () => {
    const found = await findingsFor(aptUpdateAlone.example!.bad, ID);
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(2);
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(aptUpdateAlone.example!.good, ID)).toEqual([]);
  });

  it('follows the order of the commands: an install before the update does not count', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN apt-get install -y --no-install-recommends gnupg; apt-get update',
      'RUN apt-get update || true',
      'RUN apk update',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([2, 3, 4]);
    expect(found[2].message).toContain('apk update');
  });

  it('is quiet when the same RUN installs or upgrades after the update, whatever the structure', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -qq install curl && rm -rf /var/lib/apt/lists/*',
      'RUN <<EOF',
      'apt-get update',
      '# comment between',
      'apt-get install -y --no-install-recommends jq',
      'EOF',
      'RUN apt-get update && xargs apt-get install -y < /tmp/packages.txt',
      'RUN apt-get update && /usr/local/bin/install-deps.sh',
      'RUN apk update && apk add --no-cache curl',
      'RUN apt-get update; if true; then apt-get upgrade -y; fi',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
