/**
 * @module @otai/core
 * The public API of Open Ticket AI's core: contracts for plugins, the config loader, the template
 * renderer, the engine, and the built-in components. Files prefixed `_` are internal.
 */

export { DurationSchema, parseDuration } from "./config/duration.ts";
export { type ConfigIssue, formatIssue } from "./config/issues.ts";
export { configJsonSchema } from "./config/json-schema.ts";
export { type LoadedConfig, parseConfigText, readConfig, resolveConfigPath } from "./config/load.ts";
export type { EngineConfig, LoggingConfig, PipeConfig, ServiceConfig } from "./config/schema.ts";
export { formatPosition, type SourcePosition } from "./config/source.ts";
export { validateConfig } from "./config/validate.ts";
export * from "./contracts/classifier.ts";
export * from "./contracts/component.ts";
export * from "./contracts/engine.ts";
export * from "./contracts/pipe-context.ts";
export * from "./contracts/pipe-result.ts";
export * from "./contracts/plugin.ts";
export * from "./contracts/ticket.ts";
export * from "./contracts/ticket-system.ts";
export { type App, type AppOptions, createApp, type RunOutcome } from "./engine/app.ts";
export { createTicketInbox } from "./engine/inbox.ts";
export { loadRegistry, type Prepared, type PrepareOptions, prepare } from "./engine/prepare.ts";
export type { PipeIncident } from "./engine/runtime.ts";
export * from "./errors.ts";
export { assertOutputWritable, writeOutputFile } from "./files/output-file.ts";
export * from "./http/index.ts";
export { createLogger } from "./logging/logger.ts";
export { createSecretRegistry, type SecretRegistry } from "./logging/secrets.ts";
export { basePlugin } from "./pipes/base-plugin.ts";
export { KNOWN_PLUGINS } from "./plugins/known-plugins.ts";
export type { ComponentRegistry, PluginInfo, RegisteredComponent } from "./plugins/registry.ts";
export * from "./policy/index.ts";
export * from "./server/index.ts";
export * from "./state/index.ts";
export { createTemplateRenderer, FAIL, type TemplateRenderer } from "./templates/renderer.ts";
export {
  createInMemoryTicketSystem,
  type InMemoryTicketSystem,
  type UnifiedTicketInput,
} from "./ticket-systems/in-memory.ts";
export { createJsonlTicketSystem, type JsonlTicketSystem } from "./ticket-systems/jsonl.ts";
export { InMemoryTicketSystemService, JsonlTicketSystemService } from "./ticket-systems/services.ts";
