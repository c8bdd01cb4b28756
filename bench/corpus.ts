// A seeded generator of the monorepo the benchmark scans: services with their Dockerfiles,
// multi-document Kubernetes manifests, IAM policies, Terraform, CloudFormation and topology files,
// buried among the source, docs and tooling files a real repository has, plus an ignored
// node_modules/ the scan must skip. Same seed, same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Services per unit of scale: scale 1 is about 1,500 files. */
export const SERVICES_PER_SCALE = 64;

export interface CorpusShape {
  scale: number;
  seed?: number;
}

export interface CorpusSummary {
  files: number;
  byKind: Record<string, number>;
  /** Files under node_modules/, which discovery never walks. */
  ignored: number;
}

/** mulberry32: small, fast, and the same sequence on every platform. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const chance = (rng: Rng, p: number) => rng() < p;

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const LANGUAGES = ['node', 'python', 'go', 'java', 'static'] as const;
type Language = (typeof LANGUAGES)[number];

function dockerfile(rng: Rng, name: string, language: Language): string {
  const lines: string[] = [];
  if (chance(rng, 0.4)) lines.push('# syntax=docker/dockerfile:1.7');
  const baseArg = chance(rng, 0.3);
  if (baseArg) lines.push(`ARG BASE_TAG=${pick(rng, ['3.19', '3.20', '3.21'])}`);
  switch (language) {
    case 'node':
      lines.push(
        `FROM node:${pick(rng, ['18', '20', '22'])}-${pick(rng, ['alpine', 'bookworm-slim'])} AS deps`,
      );
      lines.push('WORKDIR /app', 'COPY package.json package-lock.json ./');
      lines.push(pick(rng, ['RUN npm ci --omit=dev', 'RUN --mount=type=cache,target=/root/.npm npm ci']));
      lines.push('', `FROM node:${pick(rng, ['20', '22', 'lts'])}-alpine`);
      lines.push('WORKDIR /app', 'ENV NODE_ENV=production PORT=8080');
      lines.push('COPY --from=deps /app/node_modules ./node_modules', 'COPY . .');
      if (chance(rng, 0.5)) lines.push('RUN apk add --no-cache tini curl');
      lines.push('USER node', 'EXPOSE 8080');
      lines.push(chance(rng, 0.5) ? 'CMD ["node", "server.js"]' : 'CMD node server.js');
      break;
    case 'python':
      lines.push(`FROM python:3.${int(rng, 9, 13)}-slim`);
      lines.push(
        'ENV PYTHONDONTWRITEBYTECODE=1 \\',
        '    PYTHONUNBUFFERED=1 \\',
        `    APP_HOME=/srv/${name}`,
      );
      lines.push('WORKDIR $APP_HOME');
      lines.push(
        'RUN apt-get update \\',
        `    && apt-get install -y ${chance(rng, 0.5) ? '--no-install-recommends ' : ''}build-essential libpq-dev curl \\`,
        '    && rm -rf /var/lib/apt/lists/*',
      );
      lines.push('COPY requirements.txt .');
      lines.push(
        pick(rng, [
          'RUN pip install -r requirements.txt',
          'RUN pip install --no-cache-dir -r requirements.txt',
        ]),
      );
      lines.push('COPY . .');
      if (chance(rng, 0.3)) {
        lines.push('RUN <<EOF', 'set -e', 'python -m compileall .', `useradd --uid 10001 ${name}`, 'EOF');
      }
      lines.push(chance(rng, 0.7) ? 'USER 10001' : '');
      lines.push(`HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1`);
      lines.push('CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]');
      break;
    case 'go':
      lines.push(`FROM golang:1.${int(rng, 21, 23)}-bookworm AS build`);
      lines.push('WORKDIR /src', 'COPY go.mod go.sum ./');
      lines.push('RUN --mount=type=cache,target=/go/pkg/mod go mod download', 'COPY . .');
      lines.push(`RUN CGO_ENABLED=0 GOOS=linux go build -ldflags="-s -w" -o /out/${name} ./cmd/${name}`);
      lines.push(
        '',
        pick(rng, ['FROM gcr.io/distroless/static:nonroot', 'FROM scratch', 'FROM alpine:3.20']),
      );
      lines.push(`COPY --from=build /out/${name} /usr/local/bin/${name}`);
      if (chance(rng, 0.6)) lines.push('USER 65532:65532');
      lines.push(`ENTRYPOINT ["/usr/local/bin/${name}"]`);
      break;
    case 'java':
      lines.push('FROM maven:3.9-eclipse-temurin-21 AS build', 'WORKDIR /build', 'COPY pom.xml .');
      lines.push('RUN mvn -B dependency:go-offline', 'COPY src ./src', 'RUN mvn -B package -DskipTests');
      lines.push('', 'FROM eclipse-temurin:21-jre');
      lines.push('RUN groupadd -r app && useradd -r -g app app');
      lines.push('COPY --from=build /build/target/*.jar /opt/app.jar');
      lines.push('ENV JAVA_OPTS="-XX:MaxRAMPercentage=75"');
      lines.push('USER app', 'EXPOSE 8080');
      lines.push('ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/app.jar"]');
      break;
    case 'static':
      lines.push(baseArg ? 'FROM alpine:${BASE_TAG} AS fetch' : 'FROM alpine:3.20 AS fetch');
      lines.push('RUN apk add curl && curl -sSL https://example.invalid/site.tar.gz | tar -xz -C /tmp');
      lines.push('', 'FROM nginx:1.27-alpine', 'COPY --from=fetch /tmp/site /usr/share/nginx/html');
      lines.push('COPY nginx.conf /etc/nginx/conf.d/default.conf', 'EXPOSE 80');
      break;
  }
  return `${lines.join('\n')}\n`;
}

function manifests(rng: Rng, name: string, team: string): string {
  const replicas = int(rng, 1, 5);
  const image = `registry.example.invalid/${team}/${name}:${int(rng, 1, 3)}.${int(rng, 0, 20)}.${int(rng, 0, 9)}`;
  const docs = [
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${team}
  labels: &labels
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/part-of: ${team}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels: *labels
    spec:
      serviceAccountName: ${name}
${chance(rng, 0.2) ? `      nodeSelector:\n        topology.kubernetes.io/zone: ${pick(rng, ZONES)}\n` : ''}      containers:
        - name: ${name}
          image: ${image}
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: LOG_LEVEL
              value: info
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef:
                  name: ${name}-db
                  key: url
${
  chance(rng, 0.7)
    ? `          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }
`
    : ''
}${
      chance(rng, 0.6)
        ? `          readinessProbe:
            httpGet: { path: /ready, port: http }
          livenessProbe:
            httpGet: { path: /health, port: http }
`
        : ''
    }${
      chance(rng, 0.5)
        ? `          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
`
        : ''
    }`,
    `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${team}
spec:
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - port: 80
      targetPort: http
`,
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${team}
data:
  settings.yaml: |
    feature_flags:
      new_checkout: ${chance(rng, 0.5)}
    upstreams:
${Array.from({ length: int(rng, 1, 6) }, (_, i) => `      - http://dep-${i}.${team}.svc.cluster.local`).join('\n')}
`,
  ];
  if (chance(rng, 0.5)) {
    docs.push(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${team}
  annotations:
    nginx.ingress.kubernetes.io/ssl-redirect: "true"
spec:
  rules:
    - host: ${name}.example.invalid
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port: { number: 80 }
`);
  }
  if (chance(rng, 0.4)) {
    docs.push(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${team}
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${name} }
  minReplicas: ${replicas}
  maxReplicas: ${replicas * 4}
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
`);
  }
  return `# ${name}: generated by the platform template\n${docs.join('---\n')}`;
}

function iamPolicy(rng: Rng, name: string): string {
  const statements = [
    {
      Sid: 'ReadOwnBucket',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [`arn:aws:s3:::${name}-assets`, `arn:aws:s3:::${name}-assets/*`],
    },
    {
      Sid: 'Queue',
      Effect: 'Allow',
      Action: pick(rng, [['sqs:SendMessage', 'sqs:ReceiveMessage'], 'sqs:*']),
      Resource: `arn:aws:sqs:us-east-1:123456789012:${name}-jobs`,
    },
  ];
  if (chance(rng, 0.2))
    statements.push({ Sid: 'Broad', Effect: 'Allow', Action: ['iam:PassRole'], Resource: ['*'] });
  if (chance(rng, 0.3)) {
    statements.push({
      Sid: 'Kms',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [`arn:aws:kms:us-east-1:123456789012:key/${Math.floor(rng() * 1e12).toString(16)}`],
    });
  }
  return `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`;
}

function trustPolicy(name: string): string {
  return `${JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        },
      ],
      Description: `${name} task role`,
    },
    null,
    2,
  )}\n`;
}

function terraformMain(rng: Rng, name: string): string {
  const zones = [pick(rng, ZONES.slice(0, 3)), pick(rng, ZONES.slice(0, 3))];
  return `terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.${int(rng, 0, 60)}"
    }
  }
${
  chance(rng, 0.8)
    ? `  backend "s3" {
    bucket       = "tf-state-${name}"
    key          = "services/${name}/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = ${chance(rng, 0.8)}
    use_lockfile = true
  }
`
    : ''
}}

provider "aws" {
  region = var.region
}

locals {
  name = "${name}"
  tags = {
    Service = local.name
    Owner   = var.owner
  }
}

resource "aws_instance" "worker" {
  count             = var.instance_count
  ami               = data.aws_ami.base.id
  instance_type     = "${pick(rng, ['t3.small', 'm6i.large', 'c7g.medium'])}"
  availability_zone = element(${JSON.stringify(zones)}, count.index)
  tags              = merge(local.tags, { Name = "\${local.name}-\${count.index}" })
}

resource "aws_db_instance" "main" {
  identifier        = "${name}-db"
  engine            = "postgres"
  instance_class    = "db.t4g.medium"
  allocated_storage = ${int(rng, 20, 200)}
  multi_az          = ${chance(rng, 0.6)}
}

data "aws_ami" "base" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}
`;
}

const terraformVariables = (rng: Rng) => `variable "region" {
  type    = string
  default = "us-east-1"
}

variable "owner" {
  type = string
}

variable "instance_count" {
  type    = number
  default = ${int(rng, 1, 4)}
}
`;

function cloudFormation(rng: Rng, name: string): string {
  return `AWSTemplateFormatVersion: "2010-09-09"
Description: ${name} worker fleet
Parameters:
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
Resources:
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "${int(rng, 1, 3)}"
      MaxSize: "6"
      AvailabilityZones: !GetAZs ""
      VPCZoneIdentifier: !Ref Subnets
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.small
      MultiAZ: ${chance(rng, 0.5)}
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "\${AWS::StackName}-${name}"
Outputs:
  BucketArn:
    Value: !GetAtt Bucket.Arn
`;
}

function topology(rng: Rng, services: readonly string[]): string {
  const entries = services.map((name) => {
    const placements = Array.from(
      { length: int(rng, 1, 3) },
      () => `        - { zone: ${pick(rng, ZONES.slice(0, 3))}, count: ${int(rng, 1, 3)} }`,
    );
    return `  - name: ${name}
    slo: ${pick(rng, ['0.99', '0.995', '0.999'])}
    min-healthy: ${int(rng, 1, 2)}
    load-balancer: regional
    tier: ${pick(rng, ['prod', 'staging'])}
    placements:
${placements.join('\n')}`;
  });
  return `version: 1
defaults:
  replica-availability: 0.95
  zone-availability: 0.999
services:
${entries.join('\n')}
`;
}

function sourceFile(rng: Rng, language: Language, name: string, i: number): [string, string] {
  const body = Array.from({ length: int(rng, 10, 120) }, (_, l) => `  // step ${l} of ${name}`).join('\n');
  switch (language) {
    case 'node':
      return [`src/module${i}.js`, `export function handler${i}(req, res) {\n${body}\n  res.end('ok');\n}\n`];
    case 'python':
      return [
        `app/module_${i}.py`,
        `def handler_${i}(request):\n${body.replace(/\/\//g, '#')}\n    return "ok"\n`,
      ];
    case 'go':
      return [
        `internal/pkg${i}/pkg.go`,
        `package pkg${i}\n\nfunc Handle() string {\n${body}\n\treturn "ok"\n}\n`,
      ];
    case 'java':
      return [`src/main/java/com/example/Handler${i}.java`, `class Handler${i} {\n${body}\n}\n`];
    case 'static':
      return [`public/page${i}.html`, `<html><body>\n${body.replace(/\/\//g, '')}\n</body></html>\n`];
  }
}

/** Writes the corpus under `dir`. */
export function writeCorpus(dir: string, shape: CorpusShape): CorpusSummary {
  const rng = random(shape.seed ?? 20260101 + shape.scale);
  const summary: CorpusSummary = { files: 0, byKind: {}, ignored: 0 };
  const write = (rel: string, text: string | Buffer, kind: string) => {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (rel.startsWith('node_modules/')) summary.ignored++;
    else {
      summary.files++;
      summary.byKind[kind] = (summary.byKind[kind] ?? 0) + 1;
    }
  };

  write('.gitignore', 'node_modules/\ndist/\n*.log\n.terraform/\n', 'other');
  write(
    'README.md',
    '# platform monorepo\n\nServices, their images, manifests and infrastructure.\n',
    'other',
  );
  write(
    'package.json',
    `${JSON.stringify({ name: 'platform', private: true, workspaces: ['services/*'] }, null, 2)}\n`,
    'other',
  );
  write(
    '.github/workflows/ci.yml',
    'on: [push]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
    'other',
  );

  const services = SERVICES_PER_SCALE * shape.scale;
  const teams = ['payments', 'search', 'identity', 'growth', 'platform', 'data'];
  const byTeam = new Map<string, string[]>();
  for (let s = 0; s < services; s++) {
    const team = pick(rng, teams);
    const name = `${team}-svc-${s}`;
    byTeam.set(team, [...(byTeam.get(team) ?? []), name]);
    const base = `services/${team}/${name}`;
    const language = pick(rng, LANGUAGES);
    write(`${base}/Dockerfile`, dockerfile(rng, name, language), 'dockerfile');
    if (chance(rng, 0.15))
      write(`${base}/Dockerfile.dev`, dockerfile(rng, `${name}-dev`, language), 'dockerfile');
    write(`${base}/deploy/k8s/${name}.yaml`, manifests(rng, name, team), 'kubernetes');
    write(
      `${base}/deploy/k8s/kustomization.yaml`,
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${name}.yaml\n`,
      'kubernetes',
    );
    if (chance(rng, 0.5)) {
      write(`${base}/iam/policy.json`, iamPolicy(rng, name), 'iam');
      write(`${base}/iam/trust-policy.json`, trustPolicy(name), 'iam');
    }
    if (chance(rng, 0.5)) {
      write(`${base}/infra/main.tf`, terraformMain(rng, name), 'terraform');
      write(`${base}/infra/variables.tf`, terraformVariables(rng), 'terraform');
      write(
        `${base}/infra/outputs.tf`,
        `output "db_endpoint" {\n  value = aws_db_instance.main.endpoint\n}\n`,
        'terraform',
      );
      write(
        `${base}/infra/.terraform.lock.hcl`,
        `provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.40.0"\n}\n`,
        'terraform',
      );
    }
    if (chance(rng, 0.2))
      write(`${base}/cloudformation/stack.yaml`, cloudFormation(rng, name), 'cloudformation');
    // Everything around the deployment files: code, tests, docs, tooling, a binary asset.
    const sources = int(rng, 8, 16);
    for (let i = 0; i < sources; i++) {
      const [rel, text] = sourceFile(rng, language, name, i);
      write(`${base}/${rel}`, text, 'other');
    }
    write(`${base}/README.md`, `# ${name}\n\nOwned by ${team}. See docs/runbook.md.\n`, 'other');
    write(`${base}/docs/runbook.md`, `## Deploy\n\n\`\`\`\nkubectl apply -k deploy/k8s\n\`\`\`\n`, 'other');
    write(`${base}/.env.example`, 'LOG_LEVEL=debug\nPORT=8080\n', 'other');
    write(
      `${base}/config/settings.json`,
      `${JSON.stringify({ name, retries: int(rng, 1, 5), timeoutMs: 3000 })}\n`,
      'other',
    );
    if (chance(rng, 0.3))
      write(
        `${base}/assets/logo.png`,
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]),
        'other',
      );
    if (chance(rng, 0.3)) {
      // A vendored dependency the scan never walks: its Dockerfiles and manifests are not the repository's.
      write(`node_modules/${name}-sdk/Dockerfile`, dockerfile(rng, 'vendored', 'node'), 'ignored');
      write(`node_modules/${name}-sdk/deploy.yaml`, manifests(rng, 'vendored', 'x'), 'ignored');
      write(`node_modules/${name}-sdk/index.js`, 'module.exports = {};\n', 'ignored');
    }
  }
  for (const [team, names] of byTeam) {
    write(`teams/${team}/deploy-topology.yml`, topology(rng, names), 'topology');
  }
  return summary;
}

