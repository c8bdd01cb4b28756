import type { Rule } from '../../../engine/rule';
import { mentionProblems, type TopologyModel } from '../model';
import { looksLikeRegion, ZONE_DATA_AS_OF } from '../zones';

export const unknownZone: Rule<TopologyModel> = {
  id: 'topology/unknown-zone',
  severity: 'error',
  title: 'Availability Zone or region that does not exist',
  help:
    'A zone letter the region does not have (`us-east-1g`, `us-west-1d`) or a region name that does ' +
    'not exist fails at apply time, or silently describes a layout that cannot be. Use one of the ' +
    'letters the message lists, or `data.aws_availability_zones` / `Fn::GetAZs` so zones always exist. ' +
    'The zone table is dated: a region opened after it is reported as a warning that says so.',
  example: {
    file: 'deploy-topology.yml',
    bad: [
      'version: 1',
      'services:',
      '  - name: checkout',
      '    placements:',
      '      - { zone: us-east-1a, count: 2 }',
      '      - { zone: us-east-1g, count: 2 }',
      '',
    ].join('\n'),
    good: [
      'version: 1',
      'services:',
      '  - name: checkout',
      '    placements:',
      '      - { zone: us-east-1a, count: 2 }',
      '      - { zone: us-east-1b, count: 2 }',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const mention of model.zoneMentions) {
      for (const problem of mentionProblems(mention)) {
        if (problem.kind === 'unknown-letter') {
          report({
            file: mention.file,
            line: mention.line,
            subject: mention.zone,
            message: `${mention.zone} does not exist: ${problem.region} has the zones ${problem.letters.map((l) => `${problem.region}${l}`).join(', ')}.`,
          });
        } else if (problem.kind === 'unknown-region') {
          report({
            file: mention.file,
            line: mention.line,
            subject: mention.zone,
            severity: problem.shapeless ? 'error' : 'warning',
            message: problem.shapeless
              ? problem.region === mention.zone
                ? looksLikeRegion(mention.zone)
                  ? `${mention.zone} is a region, not an Availability Zone: AWS rejects it here. Name a zone of it (${mention.zone}a) or take one from Fn::GetAZs / data.aws_availability_zones.`
                  : `${mention.zone} is not an Availability Zone name (zones look like us-east-1a, AZ ids like use1-az1).`
                : `${mention.zone} names no AWS region: ${problem.region} is not a region name (regions look like us-east-1, eu-central-2).`
              : `${mention.zone} is in ${problem.region}, which is not an AWS region as of ${ZONE_DATA_AS_OF} (deploy-lint's zone table). Check the name; if the region is newer, the zone is left unchecked.`,
          });
        } else if (problem.kind === 'unknown-zone-id') {
          report({
            file: mention.file,
            line: mention.line,
            subject: mention.zone,
            message: `${mention.zone} is not an AZ id of its region as of ${ZONE_DATA_AS_OF}.`,
          });
        }
      }
    }
  },
};
