/**
 * @module http/network-errors
 * Failures without a response (refused connections, DNS, TLS, timeouts, dropped sockets) as
 * `OTAI_HELPDESK_UNAVAILABLE`, with the cause kept and a message that says what to do.
 */
import { OtaiError } from "../errors.ts";

/**
 * What went wrong, as far as retrying is concerned:
 * - `not-sent`: the connection was never made (refused, DNS, connect timeout), so any method may retry;
 * - `timeout`: no complete answer in time; the server may have acted on it;
 * - `certificate`: TLS verification failed, which no retry fixes;
 * - `network`: anything else (reset, closed socket); the server may have acted on it.
 */
export type NetworkFailureKind = "not-sent" | "timeout" | "certificate" | "network";

export interface NetworkFailure {
  kind: NetworkFailureKind;
  /** The system or undici error code, when there is one (`ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`). */
  code: string | undefined;
  /** The innermost message, which is the informative one (undici's outer one is "fetch failed"). */
  message: string;
}

const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME_MISMATCH/;
const TIMEOUT = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);

/** The error and its causes, outermost first; bounded because cause chains can be cyclic. */
function chain(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && out.length < 8 && !out.includes(e); ) {
    out.push(e);
    e = e instanceof Error ? e.cause : undefined;
  }
  return out;
}

/**
 * Sorts a thrown fetch error into a {@link NetworkFailureKind}. `timedOut` says the client's own
 * per-attempt timeout fired (it aborts the request, so the error itself only says "aborted").
 *
 * @example
 * classifyNetworkError(new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) }), false).kind; // "not-sent"
 */
export function classifyNetworkError(error: unknown, timedOut: boolean): NetworkFailure {
  const errors = chain(error);
  const coded = errors.find((e) => typeof (e as { code?: unknown })?.code === "string") as { code: string } | undefined;
  const code = coded?.code;
  const innermost = errors.at(-1);
  const message = innermost instanceof Error ? innermost.message : String(innermost);
  if (timedOut || (code !== undefined && TIMEOUT.has(code))) return { kind: "timeout", code, message };
  if (code !== undefined && CERTIFICATE.test(code)) return { kind: "certificate", code, message };
  if (code !== undefined && NOT_SENT.has(code)) return { kind: "not-sent", code, message };
  return { kind: "network", code, message };
}

export interface NetworkErrorContext {
  method: string;
  /** As logged: secret query values hidden. */
  path: string;
  origin: string;
  attempts: number;
  idempotent: boolean;
  timeoutMs: number;
}

/**
 * The `OTAI_HELPDESK_UNAVAILABLE` error for a failure without a response. Retryable unless a retry
 * cannot help (a certificate) or could repeat an action (a non-idempotent request that may have
 * reached the server).
 *
 * @example
 * networkError("Zendesk", { kind: "not-sent", code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:1" }, undefined,
 *   { method: "GET", path: "/tickets.json", origin: "http://127.0.0.1:1", attempts: 5, idempotent: true, timeoutMs: 30000 }).message;
 * // "Zendesk could not be reached at http://127.0.0.1:1 (GET /tickets.json, 5 attempts): connect ECONNREFUSED 127.0.0.1:1"
 */
export function networkError(
  name: string,
  failure: NetworkFailure,
  cause: unknown,
  context: NetworkErrorContext,
): OtaiError {
  const { method, path, origin, attempts } = context;
  const tried = `${method} ${path}, ${attempts} attempt${attempts === 1 ? "" : "s"}`;
  let message: string;
  if (failure.kind === "certificate") {
    message =
      `${name}: the TLS certificate of ${origin} was not accepted (${failure.code}: ${failure.message}); ` +
      "if the help desk uses its own CA, set verify to the path of its CA bundle (or to false for a test instance)";
  } else if (failure.kind === "timeout") {
    message = `${name} did not answer within ${context.timeoutMs} ms (${tried})`;
  } else if (failure.kind === "not-sent") {
    message = `${name} could not be reached at ${origin} (${tried}): ${failure.message}`;
  } else {
    message = `${name}: the connection to ${origin} failed (${tried}): ${failure.message}`;
  }
  const retryable = failure.kind === "certificate" ? false : failure.kind === "not-sent" || context.idempotent;
  return new OtaiError("OTAI_HELPDESK_UNAVAILABLE", message, {
    cause,
    retryable,
    details: { method, path, attempts, ...(failure.code ? { code: failure.code } : {}), kind: failure.kind },
  });
}
