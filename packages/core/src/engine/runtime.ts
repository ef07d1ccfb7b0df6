/**
 * @module engine/runtime
 * Creates and runs pipes from raw config: renders params against the context at that moment (children
 * stay raw until they run), validates them, resolves injected services, and turns any error into a
 * failed result so that the composite around it decides what happens next.
 */

import { formatIssue, formatPath, issuesFromZod, type PathSegment } from "../config/issues.ts";
import { PipeConfigSchema } from "../config/schema.ts";
import { formatPosition, positionOf } from "../config/source.ts";
import type { InjectSpec, Logger, PipeDefinition } from "../contracts/component.ts";
import { isPipeDefinition } from "../contracts/component.ts";
import type { EngineHandle } from "../contracts/engine.ts";
import type { PipeContext } from "../contracts/pipe-context.ts";
import { failure, type PipeResult, skipped } from "../contracts/pipe-result.ts";
import { errorMessage, isOtaiError, OtaiError } from "../errors.ts";
import type { ComponentRegistry } from "../plugins/registry.ts";
import type { TemplateRenderer } from "../templates/renderer.ts";
import type { ServiceContainer } from "./container.ts";

/** An error raised while running a pipe, kept for the run's outcome (`--once` exits 1 if any). */
export interface PipeIncident {
  pipeId: string;
  use: string;
  where: string;
  error: OtaiError;
}

export interface PipeRuntime {
  runPipe(raw: unknown, context: PipeContext, path: readonly PathSegment[]): Promise<PipeResult>;
  incidents(): readonly PipeIncident[];
  clearIncidents(): void;
}

export interface RuntimeOptions {
  registry: ComponentRegistry;
  container: ServiceContainer;
  renderer: TemplateRenderer;
  logger: Logger;
  signal: AbortSignal;
  once: boolean;
  engine: EngineHandle;
}

// YAML and templates spell "false" many ways; a condition that renders to any of them is false.
const FALSE_WORDS = new Set(["", "false", "no", "off", "0", "none", "null"]);

/** Whether a rendered `when:` lets the step run. */
export function isTruthyCondition(value: unknown): boolean {
  if (typeof value === "string") return !FALSE_WORDS.has(value.trim().toLowerCase());
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "symbol") return false;
  return Boolean(value);
}

export function createPipeRuntime(options: RuntimeOptions): PipeRuntime {
  const { registry, container, renderer, logger, signal, once, engine } = options;
  const states = new WeakMap<object, Map<string, unknown>>();
  const incidents: PipeIncident[] = [];

  const stateFor = (raw: object) => {
    let state = states.get(raw);
    if (!state) {
      state = new Map();
      states.set(raw, state);
    }
    return state;
  };

  const runPipe = async (raw: unknown, context: PipeContext, path: readonly PathSegment[]): Promise<PipeResult> => {
    const shape = PipeConfigSchema.safeParse(raw);
    const where = formatPosition(positionOf(raw, []));
    if (!shape.success) {
      const issues = issuesFromZod(shape.error, { raw, rawPath: path, schema: PipeConfigSchema });
      throw new OtaiError("OTAI_CONFIG_INVALID", `invalid pipe at ${where}:\n${issues.map(formatIssue).join("\n")}`);
    }
    const config = shape.data;
    const id = config.id ?? String(path[path.length - 1] ?? config.use);
    const pipeLogger = logger.child({ pipe: id });
    try {
      const found = registry.resolve(config.use);
      if (!found || !isPipeDefinition(found.definition)) {
        throw new OtaiError("OTAI_COMPONENT_UNKNOWN", `'${config.use}' at ${where} is not a registered pipe`);
      }
      const definition = found.definition as PipeDefinition<unknown, InjectSpec>;
      const condition = (raw as { when?: unknown }).when;
      if (condition !== undefined) {
        const holds = isTruthyCondition(
          typeof condition === "string" ? renderer.render(condition, context, positionOf(raw, ["when"])) : condition,
        );
        if (!holds) {
          pipeLogger.debug({ when: condition }, "condition is false; step skipped");
          return skipped(`when: condition is false`);
        }
      }
      const skip = new Set(Object.keys(definition.children ?? {}));
      // The raw params, not zod's copy: only the raw objects carry their YAML positions.
      const rendered = renderer.renderValue((raw as { params?: unknown }).params ?? {}, context, { skip });
      const parsed = definition.params.safeParse(rendered);
      if (!parsed.success) {
        const issues = issuesFromZod(parsed.error, {
          raw: rendered,
          rawPath: [...path, "params"],
          schema: definition.params,
          hideValues: true,
        });
        const positioned = issues.map((issue) => ({
          ...issue,
          position: issue.position ?? positionOf(raw, ["params"]),
        }));
        throw new OtaiError(
          "OTAI_CONFIG_INVALID",
          `params of '${id}' (${found.id}) are invalid after rendering:\n${positioned.map(formatIssue).join("\n")}`,
        );
      }
      const services: Record<string, unknown> = {};
      const serviceIds: Record<string, string> = {};
      for (const [param, kind] of Object.entries(definition.injects ?? {})) {
        const serviceId = config.injects[param];
        if (serviceId === undefined)
          throw new OtaiError("OTAI_SERVICE_UNKNOWN", `pipe '${id}' at ${where} needs '${param}' injected`);
        services[param] = await container.get(serviceId, kind, `pipe '${id}'`);
        serviceIds[param] = serviceId;
      }
      // Params can hold ticket text, which is only ever logged at debug level.
      pipeLogger.debug({ use: found.id, params: rendered }, "pipe started");
      const result = await definition.process({
        id,
        params: parsed.data,
        context,
        services,
        logger: pipeLogger,
        signal,
        state: stateFor(raw as object),
        once,
        engine,
        serviceIds,
        runChild: (child, childContext, childPath) => runPipe(child, childContext, [...path, "params", ...childPath]),
      });
      pipeLogger.debug(
        { succeeded: result.succeeded, was_skipped: result.was_skipped, message: result.message },
        "pipe finished",
      );
      return result;
    } catch (error) {
      if (signal.aborted && !isOtaiError(error)) throw error;
      const otaiError = isOtaiError(error)
        ? error
        : new OtaiError("OTAI_PIPE_FAILED", `pipe '${id}' (${config.use}) threw: ${errorMessage(error)}`, {
            cause: error,
          });
      incidents.push({ pipeId: id, use: config.use, where: formatPath(path), error: otaiError });
      pipeLogger.error({ code: otaiError.code, retryable: otaiError.retryable, at: where }, otaiError.message);
      return failure(`${otaiError.code}: ${otaiError.message}`, { error_code: otaiError.code });
    }
  };

  return {
    runPipe,
    incidents: () => incidents,
    clearIncidents: () => {
      incidents.length = 0;
    },
  };
}
