/**
 * @module fakes/zendesk/request-log
 * What the fake saw of each request, for assertions: method, path, query, headers, parsed body, the
 * status it answered (0 when the connection was dropped) and, with a spec, the validation verdict.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { RequestValidation } from "../../openapi/validate-request.ts";
import type { Fault } from "./faults.ts";

export interface RecordedRequest {
  method: string;
  /** As sent, without the query string (`/api/v2/tickets/1.json`). */
  path: string;
  /** Query keys as sent (`page[size]`), last value winning. */
  query: Record<string, string>;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it was not JSON, `undefined` when there was no body. */
  body: unknown;
  /** The answer's status; 0 while pending or when the connection was dropped. */
  status: number;
  /** The injected fault this request met, if any. */
  fault?: Fault["kind"];
  /** The request's verdict against the OpenAPI spec, when the fake was started with one. */
  validation?: RequestValidation;
  /** The verdict on the fake's own JSON answer against the spec's response schema (same condition). */
  responseValidation?: RequestValidation;
}

/** Flattens Node's header object into plain strings. */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}
