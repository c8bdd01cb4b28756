import type { Rule } from '../../../engine/rule';
import { statementLabel, type Located } from '../document';
import type { IamModel } from '../model';
import { display, UNRESOLVED } from '../values';

const PARTITIONS = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);
/** Services whose ARNs never carry a region. */
const GLOBAL_SERVICES = new Set([
  'iam',
  's3',
  'cloudfront',
  'route53',
  'waf',
  'organizations',
  'globalaccelerator',
  'shield',
]);
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?|-isob)?-[a-z]+-\d+$/;
/** A 12-digit id, `aws` (AWS managed policies) or `cloudfront` (origin access identities). */
const ACCOUNT = /^(\d{12}|aws|cloudfront)$/;

/** True when a segment holds something the checker cannot judge: a wildcard, a variable, an unresolved reference. */
function opaque(segment: string): boolean {
  return /[*?]/.test(segment) || segment.includes('${') || segment.includes(UNRESOLVED);
}

/** What is wrong with an ARN, or undefined when nothing is. */
export function arnProblem(arn: string, knownService: (prefix: string) => boolean): string | undefined {
  const placeholder = /<[^<>]+>/.exec(arn);
  if (placeholder) return `it still holds the placeholder \`${placeholder[0]}\``;
  const parts = arn.split(':');
  // `arn:aws:logs:*`: a trailing wildcard stands for the parts left out.
  if (parts.length < 6 && parts[parts.length - 1].endsWith('*')) return undefined;
  if (parts.length < 6)
    return `an ARN has six colon-separated parts (arn:partition:service:region:account:resource), this one has ${parts.length}`;
  const [, partition, service, region, account] = parts;
  const resource = parts.slice(5).join(':');
  if (!opaque(partition) && !PARTITIONS.has(partition))
    return `"${partition}" is not an AWS partition (aws, aws-cn, aws-us-gov...)`;
  if (!opaque(service) && !knownService(service)) return `"${service}" is not an AWS service prefix`;
  if (!opaque(region) && region !== '') {
    if (GLOBAL_SERVICES.has(service))
      return `${service} is a global service, its ARNs have an empty region, not "${region}"`;
    if (!REGION.test(region)) return `"${region}" is not an AWS region`;
  }
  if (!opaque(account) && account !== '' && !ACCOUNT.test(account))
    return `the account "${account}" is not a 12-digit account id`;
  if (!opaque(resource) && resource === '') return 'the resource part is empty';
  return undefined;
}

export const invalidArn: Rule<IamModel> = {
  id: 'iam/invalid-arn',
  severity: 'error',
  title: 'Malformed ARN',
  help:
    'An ARN is `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`. A wrong partition, an unknown ' +
    'service, a region on a global service (IAM, S3), an account that is not 12 digits, or a ' +
    'placeholder such as `<account_id>` left in place makes AWS reject the policy or the statement ' +
    'match nothing. Write the real value, or `*` where any value is meant.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "ecr:BatchGetImage", "Resource": "arn:aws:ecr:<region>:<account_id>:repository/web" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "ecr:BatchGetImage", "Resource": "arn:aws:ecr:eu-west-1:111122223333:repository/web" }]\n}\n',
  },
  check(model, report) {
    const known = (prefix: string) => model.index.service(prefix) !== undefined;
    for (const document of model.documents) {
      for (const statement of document.statements) {
        const principalArns: Located[] = [
          ...(statement.principals ?? []),
          ...(statement.notPrincipals ?? []),
        ].filter((p) => p.type === 'AWS' || p.type === 'Federated');
        const candidates = [
          ...(statement.resources ?? []),
          ...(statement.notResources ?? []),
          ...principalArns,
        ];
        for (const located of candidates) {
          const value = located.value.trim();
          if (!value.startsWith('arn:') && !/<[^<>]+>/.test(value)) continue;
          if (!value.startsWith('arn:') && /^[\w.-]+$/.test(value)) continue;
          const problem = arnProblem(value, known);
          if (!problem) continue;
          report({
            file: document.file,
            line: located.line,
            message: `In ${document.address}, ${statementLabel(statement)}: \`${display(value)}\` is not a valid ARN: ${problem}.`,
            subject: `${document.address}:${value}`,
          });
        }
      }
    }
  },
};
