import type { Rule } from '../../../engine/rule';
import { ecrGrants, PULL_ACTIONS, PUSH_ONLY, tokenMissing } from '../ecr';
import type { IamModel } from '../model';

export const ecrPullIncomplete: Rule<IamModel> = {
  id: 'iam/ecr-pull-incomplete',
  severity: 'warning',
  title: 'ECR pull permissions are incomplete',
  help:
    'Pulling an image from ECR calls `BatchGetImage` (the manifest) and `GetDownloadUrlForLayer` (each ' +
    'layer) on the repository, after `GetAuthorizationToken` on `"Resource": "*"` for the login. ' +
    'Without all three the pull fails with AccessDenied. Grant them together, or attach the AWS ' +
    'managed `AmazonEC2ContainerRegistryReadOnly`.',
  example: {
    file: 'ecr-pull-policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*" },\n    { "Effect": "Allow", "Action": ["ecr:BatchGetImage"], "Resource": "arn:aws:ecr:eu-west-1:111122223333:repository/web" }\n  ]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*" },\n    { "Effect": "Allow", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Resource": "arn:aws:ecr:eu-west-1:111122223333:repository/web" }\n  ]\n}\n',
  },
  check(model, report) {
    for (const grants of ecrGrants(model)) {
      // A push policy is ecr-push-incomplete's to judge.
      if (PUSH_ONLY.some((a) => grants.repositoryActions.has(a))) continue;
      const pullLines = PULL_ACTIONS.map((a) => grants.repositoryActions.get(a)).filter(
        (l): l is number => l !== undefined,
      );
      if (pullLines.length === 0) continue;
      const missing = PULL_ACTIONS.filter((a) => !grants.repositoryActions.has(a)).map((a) => `ecr:${a}`);
      if (tokenMissing(grants)) missing.push('ecr:GetAuthorizationToken on "*"');
      if (missing.length === 0) continue;
      const document = grants.documents[0];
      const who = document.principal
        ? `${document.principal.type} ${document.principal.name}`
        : document.address;
      report({
        file: document.file,
        line: Math.min(...pullLines),
        message: `${who} is granted ECR pull actions but not ${missing.map((m) => `\`${m}\``).join(', ')}: pulling the image fails with AccessDenied.`,
        subject: `${document.address}:pull`,
      });
    }
  },
};
