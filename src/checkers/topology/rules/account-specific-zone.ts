import type { Rule } from '../../../engine/rule';
import { mentionProblems, type TopologyModel } from '../model';

export const accountSpecificZone: Rule<TopologyModel> = {
  id: 'topology/account-specific-zone',
  severity: 'notice',
  title: 'Zone letter that depends on the account',
  help:
    'Zone letters are mapped to physical zones per account. In us-west-1 each account sees only two ' +
    'of the three letters, and some letters (ap-northeast-1b) exist only in older accounts and take ' +
    'no new capacity: the same file can fail or land differently in another account. Name zones by ' +
    'AZ id (`usw1-az1`) or take them from `data.aws_availability_zones` / `Fn::GetAZs`.',
  example: {
    file: 'deploy-topology.yml',
    bad: [
      'version: 1',
      'services:',
      '  - name: batch',
      '    placements:',
      '      - { zone: us-west-1a, count: 1 }',
      '      - { zone: us-west-1b, count: 1 }',
      '',
    ].join('\n'),
    good: [
      'version: 1',
      'services:',
      '  - name: batch',
      '    placements:',
      '      - { zone: usw1-az1, count: 1 }',
      '      - { zone: usw1-az3, count: 1 }',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const mention of model.zoneMentions) {
      for (const problem of mentionProblems(mention)) {
        if (problem.kind !== 'account-specific') continue;
        report({
          file: mention.file,
          line: mention.line,
          subject: mention.zone,
          message: `${mention.zone}: ${problem.detail}. Name the zone by AZ id, or take it from data.aws_availability_zones / Fn::GetAZs.`,
        });
      }
    }
  },
};
