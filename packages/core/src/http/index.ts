/**
 * @module http
 * The shared help-desk HTTP client and its building blocks that adapters use directly. Re-exported
 * from `@otai/core`; files prefixed `_` stay internal.
 */
export { createHttpClient } from "./client.ts";
export * from "./diagnostics.ts";
export { helpDeskMessage } from "./help-desk-message.ts";
export { type RateLimitFamily, type RateLimitObservation, readRateLimits } from "./rate-limit-headers.ts";
export { codeForStatus, errorFromResponse, type HeaderLookup, type ResponseErrorContext } from "./response-errors.ts";
export { parseRetryAfter } from "./retry-after.ts";
export type {
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  HttpResponseInfo,
  Now,
  QueryValue,
  RateLimitOptions,
  RetryOptions,
  Sleep,
} from "./types.ts";
