/** An image reference split into its parts: `registry/path:tag@digest`, nothing normalised. */
export interface ImageReferenceParts {
  /** Registry and path as written, without tag and digest. */
  name: string;
  tag?: string;
  digest?: string;
}

/**
 * Splits `text` at its digest (`@`) and its tag (the last `:` after the last `/`, so a registry
 * port such as `localhost:5000/app` is not a tag). Each checker normalises the name its own way.
 */
export function splitImageReference(text: string): ImageReferenceParts {
  const at = text.indexOf('@');
  const digest = at >= 0 ? text.slice(at + 1) : undefined;
  const rest = at >= 0 ? text.slice(0, at) : text;
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  const name = tag !== undefined ? rest.slice(0, colon) : rest;
  return { name, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}
