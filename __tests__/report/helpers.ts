// A realistic scan result for the report tests: several checkers, all severities, suppressions,
// multi-line spans, columns, a suggestion, and messages with characters every format must escape.
import { compareFindings, fingerprint, type Finding, type Severity } from '../../src/engine/finding';
import type { RuleMeta } from '../../src/engine/rule';
import type { ScanResult } from '../../src/engine/scan';
import type { ResolvedConfig } from '../../src/engine/config';
import { ENGINE_RULES } from '../../src/engine/engine-rules';
import type { SummaryInput } from '../../src/report/summary';

export const RULES: RuleMeta[] = [
  ...ENGINE_RULES,
  {
    id: 'dockerfile/exec-form-variable',
    severity: 'error',
    title: 'Variable in exec form is never expanded',
    help: 'Exec form (JSON array) runs the program directly, so no shell expands `$VAR`. Use the shell form, or `["sh", "-c", "exec app --port \\"$PORT\\""]`.',
    example: {
      file: 'Dockerfile',
      bad: 'FROM node:20\nCMD ["node", "server.js", "--port", "$PORT"]\n',
      good: 'FROM node:20\nCMD node server.js --port "$PORT"\n',
    },
  },
  {
    id: 'dockerfile/from-latest-tag',
    severity: 'warning',
    title: 'Base image uses the latest tag',
    help: '`latest` moves: two builds of the same commit can get different images. Pin a version tag or a digest.',
    aliases: ['DL3007'],
  },
  {
    id: 'dockerfile/user-non-numeric',
    severity: 'notice',
    title: 'USER is a name, not a UID',
    help: 'Kubernetes `runAsNonRoot` can only verify a numeric user. Use `USER 10001`.',
  },
  {
    id: 'k8s/deprecated-api-version',
    severity: 'warning',
    title: 'API version removed in current Kubernetes',
    help: 'The API server rejects this apiVersion. Move to the stable version of the kind.',
  },
  {
    id: 'k8s/selector-template-mismatch',
    severity: 'error',
    title: 'Selector does not match the pod template labels',
    help: 'A workload whose selector does not match its own template labels is rejected. Make them equal.',
  },
  {
    id: 'iam/malformed-statement',
    severity: 'error',
    title: 'Policy statement is malformed',
    help: 'IAM rejects the whole policy. Each statement needs Effect, Action or NotAction, and Resource.',
  },
  {
    id: 'topology/single-az',
    severity: 'warning',
    title: 'Service runs in one Availability Zone',
    help: 'Losing that zone takes the service down. Spread instances over at least two zones.',
  },
  {
    id: 'terraform/no-remote-backend',
    severity: 'warning',
    title: 'No remote state backend',
    help: 'Local state cannot be shared or locked. Configure an `s3`, `gcs` or `azurerm` backend.',
    defaultOff: true,
  },
];

const ruleById = new Map(RULES.map((r) => [r.id, r]));

export interface FindingSpec {
  ruleId: string;
  file: string;
  line: number;
  message: string;
  subject?: string;
  severity?: Severity;
  endLine?: number;
  column?: number;
  suppression?: Finding['suppression'];
  suggestion?: Finding['suggestion'];
}

export function makeFinding(spec: FindingSpec): Finding {
  const meta = ruleById.get(spec.ruleId);
  const finding: Finding = {
    ruleId: spec.ruleId,
    severity: spec.severity ?? meta?.severity ?? 'warning',
    file: spec.file,
    line: spec.line,
    message: spec.message,
    help: meta?.help ?? '',
    title: meta?.title ?? spec.ruleId,
    fingerprint: fingerprint(spec.ruleId, spec.file, spec.subject ?? spec.message, 0),
  };
  if (spec.endLine !== undefined) finding.endLine = spec.endLine;
  if (spec.column !== undefined) finding.column = spec.column;
  if (spec.suggestion) finding.suggestion = spec.suggestion;
  if (spec.suppression) finding.suppression = spec.suppression;
  return finding;
}

export const CONFIG: ResolvedConfig = {
  checkers: ['dockerfile', 'kubernetes', 'iam', 'topology', 'terraform'],
  exclude: [],
  rules: {},
  ignore: [],
  dockerfile: { trustedRegistries: [] },
  topology: { instanceAvailability: 0.95, targetAvailability: 0.999 },
  sections: {},
};

