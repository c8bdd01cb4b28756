// Image references as the links compare them: the repository without tag or digest, Docker Hub's
// implicit prefixes removed, so `docker.io/library/nginx:1.27` and `nginx` name the same image.

import { splitImageReference } from '../../parse/image-reference';

export interface ImageName {
  /** Registry host and path, lowercased, without tag or digest: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/checkout`. */
  repository: string;
  /** The tag as written, or undefined when the reference has none (which means `latest`). */
  tag?: string;
  digest?: string;
}

const HUB_PREFIXES = ['docker.io/library/', 'index.docker.io/library/', 'docker.io/', 'index.docker.io/'];

/** undefined for text that is no image reference (empty, spaces, an unresolved expression). */
export function parseImageName(raw: string): ImageName | undefined {
  const text = raw.trim();
  if (!text || /[\s$]|\{\{/.test(text)) return undefined;
  const { name: rest, tag, digest } = splitImageReference(text);
  if (!/^[a-z0-9._/-]+(:\d+)?[a-z0-9._/-]*$/i.test(rest) || rest.endsWith('/')) return undefined;
  let repository = rest.toLowerCase();
  for (const prefix of HUB_PREFIXES) {
    if (repository.startsWith(prefix)) {
      repository = repository.slice(prefix.length);
      break;
    }
  }
  return { repository, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}

export interface EcrRepository {
  account: string;
  region: string;
  /** Repository name, which may contain slashes (`team/checkout`). */
  name: string;
}

const ECR_HOST = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(.+)$/;

/** The ECR repository an image name lives in, when its registry is an ECR private registry. */
export function ecrRepository(image: ImageName): EcrRepository | undefined {
  const match = ECR_HOST.exec(image.repository);
  return match ? { account: match[1], region: match[2], name: match[3] } : undefined;
}

/** The tag a reference deploys when it names none. */
export function effectiveTag(image: ImageName): string | undefined {
  return image.digest ? undefined : (image.tag ?? 'latest');
}
