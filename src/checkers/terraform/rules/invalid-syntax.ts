import type { Rule } from '../../../engine/rule';
import type { TerraformModel } from '../model';

export const invalidSyntax: Rule<TerraformModel> = {
  id: 'terraform/invalid-syntax',
  severity: 'error',
  title: 'Terraform file does not parse',
  help:
    'Terraform refuses to plan or apply a directory in which any `.tf` or `.tf.json` file fails to parse, and the ' +
    'other checks here only see the blocks around the error. Fix the syntax at the reported line; ' +
    '`terraform fmt` and `terraform validate` point at the same place.',
  example: {
    file: 'main.tf',
    bad: 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n\nresource "aws_s3_bucket" "assets" {\n  bucket = "acme-assets"\n}\n',
    good: 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n\nresource "aws_s3_bucket" "assets" {\n  bucket = "acme-assets"\n}\n',
  },
  check(model, report) {
    for (const { file, error } of model.syntaxErrors) {
      report({
        file: file.path,
        line: error.line,
        column: error.column,
        message: `Syntax error: ${error.message}.`,
        subject: 'syntax',
      });
    }
  },
};
