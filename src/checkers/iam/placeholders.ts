/**
 * IaC references turned into values of the right shape: `aws_ecr_repository.app.arn` becomes an
 * ECR repository ARN whose account and region are unresolved, so ARN and resource-type checks still
 * see a repository, and nothing is reported about the parts the repository does not say.
 */
import { UNRESOLVED as U } from './values';

interface Shape {
  /** Builds the ARN from the resource's name (or UNRESOLVED). */
  arn: (name: string) => string;
}

const SHAPES: Record<string, Shape> = {
  ecr_repository: { arn: (n) => `arn:aws:ecr:${U}:${U}:repository/${n}` },
  s3_bucket: { arn: (n) => `arn:aws:s3:::${n}` },
  iam_role: { arn: (n) => `arn:aws:iam::${U}:role/${n}` },
  iam_user: { arn: (n) => `arn:aws:iam::${U}:user/${n}` },
  iam_group: { arn: (n) => `arn:aws:iam::${U}:group/${n}` },
  iam_policy: { arn: (n) => `arn:aws:iam::${U}:policy/${n}` },
  kms_key: { arn: () => `arn:aws:kms:${U}:${U}:key/${U}` },
  sns_topic: { arn: (n) => `arn:aws:sns:${U}:${U}:${n}` },
  sqs_queue: { arn: (n) => `arn:aws:sqs:${U}:${U}:${n}` },
  dynamodb_table: { arn: (n) => `arn:aws:dynamodb:${U}:${U}:table/${n}` },
  lambda_function: { arn: (n) => `arn:aws:lambda:${U}:${U}:function:${n}` },
  cloudwatch_log_group: { arn: (n) => `arn:aws:logs:${U}:${U}:log-group:${n}` },
  secretsmanager_secret: { arn: (n) => `arn:aws:secretsmanager:${U}:${U}:secret:${n}` },
  kinesis_stream: { arn: (n) => `arn:aws:kinesis:${U}:${U}:stream/${n}` },
};

/** CloudFormation resource types by the Terraform-style shape name. */
const CFN_SHAPES: Record<string, string> = {
  'AWS::ECR::Repository': 'ecr_repository',
  'AWS::S3::Bucket': 's3_bucket',
  'AWS::IAM::Role': 'iam_role',
  'AWS::IAM::User': 'iam_user',
  'AWS::IAM::Group': 'iam_group',
  'AWS::IAM::ManagedPolicy': 'iam_policy',
  'AWS::KMS::Key': 'kms_key',
  'AWS::SNS::Topic': 'sns_topic',
  'AWS::SQS::Queue': 'sqs_queue',
  'AWS::DynamoDB::Table': 'dynamodb_table',
  'AWS::Lambda::Function': 'lambda_function',
  'AWS::Logs::LogGroup': 'cloudwatch_log_group',
  'AWS::SecretsManager::Secret': 'secretsmanager_secret',
  'AWS::Kinesis::Stream': 'kinesis_stream',
};

/** Terraform: the value of `<type>.<name>.<attribute>` given the resource's literal name, if any. */
export function terraformAttribute(type: string, attribute: string, name: string | undefined): string {
  const shape = SHAPES[type.replace(/^aws_/, '')];
  const resolvedName = name ?? U;
  if (!shape) return U;
  if (attribute === 'arn') return shape.arn(resolvedName);
  if (attribute === 'name' || attribute === 'bucket' || (attribute === 'id' && type !== 'aws_kms_key')) {
    return type === 'aws_sqs_queue' && attribute === 'id' ? U : resolvedName;
  }
  return U;
}

/** Terraform data sources with a value the checker can stand in for. */
export function terraformDataAttribute(type: string, attribute: string): string {
  if (type === 'aws_partition' && attribute === 'partition') return 'aws';
  if (type === 'aws_partition' && attribute === 'dns_suffix') return 'amazonaws.com';
  return U;
}

/** CloudFormation `Fn::GetAtt [Resource, Attribute]`. */
export function cloudFormationAttribute(type: string, attribute: string, name: string | undefined): string {
  const shape = CFN_SHAPES[type];
  if (!shape) return U;
  if (attribute === 'Arn') return SHAPES[shape].arn(name ?? U);
  return U;
}

/** CloudFormation `Ref Resource`: the name for most types, the ARN for topics and managed policies. */
export function cloudFormationRef(type: string, name: string | undefined): string {
  const shape = CFN_SHAPES[type];
  if (!shape) return U;
  if (shape === 'sns_topic' || shape === 'iam_policy') return SHAPES[shape].arn(name ?? U);
  if (shape === 'kms_key' || shape === 'sqs_queue' || shape === 'secretsmanager_secret') return U;
  return name ?? U;
}

export const CFN_PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** The name property of each CloudFormation type that has one. */
export const CFN_NAME_PROPERTY: Record<string, string> = {
  'AWS::ECR::Repository': 'RepositoryName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::Kinesis::Stream': 'Name',
};

/** The name attribute of each Terraform type that has one. */
export const TF_NAME_ATTRIBUTE: Record<string, string> = {
  aws_s3_bucket: 'bucket',
};
