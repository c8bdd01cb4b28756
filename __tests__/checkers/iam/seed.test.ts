import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIam, type Repo } from './helpers';

// The review's push policy and trust policy (section 2), written three ways.
const FIXTURES = path.join(import.meta.dirname, '../../fixtures/iam/seed');

function load(kind: string): Repo {
  const dir = path.join(FIXTURES, kind);
  return Object.fromEntries(
    readdirSync(dir).map((name) => [`${kind}/${name}`, readFileSync(path.join(dir, name), 'utf8')]),
  );
}

function lineOf(repo: Repo, file: string, needle: string, occurrence = 0): number {
  const lines = repo[file].split('\n');
  const hits = lines.flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  return hits[occurrence];
}

/** What the catalog says the review's policies must report, as (rule, severity, the text of the line it points at). */
const EXPECTED = [
  ['iam/action-requires-wildcard-resource', undefined, 'ecr:GetAuthorizationToken'],
  ['iam/ecr-push-incomplete', undefined, 'ecr:CompleteLayerUpload'],
  ['iam/invalid-arn', undefined, 'repository/<repository_name>'],
  ['iam/invalid-arn', undefined, '<user_account_id>'],
  ['iam/cross-account-assume-unmatched', 'notice', '<user_account_id>'],
] as const;

describe.each([
  ['json', 'json/ecr-push-policy.json', 'json/trust-policy.json'],
  ['terraform', 'terraform/main.tf', 'terraform/main.tf'],
  ['cloudformation', 'cloudformation/template.yaml', 'cloudformation/template.yaml'],
])('the review policies as %s', (kind, pushFile, trustFile) => {
  it('report the catalog rules at the offending lines, and nothing else', async () => {
    const repo = load(kind);
    const findings = await runIam(repo);
    const got = findings.map((f) => [f.ruleId, f.severity, f.file, f.line]).sort();
    const expected = EXPECTED.map(([rule, severity, needle]) => {
      const file = needle.includes('user_account') ? trustFile : pushFile;
      return [rule, severity, file, lineOf(repo, file, needle)];
    }).sort();
    expect(got).toEqual(expected);
  });

  it('name what is missing for a push', async () => {
    const findings = await runIam(load(kind));
    const push = findings.find((f) => f.ruleId === 'iam/ecr-push-incomplete')!;
    expect(push.message).toContain('ecr:BatchGetImage');
    expect(push.message).toContain('ecr:GetAuthorizationToken on "*"');
    expect(push.message).toContain('GetDownloadUrlForLayer');
    const token = findings.find((f) => f.ruleId === 'iam/action-requires-wildcard-resource')!;
    expect(token.message).toContain('"Resource": "*"');
  });
});

it('the JSON push policy gets a suggestion that moves the token action to its own statement', async () => {
  const repo = load('json');
  const finding = (await runIam(repo)).find((f) => f.ruleId === 'iam/action-requires-wildcard-resource')!;
  const suggestion = finding.suggestion!;
  const lines = repo['json/ecr-push-policy.json'].split('\n');
  const rewritten = [
    ...lines.slice(0, suggestion.line - 1),
    suggestion.replacement,
    ...lines.slice(suggestion.endLine),
  ].join('\n');
  const parsed = JSON.parse(rewritten) as { Statement: { Action: string | string[]; Resource: string }[] };
  expect(parsed.Statement).toHaveLength(2);
  expect(parsed.Statement[0].Action).not.toContain('ecr:GetAuthorizationToken');
  expect(parsed.Statement[1]).toEqual({
    Effect: 'Allow',
    Action: 'ecr:GetAuthorizationToken',
    Resource: '*',
  });
  // Applied, the token rule no longer fires.
  const after = await runIam({ 'json/ecr-push-policy.json': rewritten });
  expect(after.map((f) => f.ruleId)).not.toContain('iam/action-requires-wildcard-resource');
});
