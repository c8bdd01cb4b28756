import { describe, expect, it } from 'vitest';
import { nonrootImageMismatch } from '../../../src/checkers/coherence/rules/nonroot-image-mismatch';
import { portMismatch } from '../../../src/checkers/coherence/rules/port-mismatch';
import { imageBuiltButLatest } from '../../../src/checkers/coherence/rules/image-built-but-latest';
import { COMPOSE_API, container, findings, modelOf } from './helpers';

const nonRoot = { runAsNonRoot: { value: true, line: 7 } };

describe('coherence/nonroot-image-mismatch', () => {
  it('fires for a named USER and for root, at the runAsNonRoot line, naming the Dockerfile line', () => {
    for (const user of ['app', 'root']) {
      const model = modelOf(
        {
          'docker-compose.yml': COMPOSE_API,
          Dockerfile: `FROM alpine:3.20\nRUN adduser -D app\nUSER ${user}\n`,
        },
        { containers: [container(nonRoot)] },
      );
      const [finding, ...rest] = findings(nonrootImageMismatch, model);
      expect(rest).toEqual([]);
      expect(finding).toMatchObject({ file: 'k8s/api.yaml', line: 7 });
      expect(finding.message).toContain('Dockerfile:3');
    }
  });

  it('stays quiet for a numeric USER, a runAsUser, an unset USER, an unlinked image, or two Dockerfiles that disagree', () => {
    const numeric = modelOf(
      { 'docker-compose.yml': COMPOSE_API, Dockerfile: 'FROM alpine:3.20\nUSER 10001:10001\n' },
      { containers: [container(nonRoot)] },
    );
    expect(findings(nonrootImageMismatch, numeric)).toEqual([]);
    const named = { 'docker-compose.yml': COMPOSE_API, Dockerfile: 'FROM alpine:3.20\nUSER app\n' };
    expect(
      findings(
        nonrootImageMismatch,
        modelOf(named, { containers: [container({ ...nonRoot, runAsUser: 10001 })] }),
      ),
    ).toEqual([]);
    expect(
      findings(
        nonrootImageMismatch,
        modelOf(named, { containers: [container({ ...nonRoot, image: 'ghcr.io/acme/other:1' })] }),
      ),
    ).toEqual([]);
    const unset = modelOf(
      {
        'docker-compose.yml': COMPOSE_API,
        Dockerfile: 'FROM gcr.io/distroless/static:nonroot\nCOPY app /app\n',
      },
      { containers: [container(nonRoot)] },
    );
    expect(findings(nonrootImageMismatch, unset)).toEqual([]);
    const twoBuilds = modelOf(
      {
        'docker-compose.yml': COMPOSE_API,
        Dockerfile: 'FROM alpine:3.20\nUSER app\n',
        'skaffold.yaml':
          'apiVersion: skaffold/v4beta11\nbuild:\n  artifacts:\n    - image: ghcr.io/acme/api\n      context: release\n',
        'release/Dockerfile': 'FROM alpine:3.20\nUSER 10001\n',
      },
      { containers: [container(nonRoot)] },
    );
    expect(findings(nonrootImageMismatch, twoBuilds)).toEqual([]);
  });
});

describe('coherence/port-mismatch', () => {
  const repo = {
    'docker-compose.yml': COMPOSE_API,
    Dockerfile: 'FROM node:22-alpine\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
  };

  it('fires for a containerPort and a probe port the image does not serve', () => {
    const model = modelOf(repo, {
      containers: [
        container({
          ports: [{ port: 8080, line: 12 }],
          probePorts: [{ port: 9090, probe: 'readinessProbe', line: 20 }],
        }),
      ],
    });
    expect(findings(portMismatch, model).map((f) => [f.line, f.message.includes('EXPOSEs 3000')])).toEqual([
      [12, true],
      [20, true],
    ]);
  });

  it('stays quiet when the port is exposed, passed by the manifest or the image, or the image declares no port', () => {
    const exposed = modelOf(repo, { containers: [container({ ports: [{ port: 3000, line: 12 }] })] });
    expect(findings(portMismatch, exposed)).toEqual([]);
    const viaEnv = modelOf(repo, {
      containers: [container({ ports: [{ port: 8080, line: 12 }], configText: 'PORT 8080' })],
    });
    expect(findings(portMismatch, viaEnv)).toEqual([]);
    const viaCmd = modelOf(
      {
        'docker-compose.yml': COMPOSE_API,
        Dockerfile: 'FROM python:3.12\nEXPOSE 8000\nCMD ["gunicorn", "-b", "0.0.0.0:8080", "app:app"]\n',
      },
      { containers: [container({ ports: [{ port: 8080, line: 12 }] })] },
    );
    expect(findings(portMismatch, viaCmd)).toEqual([]);
    const undeclared = modelOf(
      { 'docker-compose.yml': COMPOSE_API, Dockerfile: 'FROM node:22-alpine\nCMD ["node", "server.js"]\n' },
      { containers: [container({ ports: [{ port: 8080, line: 12 }] })] },
    );
    expect(findings(portMismatch, undeclared)).toEqual([]);
    const unresolved = modelOf(
      { 'docker-compose.yml': COMPOSE_API, Dockerfile: 'FROM node:22-alpine\nARG PORT\nEXPOSE 3000 $PORT\n' },
      { containers: [container({ ports: [{ port: 8080, line: 12 }] })] },
    );
    expect(findings(portMismatch, unresolved)).toEqual([]);
  });
});

describe('coherence/image-built-but-latest', () => {
  it('fires when a manifest deploys :latest or no tag of an image built with versioned tags', () => {
    const repo = { 'docker-compose.yml': COMPOSE_API, Dockerfile: 'FROM scratch\n' };
    for (const image of ['ghcr.io/acme/api:latest', 'ghcr.io/acme/api']) {
      const [finding] = findings(imageBuiltButLatest, modelOf(repo, { containers: [container({ image })] }));
      expect(finding).toMatchObject({ line: 10 });
      expect(finding.message).toContain('ghcr.io/acme/api:1.0.0');
    }
  });

  it('stays quiet for a versioned tag, a digest, or an image built only as latest', () => {
    const repo = { 'docker-compose.yml': COMPOSE_API, Dockerfile: 'FROM scratch\n' };
    expect(findings(imageBuiltButLatest, modelOf(repo, { containers: [container()] }))).toEqual([]);
    expect(
      findings(
        imageBuiltButLatest,
        modelOf(repo, { containers: [container({ image: 'ghcr.io/acme/api@sha256:ab' })] }),
      ),
    ).toEqual([]);
    const latestOnly = {
      'docker-compose.yml': COMPOSE_API.replace(':1.0.0', ':latest'),
      Dockerfile: 'FROM scratch\n',
    };
    expect(
      findings(
        imageBuiltButLatest,
        modelOf(latestOnly, { containers: [container({ image: 'ghcr.io/acme/api:latest' })] }),
      ),
    ).toEqual([]);
  });
});
