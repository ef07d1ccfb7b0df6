/**
 * @module errors
 * The one catalogue of error codes. Every error the engine raises on purpose is an {@link OtaiError}
 * with a stable `code`, so that the CLI, logs and metrics can rely on it.
 */

/** Every stable error code, with whether a retry can help and the CLI exit code it maps to. */
export const ERROR_CATALOGUE = {
  OTAI_CONFIG_NOT_FOUND: { retryable: false, exitCode: 3, title: "Config file not found" },
  OTAI_CONFIG_INVALID: { retryable: false, exitCode: 3, title: "Config is invalid" },
  OTAI_TEMPLATE_ERROR: { retryable: false, exitCode: 1, title: "Template failed" },
  OTAI_PLUGIN_INCOMPATIBLE: { retryable: false, exitCode: 3, title: "Plugin is incompatible" },
  OTAI_PLUGIN_LOAD_FAILED: { retryable: false, exitCode: 3, title: "Plugin failed to load" },
  OTAI_COMPONENT_UNKNOWN: { retryable: false, exitCode: 3, title: "Unknown component" },
  OTAI_SERVICE_UNKNOWN: { retryable: false, exitCode: 3, title: "Unknown service" },
  OTAI_SERVICE_WRONG_KIND: { retryable: false, exitCode: 3, title: "Service of the wrong kind" },
  OTAI_PIPE_FAILED: { retryable: false, exitCode: 1, title: "Pipe failed" },
  OTAI_TICKET_NOT_FOUND: { retryable: false, exitCode: 1, title: "Ticket not found" },
  OTAI_TICKET_INVALID: { retryable: false, exitCode: 1, title: "Ticket data is invalid" },
  OTAI_HELPDESK_AUTH: { retryable: false, exitCode: 1, title: "Help desk rejected the credentials" },
  OTAI_HELPDESK_NOT_FOUND: { retryable: false, exitCode: 1, title: "Help desk resource not found" },
  OTAI_HELPDESK_CONFLICT: { retryable: true, exitCode: 1, title: "Help desk reported a conflicting edit" },
  OTAI_HELPDESK_RATE_LIMITED: { retryable: true, exitCode: 1, title: "Help desk rate limit reached" },
  OTAI_HELPDESK_INVALID: { retryable: false, exitCode: 1, title: "Help desk rejected the request" },
  OTAI_HELPDESK_UNAVAILABLE: { retryable: true, exitCode: 1, title: "Help desk unavailable" },
  OTAI_MODEL_OUTPUT_INVALID: { retryable: false, exitCode: 1, title: "Model returned invalid output" },
  OTAI_MODEL_INVALID: {
    retryable: false,
    exitCode: 1,
    title: "Model file is missing, corrupt or of an unknown version",
  },
  OTAI_DATA_INVALID: { retryable: false, exitCode: 1, title: "Training or evaluation data is invalid" },
  OTAI_POLICY_INVALID: { retryable: false, exitCode: 3, title: "Decision policy is invalid" },
  OTAI_DECISION_FALLBACK: { retryable: false, exitCode: 1, title: "Decision fell back" },
  OTAI_STATE_STORE: { retryable: true, exitCode: 1, title: "State store failed" },
  OTAI_DEAD_LETTER: { retryable: false, exitCode: 1, title: "Ticket moved to dead letter" },
  OTAI_WEBHOOK_INVALID: { retryable: false, exitCode: 1, title: "Webhook delivery rejected" },
  OTAI_OUTPUT_WRITE: { retryable: false, exitCode: 1, title: "Output file cannot be written" },
  OTAI_USAGE: { retryable: false, exitCode: 2, title: "Invalid command line" },
  OTAI_INTERNAL: { retryable: false, exitCode: 4, title: "Internal error" },
} as const satisfies Record<string, { retryable: boolean; exitCode: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface OtaiErrorOptions {
  cause?: unknown;
  details?: Record<string, unknown>;
  /** Overrides the catalogue default, e.g. a 5xx on a non-idempotent request is not retryable. */
  retryable?: boolean;
}

/**
 * An error with a stable code from {@link ERROR_CATALOGUE}.
 *
 * @example
 * throw new OtaiError("OTAI_SERVICE_UNKNOWN", "service 'zendesk' is not defined", { details: { id: "zendesk" } });
 */
export class OtaiError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: OtaiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "OtaiError";
    this.code = code;
    this.retryable = options.retryable ?? ERROR_CATALOGUE[code].retryable;
    this.details = options.details ?? {};
  }

  get exitCode(): number {
    return ERROR_CATALOGUE[this.code].exitCode;
  }
}

/** True when `error` is an {@link OtaiError}, optionally with the given code. */
export function isOtaiError(error: unknown, code?: ErrorCode): error is OtaiError {
  return error instanceof OtaiError && (code === undefined || error.code === code);
}

/** The message of anything thrown, without assuming it is an Error. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
