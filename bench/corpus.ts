import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What the benchmark repository holds: realistic files in the proportions a platform monorepo has. */
export interface CorpusShape {
  services: number;
}

const dockerfile = (i: number) => `# syntax=docker/dockerfile:1
FROM golang:1.22-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/service-${i} ./cmd/service

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl ca-certificates
RUN curl -sSL https://example.invalid/install.sh | sh
ENV PORT=80${i % 10} HOME=/home/app PATH="\${HOME}/bin:\${PATH}"
COPY --from=build /out/service-${i} /usr/local/bin/service
USER app
CMD ["service", "--port=$PORT"]
`;

const terraform = (i: number) => `terraform {
  required_version = ">= 1.5"
  backend "s3" {
    bucket = "state-${i}"
    key    = "service-${i}/terraform.tfstate"
    region = "us-east-1"
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_instance" "service_${i}" {
  count         = 3
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"
  tags = {
    Name = "service-${i}"
  }
}
`;

const manifest = (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: service-${i}
  labels:
    app: service-${i}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: service-${i}
  template:
    metadata:
      labels:
        app: service-${i}
    spec:
      containers:
        - name: app
          image: registry.example.invalid/service-${i}:1.0.${i}
          ports:
            - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: service-${i}
spec:
  selector:
    app: service-${i}
  ports:
    - port: 80
      targetPort: 8080
`;

/** Writes the corpus under `dir` and returns how many files it wrote. */
export function writeCorpus(dir: string, shape: CorpusShape): number {
  let files = 0;
  const write = (rel: string, text: string) => {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    files++;
  };
  for (let i = 0; i < shape.services; i++) {
    const base = `services/service-${i}`;
    write(`${base}/Dockerfile`, dockerfile(i));
    write(`${base}/infra/main.tf`, terraform(i));
    write(`${base}/deploy/k8s.yaml`, manifest(i));
    write(`${base}/src/main.go`, `package main\n\nfunc main() { println("service ${i}") }\n`);
    write(`${base}/README.md`, `# service ${i}\n`);
  }
  write('.gitignore', 'bin/\n');
  return files;
}
