import type { Rule } from '../../../engine/rule';
import type { TerraformModel } from '../model';
import { admitsVersionFrom } from '../version-constraint';

export const invalidSyntax: Rule<TerraformModel> = {
  id: 'terraform/invalid-syntax',
  severity: 'error',
  title: 'Terraform file does not parse',
  help:
    'Terraform refuses to plan or apply a directory in which any `.tf` or `.tf.json` file fails to parse, and the ' +
    'other checks here only see the blocks around the error. Fix the syntax at the reported line; ' +
    '`terraform fmt` and `terraform validate` point at the same place. A module whose `required_version` ' +
    'admits nothing from 0.12 on is written in the older HCL 1 language, which this parser does not read: ' +
    'there the finding is a warning that it breaks on any current Terraform.',
  example: {
    file: 'main.tf',
    bad: 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n\nresource "aws_s3_bucket" "assets" {\n  bucket = "acme-assets"\n}\n',
    good: 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n\nresource "aws_s3_bucket" "assets" {\n  bucket = "acme-assets"\n}\n',
  },
  check(model, report) {
    for (const { file, error } of model.syntaxErrors) {
      const constraints =
        model.modules.find((m) => m.dir === file.dir)?.requiredVersions.map((r) => r.constraint) ?? [];
      const legacy = constraints.length > 0 && admitsVersionFrom(constraints, [0, 12, 0]) === false;
      report({
        file: file.path,
        line: error.line,
        column: error.column,
        message: legacy
          ? `Syntax error for Terraform 0.12 and later: ${error.message}. \`required_version\` holds this module to 0.11, whose HCL 1 may accept it; it breaks on any current Terraform.`
          : `Syntax error: ${error.message}.`,
        subject: 'syntax',
        ...(legacy ? { severity: 'warning' as const } : {}),
      });
    }
  },
};
