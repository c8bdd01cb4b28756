import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, loadConfig } from '../../src/engine/config-file';
import type { Checker, RuleMeta } from '../../src/engine/rule';

function rule(id: string): RuleMeta {
  return { id, severity: 'warning', title: id, help: id };
}

function checker(id: Checker['id'], rules: string[], configSchema?: object): Checker {
  return {
    id,
    rules: rules.map(rule),
    ...(configSchema && { configSchema }),
    claims: () => false,
    run: async () => [],
  };
}

const CHECKERS: readonly Checker[] = [
  checker('dockerfile', ['dockerfile/package-unpinned', 'dockerfile/from-missing-tag']),
  checker('kubernetes', ['k8s/missing-pdb', 'k8s/image-latest'], {
    type: 'object',
    additionalProperties: false,
    properties: { 'system-namespaces': { type: 'array', items: { type: 'string' } } },
  }),
  checker('topology', ['topology/single-zone']),
];

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-config-'));
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function writeConfig(text: string, name = '.deploy-lint.yml'): void {
  fs.writeFileSync(path.join(root, name), text);
}

/** The ConfigError a config text produces (fails the test when it loads). */
function errorOf(text: string): ConfigError {
  writeConfig(text);
  try {
    loadConfig(root, undefined, CHECKERS);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the config was accepted');
}

describe('loadConfig: finding the file', () => {
  it('gives the defaults when there is no config file', () => {
    expect(loadConfig(root, undefined, CHECKERS)).toEqual({
      checkers: ['dockerfile', 'kubernetes', 'iam', 'topology', 'terraform', 'coherence'],
      exclude: [],
      rules: {},
      ignore: [],
      dockerfile: { trustedRegistries: [] },
      topology: { instanceAvailability: 0.95, targetAvailability: 0.999 },
      limits: { maxFileBytes: 2 * 1024 * 1024, fileTimeBudgetMs: 10_000 },
      sections: {},
    });
    expect(defaultConfig().file).toBeUndefined();
  });

  it('reads .deploy-lint.yaml too, and refuses to guess when both names exist', () => {
    writeConfig('exclude: [a]\n', '.deploy-lint.yaml');
    expect(loadConfig(root, undefined, CHECKERS)).toMatchObject({
      file: '.deploy-lint.yaml',
      exclude: ['a'],
    });
    writeConfig('exclude: [b]\n');
    expect(() => loadConfig(root, undefined, CHECKERS)).toThrow(
      '.deploy-lint.yml and .deploy-lint.yaml both exist; keep one so it is clear which settings apply.',
    );
  });

  it('takes an explicit path relative to the root, or absolute', () => {
    fs.mkdirSync(path.join(root, 'ci'));
    fs.writeFileSync(path.join(root, 'ci/lint.yml'), 'exclude: [vendor/**]\n');
    writeConfig('exclude: [ignored-because-explicit-wins]\n');
    expect(loadConfig(root, 'ci/lint.yml', CHECKERS)).toMatchObject({
      file: 'ci/lint.yml',
      exclude: ['vendor/**'],
    });
    expect(loadConfig(root, path.join(root, 'ci/lint.yml'), CHECKERS).file).toBe('ci/lint.yml');
  });

  it('names a config outside the root by its absolute path', () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-config-elsewhere-'));
    try {
      const file = path.join(elsewhere, 'shared.yml');
      fs.writeFileSync(file, 'checkers: [dockerfile]\n');
      expect(loadConfig(root, file, CHECKERS)).toMatchObject({ file, checkers: ['dockerfile'] });
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('fails clearly when an explicit config file does not exist', () => {
    expect(() => loadConfig(root, 'missing.yml', CHECKERS)).toThrow(
      new ConfigError('missing.yml: the config file does not exist.', 'missing.yml'),
    );
  });

  it('refuses a config that is a FIFO or a directory, without opening it', () => {
    execFileSync('mkfifo', [path.join(root, '.deploy-lint.yml')]);
    expect(() => loadConfig(root, undefined, CHECKERS)).toThrow(
      new ConfigError('.deploy-lint.yml: the config file is not a regular file.', '.deploy-lint.yml'),
    );
    fs.mkdirSync(path.join(root, 'conf.yml'));
    expect(() => loadConfig(root, 'conf.yml', CHECKERS)).toThrow(
      new ConfigError('conf.yml: the config file is not a regular file.', 'conf.yml'),
    );
  });
});

describe('loadConfig: a valid file', () => {
  it('resolves every setting, with the line of each ignore entry', () => {
    writeConfig(
      [
        'checkers: [dockerfile, kubernetes, topology]',
        'exclude: ["vendor/**"]',
        'rules:',
        '  dockerfile/package-unpinned: warning # severity override',
        '  k8s/image-latest: off',
        'dockerfile:',
        '  trusted-registries: ["ghcr.io/acme/*", "docker.io/library/*"]',
        '  final-stage: runtime',
        'topology:',
        '  instance-availability: 0.9',
        '  target-availability: 0.9999',
        'limits:',
        '  max-file-bytes: 65536',
        '  file-time-budget-ms: 500',
        'kubernetes:',
        '  system-namespaces: [kube-system]',
        'ignore:',
        '  - { rule: "k8s/*", paths: ["charts/legacy/**"] }',
        '  - rule: dockerfile/from-missing-tag',
        '    reason: base images are pinned by digest in CI',
      ].join('\n'),
    );
    expect(loadConfig(root, undefined, CHECKERS)).toEqual({
      file: '.deploy-lint.yml',
      checkers: ['dockerfile', 'kubernetes', 'topology'],
      exclude: ['vendor/**'],
      rules: { 'dockerfile/package-unpinned': 'warning', 'k8s/image-latest': 'off' },
      ignore: [
        { rule: 'k8s/*', paths: ['charts/legacy/**'], line: 18 },
        { rule: 'dockerfile/from-missing-tag', reason: 'base images are pinned by digest in CI', line: 19 },
      ],
      dockerfile: { trustedRegistries: ['ghcr.io/acme/*', 'docker.io/library/*'], finalStage: 'runtime' },
      topology: { instanceAvailability: 0.9, targetAvailability: 0.9999 },
      limits: { maxFileBytes: 65536, fileTimeBudgetMs: 500 },
      sections: { kubernetes: { 'system-namespaces': ['kube-system'] } },
    });
  });

  it('treats an empty file and empty sections as defaults', () => {
    writeConfig('# nothing yet\n');
    expect(loadConfig(root, undefined, CHECKERS)).toEqual({ ...defaultConfig(), file: '.deploy-lint.yml' });
    writeConfig('topology:\n  # instance-availability: 0.9\nrules:\n');
    expect(loadConfig(root, undefined, CHECKERS)).toEqual({ ...defaultConfig(), file: '.deploy-lint.yml' });
  });

  it('accepts the engine rule ids in rules', () => {
    writeConfig('rules:\n  deploy-lint/skipped-file: off\n');
    expect(loadConfig(root, undefined, CHECKERS).rules).toEqual({ 'deploy-lint/skipped-file': 'off' });
  });
});

describe('loadConfig: errors name the file, the line, the setting and what is allowed', () => {
  it.each([
    [
      'an unknown top-level key',
      'exclude: []\nfail-on: error\n',
      '.deploy-lint.yml:2: fail-on is not a known setting; allowed: checkers, exclude, rules, ignore, limits, repository, dockerfile, topology, kubernetes.',
    ],
    [
      'a repository that is not owner/name',
      'repository: https://github.com/acme/shop\n',
      '.deploy-lint.yml:1: repository must be the GitHub repository as owner/name, not "https://github.com/acme/shop".',
    ],
    [
      'an unknown rule id',
      'rules:\n  k8s/missing-pdb: error\n  dockerfile/nope: warning\n',
      '.deploy-lint.yml:3: rules."dockerfile/nope" is not a known rule id.',
    ],
    [
      'a misspelled rule id',
      'rules:\n  dockerfile/package-unpined: off\n',
      '.deploy-lint.yml:2: rules."dockerfile/package-unpined" is not a known rule id. Did you mean dockerfile/package-unpinned?',
    ],
    [
      'a bad rule level',
      'rules:\n  dockerfile/package-unpinned: warn\n',
      '.deploy-lint.yml:2: rules."dockerfile/package-unpinned" must be one of error, warning, notice, off, not "warn".',
    ],
    [
      'an unknown checker',
      'checkers:\n  - dockerfile\n  - k8s\n',
      '.deploy-lint.yml:3: checkers[1] must be one of dockerfile, kubernetes, iam, topology, terraform, coherence, not "k8s".',
    ],
    [
      'a checker listed twice',
      'checkers: [iam, iam]\n',
      '.deploy-lint.yml:1: checkers lists the same value twice (items 0 and 1).',
    ],
    [
      'an availability outside (0, 1)',
      'topology:\n  target-availability: 0.999\n  instance-availability: 1.5\n',
      '.deploy-lint.yml:3: topology.instance-availability must be a number greater than 0 and less than 1, not 1.5.',
    ],
    [
      'an availability written as a percentage string',
      'topology:\n  instance-availability: "95%"\n',
      '.deploy-lint.yml:2: topology.instance-availability must be a number, not "95%".',
    ],
    [
      'an unknown key in a section',
      'dockerfile:\n  trusted-registry: [ghcr.io/acme/*]\n',
      '.deploy-lint.yml:2: dockerfile.trusted-registry is not a known setting; allowed: trusted-registries, final-stage.',
    ],
    [
      'a list where a string list is expected',
      'exclude: vendor/**\n',
      '.deploy-lint.yml:1: exclude must be a list, not "vendor/**".',
    ],
    [
      'an ignore entry without a rule',
      'ignore:\n  - rule: k8s/*\n  - paths: [charts/**]\n',
      '.deploy-lint.yml:3: ignore[1] needs a "rule" setting.',
    ],
    [
      'an unknown key in an ignore entry',
      'ignore:\n  - rule: k8s/*\n    path: [charts/**]\n',
      '.deploy-lint.yml:3: ignore[0].path is not a known setting; allowed: rule, paths, reason.',
    ],
    [
      "a checker's own section, validated by its schema",
      'kubernetes:\n  system-namespaces: kube-system\n',
      '.deploy-lint.yml:2: kubernetes.system-namespaces must be a list, not "kube-system".',
    ],
    [
      'a key written twice',
      'rules:\n  k8s/missing-pdb: off\nexclude: []\nrules: {}\n',
      '.deploy-lint.yml:4: rules is set twice (lines 1 and 4).',
    ],
    [
      'more than one document',
      'exclude: []\n---\nrules: {}\n',
      '.deploy-lint.yml:2: holds more than one YAML document; put all settings in one.',
    ],
    [
      'a file that is not a mapping',
      '- dockerfile\n',
      '.deploy-lint.yml:1: must be a mapping of settings (checkers, exclude, rules, ignore, limits, repository, dockerfile, topology, kubernetes).',
    ],
  ])('%s', (_name, text, message) => {
    const error = errorOf(text);
    expect(error.message).toBe(message);
    expect(error.file).toBe('.deploy-lint.yml');
    expect(error.line).toBe(Number(/:(\d+):/.exec(message)?.[1]));
  });

  it('a YAML syntax error carries its line and column', () => {
    const error = errorOf('exclude: [a\nrules:\n  x: "unterminated\n');
    expect(error.message).toMatch(/^\.deploy-lint\.yml:\d+: invalid YAML: /);
    expect(error.line).toBeGreaterThanOrEqual(2);
    expect(error.column).toBeGreaterThanOrEqual(1);
    const tab = errorOf('rules:\n\tk8s/missing-pdb: off\n');
    expect(tab.line).toBe(2);
  });

  it('reports the problem that comes first in the file when there are several', () => {
    const error = errorOf('checkers: [dockerfile]\nrules:\n  dockerfile/nope: off\nbogus: 1\n');
    expect([error.line, error.column]).toEqual([3, 3]);
  });
});
