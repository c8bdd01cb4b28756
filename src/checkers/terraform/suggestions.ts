import type { Suggestion } from '../../engine/finding';
import { isJsonSyntax, type Backend, type BackendSetting } from './model';

/**
 * Adds `setting` as the first line inside a backend block, rewriting the block's opening line.
 * Only for a plain `backend "s3" {` line: anything else there (a comment, settings on the same
 * line) makes the edit unsafe, and then there is no suggestion.
 */
export function addSettingSuggestion(backend: Backend, setting: string): Suggestion | undefined {
  const { block, file } = backend;
  if (isJsonSyntax(file)) return undefined;
  const opening = file.lineText(block.line);
  const open = /^(\s*)(backend\s+(?:"[^"]*"|[\w-]+))\s*\{\s*$/.exec(opening);
  if (open && block.endLine > block.line) {
    const firstInside =
      block.attributes.find((a) => a.line > block.line) ?? block.blocks.find((b) => b.line > block.line);
    const indent = firstInside ? (/^\s*/.exec(file.lineText(firstInside.line))?.[0] ?? '') : `${open[1]}  `;
    return { line: block.line, endLine: block.line, replacement: `${opening}\n${indent}${setting}` };
  }
  return undefined;
}

/** Rewrites a setting that sits alone on its line, keeping its indentation (native syntax only). */
export function replaceSettingSuggestion(
  { attribute, file }: BackendSetting,
  setting: string,
): Suggestion | undefined {
  if (isJsonSyntax(file) || attribute.line !== attribute.endLine) return undefined;
  const line = file.lineText(attribute.line);
  if (line.trim() !== file.text.slice(attribute.start, attribute.end).trim()) return undefined;
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  return { line: attribute.line, endLine: attribute.line, replacement: `${indent}${setting}` };
}
