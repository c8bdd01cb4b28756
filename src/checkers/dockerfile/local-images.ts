// Images the repository builds itself and other Dockerfiles of it start FROM: `FROM argocd-base` where
// another Dockerfile has a stage `AS argocd-base`, or `FROM acme/python-base` where
// `images/python-base/Dockerfile` (or `Dockerfile.python-base`) builds it. What that Dockerfile sets
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

type MatchKind = 'stage' | 'name' | 'dir';
interface Candidate {
  file: SourceFile;
  kind: MatchKind;
  stage?: string;
}

const STAGE_NAME = /^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*\S+[ \t]+AS[ \t]+([A-Za-z][\w.-]*)/gim;
const MATCH_ORDER: MatchKind[] = ['stage', 'name', 'dir'];

const indexes = new WeakMap<RunContext, Map<string, Candidate[]>>();
/** Dockerfiles whose model is being built: a base that leads back to one of them is not followed. */
const building = new Set<string>();

/** The Dockerfiles of the scan by the image names they may build, read once per scan. */
function indexOf(context: RunContext): Map<string, Candidate[]> {
  let index = indexes.get(context);
  if (index) return index;
  index = new Map();
  const add = (key: string, candidate: Candidate) => {
    const list = index!.get(key.toLowerCase()) ?? [];
    list.push(candidate);
    index!.set(key.toLowerCase(), list);
  };
  for (const file of context.allFiles) {
    if (!NAME_PATTERNS.some((p) => p.test(file.name)) || !claimsDockerfile(file)) continue;
    for (const match of file.text.matchAll(STAGE_NAME))
      add(match[1], { file, kind: 'stage', stage: match[1] });
    const named =
      /^(?:Dockerfile|Containerfile)[.-](.+)$/i.exec(file.name) ?? /^(.+)\.[Dd]ockerfile$/.exec(file.name);
    if (named) add(named[1], { file, kind: 'name' });
    const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    if (dir) add(dir.split('/').pop()!, { file, kind: 'dir' });
  }
  indexes.set(context, index);
  return index;
}

/** The last component of the image's repository: `acme/python-base` → `python-base`. */
function imageKey(image: ImageReference): string {
  return (image.repository.split('/').pop() ?? image.repository).toLowerCase();
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
  const candidates = (indexOf(context).get(key) ?? []).filter(
    (c) => c.file !== self && !building.has(c.file.path),
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
