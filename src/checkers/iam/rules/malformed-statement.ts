import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import type { IamModel } from '../model';

export const malformedStatement: Rule<IamModel> = {
  id: 'iam/malformed-statement',
  severity: 'error',
  title: 'Statement AWS rejects',
  help:
    'Every statement needs `Effect` ("Allow" or "Deny"), exactly one of `Action`/`NotAction`, and in ' +
    'identity policies exactly one of `Resource`/`NotResource`; trust and resource policies need a ' +
    '`Principal`, identity policies must not have one. Element names are case-sensitive and unknown ' +
    'ones are rejected. AWS refuses the whole policy with MalformedPolicyDocument.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Actions": ["s3:GetObject"], "Resource": "arn:aws:s3:::reports/*" }\n  ]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::reports/*" }\n  ]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      for (const problem of document.shapeProblems) {
        report({
          file: document.file,
          line: problem.line,
          message: problem.message,
          subject: `${document.address}:${problem.message}`,
        });
      }
      for (const statement of document.statements) {
        const label = statementLabel(statement);
        const problems: string[] = [];
        if (statement.effect === undefined) problems.push('has no `Effect`');
        else if (
          statement.effect !== 'Allow' &&
          statement.effect !== 'Deny' &&
          !statement.effect.includes('\u{E000}')
        )
          problems.push(`has \`Effect\` "${statement.effect}" (it must be exactly "Allow" or "Deny")`);
        if (!statement.actions && !statement.notActions)
          problems.push('has neither `Action` nor `NotAction`');
        if (statement.actions && statement.notActions) problems.push('has both `Action` and `NotAction`');
        if (statement.resources && statement.notResources)
          problems.push('has both `Resource` and `NotResource`');
        if (statement.principals && statement.notPrincipals)
          problems.push('has both `Principal` and `NotPrincipal`');
        if (document.kind === 'identity') {
          if (!statement.resources && !statement.notResources)
            problems.push('has neither `Resource` nor `NotResource`, which an identity policy requires');
          if (statement.principals || statement.notPrincipals)
            problems.push('has a `Principal`, which an identity policy cannot have');
        } else if (!statement.principals && !statement.notPrincipals) {
          problems.push(`has no \`Principal\`, which a ${document.kind} policy requires`);
        }
        for (const problem of problems) {
          report({
            file: document.file,
            line: statement.line,
            message: `In ${document.address}, ${label} ${problem}: AWS rejects the policy.`,
            subject: `${document.address}:${label}:${problem}`,
          });
        }
      }
    }
  },
};
