import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import { allowStatements, hasStarResource, listForMessage, namedActions, type IamModel } from '../model';

/** Actions whose response holds credentials (ecr:GetAuthorizationToken is exempt: every image push and pull needs it). */
export const CREDENTIAL_ACTIONS = new Set(
  [
    'iam:CreateAccessKey',
    'iam:UpdateAccessKey',
    'iam:CreateLoginProfile',
    'iam:UpdateLoginProfile',
    'iam:CreateServiceSpecificCredential',
    'iam:ResetServiceSpecificCredential',
    'iam:UploadSSHPublicKey',
    'sts:GetSessionToken',
    'sts:GetFederationToken',
    'redshift:GetClusterCredentials',
    'redshift-serverless:GetCredentials',
    'lightsail:GetInstanceAccessDetails',
    'lightsail:GetRelationalDatabaseMasterUserPassword',
    'cognito-identity:GetCredentialsForIdentity',
    'sso:GetRoleCredentials',
    'rds:GenerateDbAuthToken',
    'gamelift:RequestUploadCredentials',
    'gamelift:GetInstanceAccess',
    'chime:CreateApiKey',
    'appsync:GetDataSourceIntrospection',
    'mediapackage:RotateIngestEndpointCredentials',
  ].map((a) => a.toLowerCase()),
);

export const credentialsExposure: Rule<IamModel> = {
  id: 'iam/credentials-exposure',
  severity: 'notice',
  title: 'Credential-returning actions on every resource',
  help:
    'Actions such as `iam:CreateAccessKey`, `sts:GetSessionToken` or `redshift:GetClusterCredentials` ' +
    'return credentials; on `"Resource": "*"` the principal can mint keys for any user or database. ' +
    "Scope them to the principal's own resources (`arn:aws:iam::ACCOUNT:user/${aws:username}`), or " +
    'drop them if nothing in the workload calls them.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["iam:CreateAccessKey"], "Resource": "*" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["iam:CreateAccessKey"], "Resource": "arn:aws:iam::111122223333:user/${aws:username}" }]\n}\n',
  },
  check(model, report) {
    for (const { document, statement } of allowStatements(model)) {
      if (!hasStarResource(statement)) continue;
      const found = namedActions(model, statement, (_, name) => CREDENTIAL_ACTIONS.has(name.toLowerCase()));
      if (!found) continue;
      report({
        file: document.file,
        line: found.line,
        message: `In ${document.address}, ${statementLabel(statement)} allows ${listForMessage(found.names)} on "*": these return credentials for any principal or resource.`,
        subject: `${document.address}:${statementLabel(statement)}`,
      });
    }
  },
};
