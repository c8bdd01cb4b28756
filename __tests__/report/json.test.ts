import { describe, expect, it } from 'vitest';
import { renderJson, toJsonReport } from '../../src/report/json';
import { makeResult, sampleResult } from './helpers';

describe('renderJson', () => {
  it('prints exactly the contract object, keys in contract order', () => {
    const result = sampleResult();
    const parsed = JSON.parse(renderJson(result, '1.2.3'));
    expect(Object.keys(parsed)).toEqual(['tool', 'version', 'findings', 'suppressed', 'stats']);
    expect(parsed.tool).toBe('deploy-lint');
    expect(parsed.version).toBe('1.2.3');
    expect(Object.keys(parsed.stats)).toEqual(['files', 'filesChecked', 'filesByChecker', 'durationMs']);
    expect(parsed.stats).toEqual({
      files: 12,
      filesChecked: 12,
      filesByChecker: { dockerfile: 3, iam: 2, kubernetes: 4, terraform: 2, topology: 1 },
      durationMs: 183,
    });
    // Stable order for diffs: checker names sorted, whatever order the scan ran them in.
    expect(Object.keys(parsed.stats.filesByChecker)).toEqual([
      'dockerfile',
      'iam',
      'kubernetes',
      'terraform',
      'topology',
    ]);
    expect(parsed.findings).toHaveLength(6);
    expect(parsed.suppressed).toHaveLength(3);
  });

  it('keeps the scan order of findings and every field of each', () => {
    const result = sampleResult();
    const parsed = JSON.parse(renderJson(result, '1.2.3'));
    expect(parsed.findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(
      result.findings.map((f) => `${f.file}:${f.line}`),
    );
    expect(parsed.findings).toEqual(JSON.parse(JSON.stringify(result.findings)));
    expect(parsed.suppressed).toEqual(JSON.parse(JSON.stringify(result.suppressed)));
  });

  it('orders finding keys the same way for every finding and leaves absent optionals out', () => {
    const parsed = JSON.parse(renderJson(sampleResult(), '1.2.3'));
    const exec = parsed.findings.find(
      (f: { ruleId: string }) => f.ruleId === 'dockerfile/exec-form-variable',
    );
    expect(Object.keys(exec)).toEqual([
      'ruleId',
      'severity',
      'file',
      'line',
      'column',
      'title',
      'message',
      'help',
      'suggestion',
      'fingerprint',
    ]);
    const k8s = parsed.findings.find(
      (f: { ruleId: string }) => f.ruleId === 'k8s/selector-template-mismatch',
    );
    expect(Object.keys(k8s)).toEqual([
      'ruleId',
      'severity',
      'file',
      'line',
      'endLine',
      'title',
      'message',
      'help',
      'fingerprint',
    ]);
    const pragma = parsed.suppressed.find((f: { file: string }) => f.file === 'tools/Dockerfile');
    expect(Object.keys(pragma).at(-1)).toBe('suppression');
    expect(pragma.suppression).toEqual({ kind: 'pragma', reason: 'scratch image for local debugging only' });
  });

  it('is pretty-printed, newline-terminated and the same on every call', () => {
    const result = sampleResult();
    const text = renderJson(result, '0.1.0');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "tool": "deploy-lint",');
    expect(renderJson(result, '0.1.0')).toBe(text);
  });

  it('reports an empty scan as empty arrays, not missing keys', () => {
    const report = toJsonReport(makeResult([], [], 0), '0.1.0');
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toEqual([]);
    expect(report.stats.files).toBe(0);
  });
});
