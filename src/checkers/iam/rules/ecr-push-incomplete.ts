import type { Rule } from '../../../engine/rule';
import { ecrGrants, PUSH_ACTIONS, PUSH_ONLY, tokenMissing } from '../ecr';
import type { IamModel } from '../model';

export const ecrPushIncomplete: Rule<IamModel> = {
  id: 'iam/ecr-push-incomplete',
  severity: 'warning',
  title: 'ECR push permissions are incomplete',
  help:
    '`docker push` to ECR calls `BatchCheckLayerAvailability`, `InitiateLayerUpload`, ' +
    '`UploadLayerPart`, `CompleteLayerUpload`, `PutImage` and `BatchGetImage` on the repository, and ' +
    '`aws ecr get-login-password` calls `GetAuthorizationToken`, which must be granted on ' +
    '`"Resource": "*"`. Missing any of them fails the push with AccessDenied. Grant them all (the ' +
    'token in its own statement), or attach the AWS managed `AmazonEC2ContainerRegistryPowerUser`.',
  example: {
    file: 'ecr-push-policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*" },\n    {\n      "Effect": "Allow",\n      "Action": ["ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"],\n      "Resource": "arn:aws:ecr:eu-west-1:111122223333:repository/web"\n    }\n  ]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*" },\n    {\n      "Effect": "Allow",\n      "Action": [\n        "ecr:BatchCheckLayerAvailability",\n        "ecr:InitiateLayerUpload",\n        "ecr:UploadLayerPart",\n        "ecr:CompleteLayerUpload",\n        "ecr:PutImage",\n        "ecr:BatchGetImage"\n      ],\n      "Resource": "arn:aws:ecr:eu-west-1:111122223333:repository/web"\n    }\n  ]\n}\n',
  },
  check(model, report) {
    for (const grants of ecrGrants(model)) {
      const pushLines = PUSH_ONLY.map((a) => grants.repositoryActions.get(a)).filter(
        (l): l is number => l !== undefined,
      );
      if (pushLines.length === 0) continue;
      const missing = PUSH_ACTIONS.filter((a) => !grants.repositoryActions.has(a)).map((a) => `ecr:${a}`);
      if (tokenMissing(grants)) missing.push('ecr:GetAuthorizationToken on "*"');
      if (missing.length === 0) continue;
      const document = grants.documents[0];
      const who = document.principal
        ? `${document.principal.type} ${document.principal.name}`
        : document.address;
      const noPull = !grants.repositoryActions.has('GetDownloadUrlForLayer');
      report({
        file: document.file,
        line: Math.min(...pushLines),
        message:
          `${who} is granted ECR push actions but not ${missing.map((m) => `\`${m}\``).join(', ')}: docker push fails with AccessDenied` +
          (noPull ? ' (nor can it pull: ecr:GetDownloadUrlForLayer is not granted either).' : '.'),
        subject: `${document.address}:push`,
      });
    }
  },
};
