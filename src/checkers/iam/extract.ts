/**
 * Finds every policy document in the scanned files: standalone JSON, Terraform and CloudFormation.
 * Files are read through the parse cache the other checkers share (`parseHcl`, `parseYamlFile`,
 * `parseJsonFile`), so nothing is parsed twice in a scan.
 */
import path from 'node:path';
import type { SourceFile } from '../../engine/workspace';
import { attribute, blocksOfType, parseHcl, type HclBlock, type HclExpression } from '../../parse/hcl';
import { parseJson, parseJsonFile } from '../../parse/json';
import { asMap, asSeq, getPath, mapGet, scalarString, type DataNode, type MapNode } from '../../parse/tree';
import { parseYamlFile } from '../../parse/yaml';
import {
  readDocument,
  type DocumentInit,
  type PolicyDocument,
  type PolicyKind,
  type PrincipalRef,
  type RoleBinding,
  type SizeClass,
} from './document';
import {
  CFN_NAME_PROPERTY,
  CFN_PSEUDO,
  cloudFormationAttribute,
  cloudFormationRef,
  TF_NAME_ATTRIBUTE,
  terraformAttribute,
  terraformDataAttribute,
} from './placeholders';
import { entry, fromDataNode, UNRESOLVED, type PolicyEntry, type PolicyValue } from './values';

export interface ExtractionProblem {
  file: string;
  line: number;
  message: string;
  /** Stable description for fingerprints. */
  subject: string;
}

export interface IamExtraction {
  documents: PolicyDocument[];
  /** Roles with their trust and permission documents, where the repository defines them together. */
  roles: RoleBinding[];
  /** Policies that are not valid JSON (`iam/invalid-json`). */
  invalidJson: ExtractionProblem[];
  /** Policies built from values the checker cannot resolve (`iam/unresolved-policy`). */
  unresolved: ExtractionProblem[];
  /** Principals (`role:name`) that also get policies the repository does not hold (AWS managed policies, variables). */
  externallyGranted: Set<string>;
}

export function principalKey(principal: PrincipalRef): string {
  return `${principal.type}:${principal.name}`;
}

/** A `.json` file that may hold a policy or a CloudFormation template: anything else is not read. */
export function isPolicyJsonCandidate(file: SourceFile): boolean {
  return (
    file.path.endsWith('.json') &&
    !file.path.endsWith('.tf.json') &&
    (file.text.includes('"Statement"') || file.text.includes('AWSTemplateFormatVersion'))
  );
}

/** A YAML file that looks like a CloudFormation template with IAM or resource policies. */
export function isCloudFormationYamlCandidate(file: SourceFile): boolean {
  return /\.(ya?ml|template)$/.test(file.path) && /AWS::(IAM|ECR|S3|KMS|SNS|SQS)::/.test(file.text);
}

export function isTerraformFile(file: SourceFile): boolean {
  return file.path.endsWith('.tf');
}

/** Reads every document from the files; never throws for bad input. `hclReady` is false when the HCL parser could not load. */
export function extractPolicies(files: readonly SourceFile[], hclReady: boolean): IamExtraction {
  const out: IamExtraction = {
    documents: [],
    roles: [],
    invalidJson: [],
    unresolved: [],
    externallyGranted: new Set(),
  };
  const terraformByDir = new Map<string, SourceFile[]>();
  for (const file of files) {
    if (isTerraformFile(file)) {
      if (!hclReady) continue;
      const list = terraformByDir.get(file.dir) ?? [];
      list.push(file);
      terraformByDir.set(file.dir, list);
    } else if (file.path.endsWith('.json')) {
      if (isPolicyJsonCandidate(file)) extractJsonFile(file, out);
    } else if (isCloudFormationYamlCandidate(file)) {
      const parsed = parseYamlFile(file);
      for (const document of parsed.documents) {
        if (document.root) extractCloudFormation(file, document.root, out);
      }
    }
  }
  for (const moduleFiles of terraformByDir.values()) new TerraformModule(moduleFiles, out).extract();
  return out;
}

/**
 * The scan-relative path `file()` reads: a literal path or one built on `path.module`, relative
 * to the module's directory; undefined when it depends on anything else.
 */
function referencedPath(moduleDir: string, argument: HclExpression): string | undefined {
  let text: string | undefined;
  if (argument.kind === 'literal' && typeof argument.value === 'string') text = argument.value;
  else if (argument.kind === 'template' && !argument.raw.startsWith('<<'))
    text = argument.raw.slice(1, -1).replace(/\$\{\s*path\.module\s*\}/g, '.');
  if (text === undefined || text.includes('${') || text.startsWith('/')) return undefined;
  const joined = path.posix.normalize(path.posix.join(moduleDir || '.', text));
  return joined.startsWith('..') ? undefined : joined;
}

// ---------------------------------------------------------------------------------------------
// Standalone JSON

