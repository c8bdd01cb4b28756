import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimsDockerfile, dockerfileChecker } from '../../../src/checkers/dockerfile';
import { CHECKERS } from '../../../src/checkers';
import { scan } from '../../../src/engine/scan';
import { SourceFile } from '../../../src/engine/workspace';

const file = (p: string, text = '') => new SourceFile(p, `/repo/${p}`, text);

describe('claims', () => {
  it.each([
    'Dockerfile',
    'services/api/Dockerfile',
    'Dockerfile.dev',
    'api.Dockerfile',
    'api.dockerfile',
    'Containerfile',
    'Containerfile.prod',
    'Dockerfile-worker',
    'docker/Dockerfile-alpine',
    'web.Dockerfile',
  ])('claims %s', (p) => {
    expect(claimsDockerfile(file(p))).toBe(true);
  });

  it.each(['Dockerfile.md', 'README.md', 'docker-compose.yml', 'Dockerfiles/notes.txt', '.dockerignore'])(
    'leaves %s alone',
    (p) => {
      expect(claimsDockerfile(file(p, 'FROM alpine:3.20\n'))).toBe(false);
    },
  );

  it.each(['Dockerfile.dockerignore', 'Dockerfile.api.dockerignore', 'docker/Dockerfile-web.dockerignore'])(
    'leaves the per-Dockerfile ignore file %s alone',
    (p) => {
      expect(claimsDockerfile(file(p, 'node_modules\n*.log\n'))).toBe(false);
    },
  );

  it.each([
    ['Dockerfile.oracle', '{{ def pkg: "dnf" }}\nFROM oraclelinux:{{ .variant }}\n'],
    ['Dockerfile.j2', 'FROM {{ base }}\n{% if debug %}\nRUN echo hi\n{% endif %}\n'],
    ['docker/Dockerfile.template', 'FROM alpine:3.20\n'],
  ])('leaves the Dockerfile template %s alone', (p, text) => {
    expect(claimsDockerfile(file(p, text))).toBe(false);
  });

  it('claims a Dockerfile whose RUN merely prints braces', () => {
    expect(
      claimsDockerfile(file('Dockerfile.ci', 'FROM alpine:3.20\nRUN echo "{{ not a template }}"\n')),
    ).toBe(true);
  });

  it('claims any file that starts with a dockerfile syntax directive', () => {
    expect(
      claimsDockerfile(file('build/api.image', '# syntax=docker/dockerfile:1.7\nFROM alpine:3.20\n')),
    ).toBe(true);
    expect(claimsDockerfile(file('notes.txt', 'FROM alpine:3.20\n'))).toBe(false);
  });

  it('lists every rule with metadata and an example', () => {
    for (const rule of dockerfileChecker.rules) {
      expect(rule.id).toMatch(/^dockerfile\/[a-z0-9-]+$/);
      expect(rule.help.length).toBeGreaterThan(40);
      expect(rule.example?.file).toBe('Dockerfile');
    }
    expect(dockerfileChecker.rules.some((r) => r.id === 'dockerfile/invalid-syntax')).toBe(true);
  });
});

describe('through the scan', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  function repo(files: Record<string, string>): string {
    root = mkdtempSync(path.join(tmpdir(), 'deploy-lint-dockerfile-'));
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
      writeFileSync(path.join(root, p), text);
    }
    return root;
  }

  it('honours hadolint pragmas through rule aliases and the config sections', async () => {
    const dir = repo({
      'api/Dockerfile': '# hadolint ignore=DL3006\nFROM alpine\nFROM randomuser/tool:1 AS tool\nUSER 10001\n',
      '.deploy-lint.yml': 'dockerfile:\n  trusted-registries: ["docker.io/library/*"]\n  final-stage: tool\n',
    });
    const result = await scan({ root: dir, checkers: CHECKERS, only: ['dockerfile'] });
    expect(result.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['dockerfile/from-untrusted-registry', 3],
    ]);
    expect(result.suppressed.map((f) => [f.ruleId, f.line])).toEqual([['dockerfile/from-missing-tag', 2]]);
  });

  it('reports a broken Dockerfile and still scans the next one', async () => {
    const dir = repo({
      'a/Dockerfile': 'FROM alpine:3.20\nRUNN apk add curl\nUSER root\nCMD ["/app"]\n',
      'b/Dockerfile': 'FROM alpine\nUSER 10001\n',
    });
    const result = await scan({ root: dir, checkers: CHECKERS, only: ['dockerfile'] });
    const ids = result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);
    expect(ids).toContain('a/Dockerfile:2 dockerfile/invalid-syntax');
    expect(ids).toContain('a/Dockerfile:3 dockerfile/final-user-root');
    expect(ids).toContain('b/Dockerfile:1 dockerfile/from-missing-tag');
  });
});
