import { describe, expect, it } from 'vitest';
import { findingsOf, workload } from '../helpers';

describe('k8s/run-as-root', () => {
  it('fires per container without a non-root setting, and on an explicit root override', async () => {
    expect(await findingsOf('k8s/run-as-root', workload())).toHaveLength(1);
    const override = workload({
      pod: ['      securityContext:', '        runAsNonRoot: true'],
      container: ['          securityContext:', '            runAsUser: 0'],
    });
    expect((await findingsOf('k8s/run-as-root', override))[0].message).toContain('set to run as root');
  });
  it('is quiet with a pod-level non-root user', async () => {
    expect(
      await findingsOf(
        'k8s/run-as-root',
        workload({ pod: ['      securityContext:', '        runAsUser: 1000'] }),
      ),
    ).toEqual([]);
  });
});

describe('k8s/run-as-root with the Dockerfile this repository builds the image from', () => {
  const WORKFLOW = `on: push
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          context: services/web
          push: true
          tags: ghcr.io/acme/web:\${{ github.sha }}
`;
  const repo = (dockerfile: string, extra: Record<string, string> = {}) => ({
    'k8s/web.yaml': workload({ image: 'ghcr.io/acme/web:1.4.2' }),
    '.github/workflows/image.yml': WORKFLOW,
    'services/web/Dockerfile': dockerfile,
    ...extra,
  });

  it('is a warning naming the Dockerfile and its line when the service image ends as root', async () => {
    const [noUser] = await findingsOf(
      'k8s/run-as-root',
      repo('FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n'),
    );
    expect(noUser.severity).toBe('warning');
    expect(noUser.file).toBe('k8s/web.yaml');
    expect(noUser.message).toContain('services/web/Dockerfile:1');
    expect(noUser.message).toContain('sets no USER');
    const [rootUser] = await findingsOf(
      'k8s/run-as-root',
      repo('FROM python:3.12-slim\nRUN useradd -u 10001 app\nUSER root\nCMD ["python", "-m", "app"]\n'),
    );
    expect(rootUser.severity).toBe('warning');
    expect(rootUser.message).toContain('`USER root` (services/web/Dockerfile:3)');
  });

  it('stays a notice when the Dockerfile runs as a non-root user or drops privileges itself', async () => {
    const nonRoot = await findingsOf(
      'k8s/run-as-root',
      repo('FROM node:22-slim\nCOPY . .\nUSER 10001\nCMD ["node", "server.js"]\n'),
    );
    expect(nonRoot.map((f) => f.severity)).toEqual([undefined]);
    const gosu = await findingsOf(
      'k8s/run-as-root',
      repo(
        'FROM debian:12-slim\nRUN apt-get update && apt-get install -y gosu\nCOPY server /usr/local/bin/server\nENTRYPOINT ["gosu", "app", "/usr/local/bin/server"]\n',
      ),
    );
    expect(gosu.map((f) => f.severity)).toEqual([undefined]);
  });

  it('stays a notice for an image this repository does not build, or a base image it builds', async () => {
    const elsewhere = await findingsOf('k8s/run-as-root', {
      ...repo('FROM node:22-slim\nCMD ["node", "server.js"]\n'),
      'k8s/web.yaml': workload({ image: 'ghcr.io/other/web:1.4.2' }),
    });
    expect(elsewhere.map((f) => f.severity)).toEqual([undefined]);
    const base = await findingsOf('k8s/run-as-root', repo('FROM node:22-slim\nRUN npm i -g pnpm\n'));
    expect(base.map((f) => f.severity)).toEqual([undefined]);
  });
});

describe('k8s/privilege-escalation', () => {
  it('is a warning for a privileged application and a notice on a DaemonSet or node tool', async () => {
    const privileged = ['          securityContext:', '            privileged: true'];
    expect(
      (await findingsOf('k8s/privilege-escalation', workload({ container: privileged })))[0].severity,
    ).toBeUndefined();
    expect(
      (
        await findingsOf('k8s/privilege-escalation', workload({ kind: 'DaemonSet', container: privileged }))
      )[0].severity,
    ).toBe('notice');
    const hostPath = [
      '      volumes:',
      '        - name: dev',
      '          hostPath:',
      '            path: /dev',
    ];
    expect(
      (await findingsOf('k8s/privilege-escalation', workload({ container: privileged, pod: hostPath })))[0]
        .severity,
    ).toBe('notice');
  });
  it('flags SYS_ADMIN with the CAP_ prefix too, and is quiet with escalation off and nothing added', async () => {
    const caps = [
      '          securityContext:',
      '            allowPrivilegeEscalation: false',
      '            capabilities:',
      '              add: ["CAP_SYS_ADMIN"]',
    ];
    expect(await findingsOf('k8s/privilege-escalation', workload({ container: caps }))).toHaveLength(1);
    const safe = [
      '          securityContext:',
      '            allowPrivilegeEscalation: false',
      '            capabilities:',
      '              add: ["NET_BIND_SERVICE"]',
    ];
    expect(await findingsOf('k8s/privilege-escalation', workload({ container: safe }))).toEqual([]);
  });
});

describe('k8s/host-namespace', () => {
  it('is a warning for an application and a notice for a DaemonSet', async () => {
    expect(
      (await findingsOf('k8s/host-namespace', workload({ pod: ['      hostPID: true'] })))[0].severity,
    ).toBeUndefined();
    expect(
      (
        await findingsOf(
          'k8s/host-namespace',
          workload({ kind: 'DaemonSet', pod: ['      hostNetwork: true'] }),
        )
      )[0].severity,
    ).toBe('notice');
  });
  it('is quiet for hostNetwork: false', async () => {
    expect(await findingsOf('k8s/host-namespace', workload({ pod: ['      hostNetwork: false'] }))).toEqual(
      [],
    );
  });
});

describe('k8s/writable-root-filesystem', () => {
  it('fires without readOnlyRootFilesystem and is quiet with it', async () => {
    expect(await findingsOf('k8s/writable-root-filesystem', workload())).toHaveLength(1);
    expect(
      await findingsOf(
        'k8s/writable-root-filesystem',
        workload({ container: ['          securityContext:', '            readOnlyRootFilesystem: true'] }),
      ),
    ).toEqual([]);
  });
});

describe('k8s/secret-in-env', () => {
  const env = (name: string, value: string) =>
    workload({
      container: ['          env:', `            - name: ${name}`, `              value: ${value}`],
    });
  it('warns on a literal password and errors on a recognisable key whatever the name', async () => {
    expect(await findingsOf('k8s/secret-in-env', env('DB_PASSWORD', 'hunter2-prod'))).toHaveLength(1);
    const [key] = await findingsOf('k8s/secret-in-env', env('AWS_ID', 'AKIAABCDEFGHIJKLMNOP'));
    expect(key.severity).toBe('error');
  });
  it('is quiet for paths, URLs without credentials, placeholders, file references and cluster tokens', async () => {
    for (const [name, value] of [
      ['DB_PASSWORD_FILE', '/run/secrets/db'],
      ['API_TOKEN', '"${API_TOKEN}"'],
      ['GITHUB_TOKEN', 'GITHUB_TOKEN'],
      ['NGC_API_KEY', 'nvapi-NVKEY'],
      ['OAUTH_SECRET', '""'],
      ['AUTH_TOKEN', 'https://auth.example.com/token'],
      ['ETCD_INITIAL_CLUSTER_TOKEN', 'etcd-cluster-1'],
      ['ADMIN_PASSWORD', 'changeme'],
    ]) {
      expect(await findingsOf('k8s/secret-in-env', env(name, value))).toEqual([]);
    }
  });
});