function extractJsonFile(file: SourceFile, out: IamExtraction): void {
  const parsed = parseJsonFile(file);
  if (!parsed.root) {
    // Only a file that is meant to be a policy is reported: the candidate test looked for "Statement".
    if (!file.text.includes('"Statement"')) return;
    const error = parsed.error!;
    // A template for Terraform's templatefile() (`${arn}`, `%{ if }`): a policy only once rendered.
    if (/[$%]\{/.test(file.text)) {
      out.unresolved.push({
        file: file.path,
        line: error.line,
        message: `${file.path} is a template (it holds \`\${...}\` or \`%{...}\`), a policy only once rendered, so it was not checked.`,
        subject: 'template',
      });
      return;
    }
    out.invalidJson.push({
      file: file.path,
      line: error.line,
      message: `${file.path} is not valid JSON, so AWS rejects it as a policy: ${error.message} (line ${error.line}, column ${error.column}).`,
      subject: 'json',
    });
    return;
  }
  const root = asMap(parsed.root);
  if (!root) return;
  if (mapGet(root, 'Resources') && (mapGet(root, 'AWSTemplateFormatVersion') || isCfnResources(root))) {
    extractCloudFormation(file, root, out);
    return;
  }
  if (mapGet(root, 'Statement')) {
    const value = fromDataNode(root);
    out.documents.push(
      readDocument(value, {
        file: file.path,
        kind: classify(value),
        source: 'json',
        sizeClass: 'unknown',
        address: file.path,
      }),
    );
    return;
  }
  // CLI input files: `aws iam create-role --cli-input-json`, `put-role-policy`...
  for (const [key, kind] of [
    ['AssumeRolePolicyDocument', 'trust'],
    ['PolicyDocument', undefined],
  ] as const) {
    const pair = mapGet(root, key);
    if (!pair?.value) continue;
    const value = nestedPolicy(file, pair.value, out);
    if (!value) continue;
    out.documents.push(
      readDocument(value, {
        file: file.path,
        kind: kind ?? classify(value),
        source: 'json',
        sizeClass: kind === 'trust' ? 'trust' : 'unknown',
        address: `${file.path}:${key}`,
      }),
    );
  }
}

/** A policy given as an object, or as a JSON string (the CLI and some templates do both). */
function nestedPolicy(file: SourceFile, node: DataNode, out: IamExtraction): PolicyValue | undefined {
  const text = scalarString(node);
  if (text === undefined) return fromDataNode(node);
  return parseEmbeddedJson(file, text, node.line, out, false);
}

function isCfnResources(root: MapNode): boolean {
  const resources = asMap(mapGet(root, 'Resources')?.value);
  return !!resources?.pairs.some((p) => /^AWS::/.test(scalarString(getPath(p.value, 'Type')) ?? ''));
}

/**
 * Parses policy JSON held in a string (a heredoc, a CloudFormation string) and shifts its lines
 * to where the string sits. `interpolated` says unresolved parts were substituted, so a parse
 * failure may be the substitution's doing: that is reported as unresolved, not as invalid.
 */
function parseEmbeddedJson(
  file: SourceFile,
  text: string,
  firstLine: number,
  out: IamExtraction,
  interpolated: boolean,
): PolicyValue | undefined {
  const parsed = parseJson(text);
  if (!parsed.root) {
    const error = parsed.error!;
    const line = firstLine + error.line - 1;
    if (interpolated) {
      out.unresolved.push({
        file: file.path,
        line: firstLine,
        message: `The policy at line ${firstLine} interpolates values the checker cannot resolve into its JSON, so it was not checked.`,
        subject: `embedded:${firstLine}`,
      });
    } else {
      out.invalidJson.push({
        file: file.path,
        line,
        message: `The policy starting at line ${firstLine} is not valid JSON, so AWS rejects it: ${error.message}.`,
        subject: `embedded:${firstLine}`,
      });
    }
    return undefined;
  }
  return shiftLines(fromDataNode(parsed.root), firstLine - 1);
}

function shiftLines(value: PolicyValue, by: number): PolicyValue {
  if (by === 0) return value;
  const line = value.line + by;
  switch (value.kind) {
    case 'array':
      return {
        ...value,
        line,
        endLine: value.endLine && value.endLine + by,
        items: value.items.map((i) => shiftLines(i, by)),
      };
    case 'object':
      return {
        ...value,
        line,
        endLine: value.endLine && value.endLine + by,
        entries: value.entries.map((e) => ({
          key: e.key,
          line: e.line + by,
          value: shiftLines(e.value, by),
        })),
      };
    default:
      return { ...value, line };
  }
}

const TRUST_ACTIONS =
  /^sts:(AssumeRole|AssumeRoleWithWebIdentity|AssumeRoleWithSAML|TagSession|SetSourceIdentity|SetContext|\*)$/i;

/**
 * Trust when every statement names a principal and only role-assumption actions; resource when
 * statements name principals otherwise; identity when none does.
 */
export function classify(value: PolicyValue): PolicyKind {
  const statement = entry(value, 'Statement')?.value;
  const statements = statement ? (statement.kind === 'array' ? statement.items : [statement]) : [];
  const withPrincipal = statements.filter((s) => entry(s, 'Principal') || entry(s, 'NotPrincipal'));
  if (withPrincipal.length === 0) return 'identity';
  const actions = withPrincipal.flatMap((s) => {
    const action = entry(s, 'Action')?.value;
    if (!action) return [];
    return (action.kind === 'array' ? action.items : [action]).map((a) =>
      a.kind === 'string' ? a.value : '',
    );
  });
  if (
    actions.length > 0 &&
    actions.every((a) => TRUST_ACTIONS.test(a)) &&
    actions.some((a) => /^sts:Assume/i.test(a))
  )
    return 'trust';
  return 'resource';
}

// ---------------------------------------------------------------------------------------------
// CloudFormation

interface CfnResource {
  id: string;
  type: string;
  name?: string;
  node: MapNode;
}

function extractCloudFormation(file: SourceFile, root: DataNode, out: IamExtraction): void {
  const resourcesNode = asMap(getPath(root, 'Resources'));
  if (!resourcesNode) return;
  const resources = new Map<string, CfnResource>();
  for (const pair of resourcesNode.pairs) {
    const id = scalarString(pair.key);
    const node = asMap(pair.value);
    const type = scalarString(getPath(node, 'Type'));
    if (!id || !node || !type) continue;
    const nameProperty = CFN_NAME_PROPERTY[type];
    // A name built with !Sub or !Ref is not the literal text of its scalar.
    const nameNode = nameProperty ? getPath(node, 'Properties', nameProperty) : undefined;
    const name = nameNode && !nameNode.tag ? scalarString(nameNode) : undefined;
    resources.set(id, { id, type, name, node });
  }
  const resolver = new CfnResolver(resources);
  const roleBindings = new Map<string, RoleBinding>();
  const bindingFor = (id: string): RoleBinding | undefined => roleBindings.get(id);

  const add = (
    node: DataNode | undefined,
    init: Omit<DocumentInit, 'file' | 'source' | 'kind'> & { kind?: PolicyKind },
  ): PolicyDocument | undefined => {
    if (!node) return undefined;
    const text = scalarString(node);
    const value =
      text !== undefined && asMap(node) === undefined && !node.tag
        ? parseEmbeddedJson(file, text, node.line, out, false)
        : resolver.value(node);
    if (!value) return undefined;
    if (value.kind === 'unknown') {
      out.unresolved.push({
        file: file.path,
        line: node.line,
        message: `The policy of ${init.address} is computed (${value.text}), so the checker cannot read it.`,
        subject: init.address,
      });
      return undefined;
    }
    const document = readDocument(value, {
      ...init,
      kind: init.kind ?? classify(value),
      file: file.path,
      source: 'cloudformation',
    });
    out.documents.push(document);
    return document;
  };

  // Roles first, so attached policies can find their binding.
  for (const resource of resources.values()) {
    if (resource.type !== 'AWS::IAM::Role') continue;
    const address = `Resources.${resource.id}`;
    const principal: PrincipalRef = { type: 'role', name: resource.name ?? resource.id, address };
    const binding: RoleBinding = {
      name: principal.name,
      address,
      file: file.path,
      line: resource.node.line,
      policies: [],
    };
    roleBindings.set(resource.id, binding);
    out.roles.push(binding);
    if (getPath(resource.node, 'Properties', 'ManagedPolicyArns'))
      out.externallyGranted.add(principalKey(principal));
    binding.trust = add(getPath(resource.node, 'Properties', 'AssumeRolePolicyDocument'), {
      kind: 'trust',
      sizeClass: 'trust',
      address: `${address}.AssumeRolePolicyDocument`,
      principal,
    });
    asSeq(getPath(resource.node, 'Properties', 'Policies'))?.items.forEach((item, index) => {
      const document = add(getPath(item, 'PolicyDocument'), {
        kind: 'identity',
        sizeClass: 'inline-role',
        address: `${address}.Policies[${index}]`,
        principal,
      });
      if (document) binding.policies.push(document);
    });
  }

  for (const resource of resources.values()) {
    const address = `Resources.${resource.id}`;
    const properties = getPath(resource.node, 'Properties');
    switch (resource.type) {
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy': {
        const roles = resolver.references(getPath(properties, 'Roles'));
        const users = resolver.references(getPath(properties, 'Users'));
        const groups = resolver.references(getPath(properties, 'Groups'));
        const principal = firstPrincipal(roles, users, groups, resources);
        const document = add(getPath(properties, 'PolicyDocument'), {
          kind: 'identity',
          sizeClass: resource.type === 'AWS::IAM::ManagedPolicy' ? 'managed' : 'inline-role',
          address,
          principal,
        });
        if (document) for (const role of roles) bindingFor(role)?.policies.push(document);
        break;
      }
      case 'AWS::IAM::RolePolicy':
      case 'AWS::IAM::UserPolicy':
      case 'AWS::IAM::GroupPolicy': {
        const kind =
          resource.type === 'AWS::IAM::RolePolicy'
            ? 'role'
            : resource.type === 'AWS::IAM::UserPolicy'
              ? 'user'
              : 'group';
        const nameKey = kind === 'role' ? 'RoleName' : kind === 'user' ? 'UserName' : 'GroupName';
        const target = resolver.references(getPath(properties, nameKey));
        const principal = firstPrincipal(
          kind === 'role' ? target : [],
          kind === 'user' ? target : [],
          kind === 'group' ? target : [],
          resources,
        );
        const document = add(getPath(properties, 'PolicyDocument'), {
          kind: 'identity',
          sizeClass: kind === 'role' ? 'inline-role' : kind === 'user' ? 'inline-user' : 'inline-group',
          address,
          principal,
        });
        if (document && kind === 'role') for (const role of target) bindingFor(role)?.policies.push(document);
        break;
      }
      case 'AWS::IAM::User':
      case 'AWS::IAM::Group': {
        const type = resource.type === 'AWS::IAM::User' ? 'user' : 'group';
        const principal: PrincipalRef = { type, name: resource.name ?? resource.id, address };
        asSeq(getPath(properties, 'Policies'))?.items.forEach((item, index) =>
          add(getPath(item, 'PolicyDocument'), {
            kind: 'identity',
            sizeClass: type === 'user' ? 'inline-user' : 'inline-group',
            address: `${address}.Policies[${index}]`,
            principal,
          }),
        );
        break;
      }
      case 'AWS::ECR::Repository':
        add(getPath(properties, 'RepositoryPolicyText'), {
          kind: 'resource',
          sizeClass: 'resource',
          address,
          resourceAddress: address,
        });
        break;
      case 'AWS::KMS::Key':
        add(getPath(properties, 'KeyPolicy'), {
          kind: 'resource',
          sizeClass: 'resource',
          address,
          resourceAddress: address,
        });
        break;
      case 'AWS::S3::BucketPolicy':
      case 'AWS::SNS::TopicPolicy':
      case 'AWS::SQS::QueuePolicy':
        add(getPath(properties, 'PolicyDocument'), {
          kind: 'resource',
          sizeClass: 'resource',
          address,
          resourceAddress: address,
        });
        break;
    }
  }
}