export function makeResult(findings: Finding[], suppressed: Finding[] = [], files = 12): ScanResult {
  return {
    root: '/repo',
    findings: [...findings].sort(compareFindings),
    suppressed: [...suppressed].sort(compareFindings),
    stats: {
      files,
      filesChecked: files,
      filesByChecker: { terraform: 2, dockerfile: 3, kubernetes: 4, iam: 2, topology: 1 },
      durationMs: 183,
    },
    rules: RULES,
    config: CONFIG,
  };
}

/** Three errors, two warnings, one notice over four files, plus two suppressed and one baselined finding. */
export function sampleResult(): ScanResult {
  return makeResult(
    [
      makeFinding({
        ruleId: 'dockerfile/exec-form-variable',
        file: 'services/api/Dockerfile',
        line: 14,
        column: 27,
        message: 'CMD passes "$PORT" to node literally: exec form runs no shell | nothing expands it',
        subject: 'CMD ["node","server.js","--port","$PORT"]',
        suggestion: { line: 14, endLine: 14, replacement: 'CMD node server.js --port "$PORT"' },
      }),
      makeFinding({
        ruleId: 'dockerfile/from-latest-tag',
        file: 'services/api/Dockerfile',
        line: 1,
        message: 'node:latest resolves to whatever was pushed last',
        subject: 'FROM node:latest',
      }),
      makeFinding({
        ruleId: 'dockerfile/user-non-numeric',
        file: 'services/api/Dockerfile',
        line: 20,
        message: 'USER app: runAsNonRoot cannot verify a name',
      }),
      makeFinding({
        ruleId: 'k8s/selector-template-mismatch',
        file: 'deploy/k8s/web.yaml',
        line: 8,
        endLine: 12,
        message: 'Deployment/web selector {app: web} does not match template labels {app: <web-v2>}',
      }),
      makeFinding({
        ruleId: 'iam/malformed-statement',
        file: 'iam/ci-role.json',
        line: 5,
        message: 'Statement 1 (Sid `ReadAll`) has no Resource: *every* action needs one',
      }),
      makeFinding({
        ruleId: 'topology/single-az',
        file: 'deploy-topology.yml',
        line: 3,
        message: 'payments runs 3 instances, all in eu-west-1a',
      }),
    ],
    [
      makeFinding({
        ruleId: 'dockerfile/from-latest-tag',
        file: 'tools/Dockerfile',
        line: 1,
        message: 'alpine:latest resolves to whatever was pushed last',
        suppression: { kind: 'pragma', reason: 'scratch image for local debugging only' },
      }),
      makeFinding({
        ruleId: 'k8s/deprecated-api-version',
        file: 'charts/legacy/cronjob.yaml',
        line: 1,
        message: 'batch/v1beta1 CronJob was removed in Kubernetes 1.25',
        suppression: { kind: 'config', reason: 'legacy chart, replaced in Q3' },
      }),
      makeFinding({
        ruleId: 'k8s/deprecated-api-version',
        file: 'deploy/k8s/ingress.yaml',
        line: 1,
        message: 'extensions/v1beta1 Ingress was removed in Kubernetes 1.22',
        suppression: { kind: 'baseline', reason: 'in baseline .deploy-lint-baseline.json' },
      }),
    ],
  );
}

/** What the action hands its sinks for the sample scan; summary options may be added. */
export function reportInput(overrides: Partial<SummaryInput> = {}): SummaryInput {
  const scan = overrides.scan ?? sampleResult();
  const gating = scan.findings.filter((f) => f.severity === 'error');
  return {
    scan,
    gating,
    failOn: 'error',
    result: gating.length ? 'fail' : 'pass',
    version: '0.1.0',
    github: {
      serverUrl: 'https://github.com',
      repository: 'acme/shop',
      headSha: '0123456789abcdef0123456789abcdef01234567',
      actionRepository: 'acme/deploy-lint',
      actionRef: 'v1',
    },
    ...overrides,
  };
}

/** `count` findings of one severity, each in its own file, for limit and budget tests. */
export function manyFindings(count: number, severity: Severity, ruleId = 'topology/single-az'): Finding[] {
  return Array.from({ length: count }, (_, i) =>
    makeFinding({
      ruleId,
      severity,
      file: `svc/s${String(i).padStart(4, '0')}.yml`,
      line: i + 1,
      message: `service s${i} runs in one zone`,
    }),
  );
}
