/**
 * @module templates/engine
 * The one seam between OTAI and a Jinja implementation. The engine is MiniJinja (by Jinja's author)
 * compiled to WebAssembly: it has its own value model, so templates cannot reach JavaScript objects,
 * prototypes or globals, and `fuel` bounds the work one template may do.
 */
import { Environment } from "minijinja-js";

/** A host function callable from templates. It may throw; the engine turns that into a render error. */
export type TemplateHelper = (...args: unknown[]) => unknown;

export interface TemplateEngine {
  /** Syntax-checks a template (text with `{{ }}`/`{% %}`); returns the error message, if any. */
  check(source: string): string | undefined;
  /** Syntax-checks a bare expression. */
  checkExpression(expression: string): string | undefined;
  /** Renders text to a string. */
  renderText(source: string, scope: Record<string, unknown>): string;
  /** Evaluates one expression to its native value (null, boolean, number, string, array or object). */
  evaluate(expression: string, scope: Record<string, unknown>): unknown;
}

const UNDEFINED = "__OTAI_UNDEFINED__";
const CACHE_LIMIT = 5000;

/**
 * Creates the MiniJinja-backed engine with the given helpers as globals.
 *
 * @example
 * const engine = createMinijinjaEngine({ double: (x) => Number(x) * 2 });
 * engine.evaluate("double(21)", {}); // 42
 */
export function createMinijinjaEngine(
  helpers: Record<string, TemplateHelper>,
  options: { fuel?: number } = {},
): TemplateEngine {
  // A helper that throws inside WebAssembly panics and corrupts the engine, so helpers never throw into it:
  // the error is parked here, the helper returns undefined, and the render is failed afterwards.
  // `throw undefined` is possible, so a flag (not the value) says whether an error is parked.
  let pending: { error: unknown } | undefined;
  const build = (): Environment => {
    const fresh = new Environment();
    fresh.undefinedBehavior = "strict";
    fresh.trimBlocks = true;
    fresh.lstripBlocks = true;
    fresh.enablePyCompat();
    fresh.fuel = options.fuel ?? 200_000;
    for (const [name, helper] of Object.entries(helpers)) {
      fresh.addGlobal(name, (...args: unknown[]) => {
        try {
          return helper(...args);
        } catch (error) {
          pending ??= { error };
          return undefined;
        }
      });
    }
    return fresh;
  };
  let env = build();

  const compiled = new Map<string, string>();
  let counter = 0;
  const compile = (source: string): string => {
    let name = compiled.get(source);
    if (name === undefined) {
      if (compiled.size >= CACHE_LIMIT) {
        env.clearTemplates();
        compiled.clear();
      }
      name = `t${counter++}`;
      env.addTemplate(name, source);
      compiled.set(source, name);
    }
    return name;
  };
  const run = (source: string, scope: Record<string, unknown>): string => {
    pending = undefined;
    let output: string;
    try {
      output = env.renderTemplate(compile(source), scope);
    } catch (error) {
      const parked = pending as { error: unknown } | undefined;
      if (isPanic(error)) {
        // Whatever caused it, a panicked engine fails every later render; start a new one.
        env = build();
        compiled.clear();
      }
      if (parked) throw parked.error;
      throw new Error(cleanMessage(error));
    }
    const parked = pending as { error: unknown } | undefined;
    if (parked) throw parked.error;
    return output;
  };
  const expressionTemplate = (expression: string) =>
    `{% set __otai_value = (${expression}\n) %}{% if __otai_value is undefined %}${UNDEFINED}{% else %}{{ __otai_value|tojson }}{% endif %}`;
  const tryCompile = (source: string): string | undefined => {
    try {
      compile(source);
      return undefined;
    } catch (error) {
      return cleanMessage(error);
    }
  };

  return {
    check: tryCompile,
    checkExpression: (expression) =>
      expression.trim() === "" ? "empty expression" : tryCompile(expressionTemplate(expression)),
    renderText: run,
    evaluate(expression, scope) {
      const output = run(expressionTemplate(expression), scope);
      if (output === UNDEFINED) {
        throw new Error(
          "undefined value: an unknown name, or a missing attribute or key (use |default(...) or 'is defined')",
        );
      }
      return JSON.parse(output);
    },
  };
}

function isPanic(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /unreachable|recursive use of an object|already borrowed|RuntimeError/.test(text);
}

// MiniJinja appends "(in t12:1)" and, in debug mode, a source listing; both name our internal wrapper.
function cleanMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split("\n")[0] ?? text;
  return first.replace(/\s*\(in [^)]*\)\s*$/, "").replace("__otai_value", "value");
}