function firstPrincipal(
  roles: string[],
  users: string[],
  groups: string[],
  resources: Map<string, CfnResource>,
): PrincipalRef | undefined {
  const pick = (ids: string[], type: PrincipalRef['type']): PrincipalRef | undefined => {
    if (ids.length === 0) return undefined;
    const resource = resources.get(ids[0]);
    return resource
      ? { type, name: resource.name ?? resource.id, address: `Resources.${resource.id}` }
      : { type, name: ids[0] };
  };
  return pick(roles, 'role') ?? pick(users, 'user') ?? pick(groups, 'group');
}

const INTRINSICS = new Set([
  'Ref',
  'Fn::Sub',
  'Fn::GetAtt',
  'Fn::Join',
  'Fn::If',
  'Fn::Select',
  'Fn::Split',
  'Fn::ImportValue',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::Transform',
  'Fn::ToJsonString',
  'Fn::Length',
  'Condition',
]);

/** Resolves CloudFormation's short-form tags and intrinsic-function maps into placeholders. */
class CfnResolver {
  constructor(private readonly resources: Map<string, CfnResource>) {}

  value(node: DataNode): PolicyValue {
    return fromDataNode(node, (n) => this.intrinsic(n));
  }

  /** Logical ids named by `!Ref X` items (or plain names) of a list. */
  references(node: DataNode | undefined): string[] {
    const items = asSeq(node)?.items ?? (node ? [node] : []);
    const out: string[] = [];
    for (const item of items) {
      const call = this.call(item);
      if (call?.name === 'Ref') {
        const target = scalarString(call.argument);
        if (target) out.push(target);
      } else {
        const plain = scalarString(item);
        if (plain) out.push(plain);
      }
    }
    return out;
  }

