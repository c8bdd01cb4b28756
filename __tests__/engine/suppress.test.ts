import { describe, expect, it } from 'vitest';
import { applySuppressions, pragmasOf } from '../../src/engine/suppress';
import { defaultConfig } from '../../src/engine/config-file';
import type { IgnoreEntry, ResolvedConfig } from '../../src/engine/config';
import type { Finding, Waiver } from '../../src/engine/finding';
import type { RuleMeta } from '../../src/engine/rule';
import { ENGINE_RULES } from '../../src/engine/engine-rules';
import { SourceFile } from '../../src/engine/workspace';

function rule(id: string, aliases?: string[]): RuleMeta {
  return { id, severity: 'warning', title: id, help: `help for ${id}`, ...(aliases && { aliases }) };
}

const RULES = new Map(
  [
    ...ENGINE_RULES,
    rule('dockerfile/from-missing-tag', ['DL3006', 'CKV_DOCKER_7']),
    rule('dockerfile/package-unpinned', ['DL3008']),
    rule('dockerfile/user-root'),
    rule('k8s/image-latest'),
    rule('k8s/missing-pdb'),
    rule('terraform/state-committed'),
  ].map((r) => [r.id, r]),
);

function finding(ruleId: string, file: string, line: number): Finding {
  return {
    ruleId,
    severity: 'warning',
    file,
    line,
    message: `${ruleId} at ${file}:${line}`,
    help: '',
    title: ruleId,
    fingerprint: `${ruleId}|${file}|${line}`,
  };
}

function config(ignore: IgnoreEntry[] = [], file = '.deploy-lint.yml'): ResolvedConfig {
  return { ...defaultConfig(), file, ignore };
}

/** Runs suppression over findings in one file and returns which rule@line stayed active and which were suppressed. */
function suppress(
  name: string,
  text: string,
  findings: [ruleId: string, line: number][],
  options: { waivers?: Waiver[]; config?: ResolvedConfig } = {},
) {
  const file = new SourceFile(name, `/repo/${name}`, text);
  const result = applySuppressions(
    findings.map(([ruleId, line]) => ({
      finding: finding(ruleId, name, line),
      waivers: options.waivers ?? [],
    })),
    new Map([[name, file]]),
    options.config ?? config(),
    RULES,
  );
  return {
    ...result,
    active: result.active.map((f) => `${f.ruleId}@${f.line}`),
    suppressedAt: result.suppressed.map((f) => `${f.ruleId}@${f.line}`),
  };
}

