/**
 * @module config/schema
 * The shape of `config.yml`: OTAI 1.x's format (root `open_ticket_ai`, `otai` or `cfg`) plus the
 * `ticket_systems:` section of OTAI's integration guides. Objects are strict, as in OTAI (`extra=forbid`),
 * so a misspelled key is an error rather than silently ignored.
 */
import { z } from "zod";
import { DurationSchema } from "./duration.ts";

export const ROOT_KEYS = ["open_ticket_ai", "otai", "cfg"] as const;

const LogLevel = z
  .string()
  .transform((level) => level.toUpperCase())
  .pipe(z.enum(["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]));

export const LoggingConfigSchema = z
  .object({
    level: LogLevel.default("INFO"),
    log_to_file: z.boolean().default(false),
    log_file_path: z.string().nullable().default(null),
    format: z
      .object({
        message_format: z.string().default("%(asctime)s - %(name)s - %(levelname)s - %(message)s"),
        date_format: z.string().default("%Y-%m-%d %H:%M:%S"),
      })
      .strict()
      .default({
        message_format: "%(asctime)s - %(name)s - %(levelname)s - %(message)s",
        date_format: "%Y-%m-%d %H:%M:%S",
      }),
  })
  .strict();
export type LoggingConfig = z.infer<typeof LoggingConfigSchema>;

const Injects = z.record(z.string(), z.string()).default({});
const Params = z
  .record(z.string(), z.unknown())
  .nullable()
  .default({})
  .transform((params) => params ?? {});

/** A service entry: `services.<id>` or `ticket_systems.<id>`. */
export const ServiceConfigSchema = z
  .object({ id: z.string().optional(), use: z.string().min(1), injects: Injects, params: Params })
  .strict();
export type ServiceConfig = z.infer<typeof ServiceConfigSchema>;

/**
 * A pipe entry: the orchestrator, a step, a runner's `on` or `run`. `when` is a condition (a template
 * or a boolean) rendered just before the step would run; when it is false the step is skipped.
 */
export const PipeConfigSchema = z
  .object({
    id: z.string().optional(),
    use: z.string().min(1),
    when: z.union([z.string(), z.boolean()]).optional(),
    injects: Injects,
    params: Params,
  })
  .strict();
export type PipeConfig = z.infer<typeof PipeConfigSchema>;

/** OTAI's `plugins:` items are `{name, version}`; their docs show bare names, so both are accepted. */
export const PluginRequirementSchema = z.union([
  z.string().transform((name) => ({ name, version: undefined as string | undefined })),
  z.object({ name: z.string(), version: z.string().optional() }).strict(),
]);
export type PluginRequirement = z.infer<typeof PluginRequirementSchema>;

/** The engine's HTTP server: health, readiness, metrics and webhooks. */
export const ServerConfigSchema = z
  .object({
    enabled: z.boolean().default(false),
    host: z.string().default("127.0.0.1"),
    port: z.number().int().min(0).max(65535).default(9464),
    /** A bearer token required on /metrics and /readyz; usually `{{ get_env('OTAI_METRICS_TOKEN') }}`. */
    token: z.string().nullable().optional(),
  })
  .strict();

/** Not in OTAI: how the engine runs (mode), where it keeps its state, and its HTTP server. */
export const EngineConfigSchema = z
  .object({
    mode: z.enum(["dry_run", "shadow", "suggest", "live"]).default("live"),
    state: z
      .object({
        /** The SQLite file of the ledger and decision log, relative to the config file; ":memory:" keeps nothing. */
        path: z.string().min(1).default("otai-state.sqlite"),
      })
      .strict()
      .default({ path: "otai-state.sqlite" }),
    server: ServerConfigSchema.default(ServerConfigSchema.parse({})),
    /** How long in-flight tickets may take to finish after SIGTERM. */
    shutdown_timeout: DurationSchema.default(30_000),
  })
  .strict();
export type EngineConfig = z.infer<typeof EngineConfigSchema>;

// OTAI's docs show `services:` both as a map keyed by id and as a list of entries with `id`. Only the
// container is checked here; each entry is checked on its own (config/load.ts), so that one bad entry
// does not hide the issues of the others behind a vague "invalid union".
const Services = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).default({});

export const OtaiConfigSchema = z
  .object({
    api_version: z.string().default(">=1.0.0"),
    plugins: z.array(PluginRequirementSchema).default([]),
    infrastructure: z
      .object({ logging: LoggingConfigSchema.default(LoggingConfigSchema.parse({})) })
      .strict()
      .default({
        logging: LoggingConfigSchema.parse({}),
      }),
    services: Services,
    ticket_systems: z.record(z.string(), z.unknown()).default({}),
    engine: EngineConfigSchema.default(EngineConfigSchema.parse({})),
    // Checked as a pipe, with its nested pipes, by config/validate.ts.
    orchestrator: z.unknown().optional(),
  })
  .strict();
export type OtaiConfigInput = z.input<typeof OtaiConfigSchema>;
export type OtaiConfigParsed = z.infer<typeof OtaiConfigSchema>;

/** Known keys per object kind, for "did you mean" on unrecognised keys. */
export const KNOWN_KEYS: Record<string, readonly string[]> = {
  root: ["api_version", "plugins", "infrastructure", "services", "ticket_systems", "engine", "orchestrator"],
  engine: ["mode", "state", "server", "shutdown_timeout"],
  server: ["enabled", "host", "port", "token"],
  state: ["path"],
  infrastructure: ["logging"],
  logging: ["level", "log_to_file", "log_file_path", "format"],
  format: ["message_format", "date_format"],
  component: ["id", "use", "when", "injects", "params"],
  plugin: ["name", "version"],
};
