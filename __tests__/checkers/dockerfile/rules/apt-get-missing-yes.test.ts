import { describe, expect, it } from 'vitest';
import { aptGetMissingYes } from '../../../../src/checkers/dockerfile/rules/apt-get-missing-yes';
import { applyFindingSuggestion, findingsFor } from '../helpers';

const ID = 'dockerfile/apt-get-missing-yes';

describe('dockerfile/apt-get-missing-yes', () => {
  it('fires on the example and suggests adding -y', async () => {
    const found = await findingsFor(aptGetMissingYes.example!.bad, ID);
    expect(found).toHaveLength(1);
    // On the line of the install inside the RUN, where the suggestion edits.
    expect(found[0]).toMatchObject({ line: 3, endLine: 3 });
    expect(found[0].message).toContain('apt-get install --no-install-recommends curl');
    expect(applyFindingSuggestion(aptGetMissingYes.example!.bad, found[0])).toBe(
      aptGetMissingYes.example!.good,
    );
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(aptGetMissingYes.example!.good, ID)).toEqual([]);
  });

  it('does not take DEBIAN_FRONTEND=noninteractive or a single -q for a yes', async () => {
    const text =
      'FROM ubuntu:24.04\nRUN DEBIAN_FRONTEND=noninteractive apt-get -q install tzdata && apt-get purge --quiet vim\n';
    const [finding] = await findingsFor(text, ID);
    expect(finding.message).toContain('(2 commands in this RUN)');
    expect(finding.suggestion?.replacement).toBe(
      'RUN DEBIAN_FRONTEND=noninteractive apt-get -q install -y tzdata && apt-get purge -y --quiet vim',
    );
  });

  it('fires under sudo and in a builder stage, and for apt too', async () => {
    const text = [
      'FROM debian:12 AS build',
      'RUN sudo apt-get install gcc',
      'FROM debian:12-slim',
      'RUN apt upgrade',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([2, 4]);
  });

  it('accepts every form of yes', async () => {
    const text = [
      'FROM debian:12',
      'RUN apt-get install -qq curl',
      'RUN apt-get --yes install curl',
      'RUN apt-get install -qy curl',
      'RUN apt-get -q=2 install curl',
      'RUN apt-get --assume-yes dist-upgrade',
      'RUN apt-get -o APT::Get::Assume-Yes=true install curl',
      'RUN DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata',
      'RUN yes | apt-get install curl',
      'RUN apt-get update && apt-get clean && apt-cache policy curl',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('honours an apt.conf.d file written by an earlier RUN of the stage chain', async () => {
    const text = [
      'FROM debian:12 AS base',
      `RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90assumeyes`,
      'FROM base',
      'RUN apt-get install curl',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
    expect(await findingsFor('FROM debian:12\nRUN apt-get install curl\n', ID)).toHaveLength(1);
  });

  it('reads comments and continuations inside RUN and heredoc scripts', async () => {
    const text = [
      'FROM debian:12',
      'RUN apt-get update \\',
      '    # install the runtime',
      '    && apt-get install -y \\',
      '       curl',
      'RUN <<EOF',
      'apt-get update',
      'apt-get install curl',
      'EOF',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(8);
    expect(found[0].suggestion).toEqual({ line: 8, endLine: 8, replacement: 'apt-get install -y curl' });
  });

  it('reads the exec form, without a suggestion', async () => {
    const [finding] = await findingsFor('FROM debian:12\nRUN ["apt-get", "install", "curl"]\n', ID);
    expect(finding.line).toBe(2);
    expect(finding.suggestion).toBeUndefined();
  });

  it('is quiet on commands that never prompt: simulations, --only-upgrade, -f install', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -s curl && apt-get install --only-upgrade openssl \\',
      '    && apt-get -f install && rm -rf /var/lib/apt/lists/*',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('points at the install inside a long RUN, not at the RUN', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN set -eux; \\',
      '    echo a; \\',
      '    echo b; \\',
      '    apt-get install curl',
    ].join('\n');
    expect((await findingsFor(text, ID))[0].line).toBe(5);
  });
});
