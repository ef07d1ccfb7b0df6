/**
 * @module http/diagnostics
 * Help-desk request events on `node:diagnostics_channel`, one per attempt, so that metrics (or a
 * tracer) can watch every {@link createHttpClient} in the process without being passed to each one.
 * Publishing is skipped while nobody subscribes, so the channels cost nothing by default.
 *
 * The messages carry no headers and no bodies: credentials and ticket text never leave the client
 * this way; the path is the redacted one the debug log shows.
 */
import { channel } from "node:diagnostics_channel";
import type { NetworkFailureKind } from "./network-errors.ts";
import type { HttpMethod } from "./types.ts";

/** One message per attempt that got a response (any status). */
export const HTTP_RESPONSE_CHANNEL = "otai:http:response";
/** One message per attempt that failed without a response (refused, DNS, TLS, timeout, reset). */
export const HTTP_ERROR_CHANNEL = "otai:http:error";

/**
 * Published on {@link HTTP_RESPONSE_CHANNEL}.
 *
 * @example
 * import { subscribe } from "node:diagnostics_channel";
 * subscribe(HTTP_RESPONSE_CHANNEL, (message) => {
 *   const { name, status } = message as HttpResponseEvent;
 *   if (status === 429) console.log(`${name} is rate limiting us`);
 * });
 */
export interface HttpResponseEvent {
  /** The client's `name` ("Zendesk"). */
  name: string;
  method: HttpMethod;
  /** Secret-looking query values replaced, as in the logs. */
  path: string;
  status: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** Time to the response headers and body. */
  ms: number;
}

/**
 * Published on {@link HTTP_ERROR_CHANNEL}. An abort by the caller's own signal (shutdown) is not a
 * help-desk failure and is not published.
 *
 * @example
 * import { subscribe } from "node:diagnostics_channel";
 * subscribe(HTTP_ERROR_CHANNEL, (message) => {
 *   const { name, code } = message as HttpErrorEvent;
 *   console.log(`${name} unreachable: ${code}`); // "Zendesk unreachable: ECONNREFUSED"
 * });
 */
export interface HttpErrorEvent {
  name: string;
  method: HttpMethod;
  path: string;
  /**
   * The system or undici error code (`ECONNREFUSED`, `UND_ERR_SOCKET`, `CERT_HAS_EXPIRED`);
   * `ETIMEDOUT` when the client's own per-attempt timeout fired; else `OTAI_HELPDESK_UNAVAILABLE`,
   * the code the caller eventually sees.
   */
  code: string;
  /** How the failure is sorted for retrying (see `network-errors.ts`). */
  kind: NetworkFailureKind;
  attempt: number;
  /** Time until the failure. */
  ms: number;
}

/** The channel objects, kept here so that they live as long as the module (channels are weakly held). */
export const httpResponseChannel = channel(HTTP_RESPONSE_CHANNEL);
export const httpErrorChannel = channel(HTTP_ERROR_CHANNEL);
