import { describe, expect, it } from 'vitest';
import { invalidSyntax } from '../../../../src/checkers/dockerfile/rules/invalid-syntax';
import { findingsFor, lintDockerfile } from '../helpers';

const ID = 'dockerfile/invalid-syntax';

describe('dockerfile/invalid-syntax', () => {
  it('fires on a single-quoted exec form, naming the shell fallback', async () => {
    const [finding, ...rest] = await findingsFor(invalidSyntax.example!.bad, ID);
    expect(rest).toEqual([]);
    expect(finding.line).toBe(3);
    expect(finding.message).toContain("runs `['python', '/app/main.py']` as a shell command");
  });

  it('is quiet on the fixed example and on tricky valid files', async () => {
    expect(await findingsFor(invalidSyntax.example!.good, ID)).toEqual([]);
    const tricky = [
      '# syntax=docker/dockerfile:1',
      'FROM alpine:3.20',
      "RUN cat << 'EOF' > /etc/motd",
      'FROM is just text here',
      'EOF',
      'CMD ["sh", \\',
      '  # comments may sit inside a continued JSON array',
      '  "-c", "echo hi"]',
      'RUN <<-EOT',
      '\tset -e',
      '\techo ok',
      '\tEOT',
      'SHELL ["/bin/ash", "-eo", "pipefail", "-c"]',
    ].join('\n');
    expect(await findingsFor(tricky, ID)).toEqual([]);
  });

  it('reports an unknown instruction, missing arguments and broken JSON, one finding each, and keeps checking', async () => {
    const text = 'FROM alpine\nRUNN apk add curl\nCOPY\nCMD ["echo", "unterminated"\n';
    const all = await lintDockerfile(text);
    const syntax = all.filter((f) => f.ruleId === ID);
    expect(syntax.map((f) => f.line)).toEqual([2, 3, 4]);
    expect(syntax[0].message).toContain('`RUNN` is not a Dockerfile instruction');
    // Other rules still ran on the valid instructions.
    expect(all.some((f) => f.ruleId === 'dockerfile/from-missing-tag' && f.line === 1)).toBe(true);
  });

  it('reports a shell syntax error inside RUN at its line', async () => {
    const found = await findingsFor('FROM alpine:3.20\nRUN apk add curl && \\\n    if then fi\n', ID);
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(3);
    expect(found[0].message).toContain('Shell syntax error');
  });

  it('gives a binary file one finding and nothing else', async () => {
    const all = await lintDockerfile('\u0000\u0001ELF\u0002\u0003binary\u0000stuff');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ ruleId: ID, line: 1 });
  });

  it('reports an unterminated heredoc', async () => {
    const found = await findingsFor('FROM alpine:3.20\nRUN <<EOF\necho never closed\n', ID);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('never closed');
  });
  it('gives a broken JSON RUN one finding, not a second one for the shell that then misreads it', async () => {
    const findings = await findingsFor('FROM alpine:3.20\nRUN [ "apk add\' ]\n', ID);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('look like a JSON array');
  });
  it('reads shell tests and globs that start with [ as what they are, not as broken JSON', async () => {
    const text = [
      'FROM alpine:3.20',
      'RUN [ -f /etc/os-release ] && echo ok',
      'RUN [[ "$(uname -m)" == x86_64 ]] || echo other',
      'RUN [ "$(uname -m)" = "x86_64" ]',
      'COPY [abc]*.txt /data/',
      'HEALTHCHECK CMD [ -f /tmp/healthy ]',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
    // Quoted items are an exec form gone wrong, even a lone one where no shell test makes sense.
    const broken =
      "FROM alpine:3.20\nRUN [\"apk\" \"add\" \"curl\"]\nCMD ['app']\nHEALTHCHECK CMD ['curl', '-f', 'http://x/']\n";
    expect((await findingsFor(broken, ID)).map((f) => f.line)).toEqual([2, 3, 4]);
  });
});
