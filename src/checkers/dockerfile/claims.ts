// Which files of a repository are Dockerfiles: by name (`Dockerfile`, `Dockerfile.api`, `api.Dockerfile`)
// or by a `# syntax=docker/dockerfile` directive, templates that render Dockerfiles left out.
import type { SourceFile } from '../../engine/workspace';

/** Names of Dockerfiles; `claimsDockerfile` also rules out the look-alikes. */
export const NAME_PATTERNS: readonly RegExp[] = [
  /^(Dockerfile|Containerfile)$/i,
  /^(Dockerfile|Containerfile)[.-][^/]+$/i,
  /^[^/]+\.(Dockerfile|dockerfile)$/,
];

/** Names that look like Dockerfiles but are not (`Dockerfile.md`, `.dockerignore`-like helpers). */
const NOT_DOCKERFILE =
  /\.(md|txt|rst|adoc|orig|rej|bak|swp|json|ya?ml|sh|py|j2|jinja2?|tmpl|tpl|template|erb|mustache|hbs|in|dockerignore)$/i;

/**
 * A template that generates Dockerfiles (Go templates, Jinja): a line that starts with `{{` or `{%`. The
 * build reads what it renders, never the template itself.
 */
function isTemplate(text: string): boolean {
  return /^[ \t]*(\{\{|\{%)/m.test(text);
}

/** `# syntax=docker/dockerfile:1` in the first lines (parser directives come before anything else). */
function hasSyntaxDirective(text: string): boolean {
  const head = text.slice(0, 1024).split(/\r?\n/, 6);
  return head.some((line) => /^#\s*syntax\s*=\s*\S*docker\/dockerfile/i.test(line));
}

export function claimsDockerfile(file: SourceFile): boolean {
  const name = file.name;
  if (
    NAME_PATTERNS.some((p) => p.test(name)) &&
    !(NOT_DOCKERFILE.test(name) && !/^(Dockerfile|Containerfile)$/i.test(name))
  ) {
    return !isTemplate(file.text);
  }
  return file.text !== '' && hasSyntaxDirective(file.text) && !isTemplate(file.text);
}