describe('inline pragmas', () => {
  it('an end-of-line comment suppresses the rules it names on its own line, with its reason', () => {
    const text = [
      'containers:',
      '  - image: nginx:latest # deploy-lint ignore=k8s/image-latest -- demo cluster only',
      '  - image: redis:latest',
    ].join('\n');
    const result = suppress('k8s/app.yaml', text, [
      ['k8s/image-latest', 2],
      ['k8s/image-latest', 3],
    ]);
    expect(result.active).toEqual(['k8s/image-latest@3']);
    expect(result.suppressed[0].suppression).toEqual({ kind: 'pragma', reason: 'demo cluster only' });
    expect(result.notices).toEqual([]);
  });

  it('a comment block directly above the flagged line suppresses it; a blank line breaks the block', () => {
    const text = [
      '# deploy-lint ignore=dockerfile/from-missing-tag,dockerfile/user-root -- vendor image, pinned upstream',
      '# (the vendor publishes only a moving tag)',
      'FROM vendor/tool',
      '# deploy-lint ignore=dockerfile/user-root',
      '',
      'USER root',
    ].join('\n');
    const result = suppress('Dockerfile', text, [
      ['dockerfile/from-missing-tag', 3],
      ['dockerfile/user-root', 3],
      ['dockerfile/package-unpinned', 3],
      ['dockerfile/user-root', 6],
    ]);
    expect(result.suppressedAt).toEqual(['dockerfile/from-missing-tag@3', 'dockerfile/user-root@3']);
    expect(result.active).toEqual(['dockerfile/package-unpinned@3', 'dockerfile/user-root@6']);
  });

  it('a pragma without a reason names itself as the reason', () => {
    const result = suppress('Dockerfile', '# deploy-lint ignore=dockerfile/user-root\nUSER root\n', [
      ['dockerfile/user-root', 2],
    ]);
    expect(result.suppressed[0].suppression).toEqual({
      kind: 'pragma',
      reason: '`# deploy-lint ignore=dockerfile/user-root` on line 1',
    });
  });

  it('a pragma above a multi-line instruction covers findings on its continuation lines', () => {
    const text = [
      '# deploy-lint ignore=dockerfile/package-unpinned -- versions come from the base image',
      'RUN apt-get update \\',
      '    && apt-get install -y curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'RUN apt-get install -y git',
    ].join('\n');
    const result = suppress('Dockerfile', text, [
      ['dockerfile/package-unpinned', 3],
      ['dockerfile/package-unpinned', 5],
    ]);
    expect(result.suppressedAt).toEqual(['dockerfile/package-unpinned@3']);
    expect(result.active).toEqual(['dockerfile/package-unpinned@5']);
  });

  it('ignore-file anywhere in the file covers the whole file, and only the rules it names', () => {
    const text = [
      'FROM node',
      'USER root',
      'RUN apt-get install curl',
      '# deploy-lint ignore-file=dockerfile/user-root',
    ].join('\n');
    const result = suppress('Dockerfile', text, [
      ['dockerfile/user-root', 2],
      ['dockerfile/from-missing-tag', 1],
    ]);
    expect(result.suppressedAt).toEqual(['dockerfile/user-root@2']);
    expect(result.active).toEqual(['dockerfile/from-missing-tag@1']);
  });

  it('accepts a glob over rule ids', () => {
    const result = suppress('Dockerfile', 'FROM node # deploy-lint ignore=dockerfile/* -- scratch file\n', [
      ['dockerfile/from-missing-tag', 1],
    ]);
    expect(result.suppressedAt).toEqual(['dockerfile/from-missing-tag@1']);
    expect(result.notices).toEqual([]);
  });

  it('reads `//` comments in Terraform and HCL files, but not in YAML', () => {
    const tf = suppress(
      'main.tf',
      '// deploy-lint ignore=terraform/state-committed -- fixture\nresource "x" "y" {}\n',
      [['terraform/state-committed', 2]],
    );
    expect(tf.suppressedAt).toEqual(['terraform/state-committed@2']);
    const yaml = suppress('app.yaml', '// deploy-lint ignore=k8s/image-latest\nimage: nginx:latest\n', [
      ['k8s/image-latest', 2],
    ]);
    expect(yaml.active).toEqual(['k8s/image-latest@2']);
  });

  it('ignores pragma-like text that is not a comment (inside a word, a URL or a quoted value)', () => {
    const text = [
      'url: http://example.com/#deploy-lint ignore=k8s/image-latest',
      'cmd: "echo done#deploy-lint ignore=k8s/image-latest"',
      'image: nginx:latest',
    ].join('\n');
    const result = suppress('app.yaml', text, [
      ['k8s/image-latest', 1],
      ['k8s/image-latest', 2],
      ['k8s/image-latest', 3],
    ]);
    expect(result.active).toHaveLength(3);
    expect(pragmasOf(new SourceFile('app.yaml', '/repo/app.yaml', text)).all).toEqual([]);
  });

  it('parses a file once and caches the pragmas on it', () => {
    const file = new SourceFile(
      'Dockerfile',
      '/repo/Dockerfile',
      '# deploy-lint ignore=dockerfile/user-root\nUSER root\n',
    );
    const first = pragmasOf(file);
    expect(pragmasOf(file)).toBe(first);
    expect(first.all).toEqual([
      {
        line: 1,
        column: 1,
        scope: 'line',
        dialect: 'deploy-lint',
        rules: ['dockerfile/user-root'],
        text: '# deploy-lint ignore=dockerfile/user-root',
      },
    ]);
  });
});

describe('hadolint pragmas', () => {
  it('map hadolint codes to the rules that list them as aliases', () => {
    const text = ['# hadolint ignore=DL3006,DL3008', 'FROM node', 'USER root'].join('\n');
    const result = suppress('Dockerfile', text, [
      ['dockerfile/from-missing-tag', 2],
      ['dockerfile/package-unpinned', 2],
      ['dockerfile/user-root', 2],
    ]);
    expect(result.suppressedAt).toEqual(['dockerfile/from-missing-tag@2', 'dockerfile/package-unpinned@2']);
    expect(result.active).toEqual(['dockerfile/user-root@2']);
  });

  it('`hadolint global ignore` covers the whole file', () => {
    const text = ['# hadolint global ignore=DL3006', 'FROM builder AS b', 'FROM node'].join('\n');
    const result = suppress('Dockerfile', text, [['dockerfile/from-missing-tag', 3]]);
    expect(result.suppressedAt).toEqual(['dockerfile/from-missing-tag@3']);
  });

  it('codes we do not alias are not reported as unknown: they belong to hadolint', () => {
    const result = suppress('Dockerfile', '# hadolint ignore=SC2086\nRUN echo $x\n', []);
    expect(result.notices).toEqual([]);
  });
});

