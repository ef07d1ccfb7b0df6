/**
 * @module contracts/component
 * Typed declarations of the things a plugin registers: services (ticket systems, classifiers, other
 * services) and pipes (including triggers). Each carries a zod schema for its params, checked when the
 * config loads.
 */
import type { Logger } from "pino";
import type { z } from "zod";
import type { SecretRegistry } from "../logging/secrets.ts";
import type { Classifier } from "./classifier.ts";
import type { EngineHandle } from "./engine.ts";
import type { PipeContext } from "./pipe-context.ts";
import type { PipeResult } from "./pipe-result.ts";
import type { TicketSystem } from "./ticket-system.ts";

export type { Logger } from "pino";

/** What a service is, so `injects` can be checked: a pipe that needs a ticket system gets one. */
export type ServiceKind = "ticket-system" | "classifier" | "template-renderer" | "service";
/** A trigger is a pipe used as a runner's `on:`; `--once` treats it as fired. */
export type PipeKind = "pipe" | "trigger";
export type ComponentKind = ServiceKind | PipeKind;

export interface ServiceKindMap {
  "ticket-system": TicketSystem;
  classifier: Classifier;
  "template-renderer": { readonly engine: string };
  service: unknown;
}

export type InjectSpec = Readonly<Record<string, ServiceKind>>;
export type InjectedServices<I extends InjectSpec> = { [K in keyof I]: ServiceKindMap[I[K]] };

// biome-ignore lint/suspicious/noExplicitAny: a schema's input type is whatever YAML gives it.
export type ParamsSchema<P> = z.ZodType<P, any>;

export interface ServiceCreateContext<I extends InjectSpec = InjectSpec> {
  id: string;
  logger: Logger;
  services: InjectedServices<I>;
  /** The directory of the config file, for resolving relative paths in params. */
  baseDir: string;
  /** Register credentials here (the HTTP client does) so no log line ever shows them. */
  secrets: SecretRegistry;
}

export interface ServiceDefinition<
  K extends ServiceKind = ServiceKind,
  P = unknown,
  I extends InjectSpec = InjectSpec,
> {
  readonly kind: K;
  /** The class-like name, e.g. `ZendeskTicketSystemService`; the registry id is `<prefix>:<name>`. */
  readonly name: string;
  readonly description?: string;
  readonly params: ParamsSchema<P>;
  readonly injects?: I;
  create(params: P, context: ServiceCreateContext<I>): ServiceKindMap[K] | Promise<ServiceKindMap[K]>;
}

/** A run of one pipe: its rendered params, the context, its injected services and engine hooks. */
export interface PipeRun<P, I extends InjectSpec = InjectSpec> {
  readonly id: string;
  readonly params: P;
  readonly context: PipeContext;
  readonly services: InjectedServices<I>;
  readonly logger: Logger;
  /** Aborted on shutdown: long waits must end early. */
  readonly signal: AbortSignal;
  /** Kept between runs of the same config node (OTAI kept it by caching the pipe instance). */
  readonly state: Map<string, unknown>;
  /** True under `otai run --once`: triggers fire at once and orchestrators run one cycle. */
  readonly once: boolean;
  /** The run mode, state store, metrics observer, webhook inbox and on-demand ticket list. */
  readonly engine: EngineHandle;
  /** The ids of the services injected into this pipe, by param (the ledger keys tickets by service id). */
  readonly serviceIds: Readonly<Record<string, string>>;
  /** Creates and runs a nested pipe from its raw config, rendering its params against `context` now. */
  runChild(config: unknown, context: PipeContext, path: readonly (string | number)[]): Promise<PipeResult>;
}

export interface PipeDefinition<P = unknown, I extends InjectSpec = InjectSpec> {
  readonly kind: PipeKind;
  readonly name: string;
  readonly description?: string;
  readonly params: ParamsSchema<P>;
  /**
   * Params that hold nested pipe configs (`steps`, `on`, `run`). They are not rendered with the parent:
   * the child renders them when it runs, so that later steps see earlier results.
   */
  readonly children?: Readonly<Record<string, "one" | "many">>;
  readonly injects?: I;
  process(run: PipeRun<P, I>): Promise<PipeResult>;
}

// Stored side by side in the registry; each one's params are checked by its own schema at load time.
// biome-ignore lint/suspicious/noExplicitAny: heterogeneous definitions.
export type ComponentDefinition = ServiceDefinition<ServiceKind, any, any> | PipeDefinition<any, any>;

/**
 * Declares a pipe with typed params and injected services.
 *
 * @example
 * export const EchoPipe = definePipe({
 *   kind: "pipe",
 *   name: "EchoPipe",
 *   params: z.object({ text: z.string() }),
 *   async process({ params }) { return success({ value: params.text }); },
 * });
 */
export function definePipe<P, I extends InjectSpec = Record<never, ServiceKind>>(
  definition: PipeDefinition<P, I>,
): PipeDefinition<P, I> {
  return definition;
}

/**
 * Declares a service (ticket system, classifier or other) with typed params.
 *
 * @example
 * export const MemoryService = defineService({
 *   kind: "ticket-system",
 *   name: "InMemoryTicketSystemService",
 *   params: z.object({ tickets: z.array(z.unknown()).default([]) }),
 *   create: (params) => createInMemoryTicketSystem(params.tickets),
 * });
 */
export function defineService<K extends ServiceKind, P, I extends InjectSpec = Record<never, ServiceKind>>(
  definition: ServiceDefinition<K, P, I>,
): ServiceDefinition<K, P, I> {
  return definition;
}

// biome-ignore lint/suspicious/noExplicitAny: see ComponentDefinition.
export function isPipeDefinition(definition: ComponentDefinition): definition is PipeDefinition<any, any> {
  return definition.kind === "pipe" || definition.kind === "trigger";
}
