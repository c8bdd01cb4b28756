import type { Rule } from '../../../engine/rule';
import type { PolicyDocument } from '../document';
import { actionRefs, hasStarResource, qualified, type IamModel } from '../model';
import { isDeliberatelyBroad } from './admin-access';

/** Known ways to turn a policy into more privileges (Rhino Security Labs' list and later research). */
export const ESCALATION_PATHS: { name: string; actions: string[] }[] = [
  { name: 'create a new default version of a managed policy', actions: ['iam:CreatePolicyVersion'] },
  { name: 'switch a managed policy to another version', actions: ['iam:SetDefaultPolicyVersion'] },
  { name: 'attach any policy to a user', actions: ['iam:AttachUserPolicy'] },
  { name: 'attach any policy to a group', actions: ['iam:AttachGroupPolicy'] },
  { name: 'attach any policy to a role', actions: ['iam:AttachRolePolicy'] },
  { name: 'write an inline policy on a user', actions: ['iam:PutUserPolicy'] },
  { name: 'write an inline policy on a group', actions: ['iam:PutGroupPolicy'] },
  { name: 'write an inline policy on a role', actions: ['iam:PutRolePolicy'] },
  { name: 'add a user to a more privileged group', actions: ['iam:AddUserToGroup'] },
  { name: 'set a console password for another user', actions: ['iam:CreateLoginProfile'] },
  { name: "change another user's console password", actions: ['iam:UpdateLoginProfile'] },
  {
    name: "rewrite a role's trust policy and assume it",
    actions: ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'],
  },
  { name: 'pass a privileged role to a new EC2 instance', actions: ['iam:PassRole', 'ec2:RunInstances'] },
  {
    name: 'pass a privileged role to a new Lambda function and invoke it',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
  },
  {
    name: 'pass a privileged role to a new Lambda function triggered by an event source',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
  },
  {
    name: 'pass a privileged role to a CloudFormation stack',
    actions: ['iam:PassRole', 'cloudformation:CreateStack'],
  },
  {
    name: 'pass a privileged role to a Glue development endpoint',
    actions: ['iam:PassRole', 'glue:CreateDevEndpoint'],
  },
  {
    name: 'pass a privileged role to a Data Pipeline',
    actions: ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'],
  },
  {
    name: 'replace the code of a function that runs with another role',
    actions: ['lambda:UpdateFunctionCode'],
  },
  { name: "take over a Glue development endpoint's role", actions: ['glue:UpdateDevEndpoint'] },
];

/** More unscoped actions than this is administrator access in all but name. */
const ADMIN_LIKE = 5000;

export function escalationActionNames(): Set<string> {
  return new Set(ESCALATION_PATHS.flatMap((p) => p.actions.map((a) => a.toLowerCase())));
}

/**
 * Actions the document allows on `*` without conditions, lower-case `service:action`, with the line
 * that grants each; undefined when there are more than ADMIN_LIKE (`*` alone grants every action).
 */
export function unscopedGrants(model: IamModel, document: PolicyDocument): Map<string, number> | undefined {
  const out = new Map<string, number>();
  for (const statement of document.statements) {
    if (statement.effect !== 'Allow' || !hasStarResource(statement) || statement.conditions.length > 0)
      continue;
    for (const ref of actionRefs(model, statement)) {
      const matches = ref.matches ?? [];
      // A ref's matches are distinct actions: more than the cut alone is over it.
      if (matches.length > ADMIN_LIKE) return undefined;
      for (const action of matches) {
        const key = qualified(action).toLowerCase();
        if (out.has(key)) continue;
        out.set(key, ref.located.line);
        if (out.size > ADMIN_LIKE) return undefined;
      }
    }
  }
  return out;
}

export const privilegeEscalation: Rule<IamModel> = {
  id: 'iam/privilege-escalation',
  severity: 'error',
  title: 'Policy allows a known privilege-escalation path',
  help:
    'Some permissions let a principal grant itself more: writing or attaching policies, making a new ' +
    'policy version the default, rewriting a trust policy, or passing a privileged role to a service ' +
    'it can then run code in. On `*` they are equivalent to administrator access. Scope them to the ' +
    'exact resources (and for `iam:PassRole`, add `iam:PassedToService`), or use a permissions boundary.',
  example: {
    file: 'policy.json',
    bad: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["iam:CreatePolicyVersion", "iam:ListPolicies"], "Resource": "*" }]\n}\n',
    good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["iam:ListPolicies"], "Resource": "*" }]\n}\n',
  },
  check(model, report) {
    for (const document of model.documents) {
      if (document.kind !== 'identity' || document.boundary || isDeliberatelyBroad(document)) continue;
      const granted = unscopedGrants(model, document);
      // `*` on `*` is admin-access's finding: everything escalates there.
      if (!granted) continue;
      const found: { path: (typeof ESCALATION_PATHS)[number]; line: number }[] = [];
      for (const path of ESCALATION_PATHS) {
        const lines = path.actions.map((a) => granted.get(a.toLowerCase()));
        if (lines.some((l) => l === undefined)) continue;
        found.push({ path, line: Math.min(...(lines as number[])) });
      }
      if (found.length === 0) continue;
      const described = found.map(
        ({ path }) => `${path.actions.map((a) => `\`${a}\``).join(' + ')} (${path.name})`,
      );
      report({
        file: document.file,
        line: Math.min(...found.map((f) => f.line)),
        message: `${document.address} allows on "*" ${found.length === 1 ? 'a known privilege-escalation path' : `${found.length} known privilege-escalation paths`}: ${described.slice(0, 4).join('; ')}${found.length > 4 ? `; and ${found.length - 4} more` : ''}. Any of them gains every permission.`,
        subject: document.address,
      });
    }
  },
};
