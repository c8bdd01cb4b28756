// The coherence model: the links between files, and compact views of what the other checkers'
// models say about each side (a container of a workload, an IAM role with its policies, the
// zones the cluster's node groups span). Rules compare views; they never read a file.
import type { Place, RoleAssumption } from './workflows';
import type { DeploymentLinks } from './links';
import type { ImageFacts } from './image-facts';
import type { StatementView, SubjectCondition } from './policy-eval';

export type { Place } from './workflows';

/** One container of a workload, with the fields the cross-file rules compare. */
export interface ContainerView {
  /** `Deployment/checkout`. */
  workload: string;
  namespace: string;
  container: string;
  file: string;
  image: string;
  imageLine: number;
  /** Effective `runAsNonRoot` (container over pod) and where it is written. */
  runAsNonRoot?: { value: boolean; line: number };
  /** Effective `runAsUser` (container over pod). */
  runAsUser?: number;
  ports: { port: number; name?: string; line: number }[];
  /** Ports the probes reach, resolved through named container ports; unresolved names left out. */
  probePorts: { port: number; probe: string; line: number }[];
  /** `command`, `args` and `env` values: a port passed here is one the server is told to use. */
  configText: string;
  /** Topology spread constraints on the zone key with `DoNotSchedule` and `minDomains`. */
  zoneMinDomains?: { minDomains: number; maxSkew?: number; line: number };
}

/** An OIDC trust statement: the provider it trusts and its `sub` conditions. */
export interface TrustStatementView {
  /** Trusts GitHub's OIDC provider for `sts:AssumeRoleWithWebIdentity`. */
  github: boolean;
  subjects: SubjectCondition[];
  /** Line of the `sub` condition (or of the statement when it has none). */
  line: number;
  unresolved: boolean;
}

/** An IAM role as the repository defines it. */
export interface RoleView {
  name: string;
  account?: string;
  definedAt: Place;
  /** Identity policy statements attached to the role in the repository, with where each is. */
  identity: (StatementView & { at: Place; actionLines: { action: string; line: number }[] })[];
  trust: (TrustStatementView & { file: string })[];
  /** Every policy attached to the role is in the repository (no managed policy from elsewhere). */
  policiesComplete: boolean;
}

/** Zones the repository's Kubernetes node groups span together, when its Terraform says for every group. */
export interface NodeZones {
  /** Zone labels (`us-east-1a`, `AZ 2 of eu-west-1`), distinct. */
  zones: string[];
  /** The node groups, for messages. */
  groups: Place[];
}

export interface CoherenceModel {
  links: DeploymentLinks;
  containers: ContainerView[];
  /** Roles by name. */
  roles: ReadonlyMap<string, RoleView>;
  nodeZones?: NodeZones;
  /** Facts of the image a Dockerfile builds, by its scan-relative path. */
  imageFacts(dockerfile: string): ImageFacts | undefined;
}

export type { RoleAssumption };