  /** `!Name arg` or `{ "Fn::Name": arg }` as one shape. */
  private call(node: DataNode): { name: string; argument: DataNode | null } | undefined {
    if (node.tag && node.tag.startsWith('!') && !node.tag.startsWith('!!')) {
      const short = node.tag.slice(1);
      const name = short === 'Ref' || short === 'Condition' ? short : `Fn::${short}`;
      // The tag sits on the argument itself: read the node without its tag.
      return { name, argument: { ...node, tag: undefined } as DataNode };
    }
    const map = asMap(node);
    if (map && map.pairs.length === 1) {
      const key = scalarString(map.pairs[0].key);
      if (key && INTRINSICS.has(key) && key !== 'Condition')
        return { name: key, argument: map.pairs[0].value };
    }
    return undefined;
  }

  private intrinsic(node: DataNode): PolicyValue | undefined {
    const call = this.call(node);
    if (!call) return undefined;
    const line = node.line;
    const text = this.text(call.name, call.argument);
    if (text === NO_VALUE) return { kind: 'unknown', text: 'AWS::NoValue', line };
    if (text !== undefined) return { kind: 'string', value: text, line };
    if (call.name === 'Fn::If') {
      const branches = asSeq(call.argument)?.items;
      if (!branches || branches.length !== 3) return { kind: 'unknown', text: 'Fn::If', line };
      // The first branch that is not AWS::NoValue stands for the statement.
      for (const branch of [branches[1], branches[2]]) {
        const resolved = this.value(branch);
        if (!(resolved.kind === 'unknown' && resolved.text === 'AWS::NoValue')) return resolved;
      }
      return { kind: 'unknown', text: 'AWS::NoValue', line };
    }
    return { kind: 'unknown', text: call.name, line };
  }

  /** The string an intrinsic evaluates to, with unresolved parts as UNRESOLVED; undefined when it is not a string function. */
  private text(name: string, argument: DataNode | null): string | undefined {
    switch (name) {
      case 'Ref': {
        const target = scalarString(argument) ?? '';
        if (target === 'AWS::NoValue') return NO_VALUE;
        if (target in CFN_PSEUDO) return CFN_PSEUDO[target];
        const resource = this.resources.get(target);
        return resource ? cloudFormationRef(resource.type, resource.name) : UNRESOLVED;
      }
      case 'Fn::GetAtt': {
        const parts =
          asSeq(argument)?.items.map((i) => scalarString(i) ?? '') ??
          (scalarString(argument) ?? '').split('.');
        const resource = this.resources.get(parts[0] ?? '');
        return resource
          ? cloudFormationAttribute(resource.type, parts.slice(1).join('.'), resource.name)
          : UNRESOLVED;
      }
      case 'Fn::Sub': {
        const items = asSeq(argument)?.items;
        const template = scalarString(items ? items[0] : argument);
        if (template === undefined) return UNRESOLVED;
        const variables = items ? asMap(items[1]) : undefined;
        return template.replace(/\$\{(!?)([^}]*)\}/g, (_all, literal: string, reference: string) => {
          if (literal) return `\${${reference}}`;
          const local = variables ? mapGet(variables, reference)?.value : undefined;
          if (local) {
            const resolved = this.value(local);
            return resolved.kind === 'string' ? resolved.value : UNRESOLVED;
          }
          const [id, ...attribute] = reference.split('.');
          if (reference in CFN_PSEUDO) return CFN_PSEUDO[reference];
          // IAM policy variables (`${aws:username}`) are written `${!aws:username}` in a Sub, but
          // templates often leave them as they are; a colon never appears in a logical id.
          if (reference.includes(':') && !reference.startsWith('AWS::')) return `\${${reference}}`;
          const resource = this.resources.get(id);
          if (!resource) return UNRESOLVED;
          return attribute.length > 0
            ? cloudFormationAttribute(resource.type, attribute.join('.'), resource.name)
            : cloudFormationRef(resource.type, resource.name);
        });
      }
      case 'Fn::Join': {
        const items = asSeq(argument)?.items;
        const delimiter = scalarString(items?.[0]) ?? '';
        const parts = asSeq(items?.[1])?.items;
        if (!parts) return UNRESOLVED;
        return parts
          .map((part) => {
            const resolved = this.value(part);
            return resolved.kind === 'string' ? resolved.value : UNRESOLVED;
          })
          .join(delimiter);
      }
      case 'Fn::If':
        return undefined;
      default:
        return UNRESOLVED;
    }
  }
}

