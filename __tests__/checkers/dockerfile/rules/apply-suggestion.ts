import type { Suggestion } from '../../../../src/engine/finding';

/** The file text after a suggestion replaces lines line..endLine, as GitHub applies it. */
export function applySuggestion(text: string, suggestion: Suggestion | undefined): string {
  if (!suggestion) throw new Error('expected a suggestion');
  const lines = text.split('\n');
  lines.splice(
    suggestion.line - 1,
    suggestion.endLine - suggestion.line + 1,
    ...suggestion.replacement.split('\n'),
  );
  return lines.join('\n');
}
