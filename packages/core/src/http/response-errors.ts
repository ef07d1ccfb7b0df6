/**
 * @module http/response-errors
 * An HTTP error response as an {@link OtaiError}: the status picks the catalogue code, the body gives
 * the help desk's own message. Adapters call {@link errorFromResponse} themselves too, for errors that
 * arrive with status 200 (OTOBO) or that they detect in a body.
 */
import { STATUS_CODES } from "node:http";
import { type ErrorCode, OtaiError } from "../errors.ts";
import { truncateBody } from "./body.ts";
import { helpDeskMessage } from "./help-desk-message.ts";
import { parseRetryAfter } from "./retry-after.ts";

/** Any `Headers`: the global one, undici's, or a stand-in with `get`. */
export interface HeaderLookup {
  get(name: string): string | null;
}

/** Where the response came from; added to the message and details when known. */
export interface ResponseErrorContext {
  method?: string;
  /** As logged: secret query values already hidden. */
  path?: string;
  attempts?: number;
  /** False for a request that must not be repeated: a 5xx then does not say "retry". */
  idempotent?: boolean;
  /** For an HTTP-date `Retry-After`; defaults to `Date.now()`. */
  nowMs?: number;
}

/**
 * The catalogue code for an HTTP status, or `undefined` for a success.
 *
 * @example
 * codeForStatus(422); // "OTAI_HELPDESK_INVALID"
 * codeForStatus(200); // undefined
 */
export function codeForStatus(status: number): ErrorCode | undefined {
  if (status < 400) return undefined;
  if (status === 401 || status === 403 || status === 407) return "OTAI_HELPDESK_AUTH";
  if (status === 404 || status === 410) return "OTAI_HELPDESK_NOT_FOUND";
  if (status === 409) return "OTAI_HELPDESK_CONFLICT";
  if (status === 429) return "OTAI_HELPDESK_RATE_LIMITED";
  // 408 is the server giving up waiting for us: the request was not processed, like a 503.
  if (status === 408 || status >= 500) return "OTAI_HELPDESK_UNAVAILABLE";
  // 400 and 422 above all; 405, 413, 415 and the rest are requests the help desk will never accept either.
  return "OTAI_HELPDESK_INVALID";
}

/**
 * The error for a non-success response. 401/403 → `OTAI_HELPDESK_AUTH`, 404 → `_NOT_FOUND`, 409 →
 * `_CONFLICT`, 429 → `_RATE_LIMITED` (with `details.retryAfterMs`), 400/422 → `_INVALID`, 5xx →
 * `_UNAVAILABLE`. The message names the help desk, the status and the help desk's own explanation;
 * details hold the status and the body, cut down. Nothing of the request (headers, auth) is used.
 *
 * @example
 * const error = errorFromResponse("Zendesk", 422, { error: "RecordInvalid", description: "Record validation errors",
 *   details: { status: [{ description: "Status: closed is not valid" }] } }, new Headers());
 * error.code; // "OTAI_HELPDESK_INVALID"
 * error.message; // "Zendesk answered 422 Unprocessable Entity: Record validation errors: Status: closed is not valid"
 */
export function errorFromResponse(
  name: string,
  status: number,
  body: unknown,
  headers: HeaderLookup,
  context: ResponseErrorContext = {},
): OtaiError {
  const code = codeForStatus(status) ?? "OTAI_HELPDESK_INVALID";
  const reason = STATUS_CODES[status] ?? "";
  const where = context.method && context.path ? ` to ${context.method} ${context.path}` : "";
  const said = helpDeskMessage(body);
  const details: Record<string, unknown> = { status };
  if (context.method) details.method = context.method;
  if (context.path) details.path = context.path;
  if (context.attempts !== undefined) details.attempts = context.attempts;
  let suffix = "";
  if (code === "OTAI_HELPDESK_RATE_LIMITED") {
    const retryAfterMs = parseRetryAfter(headers.get("retry-after"), context.nowMs ?? Date.now());
    if (retryAfterMs !== undefined) {
      details.retryAfterMs = retryAfterMs;
      suffix = ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)`;
    }
  }
  if (body !== undefined) details.body = truncateBody(body);
  const message = `${name} answered ${status}${reason ? ` ${reason}` : ""}${where}${said ? `: ${said}` : ""}${suffix}`;
  // A 5xx to a POST may have been processed before the server failed: repeating it could duplicate a note.
  const retryable = code === "OTAI_HELPDESK_UNAVAILABLE" && context.idempotent === false ? false : undefined;
  return new OtaiError(code, message, retryable === undefined ? { details } : { details, retryable });
}
