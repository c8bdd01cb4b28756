import type { Rule } from '../../../engine/rule';
import { asScalar } from '../../../parse/tree';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';
import { deploymentYaml } from './examples';

/** A name that says its value is a credential. */
const SECRET_NAME =
  /(?:^|_)(?:PASSWORD|PASSWD|PASSPHRASE|PASS|PWD|SECRET|SECRET_KEY|SECRET_ACCESS_KEY|TOKEN|AUTH_TOKEN|ACCESS_TOKEN|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CLIENT_SECRET|CREDENTIALS?)$/i;
/** Values that are not a credential themselves: placeholders, references, switches. */
const NOT_A_SECRET =
  /^(?:$|\/|\.\/|~\/|file:|\$|<.*>$|\{\{|true$|false$|yes$|no$|none$|null$|changeme$|change[-_]?me|replace|todo|xxx+|\*+$|your[-_])/i;
/** Credentials recognisable by their shape, whatever the variable is called. */
const KNOWN_KEYS: [RegExp, string][] = [
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a PEM private key'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bsk_live_[A-Za-z0-9]{16,}/, 'a Stripe live key'],
  [/\bglpat-[A-Za-z0-9_-]{20,}/, 'a GitLab token'],
];

export const secretInEnv: Rule<KubernetesModel> = {
  id: 'k8s/secret-in-env',
  severity: 'warning',
  title: 'Credential written as a literal env value',
  help:
    'A credential written into the manifest is readable by everyone with access to the repository, ' +
    'its forks and CI logs, and by anyone who can read the object in the cluster; rotating it ' +
    'means a commit. Put it in a Secret and reference it with `valueFrom.secretKeyRef` (or an ' +
    'external secret manager).',
  aliases: ['kube-linter/env-var-secret', 'CKV_K8S_35'],
  example: {
    file: 'deploy.yaml',
    bad: deploymentYaml({
      replicas: 2,
      container: ['          env:', '            - name: DB_PASSWORD', '              value: s3cr3t-Pa55'],
    }),
    good: deploymentYaml({
      replicas: 2,
      container: [
        '          env:',
        '            - name: DB_PASSWORD',
        '              valueFrom:',
        '                secretKeyRef:',
        '                  name: db',
        '                  key: password',
      ],
    }),
  },
  check(model, report) {
    for (const workload of model.workloads) {
      for (const container of workload.containers) {
        container.env.forEach((variable, index) => {
          const scalar = asScalar(variable.value);
          if (!scalar || typeof scalar.value !== 'string' || variable.fromSource) return;
          const value = scalar.value.trim();
          const path = [...container.path, 'env', index, 'value'];
          const field = `${container.name}.env.${variable.name}`;
          const known = KNOWN_KEYS.find(([pattern]) => pattern.test(value));
          if (known) {
            report(
              reportAt(
                workload.object,
                path,
                `${workload.object.ref}, container \`${container.name}\`: \`${variable.name}\` holds ${known[1]} in plain text. Revoke it, and reference a Secret with \`valueFrom.secretKeyRef\`.`,
                { field, severity: 'error' },
              ),
            );
            return;
          }
          if (
            !SECRET_NAME.test(variable.name) ||
            /_(FILE|PATH|DIR|NAME|REF|KEY_ID|ID|ENABLED|URL|HOST|USER|USERNAME)$/i.test(variable.name)
          )
            return;
          // An all-caps word (`HF_TOKEN`, `SECRET`) or an `insert/your ...` value is a placeholder to fill in.
          if (
            NOT_A_SECRET.test(value) ||
            value.length < 4 ||
            /^(?:[a-z]+-)?[A-Z][A-Z0-9_]*$/.test(value) ||
            /^(insert|enter|put)[-_ ]/i.test(value) ||
            /yourpassword/i.test(value)
          )
            return;
          if (/CLUSTER_TOKEN$/i.test(variable.name)) return; // etcd's cluster token identifies a cluster, it grants nothing
          if (/^[a-z]+:\/\//i.test(value) && !/^[a-z]+:\/\/[^/@\s]+:[^/@\s]+@/i.test(value)) return; // URL without credentials
          report(
            reportAt(
              workload.object,
              path,
              `${workload.object.ref}, container \`${container.name}\`: \`${variable.name}\` is a literal credential in the manifest. Move it to a Secret and use \`valueFrom.secretKeyRef\`.`,
              { field },
            ),
          );
        });
      }
    }
  },
};
