// Images the repository builds itself and other Dockerfiles of it start FROM: `FROM argocd-base` where
// another Dockerfile has a stage `AS argocd-base`, or `FROM acme/python-base` where
// `images/python-base/Dockerfile` (or `Dockerfile.python-base`, or one whose `LABEL name=` says so) builds it. What that Dockerfile sets
// (its ENV) is then known, and a name without a registry is the local build rather than a pull. Only the
// dockerfile model's own reading of the other file is used; which tag a compose file or a workflow gives
// an image is the coherence checker's business, not this one's.
import type { RunContext } from '../../engine/rule';
import type { SourceFile } from '../../engine/workspace';
import { NAME_PATTERNS, claimsDockerfile } from './claims';
import { isOfficialImage, type ImageReference } from './image';
import type { DockerfileModel, Stage } from './model';

export interface LocalBuild {
  /** The Dockerfile that builds the image, and the stage whose result the image is. */
  dockerfile: string;
  stage: Stage;
  /** How the name was matched, for messages: "stage `argocd-base` of `Dockerfile`". */
  how: string;
}

type MatchKind = 'stage' | 'label' | 'name' | 'dir';
interface Candidate {
  file: SourceFile;
  kind: MatchKind;
  stage?: string;
  /** For a label: the whole `namespace/name` it declares, which the FROM must end with. */
  fullName?: string;
}

const STAGE_NAME = /^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*\S+[ \t]+AS[ \t]+([A-Za-z][\w.-]*)/gim;
// The image name a Dockerfile declares for itself (Red Hat's container guidelines require the label),
// only in its `namespace/name` form: a bare `name="MinIO"` is a product name, not an image.
const NAME_LABEL =
  /^[ \t]*LABEL\b(?:[^\n]*\\\r?\n)*?[^\n]*?[ \t]name=["']?([\w.-]+(?:\/[\w.-]+)+)(?=["'\s]|$)/gim;
const FROM_IMAGE = /^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*([^\s$]+)/gim;
const MATCH_ORDER: MatchKind[] = ['stage', 'label', 'name', 'dir'];

interface ScanIndex {
  /** Dockerfiles by the image names they may build. */
  builders: Map<string, Candidate[]>;
  /** Dockerfiles by the image names their FROMs pull. */
  users: Map<string, SourceFile[]>;
  /** The names each Dockerfile may build as a whole (its stages aside). */
  ownNames: Map<SourceFile, string[]>;
}

const indexes = new WeakMap<RunContext, ScanIndex>();
/** Dockerfiles whose model is being built: a base that leads back to one of them is not followed. */
const building = new Set<string>();

/** The Dockerfiles of the scan by the image names they may build and pull, read once per scan. */
function indexOf(context: RunContext): ScanIndex {
  let index = indexes.get(context);
  if (index) return index;
  index = { builders: new Map(), users: new Map(), ownNames: new Map() };
  const { builders, users, ownNames } = index;
  const add = (name: string, candidate: Candidate) => {
    const key = name.toLowerCase();
    const list = builders.get(key) ?? [];
    list.push(candidate);
    builders.set(key, list);
    if (candidate.kind !== 'stage')
      ownNames.set(candidate.file, [...(ownNames.get(candidate.file) ?? []), key]);
  };
  for (const file of context.allFiles) {
    if (!NAME_PATTERNS.some((p) => p.test(file.name)) || !claimsDockerfile(file)) continue;
    for (const match of file.text.matchAll(STAGE_NAME))
      add(match[1], { file, kind: 'stage', stage: match[1] });
    const named =
      /^(?:Dockerfile|Containerfile)[.-](.+)$/i.exec(file.name) ?? /^(.+)\.[Dd]ockerfile$/.exec(file.name);
    if (named) add(named[1], { file, kind: 'name' });
    for (const match of file.text.matchAll(NAME_LABEL))
      add(lastComponent(match[1]), { file, kind: 'label', fullName: match[1].toLowerCase() });
    for (const match of file.text.matchAll(FROM_IMAGE)) {
      const key = lastComponent(match[1].replace(/@.*$/, '').replace(/:[^/]*$/, ''));
      const list = users.get(key) ?? [];
      if (!list.includes(file)) list.push(file);
      users.set(key, list);
    }
    const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    if (dir) add(dir.split('/').pop()!, { file, kind: 'dir' });
  }
  indexes.set(context, index);
  return index;
}

function lastComponent(name: string): string {
  return (name.split('/').pop() ?? name).toLowerCase();
}

/** The last component of the image's repository: `acme/python-base` → `python-base`. */
function imageKey(image: ImageReference): string {
  return lastComponent(image.repository);
}

/**
 * The Dockerfile of the repository that builds `image`, when one does; never for an official image, which
 * the repository may extend but does not build (`nginx/Dockerfile` is FROM nginx, not nginx itself).
 */
export function findLocalBuild(
  image: ImageReference | undefined,
  self: SourceFile,
  context: RunContext | undefined,
  modelOf: (file: SourceFile) => DockerfileModel,
): LocalBuild | undefined {
  if (!image || !context || image.isScratch || isOfficialImage(image)) return undefined;
  const key = imageKey(image);
  const pulled = `/${image.name.toLowerCase()}`;
  const candidates = (indexOf(context).builders.get(key) ?? []).filter(
    (c) =>
      c.file !== self &&
      !building.has(c.file.path) &&
      (c.fullName === undefined || pulled.endsWith(`/${c.fullName}`)),
  );
  candidates.sort((a, b) => MATCH_ORDER.indexOf(a.kind) - MATCH_ORDER.indexOf(b.kind));
  const added = !building.has(self.path);
  if (added) building.add(self.path);
  try {
    for (const candidate of candidates) {
      const model = modelOf(candidate.file);
      const stage = candidate.stage ? model.stageByName(candidate.stage) : model.finalStage;
      // A Dockerfile that starts FROM an image of the same name extends it rather than builds it.
      if (!stage || (stage.rootImage && imageKey(stage.rootImage) === key)) continue;
      const how =
        candidate.kind === 'stage'
          ? `stage \`${stage.name}\` of \`${candidate.file.path}\``
          : `\`${candidate.file.path}\``;
      return { dockerfile: candidate.file.path, stage, how };
    }
  } finally {
    if (added) building.delete(self.path);
  }
  return undefined;
}

/**
 * Another Dockerfile of the repository whose FROM is the image this one builds (as `findLocalBuild`
 * links them): this one is then a base for the repository's own images.
 */
export function builtOnBy(
  self: SourceFile,
  context: RunContext | undefined,
  modelOf: (file: SourceFile) => DockerfileModel,
): string | undefined {
  if (!context) return undefined;
  const { users, ownNames } = indexOf(context);
  for (const key of ownNames.get(self) ?? []) {
    for (const user of users.get(key) ?? []) {
      if (user === self) continue;
      if (modelOf(user).stages.some((stage) => stage.base.localBuild?.dockerfile === self.path))
        return user.path;
    }
  }
  return undefined;
}
