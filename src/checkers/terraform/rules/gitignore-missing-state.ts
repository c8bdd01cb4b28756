import { listed, type Suggestion } from '../../../engine/finding';
import type { Rule } from '../../../engine/rule';
import type { SourceFile } from '../../../engine/workspace';
import type { GitignoreFile } from '../gitignores';
import { addTo, displayDir, type IgnoreGap, type TerraformModel } from '../model';

export const gitignoreMissingState: Rule<TerraformModel> = {
  id: 'terraform/gitignore-missing-state',
  severity: 'notice',
  title: '.gitignore does not keep Terraform state out of git',
  help:
    'Terraform writes state (`terraform.tfstate`, and `terraform.tfstate.backup` beside it) and its ' +
    'working directory `.terraform/` next to the configuration. Unless .gitignore excludes them, one ' +
    '`git add .` commits plain-text secrets and a cached backend configuration. Add `*.tfstate`, ' +
    '`*.tfstate.*` and `.terraform/` to .gitignore (and keep `.terraform.lock.hcl` committed).',
  example: {
    file: '.gitignore',
    bad: 'node_modules/\n.terraform/\n',
    good: 'node_modules/\n.terraform/\n*.tfstate\n*.tfstate.*\n',
    files: { 'main.tf': 'provider "aws" {\n  region = "eu-west-1"\n}\n' },
  },
  check(model, report) {
    // One finding per .gitignore that needs the lines (or one when there is no .gitignore at all).
    const byGitignore = new Map<GitignoreFile | undefined, IgnoreGap[]>();
    for (const gap of model.ignoreGaps) addTo(byGitignore, gap.gitignore, gap);
    for (const [gitignore, gaps] of byGitignore) {
      const missing = [...new Set(gaps.flatMap((g) => g.missing))];
      const patterns = missing.map((p) => `\`${p}\``).join(', ');
      const dirs = gaps.map((g) => `\`${displayDir(g.dir)}\``);
      const shown = listed(dirs, (dir) => dir, ', ', 3);
      const first = model.modules.find((m) => m.dir === gaps[0].dir)?.files[0]?.file;
      if (gitignore?.file) {
        report({
          file: gitignore.file.path,
          line: lastContentLine(gitignore.file),
          message: `\`${gitignore.displayPath}\` does not ignore ${patterns}, which Terraform writes in ${shown}.`,
          subject: `gitignore:${gitignore.displayPath}`,
          suggestion: appendSuggestion(gitignore.file, missing),
        });
      } else if (gitignore && first) {
        // Above the scan root: the finding goes to the Terraform files, the fix to that file.
        report({
          file: first.path,
          line: 1,
          message: `\`${gitignore.displayPath}\` does not ignore ${patterns}, which Terraform writes in ${shown}.`,
          subject: `gitignore:${gitignore.displayPath}`,
        });
      } else if (first) {
        report({
          file: first.path,
          line: 1,
          message: `No .gitignore covers ${shown}: add one that ignores ${patterns}, which Terraform writes there.`,
          subject: 'gitignore:none',
        });
      }
    }
  },
};

function lastContentLine(file: SourceFile): number {
  for (let line = file.lines.length; line >= 1; line--) {
    if (file.lineText(line).trim() !== '') return line;
  }
  return 1;
}

/** Appends the patterns after the file's last non-blank line. */
function appendSuggestion(file: SourceFile, patterns: readonly string[]): Suggestion {
  const line = lastContentLine(file);
  const before = file.lineText(line);
  return {
    line,
    endLine: line,
    replacement: [...(before.trim() === '' ? [] : [before]), ...patterns].join('\n'),
  };
}
