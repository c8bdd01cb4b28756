import { scanLimits } from '../../engine/config-file';
import { timeBudgetNotice } from '../../engine/engine-rules';
import type { RawFinding } from '../../engine/finding';
import { runRules, type Checker, type Rule, type RuleMeta, type RunContext } from '../../engine/rule';
import type { SourceFile } from '../../engine/workspace';
import { dockerfileModel, dockerfileModelKind, type DockerfileModel, type DockerfileSettings } from './model';
import { DOCKERFILE_RULES } from './rules';

const NAME_PATTERNS: readonly RegExp[] = [
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

export function dockerfileSettings(ctx: RunContext): DockerfileSettings {
  const section = ctx.config.dockerfile ?? { trustedRegistries: [] };
  return { trustedRegistries: section.trustedRegistries ?? [], finalStage: section.finalStage };
}

export function createDockerfileChecker(rules: readonly Rule<DockerfileModel>[] = DOCKERFILE_RULES): Checker {
  return {
    id: 'dockerfile',
    rules: rules as readonly RuleMeta[],
    claims: claimsDockerfile,
    async run(files: readonly SourceFile[], ctx: RunContext): Promise<RawFinding[]> {
      const settings = dockerfileSettings(ctx);
      const budgetMs = scanLimits(ctx.config).fileTimeBudgetMs;
      const findings: RawFinding[] = [];
      for (const file of files) {
        let model: DockerfileModel;
        try {
          model = dockerfileModel(file, { ...settings, deadline: performance.now() + budgetMs }, ctx);
        } catch (error) {
          // The model never throws for bad input by design; this guards an unforeseen construct.
          findings.push({
            ruleId: 'dockerfile/invalid-syntax',
            file: file.path,
            line: 1,
            subject: 'model',
            message: `The Dockerfile could not be read: ${error instanceof Error ? error.message : String(error)}`,
          });
          continue;
        }
        findings.push(...runRules(rules, model, file.path));
        if (model.stoppedAt !== undefined)
          findings.push(timeBudgetNotice(file.path, model.stoppedAt, budgetMs, 'dockerfile'));
        // The rules are done with this file: a model is large, and no other file's rules read it.
        file.forget(dockerfileModelKind(settings));
      }
      return findings;
    },
  };
}

export const dockerfileChecker: Checker = createDockerfileChecker();