describe('checker waivers (Kubernetes annotations)', () => {
  it('suppress the findings whose rule they name, with reason and source', () => {
    const waivers: Waiver[] = [
      {
        rules: ['k8s/missing-pdb'],
        reason: 'single-node dev cluster',
        source: 'annotation on Deployment/web',
      },
    ];
    const result = suppress(
      'k8s/web.yaml',
      'kind: Deployment\n',
      [
        ['k8s/missing-pdb', 1],
        ['k8s/image-latest', 1],
      ],
      { waivers },
    );
    expect(result.suppressed.map((f) => [f.ruleId, f.suppression])).toEqual([
      [
        'k8s/missing-pdb',
        { kind: 'annotation', reason: 'single-node dev cluster (annotation on Deployment/web)' },
      ],
    ]);
    expect(result.active).toEqual(['k8s/image-latest@1']);
  });

  it('accept globs', () => {
    const waivers: Waiver[] = [{ rules: ['k8s/*'], reason: '', source: 'annotation on Pod/debug' }];
    const result = suppress('pod.yaml', 'kind: Pod\n', [['k8s/image-latest', 1]], { waivers });
    expect(result.suppressed[0].suppression).toEqual({
      kind: 'annotation',
      reason: 'annotation on Pod/debug',
    });
  });
});

describe('config ignore entries', () => {
  it('suppress by rule id or glob, limited to path globs when given', () => {
    const cfg = config([
      { rule: 'k8s/*', paths: ['charts/legacy/**'], reason: 'legacy chart, replaced in Q3' },
      { rule: 'dockerfile/user-root' },
    ]);
    const files = new Map<string, SourceFile>();
    const pending = [
      finding('k8s/image-latest', 'charts/legacy/templates/web.yaml', 4),
      finding('k8s/image-latest', 'charts/new/web.yaml', 4),
      finding('dockerfile/user-root', 'services/api/Dockerfile', 9),
    ].map((f) => ({ finding: f, waivers: [] }));
    const result = applySuppressions(pending, files, cfg, RULES);
    expect(result.suppressed.map((f) => [f.file, f.suppression])).toEqual([
      ['charts/legacy/templates/web.yaml', { kind: 'config', reason: 'legacy chart, replaced in Q3' }],
      [
        'services/api/Dockerfile',
        { kind: 'config', reason: 'ignore entry for dockerfile/user-root in .deploy-lint.yml' },
      ],
    ]);
    expect(result.active.map((f) => f.file)).toEqual(['charts/new/web.yaml']);
  });

  it('a pragma takes precedence over a waiver and a config entry when several apply', () => {
    const result = suppress(
      'pod.yaml',
      'image: x:latest # deploy-lint ignore=k8s/image-latest -- local\n',
      [['k8s/image-latest', 1]],
      {
        waivers: [{ rules: ['k8s/image-latest'], reason: 'annotated', source: 'annotation on Pod/x' }],
        config: config([{ rule: 'k8s/image-latest', reason: 'configured' }]),
      },
    );
    expect(result.suppressed[0].suppression).toEqual({ kind: 'pragma', reason: 'local' });
  });
});

describe('unknown rule ids', () => {
  it('a pragma naming an unknown rule gives one notice per occurrence, at the pragma', () => {
    const text = [
      'FROM node:20 # deploy-lint ignore=dockerfile/from-missing-tags -- typo',
      '# deploy-lint ignore=dockerfile/from-missing-tags,nothing/* -- same typo again',
      'USER root',
      '# deploy-lint ignore=dockerfile/* -- matches real rules',
    ].join('\n');
    const result = suppress('Dockerfile', text, [['dockerfile/from-missing-tag', 1]]);
    expect(result.active).toEqual(['dockerfile/from-missing-tag@1']);
    expect(result.notices).toEqual([
      {
        ruleId: 'deploy-lint/unknown-rule',
        file: 'Dockerfile',
        line: 1,
        column: 14,
        subject: 'dockerfile/from-missing-tags',
        message:
          'The pragma names dockerfile/from-missing-tags, which is not a deploy-lint rule, so it suppresses nothing. Did you mean dockerfile/from-missing-tag?',
      },
      expect.objectContaining({ line: 2, column: 1, subject: 'dockerfile/from-missing-tags' }),
      expect.objectContaining({
        line: 2,
        subject: 'nothing/*',
        message: 'The pragma names nothing/*, which is not a deploy-lint rule, so it suppresses nothing.',
      }),
    ]);
  });

  it('a config ignore entry naming no known rule gives a notice at its line in the config file', () => {
    const cfg = config(
      [
        { rule: 'k8s/missing-pbd', line: 7 },
        { rule: 'k8s/*', line: 9 },
      ],
      'ci/deploy-lint.yml',
    );
    const result = applySuppressions([], new Map(), cfg, RULES);
    expect(result.notices).toEqual([
      {
        ruleId: 'deploy-lint/unknown-rule',
        file: 'ci/deploy-lint.yml',
        line: 7,
        subject: 'ignore:k8s/missing-pbd',
        message:
          'The ignore entry for k8s/missing-pbd matches no deploy-lint rule, so it suppresses nothing. Did you mean k8s/missing-pdb?',
      },
    ]);
  });
});
