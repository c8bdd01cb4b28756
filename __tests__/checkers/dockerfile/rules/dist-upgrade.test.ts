import { describe, expect, it } from 'vitest';
import { distUpgrade } from '../../../../src/checkers/dockerfile/rules/dist-upgrade';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/dist-upgrade';

describe('dockerfile/dist-upgrade', () => {
  it('fires on the example', async () => {
    const found = await findingsFor(distUpgrade.example!.bad, ID);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('apt-get dist-upgrade -y');
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(distUpgrade.example!.good, ID)).toEqual([]);
  });

  it('covers apt-get upgrade, apt full-upgrade and zypper dup', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get -y upgrade',
      'RUN apt full-upgrade -y',
      'FROM opensuse/leap:15.6',
      'RUN zypper --non-interactive dup',
    ].join('\n');
    expect((await findingsFor(text, ID)).map((f) => f.line)).toEqual([2, 3, 5]);
  });

  it('is quiet for targeted upgrades and other managers', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y --only-upgrade openssl && rm -rf /var/lib/apt/lists/*',
      'RUN echo "apt-get upgrade is not run here"',
      'RUN pip install --upgrade --no-cache-dir pip',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
