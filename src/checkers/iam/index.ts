import type { RawFinding } from '../../engine/finding';
import { INTERNAL_ERROR } from '../../engine/engine-rules';
import { claimsOnce, runRules, type Checker, type Rule, type RunContext } from '../../engine/rule';
import type { SourceFile } from '../../engine/workspace';
import { ensureHclParser } from '../../parse/hcl';
import { loadIamIndex } from './actions';
import {
  extractPolicies,
  isCloudFormationYamlCandidate,
  isPolicyJsonCandidate,
  isTerraformFile,
  type IamExtraction,
} from './extract';
import type { IamModel } from './model';
import { actionRequiresWildcardResource } from './rules/action-requires-wildcard-resource';
import { adminAccess } from './rules/admin-access';
import { conditionOperatorMisuse } from './rules/condition-operator-misuse';
import { credentialsExposure } from './rules/credentials-exposure';
import { crossAccountAssumeUnmatched } from './rules/cross-account-assume-unmatched';
import { dataReadUnscoped } from './rules/data-read-unscoped';
import { duplicateSid } from './rules/duplicate-sid';
import { ecrPullIncomplete } from './rules/ecr-pull-incomplete';
import { ecrPushIncomplete } from './rules/ecr-push-incomplete';
import { invalidArn } from './rules/invalid-arn';
import { invalidJson } from './rules/invalid-json';
import { invalidVersion } from './rules/invalid-version';
import { malformedStatement } from './rules/malformed-statement';
import { mfaAntiPattern } from './rules/mfa-anti-pattern';
import { missingVersion } from './rules/missing-version';
import { notActionWithAllow } from './rules/not-action-with-allow';
import { notPrincipalWithAllow } from './rules/not-principal-with-allow';
import { notResourceWithAllow } from './rules/not-resource-with-allow';
import { oidcBroadSub } from './rules/oidc-broad-sub';
import { oidcMissingAud } from './rules/oidc-missing-aud';
import { oidcMissingSub } from './rules/oidc-missing-sub';
import { oidcMutableSub } from './rules/oidc-mutable-sub';
import { passroleUnscoped } from './rules/passrole-unscoped';
import { permissionsManagementUnscoped } from './rules/permissions-management-unscoped';
import { policyTooLarge } from './rules/policy-too-large';
import { privilegeEscalation } from './rules/privilege-escalation';
import { resourceTypeMismatch } from './rules/resource-type-mismatch';
import { trustActionMismatch } from './rules/trust-action-mismatch';
import { trustAnyPrincipal } from './rules/trust-any-principal';
import { trustMissingExternalId } from './rules/trust-missing-external-id';
import { trustWholeAccount } from './rules/trust-whole-account';
import { unknownAction } from './rules/unknown-action';
import { unknownConditionKey } from './rules/unknown-condition-key';
import { unknownService } from './rules/unknown-service';
import { unresolvedPolicy } from './rules/unresolved-policy';
import { variablesNeed2012Version } from './rules/variables-need-2012-version';
import { wildcardAction } from './rules/wildcard-action';
import { wildcardResourceWrite } from './rules/wildcard-resource-write';

export const IAM_RULES: readonly Rule<IamModel>[] = [
  invalidJson,
  unresolvedPolicy,
  malformedStatement,
  missingVersion,
  invalidVersion,
  variablesNeed2012Version,
  duplicateSid,
  policyTooLarge,
  unknownService,
  unknownAction,
  actionRequiresWildcardResource,
  resourceTypeMismatch,
  invalidArn,
  adminAccess,
  wildcardAction,
  wildcardResourceWrite,
  permissionsManagementUnscoped,
  privilegeEscalation,
  passroleUnscoped,
  credentialsExposure,
  dataReadUnscoped,
  notActionWithAllow,
  notResourceWithAllow,
  notPrincipalWithAllow,
  unknownConditionKey,
  conditionOperatorMisuse,
  mfaAntiPattern,
  trustAnyPrincipal,
  trustWholeAccount,
  trustMissingExternalId,
  trustActionMismatch,
  oidcMissingSub,
  oidcBroadSub,
  oidcMutableSub,
  oidcMissingAud,
  crossAccountAssumeUnmatched,
  ecrPushIncomplete,
  ecrPullIncomplete,
];

const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    'own-accounts': {
      type: 'array',
      items: { type: 'string', pattern: '^[0-9]{12}$' },
      description: 'AWS account ids that are yours: trust rules treat other accounts as third parties.',
    },
  },
};

function ownAccounts(ctx: RunContext): string[] {
  const section = ctx.config.sections.iam as { 'own-accounts'?: unknown } | undefined;
  const list = section?.['own-accounts'];
  return Array.isArray(list) ? list.map(String) : [];
}

/** Every policy document of the files, for other checkers that read IAM facts (same parse caches). */
export async function iamDocuments(files: readonly SourceFile[]): Promise<IamExtraction> {
  let hclReady = true;
  // The HCL grammar loads only when a .tf file is there to read: other scans start without it.
  if (files.some(isTerraformFile)) {
    try {
      await ensureHclParser();
    } catch {
      hclReady = false;
    }
  }
  return extractPolicies(files, hclReady);
}

export const iamChecker: Checker = {
  id: 'iam',
  rules: IAM_RULES,
  configSchema: CONFIG_SCHEMA,
  claims: claimsOnce(
    (file: SourceFile): boolean =>
      isTerraformFile(file) || isPolicyJsonCandidate(file) || isCloudFormationYamlCandidate(file),
  ),
  async run(files, ctx): Promise<RawFinding[]> {
    const extraction = await iamDocuments(files);
    const findings: RawFinding[] = [];
    if (
      extraction.documents.length === 0 &&
      extraction.invalidJson.length === 0 &&
      extraction.unresolved.length === 0
    )
      return findings;
    let index;
    try {
      // Loaded only now: a scan without IAM policies never reads the action data.
      index = await loadIamIndex();
    } catch (error) {
      findings.push({
        ruleId: INTERNAL_ERROR.id,
        file: extraction.documents[0]?.file ?? files[0]?.path ?? '.',
        line: 1,
        subject: 'iam:index',
        message: `The IAM action data could not load (${error instanceof Error ? error.message : String(error)}), so policies were not checked.`,
      });
      return findings;
    }
    const model: IamModel = {
      extraction,
      documents: extraction.documents,
      index,
      ownAccounts: ownAccounts(ctx),
      fileAt: (path) => ctx.fileAt(path),
    };
    findings.push(...runRules(IAM_RULES, model, files[0]?.path ?? '.'));
    return findings;
  },
};
