// GitHub Actions `${{ ... }}` expressions, resolved only where the workflow itself says the value:
// `env.X` from the workflow, job and step `env`, and literal strings. Anything else (secrets,
// inputs, step outputs, functions) is unknown, and a value that holds an unknown part is skipped by
// the rules, never guessed.

/** Variables visible to a step: workflow `env`, then job `env`, then step `env` (later wins). */
export type ExpressionScope = ReadonlyMap<string, string>;

/** Values of step outputs the links know how to derive (`steps.<id>.outputs.<name>`). */
export type StepOutputs = ReadonlyMap<string, string>;

const EXPRESSION = /\$\{\{\s*([\s\S]*?)\s*\}\}/g;

/**
 * The text with every expression replaced by its value; undefined when one of them cannot be
 * resolved from the scope.
 */
export function resolveExpressions(
  text: string,
  scope: ExpressionScope,
  outputs: StepOutputs = new Map(),
): string | undefined {
  let unresolved = false;
  const out = text.replace(EXPRESSION, (_, body: string) => {
    const value = evaluate(body.trim(), scope, outputs);
    if (value === undefined) unresolved = true;
    return value ?? '';
  });
  return unresolved ? undefined : out;
}

/** Like resolveExpressions, but an unknown expression becomes `marker` so the rest stays usable. */
export function resolveExpressionsOr(
  text: string,
  scope: ExpressionScope,
  marker: string,
  outputs: StepOutputs = new Map(),
): string {
  return text.replace(EXPRESSION, (_, body: string) => evaluate(body.trim(), scope, outputs) ?? marker);
}

export function hasExpression(text: string): boolean {
  return text.includes('${{');
}

function evaluate(body: string, scope: ExpressionScope, outputs: StepOutputs): string | undefined {
  const literal = /^'((?:[^']|'')*)'$/.exec(body);
  if (literal) return literal[1].replace(/''/g, "'");
  const env = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(body) ?? /^env\[\s*'([^']+)'\s*\]$/.exec(body);
  if (env) return scope.get(env[1]);
  const output = /^steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)$/.exec(body);
  if (output) return outputs.get(`${output[1]}.${output[2]}`);
  return undefined;
}
