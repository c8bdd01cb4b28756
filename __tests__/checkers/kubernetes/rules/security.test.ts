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
