/** Container image references: `registry/repo:tag@digest`. */
export interface ImageRef {
  /** Without tag and digest. */
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageRef {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  const name = tag !== undefined ? rest.slice(0, colon) : rest;
  return { name, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}

/** An image filled in later (`$(IMAGE)`, `${TAG}`, `<image>`, `IMAGE_PLACEHOLDER`): not what runs. */
export function isPlaceholderImage(image: string): boolean {
  return /[$<>{}]|PLACEHOLDER|^ko:\/\//i.test(image) || image.trim() === '';
}

/** Whether a tag moves: no tag and no digest, or `latest`. */
export function isMutable(ref: ImageRef): boolean {
  return !ref.digest && (ref.tag === undefined || ref.tag === 'latest');
}
