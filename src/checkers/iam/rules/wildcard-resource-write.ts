import type { Rule } from '../../../engine/rule';
import { statementLabel } from '../document';
import {
  allowStatements,
  hasConditions,
  hasStarResource,
  listForMessage,
  namedActions,
  type IamModel,
} from '../model';
import { escalationActionNames } from './privilege-escalation';

/**
 * Writes that only append telemetry or manage the caller's own plumbing (log streams, metrics, the
 * ECS and SSM agents, network interfaces a Lambda or task attaches): AWS's own managed policies grant
 * them on `*`, and scoping them protects nothing.
 */
const LOW_IMPACT = new Set(
  [
    'logs:CreateLogGroup',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    'cloudwatch:PutMetricData',
    'xray:PutTraceSegments',
    'xray:PutTelemetryRecords',
    'ssm:UpdateInstanceInformation',
    'ssm:PutComplianceItems',
    'ssm:UpdateInstanceAssociationStatus',
    'ssm:UpdateAssociationStatus',
    'ecs:Poll',
    'ecs:StartTelemetrySession',
    'ecs:RegisterContainerInstance',
    'ecs:DeregisterContainerInstance',
    'ecs:SubmitContainerStateChange',
    'ecs:SubmitTaskStateChange',
    'ecs:SubmitAttachmentStateChanges',
    'ecs:CreateCluster',
    'ec2:CreateNetworkInterface',
    'ec2:DeleteNetworkInterface',
    'ec2:AttachNetworkInterface',
    'ec2:DetachNetworkInterface',
    'ec2:AssignPrivateIpAddresses',
    'ec2:UnassignPrivateIpAddresses',
    'ec2:AssignIpv6Addresses',
    'ec2:UnassignIpv6Addresses',
    'autoscaling:CompleteLifecycleAction',
    'autoscaling:RecordLifecycleActionHeartbeat',
  ].map((a) => a.toLowerCase()),
);

export const wildcardResourceWrite: Rule<IamModel> = {
  id: 'iam/wildcard-resource-write',
  // A notice: on real repositories about half of these are deliberate (scaling roles, ECS service
  // roles, upstream controller policies that AWS documents with "*"), which is no warning's bar.
  severity: 'notice',
  title: 'Write actions on every resource',
  help:
    'Write and tagging actions on `"Resource": "*"` without a condition let the principal change or ' +
    'delete every resource of that type in the account, not only the ones it manages. Scope them to ' +
    'ARNs (a name prefix such as `arn:aws:s3:::app-*` works), or add a condition on tags ' +
    '(`aws:ResourceTag/...`). Actions that only accept `*` are not reported.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["s3:PutObject", "s3:DeleteObject"], "Resource": "*" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["s3:PutObject", "s3:DeleteObject"], "Resource": "arn:aws:s3:::reports/*" }]\n}\n',
  },
  check(model, report) {
    const escalation = escalationActionNames();
    for (const { document, statement } of allowStatements(model)) {
      if (!hasStarResource(statement) || hasConditions(statement)) continue;
      const writes = namedActions(model, statement, (action, name) => {
        // Only writes and tagging on resources; permission changes have their own rules.
        if (action.resourceTypes.length === 0 || !/[WT]/.test(action.access) || action.access.includes('P'))
          return false;
        if (escalation.has(name.toLowerCase()) || LOW_IMPACT.has(name.toLowerCase())) return false;
        // Creating makes a new resource; it changes or deletes none of the existing ones.
        return !action.name.startsWith('Create');
      });
      if (!writes) continue;
      report({
        file: document.file,
        line: writes.line,
        message: `In ${document.address}, ${statementLabel(statement)} allows ${listForMessage(writes.names)} on "*" with no condition: every such resource in the account can be changed.`,
        subject: `${document.address}:${statementLabel(statement)}`,
      });
    }
  },
};
