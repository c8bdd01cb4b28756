import type { Rule } from '../../../engine/rule';
import type { TopologyModel } from '../model';

export const unresolvedPlacement: Rule<TopologyModel> = {
  id: 'topology/unresolved-placement',
  severity: 'notice',
  title: 'Placement could not be resolved statically',
  help:
    'deploy-lint evaluates literals, variable defaults and auto-loaded `.tfvars`, locals, `count`, ' +
    '`for_each`, `element`, `length`, `%` and splats; a zone or count that comes from elsewhere (a ' +
    'variable without a default, a module output, a remote state) is only known at plan time, so ' +
    'the resource is left out of the AZ arithmetic rather than guessed. To have it checked, give ' +
    'the variable a default or a `terraform.tfvars` value, or state the layout in a ' +
    '`deploy-topology.yml`.',
  example: {
    file: 'main.tf',
    bad: [
      'variable "subnet_id" {}',
      '',
      'resource "aws_instance" "api" {',
      '  count     = 2',
      '  ami       = "ami-0123456789abcdef0"',
      '  subnet_id = var.subnet_id',
      '}',
      '',
    ].join('\n'),
    good: [
      'resource "aws_instance" "api" {',
      '  count             = 2',
      '  ami               = "ami-0123456789abcdef0"',
      '  availability_zone = element(["us-east-1a", "us-east-1b"], count.index)',
      '}',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const u of model.unresolved) {
      report({
        file: u.file,
        line: u.line,
        subject: `${u.what}: ${u.why}`,
        message: `The placement of ${u.what} could not be resolved: ${u.why}. It is left out of the AZ checks rather than guessed.`,
      });
    }
  },
};