/** Single files that stress one code path each; every one must still scan in linear time. */
export const PATHOLOGICAL: Record<string, { file: string; text: (count?: number) => string }> = {
  'runs-10000': {
    file: 'Dockerfile',
    text: (count = 10_000) =>
      `FROM debian:bookworm\n${Array.from({ length: count }, (_, i) =>
        i % 3 === 0
          ? `RUN apt-get update && apt-get install -y --no-install-recommends pkg${i}=1.${i}`
          : i % 3 === 1
            ? `RUN echo "line ${i}" > /etc/app/conf${i}.d && cat /etc/app/conf${i}.d | grep line`
            : `RUN mkdir -p /opt/s${i} && cd /opt/s${i} && touch f${i}`,
      ).join('\n')}\nUSER 1000\n`,
  },
  'env-10000': {
    file: 'Dockerfile',
    text: (count = 10_000) =>
      `FROM alpine:3.20\n${Array.from({ length: count }, (_, i) => `ENV VAR_${i}="value-${i}-\${VAR_${Math.max(0, i - 1)}:-x}"`).join('\n')}\nRUN echo "$VAR_${count - 1}"\nUSER 1000\n`,
  },
  'manifest-2mib': {
    file: 'deploy/big.yaml',
    text: () => {
      const rng = random(7);
      const docs: string[] = [];
      let size = 0;
      // Stays just under the default 2 MiB size cap, so it is scanned rather than skipped.
      for (let i = 0; size < 2 * 1024 * 1024 - 8 * 1024; i++) {
        const doc = manifests(rng, `svc-${i}`, 'bulk');
        docs.push(doc);
        size += doc.length + 4;
      }
      return docs.join('---\n');
    },
  },
  // Every Service and PodDisruptionBudget selects every Deployment: links grow as the square of the
  // objects unless objects with one selector share one list (3,000 of each kind, 1.5 MB).
  'manifest-selects-all': {
    file: 'deploy/all.yaml',
    text: (count = 3_000) =>
      Array.from({ length: count }, (_, i) =>
        [
          `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - containerPort: 8080\n`,
          `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: pdb-${i}\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: web\n`,
          `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 8080\n`,
        ].join('---\n'),
      ).join('---\n'),
  },
  // A CloudFormation template of roles whose inline policies allow `*` on `*`: every `*` stands for
  // all of AWS's actions, so per-policy work over them multiplies (2,000 roles, 1 MB).
  'template-roles': {
    file: 'infra/roles.json',
    text: (count = 2_000) => {
      const resources: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) {
        resources[`Role${i}`] = {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: 'arn:aws:iam::123456789012:root' },
                  Action: 'sts:AssumeRole',
                },
              ],
            },
            Policies: [
              {
                PolicyName: `admin-${i}`,
                PolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
                },
              },
            ],
          },
        };
      }
      return `${JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 1)}\n`;
    },
  },
};
