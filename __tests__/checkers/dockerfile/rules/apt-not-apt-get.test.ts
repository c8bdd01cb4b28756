import { describe, expect, it } from 'vitest';
import { aptNotAptGet } from '../../../../src/checkers/dockerfile/rules/apt-not-apt-get';
import { applyFindingSuggestion, findingsFor } from '../helpers';

const ID = 'dockerfile/apt-not-apt-get';

describe('dockerfile/apt-not-apt-get', () => {
  it('fires on the example and its suggestion gives the fixed example', async () => {
    const found = await findingsFor(aptNotAptGet.example!.bad, ID);
    expect(found).toHaveLength(1);
    expect(applyFindingSuggestion(aptNotAptGet.example!.bad, found[0])).toBe(aptNotAptGet.example!.good);
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(aptNotAptGet.example!.good, ID)).toEqual([]);
  });

  it('maps full-upgrade to dist-upgrade and gives no suggestion for queries apt-get lacks', async () => {
    const upgrade = 'FROM ubuntu:24.04\nRUN apt update && apt full-upgrade -y\n';
    const [finding] = await findingsFor(upgrade, ID);
    expect(applyFindingSuggestion(upgrade, finding)).toBe(
      'FROM ubuntu:24.04\nRUN apt-get update && apt-get dist-upgrade -y\n',
    );
    const [query] = await findingsFor('FROM ubuntu:24.04\nRUN apt list --installed > /pkgs.txt\n', ID);
    expect(query.suggestion).toBeUndefined();
    expect(query.message).toContain('apt-cache');
  });

  it('is quiet for apt-get, apt-cache, apt-key and apt-mark', async () => {
    const text = [
      'FROM ubuntu:24.04',
      'RUN apt-cache policy curl && apt-mark hold curl && apt-key list && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      'RUN echo apt install is for people',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
