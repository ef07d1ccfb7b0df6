/**
 * @module templates/renderer
 * Renders config values against a pipe context. A string that is exactly one `{{ expr }}` yields the
 * expression's native value; other strings with `{{`/`{%` render to text. Only config values are ever
 * used as template source: rendered output and ticket data are never rendered again.
 */

import { formatPosition, positionOfKey, type SourcePosition } from "../config/source.ts";
import type { PipeContext } from "../contracts/pipe-context.ts";
import { OtaiError } from "../errors.ts";
import { createMinijinjaEngine, type TemplateEngine } from "./engine.ts";
import { createHelpers, type HelperOptions, type RenderFrame } from "./helpers.ts";
import { toPlainData } from "./plain-data.ts";

/** Returned by a single-expression template that called `fail()`; `ExpressionPipe` turns it into a failure. */
export const FAIL: unique symbol = Symbol.for("otai.fail");
export type FailMarker = typeof FAIL;

export interface TemplateRenderer {
  isTemplate(value: unknown): value is string;
  /** Renders one template string. `where` names it in errors. */
  render(source: string, context: PipeContext, where?: SourcePosition): unknown;
  /** Renders every template string inside a raw config value, leaving the keys in `skip` raw. */
  renderValue(raw: unknown, context: PipeContext, options?: { skip?: ReadonlySet<string> }): unknown;
  /** Syntax-checks a template; returns the error message, if any. */
  check(source: string): string | undefined;
}

const TEMPLATE = /\{\{|\{%|\{#/;
const SCOPE_NAMES = ["pipe_results", "params", "parent_params", "ticket"] as const;

/**
 * @example
 * const renderer = createTemplateRenderer({ env: process.env });
 * renderer.render("{{ [1, 2]|length }}", emptyContext()); // 2
 */
export function createTemplateRenderer(
  options: Partial<HelperOptions> & { engine?: TemplateEngine } = {},
): TemplateRenderer {
  let frame: RenderFrame | undefined;
  const currentFrame = (): RenderFrame => {
    if (!frame) throw new Error("template helper called outside a render");
    return frame;
  };
  const helperOptions: HelperOptions = { env: options.env ?? process.env, ...options };
  const engine = options.engine ?? createMinijinjaEngine(createHelpers(currentFrame, helperOptions));
  const scopeCache = new WeakMap<PipeContext, Map<string, unknown>>();

  // Converting the whole context on every render would copy every fetched ticket each time, so only the
  // names the template mentions are passed, converted once per context.
  const scopeFor = (source: string, context: PipeContext): Record<string, unknown> => {
    let cache = scopeCache.get(context);
    if (!cache) {
      cache = new Map();
      scopeCache.set(context, cache);
    }
    const scope: Record<string, unknown> = {};
    for (const name of SCOPE_NAMES) {
      // A name the context does not have stays undefined, so `ticket is defined` means what it says.
      if (!source.includes(name) || context[name] === undefined) continue;
      if (!cache.has(name)) cache.set(name, toPlainData(context[name]));
      scope[name] = cache.get(name);
    }
    return scope;
  };

  const render = (source: string, context: PipeContext, where?: SourcePosition): unknown => {
    const previous = frame;
    frame = { context, failed: false };
    try {
      const expression = singleExpression(source, engine);
      if (expression !== undefined) {
        const value = engine.evaluate(expression, scopeFor(source, context));
        return frame.failed && value === null ? FAIL : value;
      }
      return engine.renderText(source, scopeFor(source, context));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new OtaiError(
        "OTAI_TEMPLATE_ERROR",
        `template at ${formatPosition(where)} failed: ${reason}\n  template: ${source}`,
        {
          cause: error,
          details: { template: source, reason, ...(where ? { position: where } : {}) },
        },
      );
    } finally {
      frame = previous;
    }
  };

  const renderValue = (raw: unknown, context: PipeContext, opts: { skip?: ReadonlySet<string> } = {}): unknown => {
    const walk = (value: unknown, parent: unknown, key: string | number): unknown => {
      if (typeof value === "string")
        return TEMPLATE.test(value) ? render(value, context, positionOfKey(parent, key)) : value;
      if (Array.isArray(value)) return value.map((item, index) => walk(item, value, index));
      if (typeof value === "object" && value !== null) {
        const out: Record<string, unknown> = {};
        for (const [k, item] of Object.entries(value)) {
          const rendered = parent === undefined && opts.skip?.has(k) ? item : walk(item, value, k);
          Object.defineProperty(out, k, { value: rendered, enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      return value;
    };
    return walk(raw, undefined, "");
  };

  return {
    isTemplate: (value): value is string => typeof value === "string" && TEMPLATE.test(value),
    render,
    renderValue,
    check(source) {
      const expression = singleExpression(source, engine);
      return expression !== undefined ? undefined : engine.check(source);
    },
  };
}

// "{{ a }} and {{ b }}" also starts with {{ and ends with }}; it is one expression only if the inside parses.
function singleExpression(source: string, engine: TemplateEngine): string | undefined {
  const trimmed = source.trim();
  if (!trimmed.startsWith("{{") || !trimmed.endsWith("}}")) return undefined;
  let inner = trimmed.slice(2, -2);
  if (inner.startsWith("-")) inner = inner.slice(1);
  if (inner.endsWith("-")) inner = inner.slice(0, -1);
  return engine.checkExpression(inner) === undefined ? inner : undefined;
}
