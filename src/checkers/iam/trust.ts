/** What trust rules share: which statements let whom assume a role, and GitHub's OIDC subjects. */
import type { ConditionEntry, PolicyDocument, PrincipalEntry, Statement } from './document';
import type { IamModel } from './model';

export const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

export function* trustStatements(
  model: IamModel,
): Generator<{ document: PolicyDocument; statement: Statement }> {
  for (const document of model.documents) {
    if (document.kind !== 'trust') continue;
    for (const statement of document.statements)
      if (statement.effect === 'Allow') yield { document, statement };
  }
}

/** The statement federates GitHub Actions' OIDC provider (by its ARN or by its claims in the conditions). */
export function isGitHubOidc(statement: Statement): boolean {
  const federated = (statement.principals ?? []).some(
    (p) => p.type === 'Federated' && p.value.includes(GITHUB_ISSUER),
  );
  const keyed = statement.conditions.some((c) => c.key.toLowerCase().startsWith(`${GITHUB_ISSUER}:`));
  return federated || (keyed && (statement.principals ?? []).some((p) => p.type === 'Federated'));
}

export function gitHubCondition(statement: Statement, claim: string): ConditionEntry[] {
  return statement.conditions.filter((c) => c.key.toLowerCase() === `${GITHUB_ISSUER}:${claim}`);
}

export function awsPrincipals(statement: Statement): PrincipalEntry[] {
  return (statement.principals ?? []).filter((p) => p.type === 'AWS' || p.type === '*');
}

/** Conditions that narrow who in a trusted account may assume the role. */
export const NARROWING_KEYS = [
  'aws:principalarn',
  'sts:externalid',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principaltag',
  'aws:sourceidentity',
  'aws:userid',
  'sts:rolesessionname',
];

export function hasNarrowingCondition(statement: Statement): boolean {
  return statement.conditions.some((c) => NARROWING_KEYS.some((k) => c.key.toLowerCase().startsWith(k)));
}
