import { describe, expect, it } from 'vitest';
import { aptGetRecommends } from '../../../../src/checkers/dockerfile/rules/apt-get-recommends';
import { applyFindingSuggestion, findingsFor } from '../helpers';

const ID = 'dockerfile/apt-get-recommends';

describe('dockerfile/apt-get-recommends', () => {
  it('fires on the example and its suggestion gives the fixed example', async () => {
    const found = await findingsFor(aptGetRecommends.example!.bad, ID);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('apt-get install -y curl');
    expect(applyFindingSuggestion(aptGetRecommends.example!.bad, found[0])).toBe(
      aptGetRecommends.example!.good,
    );
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(aptGetRecommends.example!.good, ID)).toEqual([]);
  });

  it('edits every install of the RUN, across continuation lines and comments, leaving the rest as is', async () => {
    const text = [
      'FROM ubuntu:24.04',
      'RUN apt-get update \\',
      '    # tools first',
      '    && apt-get -qq install \\',
      '        curl git \\',
      '    && sudo apt install -y jq \\',
      '    && rm -rf /var/lib/apt/lists/*',
    ].join('\n');
    const [finding] = await findingsFor(text, ID);
    // From the first edited install to the last one.
    expect(finding).toMatchObject({ line: 4, endLine: 6 });
    expect(applyFindingSuggestion(text, finding)).toBe(
      text
        .replace('apt-get -qq install \\', 'apt-get -qq install --no-install-recommends \\')
        .replace('apt install -y jq', 'apt install --no-install-recommends -y jq'),
    );
  });

  it('accepts -o APT::Install-Recommends=false and an apt.conf.d file from the base stage', async () => {
    const text = [
      'FROM debian:12-slim AS base',
      `RUN printf 'APT::Install-Recommends "0";\\nAPT::Install-Suggests "0";\\n' > /etc/apt/apt.conf.d/01norecommends`,
      'FROM base',
      'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
      'RUN apt-get update && apt-get -o APT::Install-Recommends=false install -y jq && rm -rf /var/lib/apt/lists/*',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('ignores builder stages the final image does not build on', async () => {
    const text = [
      'FROM debian:12 AS build',
      'RUN apt-get update && apt-get install -y build-essential',
      'FROM debian:12-slim',
      'COPY --from=build /out/app /usr/local/bin/app',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
    const shipped = text.replace('FROM debian:12-slim', 'FROM build');
    expect(await findingsFor(shipped, ID)).toHaveLength(1);
  });
});