const NO_VALUE = '\u{E001}';

// ---------------------------------------------------------------------------------------------
// Terraform

const RESOURCE_POLICIES: Record<string, { attribute: string; target?: string }> = {
  aws_ecr_repository_policy: { attribute: 'policy', target: 'repository' },
  aws_ecr_registry_policy: { attribute: 'policy' },
  aws_s3_bucket_policy: { attribute: 'policy', target: 'bucket' },
  aws_s3_bucket: { attribute: 'policy' },
  aws_kms_key: { attribute: 'policy' },
  aws_sns_topic_policy: { attribute: 'policy', target: 'arn' },
  aws_sns_topic: { attribute: 'policy' },
  aws_sqs_queue_policy: { attribute: 'policy', target: 'queue_url' },
  aws_sqs_queue: { attribute: 'policy' },
  aws_secretsmanager_secret_policy: { attribute: 'policy', target: 'secret_arn' },
  aws_ecr_repository_creation_template: { attribute: 'repository_policy' },
};

const INLINE_POLICIES: Record<
  string,
  { type: PrincipalRef['type']; attribute: string; sizeClass: SizeClass }
> = {
  aws_iam_role_policy: { type: 'role', attribute: 'role', sizeClass: 'inline-role' },
  aws_iam_user_policy: { type: 'user', attribute: 'user', sizeClass: 'inline-user' },
  aws_iam_group_policy: { type: 'group', attribute: 'group', sizeClass: 'inline-group' },
};

const ATTACHMENTS: Record<string, PrincipalRef['type']> = {
  aws_iam_role_policy_attachment: 'role',
  aws_iam_user_policy_attachment: 'user',
  aws_iam_group_policy_attachment: 'group',
};

interface TfBlock {
  file: SourceFile;
  block: HclBlock;
}

/** One Terraform module directory: references resolve within it. */
class TerraformModule {
  private readonly resources = new Map<string, TfBlock>();
  private readonly dataBlocks = new Map<string, TfBlock>();
  private readonly policyDocuments = new Map<string, PolicyDocument | null>();
  private readonly roles = new Map<string, RoleBinding>();

  constructor(
    private readonly files: readonly SourceFile[],
    private readonly out: IamExtraction,
  ) {
    for (const file of files) {
      for (const block of parseHcl(file).blocks) {
        if (block.labels.length !== 2) continue;
        const key = `${block.labels[0]}.${block.labels[1]}`;
        if (block.type === 'resource') this.resources.set(key, { file, block });
        else if (block.type === 'data') this.dataBlocks.set(key, { file, block });
      }
    }
  }

