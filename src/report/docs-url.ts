// Where a rule's documentation lives. One scheme for every report: docs/rules.md of the project's
// repository at the version that ran, each rule at its heading's anchor (`ruleDocsUrl`).
import packageJson from '../../package.json';
import { encodePath } from './common';
import type { GithubContext } from './sink';

/** Overrides the docs location (a fork, a mirror, GitHub Enterprise): the URL of its rules.md. */
export const DOCS_URL_VARIABLE = 'DEPLOY_LINT_DOCS_URL';

/** `owner/name` of the repository package.json names, or undefined when it names none on GitHub. */
export function packageRepository(repository: unknown = packageJson.repository): string | undefined {
  const url =
    typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url;
  if (typeof url !== 'string') return undefined;
  const match =
    /^(?:github:|git\+https:\/\/github\.com\/|https:\/\/github\.com\/)([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(
      url,
    );
  return match?.[1];
}

/**
 * The URL of docs/rules.md for this run: the `DEPLOY_LINT_DOCS_URL` variable when set; in the
 * action, the action's own repository at the ref that ran (a fork's action links to the fork's
 * docs); otherwise the repository in package.json at the tag of this version (`v1.2.3`), so a
 * link never points at a rule that changed since.
 */
export function rulesDocsUrl(
  env: Readonly<Record<string, string | undefined>>,
  version: string,
  github?: GithubContext,
): string | undefined {
  const override = env[DOCS_URL_VARIABLE]?.trim();
  if (override) return override;
  if (github?.actionRepository) {
    const server = github.serverUrl.replace(/\/+$/, '');
    return `${server}/${github.actionRepository}/blob/${encodePath(github.actionRef || 'HEAD')}/docs/rules.md`;
  }
  const repository = packageRepository();
  return repository ? `https://github.com/${repository}/blob/v${version}/docs/rules.md` : undefined;
}
