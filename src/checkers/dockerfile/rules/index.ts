import type { Rule } from '../../../engine/rule';
import type { DockerfileModel } from '../model';
import { invalidSyntax } from './invalid-syntax';
import { firstInstruction } from './first-instruction';
import { fromMissingTag } from './from-missing-tag';
import { fromLatestTag } from './from-latest-tag';
import { fromUntrustedRegistry } from './from-untrusted-registry';
import { fromUndefinedArg } from './from-undefined-arg';
import { stageNameDuplicate } from './stage-name-duplicate';
import { stageNameReserved } from './stage-name-reserved';
import { copyFromInvalidStage } from './copy-from-invalid-stage';
import { copyFromStageRoot } from './copy-from-stage-root';
import { finalUserRoot } from './final-user-root';
import { finalUserMissing } from './final-user-missing';
import { userNonNumeric } from './user-non-numeric';
import { sudo } from './sudo';
import { useraddWithoutNoLogInit } from './useradd-without-no-log-init';
import { envSameInstructionRef } from './env-same-instruction-ref';
import { execFormVariable } from './exec-form-variable';
import { undefinedVariable } from './undefined-variable';
import { missingWorkdir } from './missing-workdir';
import { cdInsteadOfWorkdir } from './cd-instead-of-workdir';
import { cmdShellForm } from './cmd-shell-form';
import { entrypointWrapperPid1 } from './entrypoint-wrapper-pid1';
import { duplicateCmdEntrypointHealthcheck } from './duplicate-cmd-entrypoint-healthcheck';
import { healthcheckMissing } from './healthcheck-missing';
import { tlsVerificationDisabled } from './tls-verification-disabled';
import { packageSignatureBypass } from './package-signature-bypass';
import { aptGetMissingYes } from './apt-get-missing-yes';
import { aptGetRecommends } from './apt-get-recommends';
import { aptListsNotCleaned } from './apt-lists-not-cleaned';
import { aptUpdateAlone } from './apt-update-alone';
import { aptNotAptGet } from './apt-not-apt-get';
import { distUpgrade } from './dist-upgrade';
import { apkNoCache } from './apk-no-cache';
import { rpmFamilyHygiene } from './rpm-family-hygiene';
import { pipNoCacheDir } from './pip-no-cache-dir';
import { nodePackageCache } from './node-package-cache';
import { packageUnpinned } from './package-unpinned';
import { buildToolsInFinalStage } from './build-tools-in-final-stage';
import { depsAfterSourceCopy } from './deps-after-source-copy';
import { pythonOnMusl } from './python-on-musl';
import { secretInArgEnv } from './secret-in-arg-env';
import { copySecretFile } from './copy-secret-file';
import { copyOwnerMismatch } from './copy-owner-mismatch';
import { addInsteadOfCopy } from './add-instead-of-copy';
import { addRemoteNoChecksum } from './add-remote-no-checksum';
import { copyDestNotDir } from './copy-dest-not-dir';
import { copyContextRoot } from './copy-context-root';
import { workdirRelative } from './workdir-relative';
import { pipeWithoutPipefail } from './pipe-without-pipefail';
import { remoteScriptExec } from './remote-script-exec';
import { curlWithoutFail } from './curl-without-fail';
import { heredocWithoutErrexit } from './heredoc-without-errexit';
import { exposeInvalid } from './expose-invalid';
import { exposeSsh } from './expose-ssh';
import { maintainerDeprecated } from './maintainer-deprecated';

/** Every dockerfile rule. One import and one entry per rule file. */
export const DOCKERFILE_RULES: Rule<DockerfileModel>[] = [
  invalidSyntax,
  firstInstruction,
  fromMissingTag,
  fromLatestTag,
  fromUntrustedRegistry,
  fromUndefinedArg,
  stageNameDuplicate,
  stageNameReserved,
  copyFromInvalidStage,
  copyFromStageRoot,
  finalUserRoot,
  finalUserMissing,
  userNonNumeric,
  sudo,
  useraddWithoutNoLogInit,
  envSameInstructionRef,
  execFormVariable,
  undefinedVariable,
  missingWorkdir,
  cdInsteadOfWorkdir,
  cmdShellForm,
  entrypointWrapperPid1,
  duplicateCmdEntrypointHealthcheck,
  healthcheckMissing,
  tlsVerificationDisabled,
  packageSignatureBypass,
  aptGetMissingYes,
  aptGetRecommends,
  aptListsNotCleaned,
  aptUpdateAlone,
  aptNotAptGet,
  distUpgrade,
  apkNoCache,
  rpmFamilyHygiene,
  pipNoCacheDir,
  nodePackageCache,
  packageUnpinned,
  buildToolsInFinalStage,
  depsAfterSourceCopy,
  pythonOnMusl,
  secretInArgEnv,
  copySecretFile,
  copyOwnerMismatch,
  addInsteadOfCopy,
  addRemoteNoChecksum,
  copyDestNotDir,
  copyContextRoot,
  workdirRelative,
  pipeWithoutPipefail,
  remoteScriptExec,
  curlWithoutFail,
  heredocWithoutErrexit,
  exposeInvalid,
  exposeSsh,
  maintainerDeprecated,
];
