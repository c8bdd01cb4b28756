import type { CoherenceModel, ContainerView } from './model';
import { parseImageName } from './images';
import type { ImageFacts } from './image-facts';
import type { ImageBuild } from './workflows';

export interface LinkedImage {
  build: ImageBuild;
  facts: ImageFacts;
}

/**
 * The images this repository builds that a container runs, matched by repository name (tags
 * aside: the deployed tag is usually set at release time). Several Dockerfiles can build the same
 * name (a compose file and a workflow); each one is returned once.
 */
export function linkedImages(model: CoherenceModel, container: ContainerView): LinkedImage[] {
  const wanted = parseImageName(container.image);
  if (!wanted) return [];
  const seen = new Set<string>();
  const out: LinkedImage[] = [];
  for (const build of model.links.builds) {
    if (build.image.repository !== wanted.repository || seen.has(build.dockerfile)) continue;
    seen.add(build.dockerfile);
    const facts = model.imageFacts(build.dockerfile);
    if (facts) out.push({ build, facts });
  }
  return out;
}

export function place(file: string, line: number): string {
  return `${file}:${line}`;
}
