/** What the ECR completeness rules share: identity documents grouped by the principal they grant to. */
import type { PolicyDocument, Statement } from './document';
import { principalKey } from './extract';
import { actionRefs, hasStarResource, type IamModel } from './model';
import { hasUnresolved } from './values';

export const PUSH_ACTIONS = [
  'BatchCheckLayerAvailability',
  'InitiateLayerUpload',
  'UploadLayerPart',
  'CompleteLayerUpload',
  'PutImage',
  'BatchGetImage',
];
/** Actions only an image push calls: any of them makes a policy a push policy. */
export const PUSH_ONLY = ['InitiateLayerUpload', 'UploadLayerPart', 'CompleteLayerUpload', 'PutImage'];
export const PULL_ACTIONS = ['BatchGetImage', 'GetDownloadUrlForLayer'];

export interface EcrGrants {
  documents: PolicyDocument[];
  /** ECR action name -> line of its first grant on a repository (or `*`). */
  repositoryActions: Map<string, number>;
  tokenOnStar: boolean;
  /** Where the token is granted on something other than `*` (it is then never granted). */
  tokenScopedLine?: number;
  /** Every policy of the principal is in the repository: a missing grant is really missing. */
  complete: boolean;
}

function coversRepositories(statement: Statement): boolean {
  return !!statement.resources?.some((r) => {
    const value = r.value.trim();
    return (
      value === '*' || hasUnresolved(value) || /^arn:[^:]*:ecr:/.test(value) || /^arn:[^:]*:\*/.test(value)
    );
  });
}

/** The ECR grants of each principal (or of each document whose principal is not known). */
export function ecrGrants(model: IamModel): EcrGrants[] {
  const groups = new Map<string, PolicyDocument[]>();
  for (const document of model.documents) {
    if (document.kind !== 'identity') continue;
    const key = document.principal
      ? principalKey(document.principal)
      : `document:${document.file}:${document.address}:${document.line}`;
    const list = groups.get(key) ?? [];
    list.push(document);
    groups.set(key, list);
  }
  const out: EcrGrants[] = [];
  for (const [key, documents] of groups) {
    const grants: EcrGrants = {
      documents,
      repositoryActions: new Map(),
      tokenOnStar: false,
      complete: !key.startsWith('document:') && !model.extraction.externallyGranted.has(key),
    };
    for (const document of documents) {
      for (const statement of document.statements) {
        if (statement.effect !== 'Allow') continue;
        for (const ref of actionRefs(model, statement)) {
          for (const action of ref.matches ?? []) {
            if (action.service !== 'ecr') continue;
            if (action.name === 'GetAuthorizationToken') {
              if (hasStarResource(statement) || statement.resources?.some((r) => hasUnresolved(r.value)))
                grants.tokenOnStar = true;
              else grants.tokenScopedLine ??= ref.located.line;
            } else if (coversRepositories(statement) && !grants.repositoryActions.has(action.name)) {
              grants.repositoryActions.set(action.name, ref.located.line);
            }
          }
        }
      }
    }
    if (grants.repositoryActions.size > 0 || grants.tokenScopedLine) out.push(grants);
  }
  return out;
}

/** Whether the principal's token grant is missing in a way the repository proves. */
export function tokenMissing(grants: EcrGrants): boolean {
  return !grants.tokenOnStar && (grants.complete || grants.tokenScopedLine !== undefined);
}
