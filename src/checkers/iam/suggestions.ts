import type { Suggestion } from '../../engine/finding';
import type { Located, PolicyDocument, Statement } from './document';
import type { IamModel } from './model';

/**
 * For a standalone JSON policy whose statement lists `ecr:GetAuthorizationToken` (or another
 * wildcard-only action) among scoped actions on their own lines: the statement rewritten with the
 * action removed, followed by a statement granting it on `*`.
 */
export function tokenStatementSuggestion(
  model: IamModel,
  document: PolicyDocument,
  statement: Statement,
  action: Located,
): Suggestion | undefined {
  if (document.source !== 'json') return undefined;
  const file = model.fileAt(document.file);
  if (!file) return undefined;
  const actions = statement.actions ?? [];
  // The action must sit on a line of its own inside a multi-line Action list.
  if (actions.length < 2 || actions.filter((a) => a.line === action.line).length !== 1) return undefined;
  if (statement.line === action.line || statement.endLine <= statement.line) return undefined;
  const lines = file.lines.slice(statement.line - 1, statement.endLine);
  const offset = action.line - statement.line;
  const actionLine = lines[offset];
  if (!actionLine.trim().startsWith(JSON.stringify(action.value))) return undefined;
  const kept = lines.filter((_, i) => i !== offset);
  // Removing the last element leaves a trailing comma on the one before it.
  const isLast = actions[actions.length - 1] === action;
  if (isLast) {
    const before = offset - 1;
    kept[before] = kept[before].replace(/,\s*$/, '');
  }
  const last = kept.length - 1;
  const closing = kept[last];
  const indent = /^\s*/.exec(lines[0])![0];
  const inner = `${indent}  `;
  const hasComma = /},\s*$/.test(closing);
  kept[last] = closing.replace(/},?\s*$/, '},');
  const added = [
    `${indent}{`,
    `${inner}"Effect": "Allow",`,
    `${inner}"Action": ${JSON.stringify(action.value)},`,
    `${inner}"Resource": "*"`,
    `${indent}}${hasComma ? ',' : ''}`,
  ];
  return { line: statement.line, endLine: statement.endLine, replacement: [...kept, ...added].join('\n') };
}
