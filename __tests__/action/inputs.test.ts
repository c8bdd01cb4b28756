import { describe, expect, it } from 'vitest';
import { InputError, parseBoolean, readInputs, splitList } from '../../src/action/inputs';

/** An input reader over a plain object, like @actions/core's getInput ('' when unset). */
const reader =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? '';

function inputError(values: Record<string, string>): InputError {
  try {
    readInputs(reader(values));
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('readInputs accepted the inputs');
}

describe('splitList', () => {
  it('splits on newlines and commas, trims and drops empty items', () => {
    expect(splitList('a, b\n\n  c/**  \n,')).toEqual(['a', 'b', 'c/**']);
    expect(splitList('')).toEqual([]);
  });
});

describe('readInputs', () => {
  it('applies the action.yml defaults when nothing is set', () => {
    expect(readInputs(reader({}))).toEqual({
      exclude: [],
      failOn: 'error',
      annotations: true,
      summary: true,
      filterMode: 'added',
      prReview: 'auto',
      maxComments: 25,
      suggestions: true,
      resolveStale: true,
      githubToken: '',
    });
  });

  it('reads the defaults as the runner passes them', () => {
    const inputs = readInputs(
      reader({ paths: '.', checkers: 'all', 'fail-on': 'error', annotations: 'true', summary: 'true' }),
    );
    expect(inputs.paths).toBeUndefined();
    expect(inputs.checkers).toBeUndefined();
  });

  it('reads every input', () => {
    const inputs = readInputs(
      reader({
        paths: './infra\nservices/*/Dockerfile',
        exclude: 'vendor/**, **/testdata/**',
        config: 'ci/deploy-lint.yml',
        checkers: 'terraform, dockerfile',
        'fail-on': 'warning',
        annotations: 'false',
        summary: 'FALSE',
        'sarif-file': 'out/deploy-lint.sarif',
        'filter-mode': 'diff_context',
        baseline: './ci/baseline.json',
        'pr-review': 'on',
        'max-comments': '5',
        suggestions: 'false',
        'resolve-stale': 'false',
        'github-token': 'ghs_test',
      }),
    );
    expect(inputs).toEqual({
      paths: ['infra', 'services/*/Dockerfile'],
      exclude: ['vendor/**', '**/testdata/**'],
      config: 'ci/deploy-lint.yml',
      checkers: ['terraform', 'dockerfile'],
      failOn: 'warning',
      annotations: false,
      summary: false,
      sarifFile: 'out/deploy-lint.sarif',
      filterMode: 'diff_context',
      baseline: 'ci/baseline.json',
      prReview: 'on',
      maxComments: 5,
      suggestions: false,
      resolveStale: false,
      githubToken: 'ghs_test',
    });
  });

  it('names the input and the allowed values for the review inputs', () => {
    expect(inputError({ 'filter-mode': 'changed' }).message).toContain('added, diff_context, file, nofilter');
    expect(inputError({ 'pr-review': 'yes' }).message).toContain('auto, on, off');
    expect(inputError({ 'max-comments': '-1' }).input).toBe("input 'max-comments'");
    expect(inputError({ 'max-comments': 'lots' }).message).toContain('whole number');
    expect(inputError({ baseline: '../outside.json' }).input).toBe("input 'baseline'");
  });

  it('names the input and the allowed values for a bad fail-on', () => {
    const error = inputError({ 'fail-on': 'critical' });
    expect(error.input).toBe("input 'fail-on'");
    expect(error.message).toContain("'critical'");
    expect(error.message).toContain('error, warning, notice, never');
  });

  it('rejects an unknown checker and lists the real ones', () => {
    const error = inputError({ checkers: 'terraform,helm' });
    expect(error.message).toContain("input 'checkers'");
    expect(error.message).toContain("'helm'");
    expect(error.message).toContain('dockerfile, kubernetes, iam, topology, terraform');
  });

  it('rejects a boolean it cannot read instead of treating it as false', () => {
    expect(inputError({ annotations: 'yes' }).message).toMatch(/input 'annotations'.*'yes'.*true, false/);
    expect(inputError({ summary: '0' }).input).toBe("input 'summary'");
    expect(parseBoolean('x', ' True ')).toBe(true);
  });

  it('rejects paths that leave the repository', () => {
    expect(inputError({ paths: '../other-repo' }).message).toContain("input 'paths'");
    expect(inputError({ paths: 'ok\n/etc' }).message).toContain("'/etc'");
    expect(inputError({ exclude: 'vendor/**, ../x' }).message).toBe(
      "Invalid input 'exclude' value '../x': paths are relative to the repository root and stay inside it.",
    );
  });
});
