import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKERS } from '../../src/checkers';
import { ENGINE_RULES } from '../../src/engine/engine-rules';
import { ruleDocsAnchor } from '../../src/report/common';
import { fenceLanguage, renderRulesDoc } from '../../scripts/docs';

describe('docs/rules.md', () => {
  const committed = readFileSync('docs/rules.md', 'utf8');

  it('is what `npm run docs` generates from the rules (run it and commit the result)', () => {
    expect(committed).toBe(renderRulesDoc());
  });

  it('comes out the same every time', () => {
    expect(renderRulesDoc()).toBe(renderRulesDoc());
  });

  it('has a heading for every rule, at the anchor the reports link to', () => {
    const rules = [...CHECKERS.flatMap((c) => c.rules), ...ENGINE_RULES];
    for (const rule of rules) {
      expect(committed).toContain(`\n### ${rule.id}\n`);
      expect(committed).toContain(`(#${ruleDocsAnchor(rule.id)})`);
    }
  });

  it('shows each example in the language of its file', () => {
    expect(fenceLanguage('Dockerfile')).toBe('dockerfile');
    expect(fenceLanguage('build/Dockerfile.prod')).toBe('dockerfile');
    expect(fenceLanguage('main.tf')).toBe('hcl');
    expect(fenceLanguage('k8s/deploy.yaml')).toBe('yaml');
    expect(fenceLanguage('policy.json')).toBe('json');
    expect(fenceLanguage('.gitignore')).toBe('gitignore');
    expect(fenceLanguage('terraform.tfstate')).toBe('text');
    for (const rule of CHECKERS.flatMap((c) => c.rules)) {
      if (rule.example) expect(committed).toContain(`\`\`\`${fenceLanguage(rule.example.file)}\n`);
    }
  });
});

describe('the index of docs/rules.md', () => {
  it('links each checker section, with its rule counts', () => {
    const committed = readFileSync('docs/rules.md', 'utf8');
    for (const checker of CHECKERS) {
      const row = new RegExp(
        `^\\| \\[${checker.id}\\]\\(#${checker.id}\\) \\| ${checker.rules.length} \\|`,
        'm',
      );
      expect(committed).toMatch(row);
      expect(committed).toContain(`\n## ${checker.id}\n`);
    }
  });
});
