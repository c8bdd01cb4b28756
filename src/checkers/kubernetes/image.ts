import { splitImageReference, type ImageReferenceParts } from '../../parse/image-reference';

/** Container image references: `registry/repo:tag@digest`, split as written. */
export type ImageRef = ImageReferenceParts;
export const parseImage = splitImageReference;

/** An image filled in later (`$(IMAGE)`, `${TAG}`, `<image>`, `IMAGE_PLACEHOLDER`): not what runs. */
export function isPlaceholderImage(image: string): boolean {
  return (
    /[$<>{}]|PLACEHOLDER|PROJECT_ID|YOUR[-_]|^ko:\/\/|nonexist|some-image/i.test(image) ||
    image.trim() === '' ||
    // `CONTAINER_IMAGE`: a variable's name, never an image (references are lower case)
    /^[A-Z][A-Z0-9_]*$/.test(image)
  );
}

/** Whether a tag moves: no tag and no digest, or `latest`. */
export function isMutable(ref: ImageRef): boolean {
  return !ref.digest && (ref.tag === undefined || ref.tag === 'latest');
}
