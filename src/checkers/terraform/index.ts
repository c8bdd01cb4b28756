import type { RawFinding } from '../../engine/finding';
import { INTERNAL_ERROR } from '../../engine/engine-rules';
import { runRules, type Checker, type Rule } from '../../engine/rule';
import type { SourceFile } from '../../engine/workspace';
import { ensureHclParser, parseHcl, type HclDocument } from '../../parse/hcl';
import { loadGitignores } from './gitignores';
import {
  buildTerraformModel,
  isBackendConfigPath,
  isConfigurationPath,
  isStatePath,
  type TerraformModel,
} from './model';
import { backendHardcodedCredentials } from './rules/backend-hardcoded-credentials';
import { backendVariable } from './rules/backend-variable';
import { dotTerraformCommitted } from './rules/dotterraform-committed';
import { gitignoreMissingState } from './rules/gitignore-missing-state';
import { invalidSyntax } from './rules/invalid-syntax';
import { localBackend } from './rules/local-backend';
import { lockfileVersionFloor } from './rules/lockfile-version-floor';
import { noRemoteBackend } from './rules/no-remote-backend';
import { planCommitted } from './rules/plan-committed';
import { removedBackend } from './rules/removed-backend';
import { s3BackendDynamodbDeprecated } from './rules/s3-backend-dynamodb-deprecated';
import { s3BackendNoLock } from './rules/s3-backend-no-lock';
import { s3BackendUnencrypted } from './rules/s3-backend-unencrypted';
import { stateBucketVersioning } from './rules/state-bucket-versioning';
import { stateCommitted } from './rules/state-committed';

export const TERRAFORM_RULES: readonly Rule<TerraformModel>[] = [
  invalidSyntax,
  stateCommitted,
  dotTerraformCommitted,
  noRemoteBackend,
  localBackend,
  backendHardcodedCredentials,
  s3BackendNoLock,
  s3BackendDynamodbDeprecated,
  lockfileVersionFloor,
  s3BackendUnencrypted,
  stateBucketVersioning,
  removedBackend,
  gitignoreMissingState,
  planCommitted,
  backendVariable,
];

/** Stands in for every file when the parser cannot load: only the rules about repository files run. */
const NOT_PARSED: HclDocument = { attributes: [], blocks: [], errors: [] };

export const terraformChecker: Checker = {
  id: 'terraform',
  rules: TERRAFORM_RULES,
  claims(file: SourceFile): boolean {
    return isConfigurationPath(file.path) || isBackendConfigPath(file.path) || isStatePath(file.path);
  },
  async run(files, ctx): Promise<RawFinding[]> {
    const findings: RawFinding[] = [];
    let parse: (file: SourceFile) => HclDocument = parseHcl;
    // The model parses the claimed configuration and backend files and Terragrunt's .hcl files; with
    // none of them (state files alone, or nothing) the grammar is not loaded at all.
    const needsParser =
      files.some((f) => !isStatePath(f.path)) || ctx.allFiles.some((f) => f.path.endsWith('.hcl'));
    try {
      if (needsParser) await ensureHclParser();
    } catch (error) {
      parse = () => NOT_PARSED;
      const first = files.find((f) => isConfigurationPath(f.path));
      if (first) {
        findings.push({
          ruleId: INTERNAL_ERROR.id,
          file: first.path,
          line: 1,
          subject: 'terraform:hcl-parser',
          message: `The HCL parser could not load (${error instanceof Error ? error.message : String(error)}), so .tf files were not checked.`,
        });
      }
    }
    const moduleDirs = files.filter((f) => isConfigurationPath(f.path)).map((f) => f.dir);
    const model = buildTerraformModel(files, ctx, parse, loadGitignores(ctx, moduleDirs));
    const configured =
      parse === parseHcl ? TERRAFORM_RULES : [stateCommitted, dotTerraformCommitted, planCommitted];
    findings.push(...runRules(configured, model, files[0]?.path ?? '.'));
    return findings;
  },
};
