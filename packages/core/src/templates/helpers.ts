/**
 * @module templates/helpers
 * OTAI's template helpers, with OTAI's semantics and error cases, plus `get_pipe_message`,
 * `was_skipped` and `now`. They read the context of the render in progress from a frame.
 */
import type { PipeContext } from "../contracts/pipe-context.ts";
import type { PipeResult } from "../contracts/pipe-result.ts";
import { hasFailed } from "../contracts/pipe-result.ts";
import type { TemplateHelper } from "./engine.ts";
import { fromEngineValue, toPlainData } from "./plain-data.ts";

/** The state of one render: which context it reads and whether `fail()` was called. */
export interface RenderFrame {
  context: PipeContext;
  failed: boolean;
}

export interface HelperOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Called with every value `get_env` returns, so secrets can be redacted from logs. */
  onEnvValue?: (name: string, value: string) => void;
  now?: () => Date;
}

class HelperError extends Error {
  override name = "TemplateHelperError";
}

/** `record[key]` only when it is an own data property: never inherited, never a getter. */
function ownValue(record: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(record, key);
  return descriptor && "value" in descriptor ? descriptor.value : undefined;
}

function pipeResult(frame: RenderFrame, pipeId: unknown): PipeResult {
  const id = String(pipeId);
  const result = ownValue(frame.context.pipe_results, id) as PipeResult | undefined;
  if (result === undefined) {
    const known = Object.keys(frame.context.pipe_results);
    throw new HelperError(
      `pipe '${id}' has no result here${known.length ? ` (results so far: ${known.join(", ")})` : " (no step has run before this one)"}`,
    );
  }
  return result;
}

// Jinja passes keyword arguments as a trailing dict, which reaches us as a Map.
function kwarg(args: unknown[], index: number, name: string, fallback: string): string {
  const last = args[args.length - 1];
  if (last instanceof Map) {
    if (last.has(name)) return String(last.get(name));
    args = args.slice(0, -1);
  }
  const value = args[index];
  return value === undefined || value === null ? fallback : String(value);
}

/** Builds the helper functions over a frame getter. */
export function createHelpers(currentFrame: () => RenderFrame, options: HelperOptions): Record<string, TemplateHelper> {
  return {
    get_env(name) {
      const key = String(name);
      // process.env inherits from Object.prototype: `get_env('constructor')` must not reach a host function.
      const value = ownValue(options.env, key);
      if (typeof value !== "string") throw new HelperError(`environment variable '${key}' is not set`);
      options.onEnvValue?.(key, value);
      return value;
    },
    get_pipe_result(pipeId, ...rest) {
      const dataKey = kwarg(rest, 0, "data_key", kwarg(rest, 0, "key", "value"));
      const result = pipeResult(currentFrame(), pipeId);
      const value = ownValue(result.data, dataKey);
      if (value === undefined || value === null) {
        const keys = Object.keys(result.data);
        throw new HelperError(
          `pipe '${String(pipeId)}' has no '${dataKey}' in its result${keys.length ? ` (it has: ${keys.join(", ")})` : " (its data is empty)"}${result.message ? `; its message: ${result.message}` : ""}`,
        );
      }
      return toPlainData(value);
    },
    has_failed: (pipeId) => hasFailed(pipeResult(currentFrame(), pipeId)),
    was_skipped: (pipeId) => pipeResult(currentFrame(), pipeId).was_skipped,
    get_pipe_message: (pipeId) => pipeResult(currentFrame(), pipeId).message,
    get_parent_param(key) {
      const parent = currentFrame().context.parent_params;
      if (parent === null) throw new HelperError("there are no parent params here (this pipe has no parent)");
      const name = String(key);
      if (!Object.hasOwn(parent, name)) {
        throw new HelperError(
          `parent param '${name}' not found (parent params: ${Object.keys(parent).join(", ") || "none"})`,
        );
      }
      return toPlainData(ownValue(parent, name));
    },
    at_path(value, path) {
      const parts = String(path).split(".");
      let node = fromEngineValue(value);
      for (const [i, part] of parts.entries()) {
        if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) {
          throw new HelperError(`at_path: '${parts.slice(0, i + 1).join(".")}' not found`);
        }
        node = (node as Record<string, unknown>)[part];
      }
      return node;
    },
    fail() {
      currentFrame().failed = true;
      return null;
    },
    now: () => (options.now?.() ?? new Date()).toISOString(),
  };
}