  extract(): void {
    // Roles first: their trust documents, inline policies and bindings.
    for (const [key, { file, block }] of this.resources) {
      if (block.labels[0] !== 'aws_iam_role') continue;
      const address = key;
      const principal: PrincipalRef = {
        type: 'role',
        name: this.literalName(block) ?? block.labels[1],
        address,
      };
      const binding: RoleBinding = {
        name: principal.name,
        address,
        file: file.path,
        line: block.line,
        policies: [],
      };
      this.roles.set(key, binding);
      this.out.roles.push(binding);
      if (attribute(block, 'managed_policy_arns')) this.out.externallyGranted.add(principalKey(principal));
      const trust = attribute(block, 'assume_role_policy');
      if (trust) {
        binding.trust = this.policyFrom(file, trust.value, {
          kind: 'trust',
          sizeClass: 'trust',
          address: `${address}.assume_role_policy`,
          principal,
        });
      }
      for (const inline of blocksOfType(block, 'inline_policy')) {
        const policy = attribute(inline, 'policy');
        if (!policy) continue;
        const document = this.policyFrom(file, policy.value, {
          kind: 'identity',
          sizeClass: 'inline-role',
          address: `${address}.inline_policy`,
          principal,
        });
        if (document) binding.policies.push(document);
      }
    }

    const attachedTo = this.attachments();
    for (const [key, { file, block }] of this.resources) {
      const type = block.labels[0];
      if (type === 'aws_iam_policy') {
        const policy = attribute(block, 'policy');
        if (!policy) continue;
        const targets = attachedTo.get(key) ?? [];
        const document = this.policyFrom(file, policy.value, {
          kind: 'identity',
          sizeClass: 'managed',
          address: key,
          principal: targets[0]?.principal,
        });
        if (document) for (const target of targets) target.binding?.policies.push(document);
        continue;
      }
      const inline = INLINE_POLICIES[type];
      if (inline) {
        const policy = attribute(block, 'policy');
        if (!policy) continue;
        const target = this.principalOf(inline.type, attribute(block, inline.attribute)?.value);
        const document = this.policyFrom(file, policy.value, {
          kind: 'identity',
          sizeClass: inline.sizeClass,
          address: key,
          principal: target?.principal,
        });
        if (document) target?.binding?.policies.push(document);
        continue;
      }
      const resourcePolicy = RESOURCE_POLICIES[type];
      if (resourcePolicy) {
        const policy = attribute(block, resourcePolicy.attribute);
        if (!policy) continue;
        const target = resourcePolicy.target ? attribute(block, resourcePolicy.target)?.value : undefined;
        this.policyFrom(file, policy.value, {
          kind: 'resource',
          sizeClass: 'resource',
          address: key,
          resourceAddress: target?.kind === 'reference' ? target.raw.split('.').slice(0, 2).join('.') : key,
        });
      }
    }

    // Policies used as permissions boundaries cap other grants; they grant nothing themselves.
    for (const { block } of this.resources.values()) {
      const boundary = attribute(block, 'permissions_boundary')?.value;
      if (boundary?.kind !== 'reference') continue;
      const key = boundary.raw.split('.').slice(0, 2).join('.');
      for (const document of this.out.documents) if (document.address === key) document.boundary = true;
    }

    // Policy documents nothing in the module uses (module outputs, inputs of other modules).
    for (const [key, { file, block }] of this.dataBlocks) {
      if (block.labels[0] !== 'aws_iam_policy_document' || this.policyDocuments.has(key)) continue;
      this.dataDocument(key, file, block, undefined);
    }
  }

  private literalName(block: HclBlock): string | undefined {
    const value = attribute(block, TF_NAME_ATTRIBUTE[block.labels[0]] ?? 'name')?.value;
    return value?.kind === 'literal' && typeof value.value === 'string' ? value.value : undefined;
  }

  /** The role/user/group an attribute names, by reference (`aws_iam_role.ci.name`) or literally. */
  private principalOf(
    type: PrincipalRef['type'],
    value: HclExpression | undefined,
  ): { principal: PrincipalRef; binding?: RoleBinding } | undefined {
    if (!value) return undefined;
    if (value.kind === 'literal' && typeof value.value === 'string') {
      const binding =
        type === 'role' ? [...this.roles.values()].find((r) => r.name === value.value) : undefined;
      return { principal: { type, name: value.value, address: binding?.address }, binding };
    }
    if (value.kind === 'reference') {
      const key = value.raw.split('.').slice(0, 2).join('.');
      const target = this.resources.get(key);
      if (!target || target.block.labels[0] !== `aws_iam_${type}`) return undefined;
      return {
        principal: { type, name: this.literalName(target.block) ?? target.block.labels[1], address: key },
        binding: type === 'role' ? this.roles.get(key) : undefined,
      };
    }
    return undefined;
  }

  /** Managed policies' attachments: policy address -> the principals it is attached to. */
  private attachments(): Map<string, { principal: PrincipalRef; binding?: RoleBinding }[]> {
    const out = new Map<string, { principal: PrincipalRef; binding?: RoleBinding }[]>();
    const add = (
      policyArn: HclExpression | undefined,
      target: { principal: PrincipalRef; binding?: RoleBinding } | undefined,
    ) => {
      if (!target) return;
      const key =
        policyArn?.kind === 'reference' ? policyArn.raw.split('.').slice(0, 2).join('.') : undefined;
      if (!key || !this.resources.has(key)) {
        this.out.externallyGranted.add(principalKey(target.principal));
        return;
      }
      const list = out.get(key) ?? [];
      list.push(target);
      out.set(key, list);
    };
    for (const { block } of this.resources.values()) {
      const type = ATTACHMENTS[block.labels[0]];
      if (type)
        add(attribute(block, 'policy_arn')?.value, this.principalOf(type, attribute(block, type)?.value));
      if (block.labels[0] === 'aws_iam_policy_attachment') {
        for (const [listName, listType] of [
          ['roles', 'role'],
          ['users', 'user'],
          ['groups', 'group'],
        ] as const) {
          const list = attribute(block, listName)?.value;
          if (list?.kind !== 'tuple') continue;
          for (const item of list.items)
            add(attribute(block, 'policy_arn')?.value, this.principalOf(listType, item));
        }
      }
    }
    return out;
  }

