import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { packageRepository, rulesDocsUrl } from '../../src/report/docs-url';
import { renderSarif } from '../../src/report/sarif';
import { sampleResult } from './helpers';

describe('rule documentation links', () => {
  it('default to docs/rules.md of the package repository at the tag of the version that runs', () => {
    expect(packageRepository()).toBe('deploy-lint/deploy-lint');
    expect(packageJson.repository.url).toContain(packageRepository());
    expect(rulesDocsUrl({}, '1.4.0')).toBe(
      'https://github.com/deploy-lint/deploy-lint/blob/v1.4.0/docs/rules.md',
    );
  });

  it("follow the action's own repository and ref, so a fork's action links to the fork's docs", () => {
    const github = {
      serverUrl: 'https://ghe.example.test/',
      repository: 'acme/app',
      headSha: 'abc',
      actionRepository: 'acme-forks/deploy-lint',
      actionRef: 'v1',
    };
    expect(rulesDocsUrl({}, '1.4.0', github)).toBe(
      'https://ghe.example.test/acme-forks/deploy-lint/blob/v1/docs/rules.md',
    );
  });

  it('can be pointed elsewhere with DEPLOY_LINT_DOCS_URL', () => {
    const env = { DEPLOY_LINT_DOCS_URL: 'https://docs.example.test/rules.md' };
    expect(rulesDocsUrl(env, '1.4.0')).toBe('https://docs.example.test/rules.md');
  });

  it("reads GitHub repositories from package.json's repository field in its usual spellings", () => {
    expect(packageRepository('github:acme/tool')).toBe('acme/tool');
    expect(packageRepository({ url: 'git+https://github.com/acme/tool.git' })).toBe('acme/tool');
    expect(packageRepository({ url: 'https://gitlab.example/acme/tool.git' })).toBeUndefined();
  });

  it("are each rule's helpUri in SARIF, at the rule's anchor", () => {
    const base = rulesDocsUrl({}, '1.4.0');
    const log = renderSarif(sampleResult(), { version: '1.4.0', docsBaseUrl: base });
    const rule = log.runs[0].tool.driver.rules?.find((r) => r.id === 'dockerfile/exec-form-variable');
    expect(rule?.helpUri).toBe(`${base}#dockerfileexec-form-variable`);
  });
});
