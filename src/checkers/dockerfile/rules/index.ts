import type { Rule } from '../../../engine/rule';
import type { DockerfileModel } from '../model';
import { invalidSyntax } from './invalid-syntax';
import { firstInstruction } from './first-instruction';
import { fromMissingTag } from './from-missing-tag';
import { fromLatestTag } from './from-latest-tag';
import { fromUntrustedRegistry } from './from-untrusted-registry';
import { fromUndefinedArg } from './from-undefined-arg';
import { stageNameDuplicate } from './stage-name-duplicate';
import { copyFromInvalidStage } from './copy-from-invalid-stage';
import { finalUserRoot } from './final-user-root';
import { finalUserMissing } from './final-user-missing';
import { userNonNumeric } from './user-non-numeric';
import { envSameInstructionRef } from './env-same-instruction-ref';
import { execFormVariable } from './exec-form-variable';
import { undefinedVariable } from './undefined-variable';
import { missingWorkdir } from './missing-workdir';
import { cmdShellForm } from './cmd-shell-form';
import { entrypointWrapperPid1 } from './entrypoint-wrapper-pid1';
import { duplicateCmdEntrypointHealthcheck } from './duplicate-cmd-entrypoint-healthcheck';
import { healthcheckMissing } from './healthcheck-missing';

/** Every dockerfile rule. One import and one entry per rule file. */
export const DOCKERFILE_RULES: Rule<DockerfileModel>[] = [
  invalidSyntax,
  firstInstruction,
  fromMissingTag,
  fromLatestTag,
  fromUntrustedRegistry,
  fromUndefinedArg,
  stageNameDuplicate,
  copyFromInvalidStage,
  finalUserRoot,
  finalUserMissing,
  userNonNumeric,
  envSameInstructionRef,
  execFormVariable,
  undefinedVariable,
  missingWorkdir,
  cmdShellForm,
  entrypointWrapperPid1,
  duplicateCmdEntrypointHealthcheck,
  healthcheckMissing,
];