  private policyFrom(
    file: SourceFile,
    expression: HclExpression,
    init: Omit<DocumentInit, 'file' | 'source'>,
  ): PolicyDocument | undefined {
    const notChecked = (message: string): undefined => {
      this.out.unresolved.push({ file: file.path, line: expression.line, message, subject: init.address });
      return undefined;
    };
    const unresolved = (why: string): undefined =>
      notChecked(
        `The policy of ${init.address} comes from ${why}, which the checker cannot read; it was not checked.`,
      );
    let value: PolicyValue | undefined;
    if (expression.kind === 'call' && expression.name === 'jsonencode' && expression.args.length === 1) {
      value = this.hclValue(expression.args[0]);
    } else if (expression.kind === 'literal' && typeof expression.value === 'string') {
      const heredoc = expression.raw.startsWith('<<');
      value = parseEmbeddedJson(file, expression.value, expression.line + (heredoc ? 1 : 0), this.out, false);
      if (!value) return undefined;
    } else if (expression.kind === 'template') {
      const text = templateText(expression.raw, (ref) => this.reference(ref));
      if (text === undefined) return unresolved(`a template (\`${abbreviate(expression.raw)}\`)`);
      value = parseEmbeddedJson(
        file,
        text,
        expression.line + (expression.raw.startsWith('<<') ? 1 : 0),
        this.out,
        true,
      );
      if (!value) return undefined;
    } else if (expression.kind === 'call' && expression.name === 'file' && expression.args.length === 1) {
      // A policy kept in a JSON file of the repository: the file is checked on its own; this says
      // whose policy it is, so the cross-document rules can pair it.
      const target = referencedPath(file.dir, expression.args[0]);
      const standalone = target
        ? this.out.documents.find((d) => d.file === target && d.source === 'json')
        : undefined;
      if (!standalone && target)
        return notChecked(
          `The policy of ${init.address} is read from \`${target}\`, which is not among the scanned files or holds no policy document, so it was not checked here; include that file in the scan to check it.`,
        );
      if (!standalone) return unresolved(`\`${abbreviate(expression.raw)}\``);
      if (init.principal) standalone.principal = init.principal;
      if (init.kind) standalone.kind = init.kind;
      standalone.sizeClass = init.sizeClass;
      return standalone;
    } else if (expression.kind === 'reference') {
      const match = /^data\.aws_iam_policy_document\.([\w-]+)\.(json|minified_json)$/.exec(expression.raw);
      if (match) {
        const key = `aws_iam_policy_document.${match[1]}`;
        const data = this.dataBlocks.get(key);
        if (!data) return unresolved(`\`${expression.raw}\`, defined outside this module`);
        return this.dataDocument(key, data.file, data.block, init) ?? undefined;
      }
      return unresolved(`\`${expression.raw}\``);
    } else {
      return unresolved(`\`${abbreviate(expression.raw)}\``);
    }
    if (value.kind === 'unknown') return unresolved(`\`${abbreviate(value.text)}\``);
    const document = readDocument(value, {
      ...init,
      file: file.path,
      source: 'terraform',
      endLine: expression.endLine,
    });
    this.out.documents.push(document);
    return document;
  }

  /** A `data "aws_iam_policy_document"` block as a document, once however often it is used. */
  private dataDocument(
    key: string,
    file: SourceFile,
    block: HclBlock,
    use: Omit<DocumentInit, 'file' | 'source'> | undefined,
  ): PolicyDocument | null {
    const known = this.policyDocuments.get(key);
    if (known !== undefined) {
      if (known && use?.principal && !known.principal) known.principal = use.principal;
      return known;
    }
    if (
      blocksOfType(block, 'dynamic').length > 0 ||
      attribute(block, 'source_policy_documents') ||
      attribute(block, 'override_policy_documents')
    ) {
      // Statements come from elsewhere: what is written here is only part of the policy.
      if (blocksOfType(block, 'statement').length === 0) {
        this.out.unresolved.push({
          file: file.path,
          line: block.line,
          message: `data.${key} builds its statements from other documents or dynamic blocks, which the checker cannot read; it was not checked.`,
          subject: `data.${key}`,
        });
        this.policyDocuments.set(key, null);
        return null;
      }
    }
    const value = this.policyDocumentValue(block);
    const document = readDocument(value, {
      file: file.path,
      source: 'terraform',
      kind: use?.kind ?? classify(value),
      sizeClass: use?.sizeClass ?? 'unknown',
      address: `data.${key}`,
      principal: use?.principal,
      resourceAddress: use?.resourceAddress,
      endLine: block.endLine,
    });
    this.policyDocuments.set(key, document);
    this.out.documents.push(document);
    return document;
  }

  /** The block form as the JSON it renders, keeping each attribute's line. */
  private policyDocumentValue(block: HclBlock): PolicyValue {
    const version = attribute(block, 'version');
    const entries: PolicyEntry[] = [
      version
        ? { key: 'Version', line: version.line, value: this.hclValue(version.value) }
        : {
            key: 'Version',
            line: block.line,
            value: { kind: 'string', value: '2012-10-17', line: block.line },
          },
    ];
    const statements = blocksOfType(block, 'statement').map((statement) => {
      const fields: PolicyEntry[] = [];
      const copy = (from: string, to: string) => {
        const found = attribute(statement, from);
        if (found) fields.push({ key: to, line: found.line, value: this.hclValue(found.value) });
      };
      copy('sid', 'Sid');
      const effect = attribute(statement, 'effect');
      fields.push(
        effect
          ? { key: 'Effect', line: effect.line, value: this.hclValue(effect.value) }
          : {
              key: 'Effect',
              line: statement.line,
              value: { kind: 'string', value: 'Allow', line: statement.line },
            },
      );
      copy('actions', 'Action');
      copy('not_actions', 'NotAction');
      copy('resources', 'Resource');
      copy('not_resources', 'NotResource');
      for (const [blockType, key] of [
        ['principals', 'Principal'],
        ['not_principals', 'NotPrincipal'],
      ] as const) {
        const principalBlocks = blocksOfType(statement, blockType);
        if (principalBlocks.length === 0) continue;
        const byType: PolicyEntry[] = [];
        for (const principal of principalBlocks) {
          const type = this.hclValue(attribute(principal, 'type')?.value);
          const identifiers = attribute(principal, 'identifiers');
          if (type.kind !== 'string' || !identifiers) continue;
          if (type.value === '*') {
            byType.push({ key: '*', line: principal.line, value: this.hclValue(identifiers.value) });
            continue;
          }
          byType.push({ key: type.value, line: identifiers.line, value: this.hclValue(identifiers.value) });
        }
        const star = byType.find((p) => p.key === '*');
        fields.push({
          key,
          line: principalBlocks[0].line,
          value: star
            ? { kind: 'string', value: '*', line: star.line }
            : { kind: 'object', entries: byType, line: principalBlocks[0].line },
        });
      }
      const conditionBlocks = blocksOfType(statement, 'condition');
      if (conditionBlocks.length > 0) {
        const operators = new Map<string, PolicyEntry[]>();
        for (const condition of conditionBlocks) {
          const test = this.hclValue(attribute(condition, 'test')?.value);
          const variable = this.hclValue(attribute(condition, 'variable')?.value);
          const values = attribute(condition, 'values');
          if (test.kind !== 'string' || variable.kind !== 'string' || !values) continue;
          const list = operators.get(test.value) ?? [];
          list.push({ key: variable.value, line: condition.line, value: this.hclValue(values.value) });
          operators.set(test.value, list);
        }
        fields.push({
          key: 'Condition',
          line: conditionBlocks[0].line,
          value: {
            kind: 'object',
            line: conditionBlocks[0].line,
            entries: [...operators].map(([operator, keys]) => ({
              key: operator,
              line: keys[0].line,
              value: { kind: 'object', line: keys[0].line, entries: keys },
            })),
          },
        });
      }
      return { kind: 'object', entries: fields, line: statement.line } as PolicyValue;
    });
    entries.push({
      key: 'Statement',
      line: block.line,
      value: { kind: 'array', items: statements, line: block.line },
    });
    return { kind: 'object', entries, line: block.line };
  }

