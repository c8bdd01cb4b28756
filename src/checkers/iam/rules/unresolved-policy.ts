import type { Rule } from '../../../engine/rule';
import type { IamModel } from '../model';

export const unresolvedPolicy: Rule<IamModel> = {
  id: 'iam/unresolved-policy',
  severity: 'notice',
  title: 'Policy built from values the checker cannot resolve',
  help:
    'The policy comes from a variable, a module output, `file()` or a computed expression, so its ' +
    'statements could not be checked here. Where you can, write it in the repository as ' +
    '`jsonencode({...})`, a heredoc or a `data "aws_iam_policy_document"` block; otherwise check it ' +
    'where it is defined.',
  example: {
    file: 'main.tf',
    bad: 'resource "aws_iam_role_policy" "ci" {\n  role   = aws_iam_role.ci.id\n  policy = var.ci_policy\n}\n',
    good: 'resource "aws_iam_role_policy" "ci" {\n  role = aws_iam_role.ci.id\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "s3:ListBucket", Resource = "arn:aws:s3:::reports" }]\n  })\n}\n',
  },
  check(model, report) {
    for (const problem of model.extraction.unresolved) report(problem);
  },
};
