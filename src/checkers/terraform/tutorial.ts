// A configuration that is the companion of a tutorial, a codelab or a workshop says so at the top of
// its README ("This is a companion repository for the ... tutorial", "The configuration in this
// directory is used for a codelab"). Readers apply it once in their own account and destroy it:
// local state is what the tutorial intends. Only the README's opening paragraph counts, where a
// repository says what it is; a mention further down ("see the tutorial for set-up") does not.
import type { RunContext } from '../../engine/rule';

const README_NAMES = [
  'README.md',
  'readme.md',
  'Readme.md',
  'README.markdown',
  'README.rst',
  'README.txt',
  'README',
];

const COMPANION = /\bcompanion\s+(repo|repository|code|configuration)\b/i;
const FOR_A_TUTORIAL =
  /\b(for|of|in|to|with|accompan(y|ies))\s+(a|an|the|this|our)\s+[^.\n]{0,80}?\b(tutorials?|codelabs?|workshops?|hands-on\s+labs?)\b/i;

/** The opening paragraph of a README: the first block of text after the title, links kept as text. */
export function openingParagraph(text: string): string {
  const blocks = text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter((b) => b && !/^(#|=+$|-+$|!\[|<)/.test(b) && !/^[^\n]+\n(=+|-+)$/.test(b));
  return (blocks[0] ?? '').replace(/\s+/g, ' ');
}

/** Whether an opening paragraph presents the configuration as a tutorial's, codelab's or workshop's. */
export function presentsTutorial(paragraph: string): boolean {
  return COMPANION.test(paragraph) || FOR_A_TUTORIAL.test(paragraph);
}

/**
 * The README of `dir` (scan-root relative, '' at the root) whose opening paragraph presents it as the
 * companion of a tutorial, a codelab or a workshop; undefined when there is none.
 */
export function tutorialReadme(ctx: RunContext, dir: string): string | undefined {
  for (const name of README_NAMES) {
    const path = dir ? `${dir}/${name}` : name;
    const file = ctx.fileAt(path);
    if (!file) continue;
    let text: string;
    try {
      text = file.text;
    } catch {
      return undefined;
    }
    return presentsTutorial(openingParagraph(text)) ? path : undefined;
  }
  return undefined;
}
