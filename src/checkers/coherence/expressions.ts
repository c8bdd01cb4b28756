// GitHub Actions `${{ ... }}` expressions, resolved only where the workflow itself says the value:
// `env.X` from the workflow, job and step `env`; `github.repository` and its parts from the
// repository's name; `matrix.x` of a literal matrix; `inputs.x` a caller passes to a reusable
// workflow or composite action; step outputs the links derive; literal strings. Anything else
// (secrets, vars, other step outputs, functions) is unknown, and a value that holds an unknown part
// is skipped by the rules, never guessed.

/**
 * What a step sees: its environment variables by plain name (workflow, then job, then step `env`;
 * later wins), and the other contexts the links resolve by their dotted path (`github.repository`,
 * `matrix.service`, `inputs.image`). A dotted key can never collide with a variable name.
 */
export type ExpressionScope = ReadonlyMap<string, string>;

/** Values of step outputs the links know how to derive (`steps.<id>.outputs.<name>`). */
export type StepOutputs = ReadonlyMap<string, string>;

const EXPRESSION = /\$\{\{\s*([\s\S]*?)\s*\}\}/g;

/** Stands for a value only the run knows; no image name or ARN can contain it. */
export const UNKNOWN = '__unresolved_expression__';
/**
 * Stands for a value only the run knows that identifies the run or its commit (`github.sha`,
 * `github.run_number`): a tag made of it is versioned, never `latest`.
 */
export const RUN_VERSION = '__run_version__';

const RUN_VERSION_EXPRESSIONS = new Set(['github.sha', 'github.run_number', 'github.run_id']);

export function hasMarker(text: string): boolean {
  return text.includes(UNKNOWN) || text.includes(RUN_VERSION);
}

/**
 * The text with every expression replaced by its value; undefined when one of them cannot be
 * resolved from the scope (or a value it takes from the scope is itself only partly known).
 */
export function resolveExpressions(
  text: string,
  scope: ExpressionScope,
  outputs: StepOutputs = new Map(),
): string | undefined {
  const out = resolveExpressionsOr(text, scope, outputs);
  return hasMarker(out) ? undefined : out;
}

/**
 * Like resolveExpressions, but an unknown expression becomes a marker (RUN_VERSION for the run's
 * commit or number, UNKNOWN otherwise) so the rest stays usable.
 */
export function resolveExpressionsOr(
  text: string,
  scope: ExpressionScope,
  outputs: StepOutputs = new Map(),
): string {
  return text.replace(EXPRESSION, (_, raw: string) => {
    const body = raw.trim();
    return evaluate(body, scope, outputs) ?? (RUN_VERSION_EXPRESSIONS.has(body) ? RUN_VERSION : UNKNOWN);
  });
}

export function hasExpression(text: string): boolean {
  return text.includes('${{');
}

/** The scope's contexts (`github.*`, `matrix.*`, `inputs.*`) without its environment variables. */
export function contextsOnly(scope: ExpressionScope): Map<string, string> {
  return new Map([...scope].filter(([key]) => key.includes('.')));
}

function evaluate(body: string, scope: ExpressionScope, outputs: StepOutputs): string | undefined {
  const literal = /^'((?:[^']|'')*)'$/.exec(body);
  if (literal) return literal[1].replace(/''/g, "'");
  const env = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(body) ?? /^env\[\s*'([^']+)'\s*\]$/.exec(body);
  if (env) return scope.get(env[1]);
  const output = /^steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)$/.exec(body);
  if (output) return outputs.get(`${output[1]}.${output[2]}`);
  const context = /^(github|matrix|inputs)((?:\.[A-Za-z0-9_-]+)+)$/.exec(body);
  if (context) return scope.get(`${context[1]}${context[2]}`);
  const indexed = /^(matrix|inputs)\[\s*'([^']+)'\s*\]$/.exec(body);
  if (indexed) return scope.get(`${indexed[1]}.${indexed[2]}`);
  return undefined;
}