  private hclValue(expression: HclExpression | undefined): PolicyValue {
    if (!expression) return { kind: 'null', line: 1 };
    const line = expression.line;
    switch (expression.kind) {
      case 'literal':
        if (expression.value === null) return { kind: 'null', line };
        if (typeof expression.value === 'number') return { kind: 'number', value: expression.value, line };
        if (typeof expression.value === 'boolean') return { kind: 'boolean', value: expression.value, line };
        return { kind: 'string', value: expression.value, line };
      case 'template': {
        const text = templateText(expression.raw, (ref) => this.reference(ref));
        return text === undefined
          ? { kind: 'unknown', text: expression.raw, line }
          : { kind: 'string', value: text, line };
      }
      case 'reference':
        return { kind: 'string', value: this.reference(expression.raw), line };
      case 'tuple':
        return { kind: 'array', items: expression.items.map((i) => this.hclValue(i)), line };
      case 'object':
        return {
          kind: 'object',
          line,
          entries: expression.entries
            .filter((e) => e.key !== undefined)
            .map((e) => ({ key: e.key!, line: e.keyExpression.line, value: this.hclValue(e.value) })),
        };
      case 'call':
        if (expression.name === 'concat' && expression.args.every((a) => a.kind === 'tuple')) {
          return {
            kind: 'array',
            items: expression.args.flatMap((a) =>
              a.kind === 'tuple' ? a.items.map((i) => this.hclValue(i)) : [],
            ),
            line,
          };
        }
        return { kind: 'unknown', text: expression.raw, line };
      default:
        return { kind: 'unknown', text: expression.raw, line };
    }
  }

  /** The value of a reference, a placeholder of the right shape where the repository does not say. */
  private reference(raw: string): string {
    const parts = raw.replace(/\[[^\]]*\]/g, '').split('.');
    if (parts[0] === 'data' && parts.length >= 4) return terraformDataAttribute(parts[1], parts[3]);
    if (parts.length >= 3 && parts[0].startsWith('aws_')) {
      const target = this.resources.get(`${parts[0]}.${parts[1]}`);
      return terraformAttribute(parts[0], parts[2], target ? this.literalName(target.block) : undefined);
    }
    return UNRESOLVED;
  }
}

function abbreviate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

/**
 * The text of an HCL template (quoted or heredoc) with each `${...}` replaced by its value;
 * undefined when it holds `%{...}` directives.
 */
export function templateText(raw: string, resolve: (reference: string) => string): string | undefined {
  let body: string;
  let quoted = false;
  if (raw.startsWith('<<')) {
    const lines = raw.split('\n');
    body = lines.slice(1, -1).join('\n');
    if (raw.startsWith('<<-')) body = flush(body);
  } else if (raw.startsWith('"') && raw.endsWith('"')) {
    body = raw.slice(1, -1);
    quoted = true;
  } else {
    return undefined;
  }
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted && c === '\\' && i + 1 < body.length) {
      const next = body[++i];
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
      continue;
    }
    if ((c === '$' || c === '%') && body[i + 1] === c && body[i + 2] === '{') {
      out += `${c}{`;
      i += 2;
      continue;
    }
    if (c === '%' && body[i + 1] === '{') return undefined;
    if (c === '$' && body[i + 1] === '{') {
      const end = closingBrace(body, i + 2);
      if (end < 0) return undefined;
      const inner = body
        .slice(i + 2, end)
        .replace(/^~|~$/g, '')
        .trim();
      out += /^[A-Za-z_][\w-]*(\.[\w-]+|\[[^\]]*\])*$/.test(inner) ? resolve(inner) : UNRESOLVED;
      i = end;
      continue;
    }
    out += c;
  }
  return out;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function flush(body: string): string {
  const lines = body.split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const strip = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(strip, /^[ \t]*/.exec(l)![0].length))).join('\n');
}
