import { describe, expect, it } from 'vitest';
import { execFormVariable } from '../../../../src/checkers/dockerfile/rules/exec-form-variable';
import { findingsFor, applyFindingSuggestion } from '../helpers';

const ID = 'dockerfile/exec-form-variable';

describe('dockerfile/exec-form-variable', () => {
  it('fires on the example and suggests sh -c with exec', async () => {
    const found = await findingsFor(execFormVariable.example!.bad, ID);
    expect(found).toMatchObject([{ line: 3, column: 36 }]);
    expect(found[0].message).toContain('`$PORT` in this exec-form CMD is never expanded');
    expect(applyFindingSuggestion(execFormVariable.example!.bad, found[0])).toBe(
      execFormVariable.example!.good,
    );
  });

  it('names every variable, and covers RUN, ENTRYPOINT and HEALTHCHECK', async () => {
    const text = [
      'FROM python:3.12-slim',
      'ENV PORT=8080 WORKERS=2',
      'RUN --mount=type=cache,target=/root/.cache ["pip", "install", "--target=$HOME/lib", "x"]',
      'ENTRYPOINT ["uvicorn", "--port=$PORT", "--workers=${WORKERS}"]',
      'HEALTHCHECK --interval=10s CMD ["curl", "-f", "http://localhost:$PORT/"]',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([3, 4, 5]);
    expect(found[1].message).toContain('`$PORT` and `$WORKERS`');
    expect(found[0].suggestion?.replacement).toBe(
      'RUN --mount=type=cache,target=/root/.cache ["sh", "-c", "exec pip install --target=$HOME/lib x"]',
    );
    expect(found[2].suggestion?.replacement).toBe(
      'HEALTHCHECK --interval=10s CMD ["sh", "-c", "exec curl -f http://localhost:$PORT/"]',
    );
  });

  it('is quiet on sh -c exec forms, shell forms, and a CMD that feeds ENTRYPOINT ["sh", "-c"]', async () => {
    expect(await findingsFor(execFormVariable.example!.good, ID)).toEqual([]);
    const text = [
      'FROM alpine:3.20',
      'ENV PORT=8080',
      'RUN ["/bin/bash", "-eo", "pipefail", "-c", "echo $HOME | tee /x"]',
      'HEALTHCHECK CMD curl -f http://localhost:$PORT/ || exit 1',
      'ENTRYPOINT ["/bin/sh", "-c"]',
      'CMD ["exec app --port=$PORT"]',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('ignores a dollar that is not a variable', async () => {
    expect(await findingsFor('FROM alpine:3.20\nCMD ["echo", "costs $5", "a$"]\n', ID)).toEqual([]);
  });
});
