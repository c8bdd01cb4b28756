import { scanLimits } from '../../engine/config-file';
import { timeBudgetNotice } from '../../engine/engine-rules';
import type { RawFinding } from '../../engine/finding';
import { runRules, type Checker, type Rule, type RuleMeta, type RunContext } from '../../engine/rule';
import type { SourceFile } from '../../engine/workspace';
import { dockerfileModel, dockerfileModelKind, type DockerfileModel, type DockerfileSettings } from './model';
import { DOCKERFILE_RULES } from './rules';
import { claimsDockerfile } from './claims';

export { claimsDockerfile } from './claims';

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
