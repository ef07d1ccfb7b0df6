/**
 * @module logging/logger
 * Structured JSON logs (pino). Secrets are removed twice: by key (`password`, `api_token`,
 * `authorization`, ...) and by value (see {@link createSecretRegistry}). Ticket text is only logged by
 * pipes at debug level.
 */
import { type DestinationStream, type Logger, pino } from "pino";
import type { LoggingConfig } from "../config/schema.ts";
import type { SecretRegistry } from "./secrets.ts";

const LEVELS: Record<LoggingConfig["level"], pino.Level> = {
  DEBUG: "debug",
  INFO: "info",
  WARNING: "warn",
  ERROR: "error",
  CRITICAL: "fatal",
};

const SECRET_KEYS = ["password", "api_token", "access_token", "token", "secret", "authorization", "api_key"];
const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'headers["authorization"]',
  '*.headers["authorization"]',
];

export interface LoggerOptions {
  level?: LoggingConfig["level"] | pino.Level;
  secrets: SecretRegistry;
  /** Where lines go; stdout by default. The CLI passes a pretty printer on a terminal. */
  destination?: DestinationStream;
  /** Also append JSON lines to this file (OTAI's `log_to_file` with `log_file_path`). */
  file?: string;
}

/**
 * @example
 * const logger = createLogger({ level: "INFO", secrets: createSecretRegistry() });
 * logger.info({ ticket_id: "42" }, "ticket updated");
 */
export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? "INFO";
  const console = options.destination ?? pino.destination({ dest: 1, sync: true });
  const destination = options.file
    ? // Each stream takes every level; the logger's own level decides what is written.
      pino.multistream([
        { level: "trace", stream: console },
        { level: "trace", stream: pino.destination({ dest: options.file, sync: true, mkdir: true }) },
      ])
    : console;
  return pino(
    {
      level: level in LEVELS ? LEVELS[level as LoggingConfig["level"]] : (level as pino.Level),
      base: { name: "otai" },
      redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: {
        streamWrite: (line) => options.secrets.scrub(line),
      },
    },
    destination,
  );
}
